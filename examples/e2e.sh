#!/usr/bin/env bash
# End to end on a real Lambda Runtime API: every case of examples/e2e/cases.tsv
# is sent to its example handler through cargo-lambda's local emulator, and the
# typed response (or the function error) is compared with what the case expects.
# The streaming handler is then called over HTTP at the emulator's function URL
# endpoint (examples/e2e/streaming.py): its chunks must arrive as produced.
# A malformed event must come back as a function error, and the function must
# keep serving the next invocation.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/e2e-venv
if [ ! -x "$venv/bin/cargo-lambda" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet cargo-lambda
fi
export PATH="$PWD/$venv/bin:$PATH"

cargo build -q -p lambda-event-catalog-examples
port=$((9300 + RANDOM % 600))
log=target/e2e-watch.log
cargo lambda watch --manifest-path examples/Cargo.toml -A 127.0.0.1 -P "$port" --ignore-changes >"$log" 2>&1 &
watch=$!
trap 'kill "$watch" 2>/dev/null || true; wait "$watch" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "starting Runtime server" "$log" && break
  kill -0 "$watch" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done

passed=0
failed=0
while IFS=$'\t' read -r handler event expected; do
  [ "$handler" = handler ] && continue
  if output=$(cargo lambda invoke -A 127.0.0.1 -P "$port" "$handler" --data-file "$event" --output-format json 2>&1); then
    status=ok
  else
    status=error
  fi
  case "$expected" in
    error:*)
      want=${expected#error: }
      # The emulator wraps long messages in a box: compare with the box and line breaks folded away.
      folded=$(tr -s ' \n│' ' ' <<<"$output")
      if [ "$status" = error ] && grep -qF -- "$want" <<<"$folded"; then verdict=pass; else verdict=fail; fi
      ;;
    *)
      if [ "$status" = ok ] && python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1]) != json.load(open(sys.argv[2])))' "$output" "$expected"; then
        verdict=pass
      else
        verdict=fail
      fi
      ;;
  esac
  if [ "$verdict" = pass ]; then
    passed=$((passed + 1))
    echo "pass $handler < $event"
  else
    failed=$((failed + 1))
    echo "FAIL $handler < $event: expected $expected, got ($status):"
    echo "$output" | sed 's/^/    /'
  fi
done <examples/e2e/cases.tsv

# The streaming handler, through the emulator's function URL endpoint.
if python3 examples/e2e/streaming.py "$port"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
