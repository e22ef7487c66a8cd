#!/usr/bin/env bash
# Build cost of the events library beside aws_lambda_events, and the size of
# release SQS and HTTP API handlers built on each. Writes results/build-cost.tsv (read by
# report.py) and logs every cargo run under target-build-cost/logs/.
#
#   bash bench/build-cost.sh            # everything (about an hour on 2 cores)
#   ONLY=handlers bash bench/build-cost.sh   # one part: cold, features or handlers
#   CRATES=ours bash bench/build-cost.sh     # one side: ours or aws (a rerun's rows replace the old ones)
#
# What it measures, each in a target directory of its own under
# bench/target-build-cost/ (never the repository's target/):
#
# - cold: from an empty target directory, `cargo build` (debug) and
#   `cargo build --release` of a throwaway crate (build-cost/ours or
#   build-cost/aws) that depends on the library with every source's feature:
#   the library and all its dependencies, proc macros included.
# - features: in that same target directory, for each single feature and for
#   all of them: an untimed build with exactly that feature set (so that every
#   dependency is built with the features it needs, which for
#   aws_lambda_events differ from feature to feature), then `cargo clean -p
#   <library>` and the timed build, which compiles the library (and the
#   one-line throwaway crate) alone. The cargo output is kept, and any other
#   crate it compiled is named in the `note` column (there should be none).
# - handlers: `cargo build --release` of the SQS handlers handlers/ours and
#   handlers/aws and the HTTP API handlers handlers/ours-http-api and
#   handlers/aws-http-api (one shared target directory; sizes do not depend
#   on the order), the size of
#   each binary as built and stripped, and the timed rebuild of the handler
#   crate alone after `cargo clean -p` (what a user waits for when the
#   library is built: the code their crate instantiates).
#
# Each build is timed once (a cold build cannot be repeated cheaply on 2
# cores): wall-clock seconds, and the CPU seconds (user + system) of cargo and
# every compiler it ran. CPU time is what a build costs whatever else the
# machine is doing; wall time is what a user on this machine waits.
set -euo pipefail
cd "$(dirname "$0")"
# Both libraries build as a user's dependency from crates.io does: without
# incremental compilation, which cargo would otherwise turn on in debug for
# ours alone (a path dependency), at the price of writing its query cache.
export CARGO_INCREMENTAL=0

