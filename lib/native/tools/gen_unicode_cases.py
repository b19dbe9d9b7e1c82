#!/usr/bin/env python3
"""Writes the expected values for lib/native/unicode's tests (testdata/native/unicode/), read from
CPython 3.14 itself. Run it with the oracle, from the repository root:

    chroot /root/.cache/gbc-torch-root python3 - \
        < lib/native/tools/gen_unicode_cases.py > testdata/native/unicode/cases.txt

One record per line, fields separated by spaces:
  P cp category predicates decimal digit numeric lower upper title casefold
      properties of one code point: `predicates` is a 0/1 string in PREDICATES order then
      linebreak, XID_Continue, Cased, Case_Ignorable (see derived()), numeric is
      repr(float) or '-', the mappings are the full ones (str.lower() of the one-character
      string), each a '.'-joined list of hex code points;
  S method input output      a str method over a string (hex code points, '.'-joined, '' as '-')
  D bytes result             bytes.decode('utf-8'): bytes as hex; result 'ok:<code points>' or
                             'err:<start>:<end>:<reason with _ for spaces>'
  E input result             str.encode('utf-8'): 'ok:<hex bytes>' or 'err:<start>:<end>:<reason>'
The sample of code points: all below U+0800, every 257th above, and every code point with a case
mapping, a numeric value, or the space or linebreak property.
"""

import random
import unicodedata

PREDICATES = ["isalpha", "isdecimal", "isdigit", "isnumeric", "isalnum", "islower", "isupper",
              "istitle", "isspace", "isprintable", "isidentifier"]


def derived(c):
    """Properties Python does not expose, read off the str methods that use them: where
    splitlines splits, what may continue an identifier, and Cased / Case_Ignorable (str.title
    lowercases after a Cased character; str.lower's final sigma skips Case_Ignorable ones)."""
    linebreak = len(("a" + c + "b").splitlines()) == 2
    xid_continue = ("a" + c).isidentifier()
    cased = ("a" + c + "b").title()[-1] == "b"
    if cased:
        ignorable = (c + "\u03a3").lower()[-1] != "\u03c2"
    else:
        ignorable = ("A" + c + "\u03a3").lower()[-1] == "\u03c2"
    return "".join("1" if x else "0" for x in (linebreak, xid_continue, cased, ignorable))


def hexs(s):
    return ".".join("%x" % ord(c) for c in s) if s else "-"


def wanted(cp):
    if cp < 0x800 or cp % 257 == 0:
        return True
    c = chr(cp)
    return (c.lower() != c or c.upper() != c or c.casefold() != c or c.title() != c
            or unicodedata.numeric(c, None) is not None or c.isspace()
            or len(("a" + c + "b").splitlines()) == 2)


def props():
    for cp in range(0x110000):
        if not wanted(cp):
            continue
        c = chr(cp)
        bits = "".join("1" if getattr(c, p)() else "0" for p in PREDICATES) + derived(c)
        num = unicodedata.numeric(c, None)
        print("P %x %s %s %d %d %s %s %s %s %s" % (
            cp, unicodedata.category(c), bits, unicodedata.decimal(c, -1),
            unicodedata.digit(c, -1), "-" if num is None else repr(num),
            hexs(c.lower()), hexs(c.upper()), hexs(c.title()), hexs(c.casefold())))


def strings():
    rng = random.Random(314)
    samples = [
        "", "a", "A", "Σ", "ΑΣ", "ΑΣ ", "ΑΣΑ", "Α.Σ", "Α.Σ.", "Σ.Α", "ΑΣ\u0345", "\u0345Σ",
        "ὈΔΥΣΣΕΎΣ", "hello world", "Hello World", "HELLO", "ǅungla", "ǆ", "ǅ", "ß", "ŉ", "ΐ",
        "ﬃ", "İstanbul", "ᾈ", "ᾀ", "ᾳ", "ͅ", "ǰ", "a\u0307", "ʼn", "ABC def GHI", "1a2b",
        "they're bill's friends", "ΣΣ", "aΣΣ", "ΣaΣ", "A\u00adΣ", "A\u00adΣ\u00ad", "x\u02b0Σ",
        "_a", "a1", "1a", "if", "ℕ", "\u2160\u2161", "ⓐⓑ", "Ⓐ", "\u1e9e", "ΆΣΣ", "ſ", "K", "Å",
        "\u01c5\u01c6\u01c4", "\u10d0\u1c90", "\U00010400\U00010428", "\U0001e900",
        "a\u0301Σ", "Σ\u0301", "A\u0301Σ\u0301x", "cafÉ", "\u0130\u0131", "i\u0307",
    ]
    pool = [chr(cp) for cp in range(0x20, 0x800)] + ["Σ", "\u00ad", "\u0345", "ß", "ﬃ", " "]
    for _ in range(300):
        samples.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 8))))
    for s in samples:
        for method in ("lower", "upper", "casefold", "title", "capitalize", "swapcase"):
            print("S %s %s %s" % (method, hexs(s), hexs(getattr(s, method)())))
        for method in ("islower", "isupper", "istitle", "isidentifier"):
            print("S %s %s %d" % (method, hexs(s), getattr(s, method)()))


def utf8():
    rng = random.Random(8)
    inputs = [b"", b"abc", b"\x80", b"a\xc0\x80", b"\xc2", b"\xc2a", b"\xe0\x80\x80", b"\xe0\xa0",
              b"\xe0\x80", b"\xed\xa0\x80", b"\xed\x9f\xbf", b"\xee\x80\x80", b"\xf0\x90\x80",
              b"\xf0\x90\x80a", b"\xf0\x8f\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80",
              b"\xf5", b"\xff", b"\xe1\x80", b"\xe1\x80a", b"\xf1\x80\x80", b"\xf1\x80\x80\xc0",
              b"\xc1\xbf", "héllo wörld €𝄞".encode(), b"ab\xf0\x90", b"\xf0", b"\xf0\x80"]
    alphabet = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe1,
                0xed, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff]
    for _ in range(400):
        inputs.append(bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 6))))
    for b in inputs:
        try:
            result = "ok:" + hexs(b.decode("utf-8"))
        except UnicodeDecodeError as e:
            result = "err:%d:%d:%s" % (e.start, e.end, e.reason.replace(" ", "_"))
        print("D %s %s" % (b.hex() or "-", result))
    texts = ["", "abc", "h\u00e9\u20ac\U0001d11e", "a\ud800", "\ud800\udc00x\ud800",
             "ab\udfff\ud800\ud801c", "\udfff"]
    for s in texts:
        try:
            result = "ok:" + (s.encode("utf-8").hex() or "-")
        except UnicodeEncodeError as e:
            result = "err:%d:%d:%s" % (e.start, e.end, e.reason.replace(" ", "_"))
        print("E %s %s" % (hexs(s), result))


print("# gbc lib/native/unicode expectations from CPython, Unicode %s; made by "
      "lib/native/tools/gen_unicode_cases.py" % unicodedata.unidata_version)
print("V %s" % unicodedata.unidata_version)
props()
strings()
utf8()
