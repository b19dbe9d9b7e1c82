// Runs a Python script under CPython 3.12 as pyodide 0.27.7 ships it (WebAssembly, in node) and
// prints what the script prints: the 3.12 oracle for lib/native's generators.
//
//   mkdir -p /tmp/pyodide && cd /tmp/pyodide && npm pack pyodide@0.27.7 && tar xzf pyodide-0.27.7.tgz
//   node lib/native/tools/run_pyodide.mjs SCRIPT.py > OUT
//
// PYODIDE_DIR (default /tmp/pyodide/package) is where the package was unpacked; CPYTHON314_LIB
// (default: the oracle chroot's /usr/lib/python3.14) supplies test/re_tests.py, which pyodide
// does not ship, at the path a 3.14 script expects it.
import { readFileSync } from "fs";

const dir = process.env.PYODIDE_DIR ?? "/tmp/pyodide/package";
const lib314 = process.env.CPYTHON314_LIB ?? "/root/.cache/gbc-torch-root/usr/lib/python3.14";
const { loadPyodide } = await import(`${dir}/pyodide.mjs`);
const py = await loadPyodide({
  indexURL: `${dir}/`,
  stdout: (line) => process.stdout.write(line + "\n"),
});
py.FS.mkdirTree("/usr/lib/python3.14/test");
py.FS.writeFile("/usr/lib/python3.14/test/__init__.py", "");
py.FS.writeFile("/usr/lib/python3.14/test/re_tests.py", readFileSync(`${lib314}/test/re_tests.py`));
py.runPython(readFileSync(process.argv[2], "utf8"));
