#!/usr/bin/env bash
# Instruction counts of the loops benches/parse.rs times, under callgrind:
# unlike timings they do not depend on what else the machine is doing, so two
# runs on a busy shared machine give the same numbers. Writes
# results/instructions.tsv (read by report.py).
#
#   bash bench/count.sh                 # every shape, both builds (about 15 minutes)
#   ITERATIONS=20 bash bench/count.sh   # fewer iterations per count
#   SHAPES="eventbridge.event ecr.event" bash bench/count.sh   # those shapes' rows
#                                       # only, replacing theirs and keeping the others
#
# Each loop runs twice, for 0 and for ITERATIONS iterations; the difference
# divided by ITERATIONS is one iteration's instructions, with the program's
# start-up and the fixtures' loading taken out.
set -euo pipefail
cd "$(dirname "$0")"
ITERATIONS=${ITERATIONS:-40}
OUT=results/instructions.tsv
mkdir -p results
command -v valgrind >/dev/null || { echo "count.sh needs valgrind (Debian: apt-get install valgrind)" >&2; exit 1; }

# The bench executable of one build (the arguments select it).
bench_binary() {
  cargo bench --locked --bench parse --no-run --message-format=json "$@" 2>/dev/null |
    python3 -c 'import json, sys
paths = [m["executable"] for m in map(json.loads, sys.stdin)
         if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "parse"]
print(paths[-1])'
}

# instructions BINARY SPEC: callgrind's total for BENCH_COUNT=SPEC.
instructions() {
  local log
  log=$(mktemp)
  BENCH_COUNT=$2 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" >/dev/null 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  grep -oE 'Collected : [0-9]+' "$log" | grep -oE '[0-9]+$'
  rm -f "$log"
}

read -r -a SHAPES <<<"${SHAPES:-}"
if [[ ${#SHAPES[@]} -eq 0 || ! -f "$OUT" ]]; then
  printf 'kind\tshape\timplementation\tbytes\tinstructions\n' >"$OUT"
else
  kept=$(mktemp)
  awk -F'\t' -v drop=" ${SHAPES[*]} " 'NR == 1 || index(drop, " " $2 " ") == 0' "$OUT" >"$kept"
  mv "$kept" "$OUT"
fi
for build in default catch-all; do
  if [[ $build == default ]]; then
    binary=$(bench_binary)
    implementations=(ours ignored_any aws_default)
  else
    binary=$(bench_binary --features catch-all)
    implementations=(aws_catch_all)
  fi
  for shape in $(BENCH_COUNT=list "$binary"); do
    [[ ${#SHAPES[@]} -eq 0 || " ${SHAPES[*]} " == *" $shape "* ]] || continue
    for kind in deserialize serialize; do
      for implementation in "${implementations[@]}"; do
        [[ $kind == serialize && $implementation == ignored_any ]] && continue
        spec="$kind/$shape/$implementation"
        bytes=$(BENCH_COUNT="$spec/0" "$binary")
        [[ $bytes == 0 ]] && continue # aws_lambda_events parses none of the shape's fixtures
        base=$(instructions "$binary" "$spec/0")
        total=$(instructions "$binary" "$spec/$ITERATIONS")
        per_iteration=$(((total - base) / ITERATIONS))
        printf '%s\t%s\t%s\t%s\t%s\n' "$kind" "$shape" "$implementation" "$bytes" "$per_iteration" >>"$OUT"
        echo "$spec: $per_iteration instructions for $bytes bytes"
      done
    done
  done
done
echo "wrote bench/$OUT"
