#!/usr/bin/env python3
"""Writes BENCHMARKS.md (at the repository root) from the runs of bench/.

Reads, all relative to bench/:
- target/criterion/{deserialize,serialize}/<shape>/<impl>/new/{estimates,benchmark}.json
  (criterion's output of `cargo bench`, both builds);
- target/bench-selection/aws_default.tsv and aws_catch_all.tsv (which
  fixtures each build measured, and why the others were left out);
- results/build-cost.tsv and results/build-cost.meta.* (build-cost.sh);
- results/instructions.tsv (count.sh).

Python 3 standard library only. Usage: python3 bench/report.py [--out PATH]
"""

import argparse
import csv
import datetime
import glob
import json
import math
import os
import platform
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
CRITERION = os.path.join(BENCH, "target", "criterion")
IMPLS = ["ours", "aws_default", "aws_catch_all", "ignored_any"]

# The targets of issue 9.
TARGET_VS_CATCH_ALL = 1.2
TARGET_VS_DEFAULT = 1.0
TARGET_FLOOR_SLOWDOWN = 2.5


def run(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def read_estimate(kind, shape, impl):
    """Median seconds per iteration and bytes per iteration, or None."""
    base = os.path.join(CRITERION, kind, shape, impl, "new")
    try:
        with open(os.path.join(base, "estimates.json")) as f:
            estimates = json.load(f)
        with open(os.path.join(base, "benchmark.json")) as f:
            benchmark = json.load(f)
    except FileNotFoundError:
        return None
    seconds = estimates["median"]["point_estimate"] * 1e-9
    throughput = benchmark.get("throughput") or {}
    nbytes = throughput.get("Bytes") or throughput.get("BytesDecimal")
    return seconds, nbytes


def mb_per_s(entry):
    if entry is None or not entry[1]:
        return None
    seconds, nbytes = entry
    return nbytes / seconds / 1e6


def read_tsv(*parts):
    """The rows of the TSV file at BENCH/parts…, or None when there is none."""
    path = os.path.join(BENCH, *parts)
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_selection(variant):
    return read_tsv("target", "bench-selection", f"{variant}.tsv")


def read_clock(variant):
    path = os.path.join(BENCH, "target", "bench-selection", f"{variant}.clock")
    try:
        with open(path) as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def geomean(values):
    values = [v for v in values if v]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def ratio(a, b):
    return None if a is None or b is None else a / b


def shapes_in_fixtures():
    shapes = []
    for source in sorted(os.listdir(os.path.join(ROOT, "fixtures"))):
        folder = os.path.join(ROOT, "fixtures", source)
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if os.path.isdir(os.path.join(folder, name)):
                    shapes.append(f"{source}.{name}")
    return shapes


def read_instructions():
    """(kind, shape, implementation) -> instructions per byte, from count.sh."""
    rows = read_tsv("results", "instructions.tsv") or []
    return {(row["kind"], row["shape"], row["implementation"]): int(row["instructions"]) / int(row["bytes"]) for row in rows}


def read_build_cost():
    # A part run again (ONLY=…, CRATES=…) appends: the last row of a key wins.
    rows = {(row["kind"], row["crate"], row["profile"], row["features"]): row for row in read_tsv("results", "build-cost.tsv") or []}
    meta = {}
    for meta_path in sorted(glob.glob(os.path.join(BENCH, "results", "build-cost.meta.*"))):
        part = meta_path.rsplit(".", 1)[1]
        with open(meta_path) as f:
            meta[part] = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    return rows, meta


def seconds_of(rows, key, column="seconds"):
    """Wall-clock seconds of a build (or, with column="cpu_seconds", its CPU seconds)."""
    row = rows.get(key)
    if not row or not row.get(column):
        return None
    return float(row[column])


def verdict(ok):
    return "–" if ok is None else ("**met**" if ok else "**missed**")


def build_cost_target(rows, w):
    """The row of the targets table about build time, when build-cost.sh measured it."""
    ours_debug = seconds_of(rows, ("cold", "ours", "debug", "all"))
    aws_debug = seconds_of(rows, ("cold", "aws", "debug", "all"))
    ours_debug_lib = seconds_of(rows, ("features", "ours", "debug", "all"), "cpu_seconds")
    aws_debug_lib = seconds_of(rows, ("features", "aws", "debug", "all"), "cpu_seconds")
    if ours_debug is not None and aws_debug is not None:
        ours_cpu = seconds_of(rows, ("cold", "ours", "debug", "all"), "cpu_seconds")
        aws_cpu = seconds_of(rows, ("cold", "aws", "debug", "all"), "cpu_seconds")
        lib = ""
        if ours_debug_lib is not None and aws_debug_lib is not None:
            lib = f"; the library alone on warm dependencies: {ours_debug_lib:.1f} vs {aws_debug_lib:.1f} CPU seconds"
        faster = ours_debug < aws_debug and (ours_cpu is None or aws_cpu is None or ours_cpu < aws_cpu)
        cpu = f", {ours_cpu:.1f} vs {aws_cpu:.1f} CPU seconds" if ours_cpu is not None and aws_cpu is not None else ""
        w(f"| debug build of all sources faster than aws_lambda_events with the same features | "
          f"from a clean target directory: {ours_debug:.1f} s vs {aws_debug:.1f} s wall ({aws_debug / ours_debug:.2f}× faster){cpu}{lib} | "
          f"{verdict(faster)} |")


def build_cost_section(rows, meta, w):
    """The "Build cost" section, from the rows and run metadata of build-cost.sh."""
    w("## Build cost")
    w("")
    if not rows:
        w("No `bench/results/build-cost.tsv` yet: run `bash bench/build-cost.sh`.")
    else:
        for part, values in meta.items():
            w(f"- build-cost.sh ({'every part' if part == 'all' else 'part ' + part}): {values.get('date', '?')}, "
              f"load average {values.get('loadavg_start', '?')} at the start, {values.get('loadavg_end', '?')} at the end")
        w("")
        w("**From a clean target directory** (`cargo build` of a throwaway crate depending on the library with every")
        w("source's feature: the library and all its dependencies, proc macros included; wall-clock seconds with")
        w("`cargo`'s default two jobs, and CPU seconds, user + system, of cargo and every compiler it ran):")
        w("")
        w("| profile | ours wall | aws wall | aws ÷ ours | ours CPU | aws CPU | aws ÷ ours | crates compiled (ours / aws) |")
        w("|---|---|---|---|---|---|---|---|")
        for profile in ["debug", "release"]:
            key_o, key_a = ("cold", "ours", profile, "all"), ("cold", "aws", profile, "all")
            o, a = rows.get(key_o), rows.get(key_a)
            os_, as_ = seconds_of(rows, key_o), seconds_of(rows, key_a)
            oc, ac = seconds_of(rows, key_o, "cpu_seconds"), seconds_of(rows, key_a, "cpu_seconds")
            count = lambda r: r["note"].split()[0] if r else "–"
            w(f"| {profile} | {fmt(os_)} | {fmt(as_)} | {fmt(ratio(as_, os_), 2)} | {fmt(oc)} | {fmt(ac)} | {fmt(ratio(ac, oc), 2)} | "
              f"{count(o)} / {count(a)} |")
        w("")
        w("**The library alone, per feature** (for each feature set: an untimed build with exactly those features, so")
        w("that every dependency is built as that set needs it, then `cargo clean -p` the library and the timed build,")
        w("which compiles it and the one-line throwaway crate only; CPU seconds). Feature names are ours;")
        w("aws_lambda_events gets the matching ones (`s3` + `s3_batch_job`, `kinesis` + `streams`, `mq` = `activemq`")
        w("+ `rabbitmq`, `lambda_url` = `lambda_function_urls`, `bedrock_agent` = `bedrock_agent_runtime`, `cloudwatch` = `cloudwatch_alarms`, `eventbridge` = `eventbridge` + `cloudwatch_events`, `codepipeline` = `codepipeline_job` + `codepipeline_cloudwatch`, `ecr` = `ecr_scan`; `lambda`, `transfer` and `ecs` have no counterpart). `all` is every source of")
        w("`bench/build-cost/ours`, and the matching features there. A row left `–` was not measured in this run.")
        w("")
        w("| features | ours debug | aws debug | aws ÷ ours | ours release | aws release | aws ÷ ours |")
        w("|---|---|---|---|---|---|---|")
        notes = []
        measured = sorted({key[3] for key in rows if key[0] == "features" and key[3] != "all"})
        for feature in measured + ["all"]:
            cells = []
            for profile in ["debug", "release"]:
                for crate in ["ours", "aws"]:
                    row = rows.get(("features", crate, profile, feature))
                    value = seconds_of(rows, ("features", crate, profile, feature), "cpu_seconds")
                    cells.append(fmt(value, 2) if value is not None else ("n/a" if row else "–"))
                    if row and row["note"].startswith("also compiled"):
                        notes.append(f"{crate} {profile} `{feature}`: {row['note']}")
            quotient = lambda profile: fmt(ratio(seconds_of(rows, ("features", "aws", profile, feature), "cpu_seconds"), seconds_of(rows, ("features", "ours", profile, feature), "cpu_seconds")), 2)
            w(f"| `{feature}` | {cells[0]} | {cells[1]} | {quotient('debug')} | {cells[2]} | {cells[3]} | {quotient('release')} |")
        w("")
        for note in notes:
            w(f"- {note}")
        if notes:
            w("")
        w("**Release binaries of minimal handlers** (`bench/handlers/`: `lambda_runtime`, tokio, the same logic on each")
        w("crate's types: an SQS handler answering `SqsBatchResponse`, an HTTP API payload 2.0 handler reading a JSON")
        w("body and answering 201 or 400; cargo's default release profile):")
        w("")
        w("| handler | ours as built | aws as built | ours stripped | aws stripped | aws ÷ ours (stripped) |")
        w("|---|---|---|---|---|---|")
        for handler in ["sqs", "http-api"]:
            size = lambda kind, crate: (rows.get((kind, crate, "release", handler)) or {}).get("bytes") or None
            stripped_o, stripped_a = size("binary-stripped", "ours"), size("binary-stripped", "aws")
            quotient = fmt(ratio(float(stripped_a), float(stripped_o)), 3) if stripped_o and stripped_a else "–"
            w(f"| {handler} | {size('binary', 'ours') or '–'} | {size('binary', 'aws') or '–'} | {stripped_o or '–'} | {stripped_a or '–'} | {quotient} |")
        w("")
        w("**The user's side**: each handler crate alone, rebuilt (release) after `cargo clean -p` on top of the")
        w("built library and dependencies: the code a function's crate instantiates when it names the types.")
        w("")
        w("| handler | ours wall | aws wall | ours CPU | aws CPU | aws ÷ ours (CPU) |")
        w("|---|---|---|---|---|---|")
        for handler in ["sqs", "http-api"]:
            key_o, key_a = ("handler-crate", "ours", "release", handler), ("handler-crate", "aws", "release", handler)
            oc, ac = seconds_of(rows, key_o, "cpu_seconds"), seconds_of(rows, key_a, "cpu_seconds")
            w(f"| {handler} | {fmt(seconds_of(rows, key_o), 2)} | {fmt(seconds_of(rows, key_a), 2)} | {fmt(oc, 2)} | {fmt(ac, 2)} | {fmt(ratio(ac, oc), 2)} |")
        w("")


def rewrite_build_cost(path):
    """Splices a fresh build-cost target row, Build cost section and notes into the report at `path`, so that a
    build-cost.sh run is reported without rerunning `cargo bench`."""
    rows, meta = read_build_cost()
    with open(path) as f:
        report = f.read()
    target, section = [], []
    build_cost_target(rows, target.append)
    build_cost_section(rows, meta, section.append)
    notes_path = os.path.join(BENCH, "NOTES.md")
    with open(notes_path) as f:
        notes = f.read().rstrip("\n")
    lines = report.split("\n")
    start = lines.index("## Build cost")
    lines = lines[:start] + section + [notes, ""]
    if target:
        row = next(index for index, line in enumerate(lines) if line.startswith("| debug build of all sources"))
        lines[row] = target[0]
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {os.path.relpath(path)} (build cost only)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "BENCHMARKS.md"))
    parser.add_argument(
        "--build-cost-only",
        action="store_true",
        help="rewrite only what build-cost.sh measured (its target row, the Build cost section, the notes) in the existing report",
    )
    args = parser.parse_args()
    if args.build_cost_only:
        rewrite_build_cost(args.out)
        return

    default_sel = read_selection("aws_default")
    catch_all_sel = read_selection("aws_catch_all")
    if default_sel is None:
        sys.exit("no target/bench-selection/aws_default.tsv: run `cargo bench` in bench/ first (see bench/README.md)")

    mapped = []  # shape ids in table order
    aws_type = {}
    fixtures = {}
    for row in default_sel:
        if row["shape"] not in aws_type:
            mapped.append(row["shape"])
            aws_type[row["shape"]] = row["aws_type"].replace("aws::", "")
        fixtures.setdefault(row["shape"], []).append(row)

    selection_mismatch = []
    if catch_all_sel is not None:
        picked = lambda rows: {(r["shape"], r["fixture"]) for r in rows if r["status"] == "selected"}
        if picked(default_sel) != picked(catch_all_sel):
            selection_mismatch = sorted(picked(default_sel) ^ picked(catch_all_sel))

    # Speeds.
    de = {}
    ser = {}
    for shape in mapped:
        de[shape] = {impl: mb_per_s(read_estimate("deserialize", shape, impl)) for impl in IMPLS}
        ser[shape] = {impl: mb_per_s(read_estimate("serialize", shape, impl)) for impl in IMPLS[:3]}
    measured = [s for s in mapped if de[s]["ours"] is not None]

    out = []
    w = out.append
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass

    w("# Benchmarks: lambda-event-catalog beside aws_lambda_events")
    w("")
    w(f"Generated by `python3 bench/report.py` on {now}, from the runs described below (issue 9).")
    w("Rerun them with the commands of [`bench/README.md`](bench/README.md); nothing here is edited by hand")
    w("except the notes at the end, which come from `bench/NOTES.md`.")
    w("")
    w("## Machine")
    w("")
    w(f"- `nproc`: {run('nproc')}; CPU: {cpu or platform.processor() or 'unknown'}")
    free = run("free", "-h")
    if free:
        w("- `free -h`:")
        w("")
        w("  ```")
        for line in free.splitlines():
            w("  " + line)
        w("  ```")
    w(f"- {run('rustc', '-V')}; {run('cargo', '-V')}")
    w(f"- load average when the report was written: {open('/proc/loadavg').read().split()[:3] if os.path.exists('/proc/loadavg') else '?'}"
      " — the machine's 2 cores are shared with other sessions, so every number carries their noise")
    w("")
    w("## Commands")
    w("")
    w("```sh")
    w("cd bench")
    w("cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3                       # ours, aws default, IgnoredAny")
    w("cargo bench --bench parse --features catch-all -- --warm-up-time 1 --measurement-time 3  # aws with catch-all-fields")
    w("bash build-cost.sh")
    w("bash count.sh")
    w("python3 report.py")
    w("```")
    w("")
    clocks = {v: read_clock(v) for v in ("aws_default", "aws_catch_all")}
    clock_text = {
        "thread-cpu": "the benchmark thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so that time the shared machine spends on other work is not counted",
        "wall": "wall-clock time (`BENCH_CLOCK=wall`)",
    }
    used = sorted({c for c in clocks.values() if c})
    if not measured:
        w("**The timings were not rerun for this report**: the speed tables below have no timing columns filled, and")
        w("the targets rest on the instruction counts (`count.sh`), which the machine's load does not move.")
        w("")
    w("Criterion ran with a shortened measurement (1 s warm-up, 3 s measurement, 100 samples), measuring "
      + (" and ".join(clock_text.get(c, c) for c in used) if used else "an unknown clock")
      + (" (**the two builds used different clocks**)" if len(used) > 1 else "") + ";")
    w("the figures are the median time per iteration. One iteration parses (or writes) every selected fixture")
    w("of the shape once; MB/s is the fixtures' bytes (10^6 bytes) per second, for writing too, so that the")
    w("columns compare whatever each crate writes back. Every crate parses with `serde_json::from_slice` and")
    w("writes with `serde_json::to_writer` into a reused buffer. The bench crate builds one `serde_json`")
    w("for both crates, with the `float_roundtrip` feature ours needs (it only changes how floats are read).")
    w("")

    # Targets summary.
    gm_default = geomean([ratio(de[s]["ours"], de[s]["aws_default"]) for s in measured])
    gm_catch = geomean([ratio(de[s]["ours"], de[s]["aws_catch_all"]) for s in measured])
    slowdowns = {s: ratio(de[s]["ignored_any"], de[s]["ours"]) for s in measured}
    slow_shapes = sorted((v, s) for s, v in slowdowns.items() if v is not None and v > TARGET_FLOOR_SLOWDOWN)
    worst = max(((v, s) for s, v in slowdowns.items() if v is not None), default=(None, None))
    gm_floor = geomean([slowdowns[s] for s in measured])
    rows, meta = read_build_cost()

    counts = read_instructions()
    # Instruction counts stand on their own: a report whose timings were not rerun still has them.
    counted = [s for s in mapped if ("deserialize", s, "ours") in counts]

    def count_ratio(kind, shape, other):
        """How many times fewer instructions ours needs than `other` (above 1: ours does less)."""
        mine, theirs = counts.get((kind, shape, "ours")), counts.get((kind, shape, other))
        return None if mine is None or theirs is None else theirs / mine

    ci_default = geomean([count_ratio("deserialize", s, "aws_default") for s in counted])
    ci_catch = geomean([count_ratio("deserialize", s, "aws_catch_all") for s in counted])
    ci_floor = {s: (lambda r: None if r is None else 1 / r)(count_ratio("deserialize", s, "ignored_any")) for s in counted}
    ci_worst = max(((v, s) for s, v in ci_floor.items() if v is not None), default=(None, None))
    ci_over = [s for s, v in ci_floor.items() if v is not None and v > TARGET_FLOOR_SLOWDOWN]
    counted_text = lambda value: f"; instructions (callgrind): {fmt(value, 2)}×" if value is not None else ""

    w("## Targets (issue 9)")
    w("")
    w("| target | measured | verdict |")
    w("|---|---|---|")
    w(f"| deserialize geometric mean ≥ {TARGET_VS_CATCH_ALL}× aws_lambda_events with `catch-all-fields` | "
      f"timing: {fmt(gm_catch, 2)}× over {len(measured)} shapes{counted_text(ci_catch)} | {verdict(None if gm_catch is None else gm_catch >= TARGET_VS_CATCH_ALL)} |")
    w(f"| deserialize geometric mean ≥ {TARGET_VS_DEFAULT}× aws_lambda_events with default features | "
      f"timing: {fmt(gm_default, 2)}×{counted_text(ci_default)} | {verdict(None if gm_default is None else gm_default >= TARGET_VS_DEFAULT)} |")
    if worst[0] is not None:
        w(f"| no shape more than {TARGET_FLOOR_SLOWDOWN}× slower than the `IgnoredAny` floor | "
          f"timing: worst {fmt(worst[0], 2)}× (`{worst[1]}`), geometric mean {fmt(gm_floor, 2)}×, "
          f"{len(slow_shapes)} of {len(measured)} shapes over {TARGET_FLOOR_SLOWDOWN}×"
          + (f"; instructions: worst {fmt(ci_worst[0], 2)}× (`{ci_worst[1]}`), {len(ci_over)} of {len(counted)} shapes over {TARGET_FLOOR_SLOWDOWN}×" if counted else "")
          + f" | {verdict(not slow_shapes)} |")
    build_cost_target(rows, w)
    w("")
    if selection_mismatch:
        w("**Warning**: the two builds measured different fixtures: " + ", ".join(f"{a}/{b}" for a, b in selection_mismatch))
        w("")

    # Deserialize table.
    w("## Deserialize (MB/s, higher is better)")
    w("")
    w("`ours ÷ default` and `ours ÷ catch-all` are speed ratios (above 1: ours is faster); `floor ÷ ours` is how many")
    w("times slower ours is than `serde_json` skipping the same bytes into `IgnoredAny`.")
    w("")
    w("| shape | aws_lambda_events type | fixtures | bytes | ours | aws default | aws catch-all | IgnoredAny | ours ÷ default | ours ÷ catch-all | floor ÷ ours |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for shape in mapped:
        rows_ = fixtures[shape]
        picked = [r for r in rows_ if r["status"] == "selected"]
        nbytes = sum(int(r["bytes"]) for r in picked)
        d = de[shape]
        if not picked:
            w(f"| `{shape}` | `{aws_type[shape]}` | 0 of {len(rows_)} | – | – | – | – | – | – | – | – |")
            continue
        w(f"| `{shape}` | `{aws_type[shape]}` | {len(picked)} of {len(rows_)} | {nbytes} | {fmt(d['ours'])} | {fmt(d['aws_default'])} | "
          f"{fmt(d['aws_catch_all'])} | {fmt(d['ignored_any'])} | {fmt(ratio(d['ours'], d['aws_default']), 2)} | "
          f"{fmt(ratio(d['ours'], d['aws_catch_all']), 2)} | {fmt(slowdowns.get(shape), 2)} |")
    gm = {impl: geomean([de[s][impl] for s in measured]) for impl in IMPLS}
    w(f"| **geometric mean** | | | | {fmt(gm['ours'])} | {fmt(gm['aws_default'])} | {fmt(gm['aws_catch_all'])} | "
      f"{fmt(gm['ignored_any'])} | **{fmt(gm_default, 2)}** | **{fmt(gm_catch, 2)}** | **{fmt(gm_floor, 2)}** |")
    w("")

    # Serialize table.
    s_default = geomean([ratio(ser[s]["ours"], ser[s]["aws_default"]) for s in measured])
    s_catch = geomean([ratio(ser[s]["ours"], ser[s]["aws_catch_all"]) for s in measured])
    w("## Serialize (MB/s of the fixtures' bytes, higher is better)")
    w("")
    w("| shape | ours | aws default | aws catch-all | ours ÷ default | ours ÷ catch-all |")
    w("|---|---|---|---|---|---|")
    for shape in measured:
        s = ser[shape]
        w(f"| `{shape}` | {fmt(s['ours'])} | {fmt(s['aws_default'])} | {fmt(s['aws_catch_all'])} | "
          f"{fmt(ratio(s['ours'], s['aws_default']), 2)} | {fmt(ratio(s['ours'], s['aws_catch_all']), 2)} |")
    sg = {impl: geomean([ser[s][impl] for s in measured]) for impl in IMPLS[:3]}
    w(f"| **geometric mean** | {fmt(sg['ours'])} | {fmt(sg['aws_default'])} | {fmt(sg['aws_catch_all'])} | "
      f"**{fmt(s_default, 2)}** | **{fmt(s_catch, 2)}** |")
    w("")

    # Instruction counts.
    if counted:
        w("## Instructions per byte (callgrind, lower is better)")
        w("")
        w("`bash bench/count.sh` runs the same loops under `valgrind --tool=callgrind`: instruction counts do not")
        w("change with the load of the machine, so these columns are repeatable where the timings above are not.")
        w("They leave out what instructions cost (cache misses, branch mispredictions), so they rank the crates'")
        w("work, not their speed. Ratios as above: `default ÷ ours` above 1 means ours runs fewer instructions.")
        w("")
        for kind in ["deserialize", "serialize"]:
            impls = ["ours", "aws_default", "aws_catch_all"] + (["ignored_any"] if kind == "deserialize" else [])
            header = "| shape | " + " | ".join({"ours": "ours", "aws_default": "aws default", "aws_catch_all": "aws catch-all",
                                                 "ignored_any": "IgnoredAny"}[i] for i in impls) + " | default ÷ ours | catch-all ÷ ours |"
            header += " ours ÷ floor |" if kind == "deserialize" else ""
            w(f"**{kind}**")
            w("")
            w(header)
            w("|---" * (header.count("|") - 1) + "|")
            ratios = {"d": [], "c": [], "f": []}
            for shape in counted:
                cells = [fmt(counts.get((kind, shape, i))) for i in impls]
                d, c = count_ratio(kind, shape, "aws_default"), count_ratio(kind, shape, "aws_catch_all")
                ratios["d"].append(d)
                ratios["c"].append(c)
                row = f"| `{shape}` | " + " | ".join(cells) + f" | {fmt(d, 2)} | {fmt(c, 2)} |"
                if kind == "deserialize":
                    ratios["f"].append(ci_floor.get(shape))
                    row += f" {fmt(ci_floor.get(shape), 2)} |"
                w(row)
            last = f" **{fmt(geomean(ratios['f']), 2)}** |" if kind == "deserialize" else ""
            w(f"| **geometric mean** |" + " |" * len(impls) + f" **{fmt(geomean(ratios['d']), 2)}** | **{fmt(geomean(ratios['c']), 2)}** |" + last)
            w("")

    # What aws_lambda_events cannot parse or does not model.
    w("## Fixtures aws_lambda_events cannot parse")
    w("")
    w("Left out of every column above (ours parses and writes back each of them losslessly):")
    w("")
    w("| shape | fixture | aws_lambda_events (default features) says |")
    w("|---|---|---|")
    for shape in mapped:
        for r in fixtures[shape]:
            if r["status"] != "selected":
                error = r["aws_error"]
                if len(error) > 110:
                    error = error[:107] + "…"
                w(f"| `{shape}` | `{r['fixture']}` | {r['status']}: {error} |")
    w("")
    unmapped = [s for s in shapes_in_fixtures() if s not in aws_type]
    w("Shapes of the catalogue that aws_lambda_events does not model (not benchmarked): "
      + ", ".join(f"`{s}`" for s in unmapped) + ".")
    w("")

    build_cost_section(rows, meta, w)

    notes_path = os.path.join(BENCH, "NOTES.md")
    if os.path.exists(notes_path):
        with open(notes_path) as f:
            w(f.read().rstrip("\n"))
        w("")

    with open(args.out, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.relpath(args.out)}")


if __name__ == "__main__":
    main()
