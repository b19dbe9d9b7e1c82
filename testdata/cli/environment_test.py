#!/usr/bin/env python3
"""The user's environment on the command line: --site-packages, --python, [tool.gbc] python,
$VIRTUAL_ENV, and the code cache folder (GBC_CACHE_DIR).

usage: environment_test.py GBC   (run by ctest as `cli-environment`)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

failures = []

HELPER = """import torch

@torch.compile
def go(x):
    torch._dynamo.graph_break()
    return x + 1
"""
MAIN = "import helper\nprint(helper.go(helper.torch.ones(2)))\n"


def gbc(*args, cwd, env=None):
    # no environment of the machine's own: PATH without python3, no $VIRTUAL_ENV
    base = {"PATH": "/nonexistent", "HOME": cwd, "GBC_CACHE_DIR": ""}
    # (the sanitizer build's settings pass through: ctest sets them for runs of the binary)
    for k in ("ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"):
        if k in os.environ:
            base[k] = os.environ[k]
    base.update(env or {})
    p = subprocess.run([GBC, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=base)
    return p.returncode, p.stdout, p.stderr


def check(name, cond, detail=""):
    print(("ok    " if cond else "FAIL  ") + name)
    if not cond:
        failures.append(name)
        if detail:
            print("      " + detail.replace("\n", "\n      ")[:2000])


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


def breaks(out):
    try:
        return len(json.loads(out)["files"][0]["graph_breaks"])
    except (ValueError, KeyError, IndexError):
        return None


def main():
    d = tempfile.mkdtemp(prefix="gbc-env-")
    try:
        write(d, "proj/main.py", MAIN)
        write(d, "site/helper.py", HELPER)
        proj = os.path.join(d, "proj")

        rc, out, err = gbc("run", "main.py", cwd=proj)
        check("without an environment the helper is missing (ModuleNotFoundError, exit 1)",
              rc == 1 and err.rstrip().endswith("ModuleNotFoundError: No module named 'helper'"),
              f"rc={rc} {err}")
        rc, out, err = gbc("run", "--site-packages", "../site", "main.py", cwd=proj)
        check("gbc run --site-packages DIR imports from it", rc == 0 and out == "tensor([2., 2.])\n",
              f"rc={rc} {out} {err}")
        rc, out, err = gbc("analyze", "--format", "json", "--site-packages", "../site", "main.py",
                           cwd=proj)
        check("gbc analyze --site-packages DIR: a file importing a torch-using package is executed",
              rc == 0 and breaks(out) == 1, f"rc={rc} {out[:400]} {err}")
        write(d, "tests_here/helper.py", HELPER)
        write(d, "tests_here/test/x.py", MAIN)
        rc, out, err = gbc("run", "--site-packages", ".", "test/x.py", cwd=os.path.join(d, "tests_here"))
        check("gbc run --site-packages . test/x.py", rc == 0 and out == "tensor([2., 2.])\n",
              f"rc={rc} {out} {err}")
        rc, out, err = gbc("run", "--site-packages", "nothere", "main.py", cwd=proj)
        check("a missing --site-packages folder is a usage error (exit 2)",
              rc == 2 and "gbc: error: --site-packages 'nothere': not a directory" in err,
              f"rc={rc} {err}")

        # a virtual environment of another Python version
        write(d, "venv/pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\n"
                                    "version_info = 3.12.3\n")
        python = write(d, "venv/bin/python", "#!/bin/sh\nexit 1\n")
        os.chmod(python, 0o755)
        write(d, "venv/lib/python3.12/site-packages/helper.py", HELPER)
        rc, out, err = gbc("run", "--python", python, "main.py", cwd=proj)
        check("gbc run --python VENV/bin/python imports its site-packages",
              rc == 0 and out == "tensor([2., 2.])\n", f"rc={rc} {out} {err}")
        rc, out, err = gbc("analyze", "--format", "json", "--python", os.path.join(d, "venv"),
                           "main.py", cwd=proj)
        notes = []
        try:
            notes = [x for x in json.loads(out)["files"][0]["diagnostics"]]
        except (ValueError, KeyError, IndexError):
            pass
        check("--python takes an environment's folder too", rc == 0 and breaks(out) == 1,
              f"rc={rc} {out[:400]} {err}")
        check("... and notes at the import that its Python (3.12) is not the target's (3.14)",
              len(notes) == 1 and notes[0].get("line") == 1
              and "is 3.12, the target's 3.14: its packages are used anyway" in notes[0].get("message", ""),
              json.dumps(notes))
        rc, out, err = gbc("run", "main.py", cwd=proj, env={"VIRTUAL_ENV": os.path.join(d, "venv")})
        check("$VIRTUAL_ENV names the environment", rc == 0 and out == "tensor([2., 2.])\n",
              f"rc={rc} {out} {err}")
        rc, out, err = gbc("run", "--python", os.path.join(d, "nopython"), "main.py", cwd=proj)
        check("a missing --python is a usage error (exit 2)",
              rc == 2 and f"gbc: error: --python '{os.path.join(d, 'nopython')}': no such file or directory" in err,
              f"rc={rc} {err}")
        write(d, "proj/pyproject.toml", '[tool.gbc]\npython = "../venv"\n')
        rc, out, err = gbc("analyze", "--format", "json", "main.py", cwd=proj)
        check("[tool.gbc] python names the environment (relative to the file)",
              rc == 0 and breaks(out) == 1, f"rc={rc} {out[:400]} {err}")
        os.remove(os.path.join(proj, "pyproject.toml"))

        # the code cache
        cache = os.path.join(d, "cache")
        for _ in range(2):
            rc, out, err = gbc("run", "--site-packages", "../site", "main.py", cwd=proj,
                               env={"GBC_CACHE_DIR": cache})
        entries = os.listdir(os.path.join(cache, "code")) if os.path.isdir(os.path.join(cache, "code")) else []
        def holds(entry, name):
            with open(os.path.join(cache, "code", entry), "rb") as f:
                return name.encode() in f.read()
        # (helper.py's entry, beside those of the standard-library modules gbc's torch imports)
        check("GBC_CACHE_DIR holds the compiled modules (helper.py among them)",
              rc == 0 and all(e.endswith(".gbcc") for e in entries)
              and sum(holds(e, "/site/helper.py") for e in entries) == 1, f"rc={rc} {entries} {err}")
        os.chmod(cache, 0o500)
        shutil.rmtree(os.path.join(cache, "code"), ignore_errors=True)
        rc, out, err = gbc("run", "--site-packages", "../site", "main.py", cwd=proj,
                           env={"GBC_CACHE_DIR": os.path.join(cache, "sub")})
        os.chmod(cache, 0o700)
        check("an unwritable cache folder is skipped silently", rc == 0 and err == "", f"rc={rc} {err}")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    GBC = os.path.abspath(sys.argv[1])
    sys.exit(main())
