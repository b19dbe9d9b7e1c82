#!/usr/bin/env python3
"""End-to-end tests of the language features: each program here runs under `gbc run` and its
stdout must equal the .out file beside it, which is CPython 3.14's stdout for the same program.

    run_language_tests.py GBC                      run every program for its targets
    run_language_tests.py GBC --record PYTHON...   rewrite the .out files with PYTHON's stdout
                                                   (the program on stdin, e.g. --record chroot
                                                   /root/.cache/gbc-torch-root python3)

A program lists the gbc targets it runs under in a comment line `... targets: 2.14 2.11`
(2.11 is Python 3.12: programs whose output differs there name 2.14 only). Files without that
line are helpers.
Exit status 1 when a program's output differs.
"""
import difflib
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = re.compile(r"targets:\s*([0-9. ]+)")


def programs():
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py") or name == os.path.basename(__file__):
            continue
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            m = TARGETS.search(f.read(2000))
        if m:
            yield name, m.group(1).split()


def record(python):
    # The program goes to PYTHON on stdin: a chroot'ed interpreter cannot see this folder.
    for name, _ in programs():
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            source = f.read()
        r = subprocess.run(python + ["-"], input=source, capture_output=True, text=True,
                           timeout=120)
        with open(os.path.join(HERE, name[:-3] + ".out"), "w", encoding="utf-8") as f:
            f.write(r.stdout)
        print("recorded", name, "" if r.returncode == 0 else f"(exit {r.returncode})")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    gbc = os.path.abspath(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "--record":
        record(sys.argv[3:])
        return 0
    failed = 0
    for name, targets in programs():
        with open(os.path.join(HERE, name[:-3] + ".out"), encoding="utf-8") as f:
            want = f.read()
        for target in targets:
            r = subprocess.run([gbc, "run", "--target", target, name], cwd=HERE,
                               capture_output=True, text=True, timeout=300)
            if r.stdout == want and r.returncode == 0:
                print(f"ok    {name} ({target})")
                continue
            failed += 1
            print(f"FAIL  {name} ({target}): exit {r.returncode}")
            diff = difflib.unified_diff(want.splitlines(True), r.stdout.splitlines(True),
                                        "CPython 3.14", "gbc")
            sys.stdout.writelines(list(diff)[:60])
            if r.stderr:
                print("      stderr:", r.stderr.strip()[-2000:])
    print(f"language: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
