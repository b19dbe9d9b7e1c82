# Every method of str, by code points, with non-ASCII text and CPython's errors.

def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, "->", repr(r))

s = "Ça fait déjà 日本 😀 naïve ÇA"

show("find", lambda: (s.find("déjà"), s.find("日"), s.find("😀"), s.find("x"), s.find("a", 3),
                      s.find("a", -5), s.find("", 100), s.find("", len(s)), s.find("a", 2, 1)))
show("rfind", lambda: (s.rfind("a"), s.rfind("ï"), s.rfind("a", 0, 5), s.rfind("")))
show("index", lambda: s.index("😀"))
show("index missing", lambda: s.index("zz"))
show("rindex", lambda: s.rindex("Ç"))
show("count", lambda: (s.count("a"), s.count(""), s.count("a", 5, 15), s.count("é"), "aaaa".count("aa")))
show("startswith", lambda: (s.startswith("Ça"), s.startswith(("x", "Ça f")), s.startswith("fait", 3),
                            s.startswith("", len(s)), s.startswith("", len(s) + 1)))
show("endswith", lambda: (s.endswith("ÇA"), s.endswith("naïve", 0, -3), s.endswith(("😀", "A"))))
show("replace", lambda: s.replace("a", "å"))
show("replace count", lambda: (s.replace("a", "_", 2), s.replace("", "|", 3), "abc".replace("", "-")))
show("replace kw", lambda: "aaa".replace("a", "b", count=2))
show("partition", lambda: (s.partition("日本"), s.partition("zz"), s.rpartition("a"), s.rpartition("zz")))
show("removeprefix", lambda: (s.removeprefix("Ça "), s.removeprefix("x"), s.removesuffix(" ÇA")))

show("split", lambda: s.split())
show("split sep", lambda: (s.split("a"), s.split("a", 2), s.rsplit("a", 2), "a,b,,c".split(",")))
show("split ws", lambda: ("\u2003a\u3000b\x1cc\x85 ".split(), "  a  b  ".split(None, 1), "  a  b  ".rsplit(None, 1)))
show("splitlines", lambda: "a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l".splitlines())
show("splitlines keep", lambda: "é\r\nü\n\nx".splitlines(True))
show("join", lambda: ("·".join(["a", "é", "日"]), "".join([]), ", ".join(("x",)), "-".join("abc")))
show("join gen", lambda: "+".join(c.upper() for c in "éa"))
show("strip", lambda: ("  \u3000héllo\t\n".strip(), "xxéyx".strip("x"), "éaé".strip("é"), "abc".lstrip("ba"), "abc".rstrip("cb")))
show("expandtabs", lambda: ("é\tx\t日\ty".expandtabs(), "a\tb".expandtabs(3), "ab\tc\r\td".expandtabs(4), "x\ty".expandtabs(0)))
show("center", lambda: ("é".center(6, "★"), "日本".center(5), "ab".center(7, "-"), "abc".center(2)))
show("ljust/rjust", lambda: ("é".ljust(4, "·"), "é".rjust(4, "·"), "😀".rjust(3)))
show("zfill", lambda: ("42".zfill(5), "-42".zfill(5), "+é".zfill(4), "é".zfill(0)))
show("translate", lambda: s.translate({ord("a"): "ä", ord("Ç"): None, ord("日"): 0x1F600}))
show("maketrans", lambda: sorted(str.maketrans("aé", "bè", "x").items()))
show("maketrans dict", lambda: sorted(str.maketrans({"é": "e", 97: None}).items()))
show("translate table", lambda: "héllo".translate(str.maketrans("hé", "HÉ", "l")))

class Table:
    def __getitem__(self, k):
        if k == ord("é"):
            return "e"
        raise LookupError(k)
show("translate custom", lambda: "héé!".translate(Table()))
show("format", lambda: "{} {:>5} {x!r}".format("é", "日", x="ü"))
show("format_map", lambda: "{a}-{b}".format_map({"a": "α", "b": "β"}))
show("encode", lambda: ("é€".encode(), "é€".encode("utf-16"), "abc".encode("ascii")))
show("mod", lambda: "%s|%5s|%-4s|%.1s" % ("é", "日", "ü", "ça"))
show("getnewargs", lambda: "é".__getnewargs__())
show("isascii", lambda: ("abc".isascii(), "é".isascii(), "".isascii()))

# argument errors
show("find()", lambda: s.find())
show("find(1)", lambda: s.find(1))
show("split('')", lambda: s.split(""))
show("split(1)", lambda: s.split(1))
show("strip(1)", lambda: s.strip(1))
show("join([1])", lambda: "".join(["a", 1]))
show("join(1)", lambda: "".join(1))
show("center fill", lambda: "a".center(3, "ab"))
show("center fill int", lambda: "a".center(3, 1))
show("replace()", lambda: "a".replace("a"))
show("startswith(1)", lambda: "a".startswith(1))
show("startswith((1,))", lambda: "a".startswith((1,)))
show("partition('')", lambda: "a".partition(""))
show("upper(1)", lambda: "a".upper(1))
show("lower(x=1)", lambda: "a".lower(x=1))
show("zfill()", lambda: "a".zfill())
show("expandtabs('x')", lambda: "a".expandtabs("x"))
show("maketrans(1)", lambda: str.maketrans(1))
show("maketrans unequal", lambda: str.maketrans("ab", "c"))
show("translate bad", lambda: "a".translate({97: 1.5}))
show("translate range", lambda: "a".translate({97: 0x110000}))
show("removeprefix(1)", lambda: "a".removeprefix(1))
show("descriptor", lambda: str.upper(1))
show("count slice", lambda: "a".count("a", "x"))
show("split maxsplit", lambda: "a b".split(maxsplit="1"))
show("split kw twice", lambda: "a".split("a", sep="b"))
show("encode kw", lambda: "a".encode(encoding=1))
