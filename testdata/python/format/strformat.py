# str.format / format_map (field names, conversions, nested specs, braces) and printf-style %
# formatting of str and bytes.

def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, "->", repr(r))

class P:
    x = "ëx"
    items = ["zero", "ūno"]
    def __getitem__(self, k):
        return "item[%r]" % (k,)
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"

p = P()
show("auto", lambda: "{} and {}".format("α", "β"))
show("manual", lambda: "{1}{0}{1}".format("a", "é"))
show("kw", lambda: "{name}: {v:>6.2f}".format(name="π", v=3.14159))
show("attr", lambda: "{0.x} {0.items[1]} {0[key]} {0[3]} {0[-1]}".format(p))
show("conv", lambda: "{0!s} {0!r} {0!a} {1!a}".format(p, "日é"))
show("nested", lambda: "{:{}{}{}}".format("é", "*", "^", 7))
show("nested kw", lambda: "{v:{fill}>{w}}".format(v="ü", fill="·", w=5))
show("braces", lambda: "{{}} {{{0}}} }}{{".format("ok"))
show("unicode index", lambda: "{٠}".format("zero"))
show("format_map", lambda: "{a} {b[0]}".format_map({"a": "α", "b": ["β"]}))
class Missing(dict):
    def __missing__(self, k):
        return "<" + k + ">"
show("format_map missing", lambda: "{a} {zz}".format_map(Missing(a="1")))
for bad in ["{", "}", "{0", "{0!", "{0!r", "{0!rx}", "{0{}}", "{0[}", "{0[0]x}", "{0.}", "{0[]}",
            "{}{1}", "{1}{}", "{:{:{}}}", "{!}", "{0!x:}", "{99999999999999999999}", "{0:d}", "{x}",
            "{2}", "{0:=5}"]:
    show(repr(bad), lambda bad=bad: bad.format("s", "t"))
show("positional in map", lambda: "{0}".format_map({}))

# % with str
show("%s", lambda: "%s|%r|%a|%5s|%-5s|%.2s" % ("é", "é", "é", "日", "ü", "日本語"))
show("%d", lambda: "%d|%5d|%-5d|%05d|%+d|% d|%i|%u" % (42, -42, 42, -42, 42, 42, 3.9, -3))
show("%x", lambda: "%x|%X|%#x|%#X|%#o|%o|%#05x|%+#08o" % (255, 255, 255, 255, 8, -8, 255, 8))
show("%f", lambda: "%f|%.2f|%10.3f|%-10.1f|%+.0f|%#.0f|% .1f" % (3.14159, 2.5, -1.5, 2.25, 0.5, 1.0, 2.0))
show("%e%g", lambda: "%e|%E|%.3g|%G|%#.3g|%g" % (12345.678, 0.000123, 1234567, 1e-20, 1, 1e-5))
show("%c", lambda: "%c%c%c" % ("é", 0x1F600, 65))
show("star", lambda: "%*d|%-*s|%.*f|%*.*s" % (5, 42, 4, "é", 2, 3.14159, 6, 2, "日本語"))
show("neg star", lambda: "%*s|" % (-4, "x"))
show("mapping", lambda: "%(a)s %(b)05.1f %(a)r" % {"a": "ä", "b": 2.25})
show("nested key", lambda: "%(a(b))s" % {"a(b)": "x"})
show("percent", lambda: "100%% %s" % "é")
show("big", lambda: "%d %x %o" % (2**100, -2**70, 2**65))
show("tuple arg", lambda: "%s" % (("a", "b"),))
show("list arg", lambda: "%s" % ["é"])
show("dict arg", lambda: "%s" % {"k": 1})
for fmt, args in [("%d %d", (1,)), ("%s", (1, 2)), ("%(a)s", 1), ("%z", 1), ("%", 1), ("%5", 1),
                  ("%.", 1), ("%(a", {"a": 1}), ("%d", "x"), ("%x", 1.5), ("%c", "ab"), ("%c", -1),
                  ("%c", 1.5), ("%*d", ("a", 1)), ("%f", "x"), ("", 1), ("", ()), ("", []),
                  ("%s %(a)s", {"a": 1}), ("%é", 1), ("%5%", ())]:
    show("%r %% %r" % (fmt, args), lambda fmt=fmt, args=args: fmt % args)

# % with bytes and bytearray
show("b%s", lambda: b"%s|%b|%5s|%-4b|" % (b"ab", bytearray(b"c"), b"d", memoryview(b"e")))
show("b%r", lambda: b"%r %a" % ("é", b"x"))
show("b%d", lambda: b"%d %05.1f %x %c %c" % (-3, 2.5, 255, 65, b"z"))
show("bytearray%", lambda: bytearray(b"<%s>") % b"x")
show("b mapping", lambda: b"%(k)s" % {b"k": b"v"})
class HasBytes:
    def __bytes__(self):
        return b"HB"
show("b __bytes__", lambda: b"%s" % HasBytes())
for fmt, args in [(b"%s", "é"), (b"%s", (1,)), (b"%c", 256), (b"%c", b"ab"), (b"%c", "a"), (b"", 1),
                  (b"", b""), (b"%z", 1), (b"%(a)s", {"a": b"v"})]:
    show("%r %% %r" % (fmt, args), lambda fmt=fmt, args=args: fmt % args)
