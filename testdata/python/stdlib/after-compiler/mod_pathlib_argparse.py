# gbc-env: GBC_REAL_STDLIB=all
# pathlib, argparse, os, glob, tempfile, shutil, io, string, textwrap.
import pathlib, argparse, os, io, string, textwrap, tempfile, shutil, glob

p = pathlib.PurePosixPath("/usr/lib/python3.14/json/__init__.py")
print(p.name, p.suffix, p.stem, p.parent, p.parts[:3], p.with_suffix(".txt"), p.relative_to("/usr"))
print(pathlib.PurePosixPath("a") / "b" / "c.tar.gz", pathlib.PurePosixPath("a/b/c.tar.gz").suffixes, pathlib.PurePosixPath("/a/b").is_absolute())
q = pathlib.Path("some/dir/file.py")
print(q.as_posix(), q.with_name("x.py"), str(q.parent.parent), q.match("*.py"))

ap = argparse.ArgumentParser(prog="tool", description="demo")
ap.add_argument("input")
ap.add_argument("-n", "--count", type=int, default=3)
ap.add_argument("--verbose", action="store_true")
ap.add_argument("--mode", choices=["a", "b"], default="a")
ns = ap.parse_args(["file.txt", "-n", "5", "--verbose"])
print(ns, ns.input, ns.count, ns.verbose, ns.mode)
print(ap.format_usage().strip())

print(os.path.join("a", "b"), os.path.splitext("x.tar.gz"), os.path.basename("/a/b.py"), os.sep)
buf = io.StringIO()
buf.write("hello\nworld\n")
print(buf.getvalue().splitlines(), io.BytesIO(b"abc").read(2))
print(string.ascii_lowercase[:5], string.Template("$who likes $what").substitute(who="tim", what="pie"), string.capwords("hello world"))
print(textwrap.wrap("The quick brown fox jumps over the lazy dog", 15), textwrap.dedent("  a\n  b"), textwrap.indent("x\ny", "> "))
with tempfile.TemporaryDirectory() as d:
    path = pathlib.Path(d) / "f.txt"
    path.write_text("data")
    print(path.read_text(), path.exists(), sorted(os.path.basename(x) for x in glob.glob(os.path.join(d, "*.txt"))))
    shutil.copy(path, pathlib.Path(d) / "g.txt")
    print(sorted(x.name for x in pathlib.Path(d).iterdir()))
