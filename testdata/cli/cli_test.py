#!/usr/bin/env python3
"""Command-line contract of gbc: exit codes, error messages, --version, codes, JSON shape.

usage: cli_test.py GBC   (run by ctest as `cli`)
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def gbc(*args, cwd=HERE):
    p = subprocess.run([GBC, *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(name, cond, detail=""):
    print(("ok    " if cond else "FAIL  ") + name)
    if not cond:
        failures.append(name)
        if detail:
            print("      " + detail.replace("\n", "\n      ")[:2000])


def main():
    rc, out, err = gbc("--version")
    check("--version prints the version", rc == 0 and re.match(r"gbc \d+\.\d+\.\d+", out), out + err)

    rc, out, err = gbc("analyze", "missing.py")
    check("a missing file is an input error (exit 2)", rc == 2, f"rc={rc}")
    check("a missing file names the file and the reason",
          "gbc: error: cannot read 'missing.py': No such file or directory" in err, err)

    rc, out, err = gbc("analyze", "--target", "1.0", "plain.py")
    check("an unknown target is a usage error (exit 2)", rc == 2, f"rc={rc} {err}")
    rc, out, err = gbc()
    check("no subcommand is a usage error (exit 2)", rc == 2, f"rc={rc}")

    rc, out, err = gbc("analyze", "syntax_error.py")
    check("a syntax error is an input error (exit 2)", rc == 2, f"rc={rc} {err}")
    check("a syntax error says file:line:col: syntax error",
          re.search(r"syntax_error\.py:1:\d+: syntax error", err) is not None, err)

    rc, out, err = gbc("analyze", "plain.py")
    check("a program without torch.compile exits 0", rc == 0, f"rc={rc} {err}")
    check("text output ends with the summary line",
          err.rstrip("\n").splitlines()[-1:] == ["gbc: 0 graph breaks (0 unique), 0 errors, 0 graphs in 1 file"], err)

    rc, out, err = gbc("analyze", "--format", "json", "--target", "2.11", "plain.py")
    try:
        rep = json.loads(out)
    except ValueError:
        rep = None
    check("--format json prints one JSON document", rc == 0 and rep is not None, f"rc={rc} {out[:300]} {err}")
    if rep is not None:
        check("the report is schema version 1", rep.get("schema_version") == 1, out[:300])
        check("the report names the target", rep.get("tool", {}).get("target") == {"torch": "2.11", "python": "3.12"}, out[:300])
        f = (rep.get("files") or [{}])[0]
        check("a file entry has every list of the schema",
              all(k in f for k in ("path", "graph_breaks", "errors", "graphs", "diagnostics")), json.dumps(f)[:300])
        check("the file path is absolute", os.path.isabs(f.get("path", "")), f.get("path", ""))
        check("the summary counts one file", rep.get("summary", {}).get("files") == 1, json.dumps(rep.get("summary")))

    rc, out, err = gbc("codes", "GB0025")
    check("codes GB0025 prints the entry and its page",
          rc == 0 and "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0025.html" in out
          and "Call to `torch._dynamo.graph_break()`" in out, out + err)
    rc, out, err = gbc("codes")
    check("codes lists the 2.14 registry", rc == 0 and len(out.splitlines()) == 561, f"{len(out.splitlines())} lines")
    rc, out, err = gbc("codes", "--target", "2.11")
    check("codes --target 2.11 lists the 2.11 registry", rc == 0 and len(out.splitlines()) == 421, f"{len(out.splitlines())} lines")
    rc, out, err = gbc("codes", "GB99999")
    check("an unknown code is an input error (exit 2)", rc == 2 and "GB99999" in err, f"rc={rc} {err}")

    print(f"cli: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    GBC = os.path.abspath(sys.argv[1])
    sys.exit(main())