# FEATURES="sqs apigw" bash build-cost.sh measures those rows (and `all`) only.
# @generated sources: every source of schemas/ (`cargo codegen generate`)
read -r -a FEATURES <<<"${FEATURES:-acm alb apigw appsync autoscaling batch bedrock_agent chime clientvpn cloudformation cloudtrail cloudwatch cloudwatch_logs codebuild codecommit codedeploy codepipeline cognito config connect documentdb dynamodb ec2 ecr ecs emr eventbridge firehose gamelift glue guardduty health iot kafka kinesis kinesis_analytics kms lambda lambda_url lex macie mq s3 secretsmanager securityhub ses sns sqs ssm stepfunctions tag transcribe transfer trustedadvisor vpc_lattice}"
# @end sources
# Sources aws_lambda_events has no counterpart for, the empty features of
# build-cost/aws/Cargo.toml: their aws rows stay empty.
NO_COUNTERPART=" $(sed -n 's/^\([a-z0-9_]*\) = \[\]$/\1/p' build-cost/aws/Cargo.toml | tr '\n' ' ')"
BASE=target-build-cost
OUT=results/build-cost.tsv
ONLY=${ONLY:-}
read -r -a CRATES <<<"${CRATES:-ours aws}"
suffix=""
[[ ${#CRATES[@]} -eq 2 ]] || suffix="-${CRATES[0]}"
META="results/build-cost.meta.${ONLY:-all}$suffix"
mkdir -p "$BASE/logs" results

if [[ ( -z "$ONLY" && ${#CRATES[@]} -eq 2 ) || ! -f "$OUT" ]]; then
  printf 'kind\tcrate\tprofile\tfeatures\tseconds\tcpu_seconds\tbytes\tnote\n' >"$OUT"
fi
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "rustc=$(rustc -V)"
  echo "cargo=$(cargo -V)"
  echo "nproc=$(nproc)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$META"

cargo fetch --locked -q

library_of() { if [[ $1 == ours ]]; then echo lambda-event-catalog-events; else echo aws_lambda_events; fi; }

# time_build LOG ARGS... : runs cargo build ARGS, prints the wall-clock
# seconds and the CPU seconds (user + system, children included).
time_build() {
  local log=$1
  shift
  local times
  times=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$times" cargo build --locked "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$times"; return 1; }
  awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$times"
  rm -f "$times"
}

record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$OUT"; }

profile_flag() { if [[ $1 == release ]]; then echo --release; fi; }

cold_and_features() {
  local crate=$1 profile=$2 dir="$BASE/$1-$2" library
  library=$(library_of "$crate")
  export CARGO_TARGET_DIR="$PWD/$dir"
  if [[ -z "$ONLY" || "$ONLY" == cold ]]; then
    rm -rf "$dir"
    local log="$BASE/logs/cold-$crate-$profile.log" times wall cpu
    times=$(time_build "$log" -p "build-cost-$crate" --features all $(profile_flag "$profile"))
    read -r wall cpu <<<"$times"
    local crates
    crates=$(grep -c '^ *Compiling ' "$log" || true)
    record cold "$crate" "$profile" all "$wall" "$cpu" "" "$crates crates compiled"
    echo "cold $crate $profile: ${wall}s wall, ${cpu}s CPU ($crates crates)"
  fi
  if [[ -z "$ONLY" || "$ONLY" == features ]]; then
    for feature in "${FEATURES[@]}" all; do
      if [[ $crate == aws && $NO_COUNTERPART == *" $feature "* ]]; then
        record features aws "$profile" "$feature" "" "" "" "no counterpart in aws_lambda_events"
        continue
      fi
      # Warm: the dependencies as this feature set needs them, untimed.
      cargo build --locked -q -p "build-cost-$crate" --features "$feature" $(profile_flag "$profile")
      cargo clean --locked -q -p "$library" $(profile_flag "$profile")
      local log="$BASE/logs/features-$crate-$profile-$feature.log" times wall cpu others
      times=$(time_build "$log" -p "build-cost-$crate" --features "$feature" $(profile_flag "$profile"))
      read -r wall cpu <<<"$times"
      others=$(grep '^ *Compiling ' "$log" | awk '{print $2}' | grep -v -x -e "$library" -e "build-cost-$crate" | paste -sd, || true)
      record features "$crate" "$profile" "$feature" "$wall" "$cpu" "" "${others:+also compiled: $others}"
      echo "features $crate $profile $feature: ${wall}s wall, ${cpu}s CPU ${others:+(also compiled: $others)}"
    done
  fi
  unset CARGO_TARGET_DIR
}

for crate in "${CRATES[@]}"; do
  for profile in debug release; do
    if [[ -z "$ONLY" || "$ONLY" == cold || "$ONLY" == features ]]; then
      cold_and_features "$crate" "$profile"
    fi
  done
done

if [[ -z "$ONLY" || "$ONLY" == handlers ]]; then
  export CARGO_TARGET_DIR="$PWD/$BASE/handlers"
  for crate in "${CRATES[@]}"; do
    # handlers/<crate> is an SQS handler, handlers/<crate>-http-api an HTTP API one.
    for handler in sqs http-api; do
      package="handler-$crate"
      [[ $handler == sqs ]] || package="handler-$crate-$handler"
      log="$BASE/logs/$package.log"
      time_build "$log" --release -p "$package" >/dev/null
      # The user's side: the handler crate alone, on top of a built library.
      cargo clean --locked -q -p "$package" --release
      read -r wall cpu <<<"$(time_build "$log" --release -p "$package")"
      record handler-crate "$crate" release "$handler" "$wall" "$cpu" "" "the handler crate alone, library and dependencies built"
      echo "handler crate $package: ${wall}s wall, ${cpu}s CPU"
      binary="$CARGO_TARGET_DIR/release/$package"
      strip -o "$binary.stripped" "$binary"
      record binary "$crate" release "$handler" "" "" "$(stat -c %s "$binary")" "as built (cargo's default release profile)"
      record binary-stripped "$crate" release "$handler" "" "" "$(stat -c %s "$binary.stripped")" "strip"
      echo "handler $package: $(stat -c %s "$binary") bytes, $(stat -c %s "$binary.stripped") stripped"
    done
  done
  unset CARGO_TARGET_DIR
fi

echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$META"
echo "wrote bench/$OUT"
