#!/usr/bin/env bash
# Seeds each shape's corpus (fuzz/corpus/<shape id>/) with the fixtures of
# that shape, and writes a libFuzzer dictionary of the member names they use
# (fuzz/dict/<shape id>.dict). Both are copies, not committed.
set -euo pipefail
cd "$(dirname "$0")"
for folder in ../fixtures/*/*/; do
  source=$(basename "$(dirname "$folder")")
  name=$(basename "$folder")
  id="$source.$name"
  mkdir -p "corpus/$id" dict
  cp "$folder"*.json "corpus/$id/"
  {
    printf '"%s"\n' '{' '}' '[' ']' ':' ',' 'null' 'true' 'false' '\"' '\\u0000' '1e400' '-0' '1.5e-7' '\"\"'
    grep -ohE '"[A-Za-z0-9_:.$-]+"' "$folder"*.json | sort -u | sed 's/"/\\"/g; s/^/"/; s/$/"/'
  } > "dict/$id.dict"
done
