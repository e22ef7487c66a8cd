#!/usr/bin/env python3
"""Every non-generic function of the events library's support code, helpers
and behaviours is `#[inline]` (ARCHITECTURE.md, "Compile cost"): it is then
compiled in the crates that call it, not in the library for every type of a
feature. Generic functions are compiled by their callers anyway; tests are
left alone.

    python3 .ci/inline.py          # lists the functions that lack it, fails if any
    python3 .ci/inline.py --fix    # adds it
"""
import re
import subprocess
import sys

FILES = ["events/src/shape.rs", "events/src/payload.rs", "events/src/budget.rs", "events/src/de.rs", "events/src/behaviour.rs", "events/src/codec/*.rs", "events/src/helpers/*.rs"]
FN = re.compile(r"^(\s*)(pub(\([a-z]+\))? )?(const )?fn (\w+)")


def is_generic(signature):
    """Type parameters, or `impl Trait` arguments (lifetimes alone are not generic)."""
    parameters = re.search(r"fn \w+<([^>]*)>", signature)
    if parameters and any(not parameter.strip().startswith("'") for parameter in parameters.group(1).split(",")):
        return True
    return "impl " in signature.split("->")[0].split("(", 1)[-1]


def missing_inline(lines):
    """The indexes of the lines that start a function lacking `#[inline]`, outside `#[cfg(test)]` items."""
    depth, test_depth, test_pending = 0, None, False
    for index, line in enumerate(lines):
        code = line.split("//")[0]
        if line.strip() == "#[cfg(test)]" and test_depth is None:
            test_pending = True
        in_test = test_depth is not None or test_pending
        if test_pending and "{" in code:
            test_depth, test_pending = depth, False
        depth += code.count("{") - code.count("}")
        if test_depth is not None and depth <= test_depth and "}" in code:
            test_depth = None
        match = FN.match(line)
        if in_test or not match:
            continue
        signature = ""
        for following in lines[index:]:
            signature += following
            if "{" in following or following.rstrip().endswith(";"):
                break
        has_body = "{" in signature and not signature.split("{")[0].rstrip().endswith(";")
        before = [earlier.strip() for earlier in lines[max(0, index - 3) : index]]
        if has_body and not is_generic(signature) and not any(attribute.startswith("#[inline") or attribute == "#[test]" for attribute in before):
            yield index, match.group(1)


def main():
    fix = "--fix" in sys.argv[1:]
    files = subprocess.run(["git", "ls-files", *FILES], capture_output=True, text=True, check=True).stdout.split()
    missing = []
    for path in files:
        lines = open(path).read().split("\n")
        found = list(missing_inline(lines))
        missing += [f"{path}:{index + 1}: {lines[index].strip()}" for index, _ in found]
        if fix and found:
            for index, indent in reversed(found):
                lines.insert(index, indent + "#[inline]")
            open(path, "w").write("\n".join(lines))
    if missing and not fix:
        print("add #[inline] (or make the function generic):", *missing, sep="\n  ")
        sys.exit(1)


main()
