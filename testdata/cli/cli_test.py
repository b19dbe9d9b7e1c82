#!/usr/bin/env python3
"""Command-line contract of gbc: exit codes, error messages, --version, codes, JSON shape.

usage: cli_test.py GBC   (run by ctest as `cli`)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def gbc(*args, cwd=HERE, timeout=60):
    p = subprocess.run([GBC, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
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

    ci_tests()
    notebook_tests()
    with tempfile.TemporaryDirectory() as d:
        target = os.path.join(d, "report.sarif")
        rc, out, err = gbc("analyze", "--format", "sarif", "--output", target, os.path.join(PROJECT, "breaks.py"))
        doc = load_json(open(target).read()) if os.path.exists(target) else None
        check("--output writes the report to the file, nothing to stdout",
              rc == 0 and out == "" and doc is not None and doc["runs"][0]["results"], f"rc={rc} {err[-300:]}")
        rc, out, err = gbc("analyze", "--output", os.path.join(d, "no", "such", "dir.txt"), os.path.join(PROJECT, "breaks.py"))
        check("--output into a missing folder: exit 2, no partial file", rc == 2 and "cannot write" in err, f"rc={rc} {err[-300:]}")

    print(f"cli: {len(failures)} failed")
    return 1 if failures else 0


def notebook_tests():
    """testdata/examples/tutorial.ipynb is tutorial.py's cells as a notebook (a markdown cell
    first, a magic and a shell line in the first code cell): the same records, located by cell."""
    examples = os.path.join(os.path.dirname(HERE), "examples")
    nb, py = os.path.join(examples, "tutorial.ipynb"), os.path.join(examples, "tutorial.py")
    _, out_nb, _ = gbc("analyze", "--format", "json", nb, timeout=300)
    _, out_py, _ = gbc("analyze", "--format", "json", py, timeout=300)
    rep_nb, rep_py = load_json(out_nb), load_json(out_py)
    if not rep_nb or not rep_py:
        check("notebook: JSON reports", False, out_nb[:300])
        return
    f_nb, f_py = rep_nb["files"][0], rep_py["files"][0]
    codes = lambda f: [(b["gb_code"], b["duplicate"]) for b in f["graph_breaks"]]
    # resume functions are named by line: a cell's lines count from the cell's start
    frames = lambda f: [(re.sub(r"_at_\d+$", "", g["frame"]), len(g["ops"])) for g in f["graphs"]]
    check("a notebook gives the records of its cells run as one file",
          codes(f_nb) == codes(f_py) and len(f_nb["errors"]) == len(f_py["errors"])
          and frames(f_nb) == frames(f_py), f"{codes(f_nb)} / {codes(f_py)}")
    first = f_nb["graph_breaks"][0]
    check("a break in a notebook is located by cell and line",
          first["file"] == nb + "#cell3" and first["line"] == 5, json.dumps(first)[:300])
    notes = [d["message"] for d in f_nb["diagnostics"] if d["severity"] == "note"]
    check("IPython magics and shell lines are skipped with a note",
          any("`%matplotlib inline` skipped" in n for n in notes) and any("`!nvidia-smi` skipped" in n for n in notes), str(notes))
    rc, out, err = gbc("analyze", "--format", "sarif", nb, timeout=300)
    doc = load_json(out)
    loc = doc["runs"][0]["results"][0]["locations"][0] if doc else {}
    check("SARIF: the notebook is the artifact, the cell a property",
          loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "").endswith("tutorial.ipynb")
          and loc.get("properties", {}).get("notebookCell") == 3, json.dumps(loc)[:300])
    rc_nb, run_nb, _ = gbc("run", nb, timeout=300)
    rc_py, run_py, _ = gbc("run", py, timeout=300)
    strip = lambda t: [l for l in t.splitlines() if "File " not in l]
    check("gbc run on a notebook prints what its cells print",
          rc_nb == rc_py == 0 and strip(run_nb) == strip(run_py), run_nb[-500:])
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, "bad.ipynb")
        with open(bad, "w") as f:
            f.write("{not json")
        rc, out, err = gbc("analyze", bad)
        check("a notebook that is not JSON: exit 2, one line",
              rc == 2 and err.splitlines()[0] == f"{bad}: not a Jupyter notebook: invalid JSON", f"rc={rc} {err}")


PROJECT = os.path.join(HERE, "project")
CASES = os.path.join(os.path.dirname(HERE), "conformance", "cases")


def load_json(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def validate_sarif(doc):
    """Errors of `doc` against the vendored SARIF 2.1.0 schema (jsonschema), or structural checks."""
    try:
        import jsonschema
    except ImportError:
        jsonschema = None
    if jsonschema is not None:
        with open(os.path.join(HERE, "sarif-schema-2.1.0.json")) as f:
            schema = json.load(f)
        validator = jsonschema.Draft4Validator(schema)
        return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(doc)][:5]
    problems = []
    if doc.get("version") != "2.1.0":
        problems.append("version")
    for run in doc.get("runs", []):
        rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
        for r in run["results"]:
            if r["ruleId"] not in rules or r["level"] not in ("error", "warning", "note"):
                problems.append(f"result {r}")
    return problems


def ci_tests():
    # Directories: recursive, sorted, config excludes honoured (excluded files have syntax errors).
    rc, out, err = gbc("analyze", "--format", "json", PROJECT)
    rep = load_json(out)
    paths = [os.path.relpath(f["path"], PROJECT) for f in (rep or {}).get("files", [])]
    check("a directory expands to its *.py files, sorted, config excludes skipped",
          paths == ["breaks.py", "errors.py", "sub/clean.py", "suppressed.py"], f"rc={rc} {paths} {err[-500:]}")
    check("an error that would be raised (even caught) fails the default --fail-on error", rc == 1, f"rc={rc}")
    rc, _, _ = gbc("analyze", "--fail-on", "never", PROJECT)
    check("--fail-on never exits 0", rc == 0, f"rc={rc}")
    rc, _, _ = gbc("analyze", "--exit-zero", PROJECT)
    check("--exit-zero exits 0", rc == 0, f"rc={rc}")
    rc, _, err = gbc("analyze", os.path.join(PROJECT, "breaks.py"))
    check("a graph break alone does not fail --fail-on error", rc == 0, f"rc={rc} {err[-300:]}")
    rc, _, _ = gbc("analyze", "--fail-on", "break", os.path.join(PROJECT, "breaks.py"))
    check("--fail-on break fails on a graph break", rc == 1, f"rc={rc}")
    rc, _, err = gbc("analyze", os.path.join(PROJECT, "breaks.py"), "missing.py")
    check("an input error wins over findings (exit 2)", rc == 2 and "cannot read 'missing.py'" in err, f"rc={rc}")

    # Suppressions.
    rc, out, err = gbc("analyze", "--fail-on", "break", os.path.join(PROJECT, "suppressed.py"))
    check("a suppressed break is left out of the text and the exit code",
          rc == 0 and "Graph break" not in err and ", 1 suppressed" in err, f"rc={rc} {err[-600:]}")
    check("an unused suppression is reported with its line",
          re.search(r"suppressed\.py:7:\d+: warning: unused suppression 'gbc: ignore'", err) is not None, err[-600:])
    rc, out, err = gbc("analyze", "--format", "json", os.path.join(PROJECT, "suppressed.py"))
    f = ((load_json(out) or {}).get("files") or [{}])[0]
    check("JSON keeps a suppressed break, marked", [b.get("suppressed") for b in f.get("graph_breaks", [])][:1] == [True], out[:400])

    # SARIF.
    rc, out, err = gbc("analyze", "--format", "sarif", PROJECT)
    doc = load_json(out)
    problems = validate_sarif(doc) if doc else ["no JSON"]
    check("--format sarif validates against the SARIF 2.1.0 schema", not problems, "\n".join(problems) + err[-300:])
    if doc:
        run = doc["runs"][0]
        check("SARIF has one rule per gb-code with its page",
              [r["id"] for r in run["tool"]["driver"]["rules"]] == ["GB0025"]
              and run["tool"]["driver"]["rules"][0]["helpUri"].endswith("/gb/gb0025.html"), json.dumps(run["tool"])[:400])
        levels = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["level"],
                         "suppressions" in r) for r in run["results"])
        check("SARIF results: warning for breaks, error for errors, suppressions marked",
              ("project/breaks.py", "warning", False) in levels and ("project/errors.py", "error", False) in levels
              and ("project/suppressed.py", "warning", True) in levels, str(levels))

    # GitHub annotations.
    rc, out, err = gbc("analyze", "--format", "github", PROJECT)
    lines = out.splitlines()
    check("--format github prints ::warning / ::error lines and a summary",
          any(l.startswith("::warning file=project/breaks.py,line=6,endLine=6,col=5,endColumn=32,title=GB0025::") for l in lines)
          and any(l.startswith("::error file=project/errors.py,line=6,") for l in lines)
          and lines[-1].startswith("gbc: ") and not any("suppressed.py,line=6" in l for l in lines), out[-800:])

    # Config: --config names a file; its fail-on and ignore apply; flags override.
    tmp = tempfile.mkdtemp(prefix="gbc-cli-")
    try:
        cfg = os.path.join(tmp, "gbc.toml")
        with open(cfg, "w") as fh:
            fh.write('fail-on = "break"\nformat = "json"\n')
        rc, out, err = gbc("analyze", "--config", cfg, os.path.join(PROJECT, "breaks.py"))
        check("--config: fail-on and format come from the file", rc == 1 and load_json(out) is not None, f"rc={rc} {err[-300:]}")
        rc, out, err = gbc("analyze", "--config", cfg, "--fail-on", "error", "--format", "text", os.path.join(PROJECT, "breaks.py"))
        check("command-line flags override the config", rc == 0 and out == "", f"rc={rc}")
        with open(cfg, "w") as fh:
            fh.write('fail-on = "break"\nignore = ["gb0025"]\n')
        rc, out, err = gbc("analyze", "--config", cfg, os.path.join(PROJECT, "breaks.py"))
        check("config ignore removes a code from output and exit code", rc == 0 and "Graph break" not in err, f"rc={rc} {err[-300:]}")
        with open(cfg, "w") as fh:
            fh.write('ignore = ["GB9999"]\n')
        rc, out, err = gbc("analyze", "--config", cfg, os.path.join(PROJECT, "breaks.py"))
        check("config ignore of an unknown gb-code is a usage error (exit 2)",
              rc == 2 and "unknown gb-code 'GB9999'" in err, f"rc={rc} {err[-300:]}")
        with open(cfg, "w") as fh:
            fh.write('fail-on = "sometimes"\n')
        rc, out, err = gbc("analyze", "--config", cfg, os.path.join(PROJECT, "breaks.py"))
        check("a bad config value is a usage error (exit 2)", rc == 2 and "fail-on" in err, f"rc={rc} {err}")
        with open(cfg, "w") as fh:
            fh.write('fail-on = [\n')
        rc, out, err = gbc("analyze", "--config", cfg, os.path.join(PROJECT, "breaks.py"))
        check("a TOML syntax error in the config is a usage error (exit 2)", rc == 2 and "gbc.toml" in err, f"rc={rc} {err}")

        os.remove(cfg)  # the baseline runs below would find it by walking up

        # Baselines: keyed by text, not line; new findings still fail.
        work = os.path.join(tmp, "src")
        os.makedirs(work)
        shutil.copy(os.path.join(PROJECT, "breaks.py"), os.path.join(work, "model.py"))
        base = os.path.join(tmp, "baseline.json")
        rc, out, err = gbc("analyze", "--fail-on", "break", "--write-baseline", base, work)
        check("--write-baseline writes the file and exits 0", rc == 0 and os.path.exists(base), f"rc={rc} {err[-300:]}")
        with open(base) as fh:
            entries = (load_json(fh.read()) or {}).get("findings", [])
        check("the baseline keys by file, function, gb-code and source line",
              entries == [{"file": "src/model.py", "function": "fn", "gb_code": "GB0025",
                           "source": "torch._dynamo.graph_break()", "count": 1}], json.dumps(entries))
        with open(os.path.join(work, "model.py")) as fh:
            text = fh.read()
        with open(os.path.join(work, "model.py"), "w") as fh:
            fh.write("# a comment that shifts every line\n\n" + text)
        rc, out, err = gbc("analyze", "--fail-on", "break", "--baseline", base, work)
        check("--baseline accepts a known finding after a line shift",
              rc == 0 and "Graph break" not in err and "1 in baseline" in err, f"rc={rc} {err[-400:]}")
        with open(os.path.join(work, "model.py"), "w") as fh:
            fh.write(text.replace("    return x + 2", "    print(x)\n    return x + 2"))
        rc, out, err = gbc("analyze", "--fail-on", "break", "--baseline", base, work)
        check("--baseline reports and fails on a new finding", rc == 1 and "print" in err, f"rc={rc} {err[-400:]}")
        rc, out, err = gbc("analyze", "--baseline", os.path.join(tmp, "nope.json"), work)
        check("a missing baseline is an input error (exit 2)", rc == 2, f"rc={rc}")
        # writing for one file keeps the other files' entries; a run with an input error writes none
        shutil.copy(os.path.join(PROJECT, "breaks.py"), os.path.join(work, "other.py"))
        rc, out, err = gbc("analyze", "--write-baseline", base, work)
        with open(os.path.join(work, "other.py"), "w") as fh:
            fh.write("x = 1\n")
        rc, out, err = gbc("analyze", "--write-baseline", base, os.path.join(work, "other.py"))
        with open(base) as fh:
            files = sorted(e["file"] for e in (load_json(fh.read()) or {}).get("findings", []))
        check("--write-baseline for one file replaces its entries and keeps the others'",
              rc == 0 and files == ["src/model.py", "src/model.py"], f"rc={rc} {files} {err[-300:]}")
        with open(os.path.join(work, "broken.py"), "w") as fh:
            fh.write("def f(:\n")
        before = open(base).read()
        rc, out, err = gbc("analyze", "--write-baseline", base, work)
        check("a run that cannot read every file writes no baseline (exit 2)",
              rc == 2 and "not written" in err and open(base).read() == before, f"rc={rc} {err[-300:]}")
        os.remove(os.path.join(work, "broken.py"))
        bad = os.path.join(tmp, "bad_baseline.json")
        for entry, why in [({"file": 5}, '"file" must be a string'), ({"file": "a.py", "function": "f", "gb_code": "GB0025",
                           "source": "x", "count": 0}, '"count" must be a whole number')]:
            with open(bad, "w") as fh:
                json.dump({"gbc_baseline": 1, "findings": [entry]}, fh)
            rc, out, err = gbc("analyze", "--baseline", bad, work)
            check(f"a baseline entry is validated: {why}", rc == 2 and why in err, f"rc={rc} {err[-300:]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # explain.
    rc, out, err = gbc("explain", os.path.join(PROJECT, "breaks.py"))
    check("explain prints ExplainOutput's sections",
          rc == 0 and out.startswith("Graph Count: 2\nGraph Break Count: 1\nOp Count: 2\nBreak Reasons:\n  Break Reason 1:\n"
                                     "    Reason: Call to `torch._dynamo.graph_break()`")
          and "    User Stack:\n      <FrameSummary file " in out and "Ops per Graph:\n  Ops 1:\n" in out, f"rc={rc}\n{out}{err}")

    # atexit callbacks left registered run as the program exits; a failing one is reported on
    # stderr as CPython reports it (no caret lines), and the run still exits 0.
    prog = os.path.join(HERE, "..", "python", "atexit", "at_exit.py")
    rc, out, err = gbc("run", prog)
    check("gbc run: atexit callbacks run at exit, a failing one reported as CPython does",
          rc == 0 and out == "main\nbye 2\nbye 1\n"
          and re.fullmatch(r"Exception ignored in atexit callback <function bad at 0x[0-9a-f]+>:\n"
                           r"Traceback \(most recent call last\):\n"
                           r'  File ".*at_exit\.py", line 7, in bad\n    1/0\n'
                           r"ZeroDivisionError: division by zero\n", err) is not None,
          f"rc={rc}\n{out}{err}")

    # The conformance cases as a directory: parallel output is deterministic, SARIF valid.
    if os.path.isdir(CASES):
        rc1, out1, err1 = gbc("analyze", "--format", "json", "-j", "1", CASES, timeout=600)
        rc2, out2, err2 = gbc("analyze", "--format", "json", "-j", "2", CASES, timeout=600)
        rep = load_json(out2)
        n_py = len([n for n in os.listdir(CASES) if n.endswith(".py")])
        check("the conformance cases directory gives one JSON entry per file",
              rep is not None and len(rep["files"]) == n_py, f"rc={rc2} {err2[-300:]}")
        check("parallel analysis (-j 2) prints exactly what -j 1 prints", out1 == out2 and rc1 == rc2, f"rc={rc1}/{rc2}")
        rc, out, err = gbc("analyze", "--format", "sarif", CASES, timeout=600)
        doc = load_json(out)
        problems = validate_sarif(doc) if doc else ["no JSON"]
        check("SARIF of the conformance cases validates", not problems, "\n".join(problems))
        if doc and rep:
            unique = sum(1 for f in rep["files"] for b in f["graph_breaks"] if not b["duplicate"])
            breaks = sum(1 for r in doc["runs"][0]["results"] if r["properties"]["kind"] == "graph_break")
            check("SARIF has a result for every (unique) graph break", breaks == unique, f"{breaks} != {unique}")
        rc, out, err = gbc("analyze", "--format", "github", CASES, timeout=600)
        if rep:
            findings = sum(1 for f in rep["files"] for b in f["graph_breaks"] if not b["duplicate"] and not b["suppressed"]) + \
                sum(1 for f in rep["files"] for e in f["errors"] + f["caught_errors"] if not e["suppressed"])
            annotations = sum(1 for l in out.splitlines() if l.startswith(("::error ", "::warning ")))
            check("github prints one annotation per finding", annotations == findings, f"{annotations} != {findings}")


if __name__ == "__main__":
    GBC = os.path.abspath(sys.argv[1])
    sys.exit(main())
