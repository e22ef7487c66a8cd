#!/usr/bin/env bash
# fuzz/run.sh SECONDS [SHAPE_ID...]: fuzzes every shape of the registry (or the
# shapes named) for SECONDS each, one shape after the other, and prints a
# row per shape (seconds, executions, coverage, crashes) for fuzz/README.md.
# Crashing inputs land in fuzz/artifacts/<shape id>/ (replay one with
# `FUZZ_SHAPE=<id> fuzz/target/<host>/release/shape <file>`).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). It builds with nightly-only
# flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/run.sh SECONDS (per shape) [SHAPE_ID...]}
shift
export RUSTC_BOOTSTRAP=1

./seed.sh
# No sanitizer: every crate of ours forbids unsafe code, so AddressSanitizer
# would find nothing and cost half the executions. Debug assertions catch
# integer overflow.
cargo fuzz build --sanitizer none --debug-assertions shape
binary="target/$(rustc -vV | sed -n 's/^host: //p')/release/shape"

known=$(FUZZ_SHAPE=list "$binary" -runs=0 2>/dev/null)
shapes=("$@")
if [ ${#shapes[@]} -eq 0 ]; then
  read -r -d '' -a shapes <<<"$known" || true
fi
for id in "${shapes[@]}"; do
  if ! grep -qx -- "$id" <<<"$known"; then
    echo "unknown shape id: $id (FUZZ_SHAPE=list $binary -runs=0 lists them)" >&2
    exit 2
  fi
done

# One row per shape, in the table format of README.md, so the table is this output.
thousands() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }
echo "| shape | seconds | executions | coverage (edges) | crashes |"
echo "|---|---:|---:|---:|---:|"
crashed=0
for id in "${shapes[@]}"; do
  mkdir -p "artifacts/$id"
  log="artifacts/$id/last-run.log"
  status=0
  FUZZ_SHAPE=$id nice "$binary" "corpus/$id" -dict="dict/$id.dict" -max_total_time="$seconds" \
    -max_len=16384 -timeout=10 -artifact_prefix="artifacts/$id/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  executions=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo '?')
  crashes=$(find "artifacts/$id" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  echo "| \`$id\` | $seconds | $(thousands <<<"$executions") | $(thousands <<<"$coverage") | $crashes |"
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    crashed=1
    grep -m1 -A3 'panicked at' "$log" >&2 || tail -n 5 "$log" >&2
  fi
done
exit "$crashed"
