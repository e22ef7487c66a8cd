#!/usr/bin/env bash
# Versioning (README "Versioning"): the events crate and the facade against
# the baseline, with cargo-semver-checks; then, on a copy of the repository,
# a member and an enum value added to a schema and regenerated must be a minor
# change that the user crate of .ci/outside/ still builds against.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
command -v cargo-semver-checks >/dev/null || { echo "needs cargo-semver-checks: cargo install --locked cargo-semver-checks" >&2; exit 1; }
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then git fetch -q --unshallow; fi

# The latest release tag, or else the state before the latest change of a
# schema or of the emitter.
baseline=$(git tag --list 'v*' --sort=-v:refname | head -1)
if [ -z "$baseline" ]; then
  baseline="$(git log -1 --format=%H -- schemas codegen/src/emit.rs)^"
fi
echo "baseline: $baseline ($(git log -1 --format='%h %s' "$baseline" | cut -c1-100))"
echo "-- what changed for users since then (cargo codegen changelog)"
cargo codegen changelog "$baseline" | tail -15
echo "-- cargo semver-checks against it"
cargo semver-checks -p lambda-event-catalog-events -p lambda-event-catalog --baseline-rev "$baseline"

echo "-- a member and an enum value added to sqs.event, on a copy: minor"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git ls-files -z | (mkdir -p "$scratch/copy" && xargs -0 cp --parents -t "$scratch/copy")
# The copy is a repository of its own, so that `changelog` compares it with its first state.
git -C "$scratch/copy" init -q && git -C "$scratch/copy" add -A
git -C "$scratch/copy" -c user.name=ci -c user.email=ci@example.invalid commit -qm "the catalogue as checked out"
python3 - "$scratch/copy/schemas/sqs/event.schema.json" <<'PY'
import json, sys
path = sys.argv[1]
schema = json.load(open(path))
schema["$defs"]["SqsMessage"]["properties"]["approximateSizeBytes"] = {"description": "A member AWS added.", "type": "integer"}
schema["$defs"]["SqsEventSource"]["x-open-enum"].append("aws:sqs-preview")
json.dump(schema, open(path, "w"), indent=2)
PY
cargo codegen --root "$scratch/copy" generate | tail -1
cargo codegen --root "$scratch/copy" changelog HEAD | tail -6
cargo semver-checks -p lambda-event-catalog-events -p lambda-event-catalog --manifest-path "$scratch/copy/Cargo.toml" --baseline-root "$repo" --release-type minor
cp -r .ci/outside "$scratch/user" && sed "s|@REPO@|$scratch/copy|" .ci/outside/Cargo.toml.in > "$scratch/user/Cargo.toml" && rm "$scratch/user/Cargo.toml.in"
cp Cargo.lock "$scratch/user/Cargo.lock"
(cd "$scratch/user" && CARGO_TARGET_DIR="$repo/target" cargo test -q 2>&1 | grep -E "test result|error" )
