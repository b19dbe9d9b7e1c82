#!/usr/bin/env python3
"""Runs the Python test programs of testdata/python/<area>/ on gbc.

Each program NAME.py runs with `gbc run` in a fresh temporary folder holding the fixtures below;
its stdout must equal NAME.expected, recorded from CPython 3.14 in the same kind of folder.
A program whose source contains the line `# gbc-test: analyze` also runs under `gbc analyze`
(it imports torch, so the analysis executes it): there it must run to its end (its asserts
hold on the in-memory overlay of the file system) and the folder must be left exactly as it was
(analysis never changes the disk).

  run_python_tests.py --gbc build/gbc testdata/python/io testdata/python/os
  run_python_tests.py --update testdata/python/io     # re-record NAME.expected with CPython

--update runs CPython 3.14 in the Debian root at /root/.cache/gbc-torch-root (chroot).
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

CPYTHON_ROOT = "/root/.cache/gbc-torch-root"
ENV = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"}


def make_fixtures(root):
    """The files every program finds in its folder."""
    data = os.path.join(root, "data")
    os.makedirs(os.path.join(data, "sub"))
    os.makedirs(os.path.join(data, "empty"))
    with open(os.path.join(data, "hello.txt"), "w") as f:
        f.write("hello\nworld\n")
    with open(os.path.join(data, "sub", "inner.bin"), "wb") as f:
        f.write(b"\x00\x01\x02")
    os.symlink("hello.txt", os.path.join(data, "link.txt"))
    # fixed times, so a change of them shows
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), ns=(1_600_000_000 * 10**9,) * 2,
                     follow_symlinks=False)


def snapshot(root):
    """Everything about the folder analysis must not change (access times aside)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            entry = (st.st_mode, st.st_size, st.st_mtime_ns)
            if os.path.islink(path):
                entry += (os.readlink(path),)
            elif os.path.isfile(path):
                with open(path, "rb") as f:
                    entry += (hashlib.sha256(f.read()).hexdigest(),)
            out[os.path.relpath(path, root)] = entry
    return out


def env():
    e = dict(os.environ)
    e.update(ENV)
    return e


def run_gbc(gbc, prog, args):
    with tempfile.TemporaryDirectory() as tmp:
        make_fixtures(tmp)
        shutil.copy(prog, os.path.join(tmp, "prog.py"))
        before = snapshot(tmp)
        p = subprocess.run([gbc] + args + ["prog.py"], cwd=tmp, capture_output=True, text=True,
                           env=env(), timeout=300)
        after = snapshot(tmp)
        return p, before, after


def record(prog):
    """CPython 3.14's stdout for `prog`, in a fresh folder inside the Debian root."""
    tmp = tempfile.mkdtemp(dir=os.path.join(CPYTHON_ROOT, "tmp"))
    try:
        make_fixtures(tmp)
        shutil.copy(prog, os.path.join(tmp, "prog.py"))
        inner = "/tmp/" + os.path.basename(tmp)
        cmd = ["chroot", CPYTHON_ROOT, "sh", "-c", f"cd {inner} && exec python3 prog.py"]
        p = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=600)
        if p.returncode != 0:
            print(f"{prog}: CPython failed:\n{p.stderr[-2000:]}")
            return None
        # (importing torch makes a library print a warning to stdout on some machines)
        return "".join(line for line in p.stdout.splitlines(keepends=True)
                       if "UCX  ERROR" not in line)
    finally:
        shutil.rmtree(tmp)


def check(gbc, prog):
    """Failures of one program (empty: it passed)."""
    failures = []
    expected_path = prog[:-3] + ".expected"
    if not os.path.exists(expected_path):
        return [f"no {expected_path} (record it with --update)"]
    with open(expected_path) as f:
        expected = f.read()
    p, _, _ = run_gbc(gbc, prog, ["run"])
    if p.returncode != 0:
        failures.append(f"run: exit status {p.returncode}: {p.stderr.strip()[-500:]}")
    elif p.stdout != expected:
        got = p.stdout.splitlines()
        want = expected.splitlines()
        for i in range(max(len(got), len(want))):
            g = got[i] if i < len(got) else "<missing>"
            w = want[i] if i < len(want) else "<missing>"
            if g != w:
                failures.append(f"run: line {i + 1}: want {w!r}, got {g!r}")
                break
        failures.append(f"run: stderr: {p.stderr.strip()[-500:]}")
    with open(prog) as f:
        analyze = "# gbc-test: analyze" in f.read()
    if analyze:
        p, before, after = run_gbc(gbc, prog, ["analyze", "--format", "json"])
        try:
            report = json.loads(p.stdout)["files"][0]
            if report.get("stopped") or not report.get("analysed_to_end", True):
                failures.append(f"analyze: stopped: {report.get('stopped')}")
        except (ValueError, KeyError, IndexError):
            failures.append(f"analyze: no report (rc {p.returncode}): {p.stderr.strip()[-500:]}")
        if before != after:
            changed = sorted(set(before.items()) ^ set(after.items()))
            failures.append(f"analyze: the folder changed: {changed[:5]}")
    return failures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gbc")
    ap.add_argument("--update", action="store_true", help="re-record the .expected files")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    progs = []
    for d in a.dirs:
        progs += sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".py"))
    if a.update:
        failed = 0
        for prog in progs:
            out = record(prog)
            if out is None:
                failed += 1
                continue
            with open(prog[:-3] + ".expected", "w") as f:
                f.write(out)
            print("recorded", prog)
        return 1 if failed else 0
    if not a.gbc:
        ap.error("--gbc is required")
    gbc = os.path.abspath(a.gbc)
    failed = 0
    for prog in progs:
        failures = check(gbc, prog)
        print(("FAIL " if failures else "ok   ") + prog)
        for line in failures:
            print("     " + line)
        failed += bool(failures)
    print(f"{len(progs) - failed}/{len(progs)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
