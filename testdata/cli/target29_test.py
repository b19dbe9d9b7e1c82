#!/usr/bin/env python3
"""`gbc analyze --target 2.9` against the tutorial transcript (seed_tutorial.txt): for each cell
In [2] ... In [10] (the conformance cases seed_02 ... seed_10), the same graph-break records in the
same order and in the older layout: full or duplicate header, the reason block verbatim (no
"Encountered graph break when attempting to trace" prefix) and `User code traceback:` right after
the doc link (no blank line). Paths, line numbers and traceback frames are left aside (the notebook
ran in ipykernel on Windows).

usage: target29_test.py GBC   (run by ctest as `cli-target-2.9`)
"""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(os.path.dirname(HERE), "conformance", "cases")
failures = []


def check(name, cond, detail=""):
    print(("ok    " if cond else "FAIL  ") + name)
    if not cond:
        failures.append(name)
        if detail:
            print("      " + str(detail).replace("\n", "\n      ")[:3000])


def records(text):
    """(kind, reason lines, line after the doc link) of each graph-break record in `text`."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        if not line.startswith("Graph break"):
            continue
        kind = "duplicate" if "duplicate graph break" in line else "full"
        reason = []
        j = i + 1
        while j < len(lines) and "For more details about this graph break" not in lines[j]:
            reason.append(lines[j])
            j += 1
        if j < len(lines):
            reason.append(lines[j])
        after = lines[j + 1] if kind == "full" and j + 1 < len(lines) else None
        out.append((kind, reason, after))
    return out


def cells(transcript):
    parts = re.split(r"^In \[(\d+)\]:\n", transcript, flags=re.M)
    return {int(parts[k]): parts[k + 1] for k in range(1, len(parts), 2)}


def main(gbc):
    with open(os.path.join(HERE, "seed_tutorial.txt")) as f:
        by_cell = cells(f.read())
    for n in range(2, 11):
        matches = glob.glob(os.path.join(CASES, f"seed_{n:02d}_*.py"))
        if not matches:
            check(f"cell {n}: its case exists", False)
            continue
        want = records(by_cell.get(n, ""))
        p = subprocess.run([gbc, "analyze", "--target", "2.9", matches[0]], capture_output=True, text=True, timeout=120)
        got = records(p.stderr)
        check(f"cell {n} ({os.path.basename(matches[0])}): the transcript's records in the 2.9 layout",
              got == want, f"want {want}\n got {got}")
    print(f"target-2.9: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1])))
