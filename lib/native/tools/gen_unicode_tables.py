#!/usr/bin/env python3
"""Generates lib/native/unicode/unicode_tables.cpp: gbc's Unicode character database.

Run it with CPython 3.14 (the oracle), so that the Unicode version is 3.14's:

    chroot /root/.cache/gbc-torch-root python3 - \
        < lib/native/tools/gen_unicode_tables.py > lib/native/unicode/unicode_tables.cpp

Every value is read from CPython itself (unicodedata, str methods, _sre), never from the UCD
files, so the tables say what CPython 3.14 says even where CPython's derivation is its own:
  - the simple mappings are CPython's Py_UNICODE_TOLOWER/TOUPPER/TOTITLE, which for a character
    with a special (multi-character) casing give the first character of the full mapping;
  - Cased and Case_Ignorable are not exposed by Python, so they are read off str.title() and the
    final-sigma rule of str.lower(), which use exactly those two properties.

Layout (see unicode.h): one deduplicated CharRecord per distinct property set, found through a
two-level index (index1 by the high bits of the code point, index2 by the low bits); the shift is
chosen to make the two index arrays smallest. Full case mappings that are not one character, and
case folds that differ from the full lowercase, live in a side table of SpecialCase entries.
"""

import sys
import unicodedata

CATEGORIES = [
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
]

FLAG_NAMES = [
    "kAlpha", "kDecimal", "kDigit", "kNumeric", "kLower", "kUpper", "kTitle", "kSpace",
    "kLinebreak", "kPrintable", "kXidStart", "kXidContinue", "kCased", "kCaseIgnorable",
]
FLAG = {name: 1 << i for i, name in enumerate(FLAG_NAMES)}

MAX_CP = 0x110000


def is_linebreak(c):
    # str.splitlines() splits exactly at Py_UNICODE_ISLINEBREAK characters.
    return len(("a" + c + "b").splitlines()) == 2


def cased_and_ignorable(c):
    # str.title() lowercases the next character exactly when the previous one is Cased.
    cased = ("a" + c + "b").title()[-1] == "b"
    if cased:
        # A Cased character before a capital sigma makes it final unless it is also
        # Case_Ignorable (then the scan passes over it and finds nothing cased before it).
        ignorable = (c + "\u03a3").lower()[-1] != "\u03c2"
    else:
        # An ignorable character between a cased letter and the sigma is skipped.
        ignorable = ("A" + c + "\u03a3").lower()[-1] == "\u03c2"
    return cased, ignorable


def flags_of(c):
    f = 0
    if c.isalpha():
        f |= FLAG["kAlpha"]
    if c.isdecimal():
        f |= FLAG["kDecimal"]
    if c.isdigit():
        f |= FLAG["kDigit"]
    if c.isnumeric():
        f |= FLAG["kNumeric"]
    if c.islower():
        f |= FLAG["kLower"]
    if c.isupper():
        f |= FLAG["kUpper"]
    if c.istitle() and not c.isupper():
        f |= FLAG["kTitle"]
    if c.isspace():
        f |= FLAG["kSpace"]
    if is_linebreak(c):
        f |= FLAG["kLinebreak"]
    if c.isprintable():
        f |= FLAG["kPrintable"]
    if c.isidentifier() and c != "_":
        f |= FLAG["kXidStart"]
    if ("a" + c).isidentifier():
        f |= FLAG["kXidContinue"]
    cased, ignorable = cased_and_ignorable(c)
    if cased:
        f |= FLAG["kCased"]
    if ignorable:
        f |= FLAG["kCaseIgnorable"]
    return f


def splitbins(t):
    """Returns (shift, index1, index2) with t[i] == index2[(index1[i >> shift] << shift) + (i & mask)],
    choosing the shift that makes both arrays smallest (the idea of CPython's splitbins)."""
    def size(n):
        return 1 if n < 256 else 2 if n < 65536 else 4

    best = None
    for shift in range(2, 12):
        block = 1 << shift
        blocks = {}
        index1 = []
        index2 = []
        for start in range(0, len(t), block):
            chunk = tuple(t[start:start + block])
            found = blocks.get(chunk)
            if found is None:
                found = len(index2) >> shift
                blocks[chunk] = found
                index2.extend(chunk)
            index1.append(found)
        total = len(index1) * size(max(index1)) + len(index2) * size(max(index2))
        if best is None or total < best[0]:
            best = (total, shift, index1, index2)
    return best[1], best[2], best[3]


def main():
    records = {}
    record_list = []
    special = {}
    special_list = [None]  # entry 0: no special casing
    case_chars = []
    numerics = {}
    numeric_list = [0.0]  # entry 0: no numeric value
    per_cp = []

    def add_chars(s):
        off = len(case_chars)
        case_chars.extend(ord(ch) for ch in s)
        return off, len(s)

    for cp in range(MAX_CP):
        c = chr(cp)
        cat = CATEGORIES.index(unicodedata.category(c))
        flags = flags_of(c)
        dec = unicodedata.decimal(c, -1)
        dig = unicodedata.digit(c, -1)
        num = unicodedata.numeric(c, None)
        if num is None:
            num_idx = 0
        else:
            num_idx = numerics.get(num)
            if num_idx is None:
                num_idx = len(numeric_list)
                numerics[num] = num_idx
                numeric_list.append(num)
        lower, upper, title, fold = c.lower(), c.upper(), c.title(), c.casefold()
        # Py_UNICODE_TOLOWER and friends: the first character of the full mapping.
        dl, du, dt = ord(lower[0]) - cp, ord(upper[0]) - cp, ord(title[0]) - cp
        sp = 0
        if len(lower) > 1 or len(upper) > 1 or len(title) > 1 or fold != lower:
            key = (lower, upper, title, fold)
            sp = special.get(key)
            if sp is None:
                sp = len(special_list)
                special[key] = sp
                special_list.append(tuple(add_chars(s) for s in key))
        rec = (dl, du, dt, flags, sp, cat, dec, dig, num_idx)
        rid = records.get(rec)
        if rid is None:
            rid = len(record_list)
            records[rec] = rid
            record_list.append(rec)
        per_cp.append(rid)

    # Record 0 must be the one of unassigned code points (what index 0x110000 and above get).
    assert per_cp[0x10FFFF] == per_cp[0xE0080], "unexpected record for unassigned code points"
    unassigned = per_cp[0xE0080]
    order = [unassigned] + [i for i in range(len(record_list)) if i != unassigned]
    renumber = {old: new for new, old in enumerate(order)}
    record_list = [record_list[i] for i in order]
    per_cp = [renumber[r] for r in per_cp]
    assert record_list[0][:4] == (0, 0, 0, 0) and record_list[0][5] == 0

    shift, index1, index2 = splitbins(per_cp)
    latin1 = per_cp[:256]

    out = sys.stdout.write
    out("// gbc's Unicode character database, generated by lib/native/tools/gen_unicode_tables.py\n")
    out("// from CPython %s (Unicode %s). Do not edit: rerun the generator (its docstring\n"
        % (sys.version.split()[0], unicodedata.unidata_version))
    out("// says how).\n")
    out('#include "native/unicode/unicode_tables.h"\n\n')
    out("namespace gbc::native::unicode::tables {\n\n")
    out('const char kUnicodeVersion[] = "%s";\n\n' % unicodedata.unidata_version)
    out("// clang-format off\n")
    out("const CharRecord kRecords[%d] = {\n" % len(record_list))
    for dl, du, dt, flags, sp, cat, dec, dig, num_idx in record_list:
        out("  {%d, %d, %d, 0x%04x, %d, %d, %d, %d, %d},\n" % (dl, du, dt, flags, sp, cat, dec, dig,
                                                          num_idx))
    out("};\n\n")
    out("const SpecialCase kSpecialCases[%d] = {\n" % len(special_list))
    out("  {{0, 0}, {0, 0}, {0, 0}, {0, 0}},\n")
    for entry in special_list[1:]:
        out("  {%s},\n" % ", ".join("{%d, %d}" % (off, n) for off, n in entry))
    out("};\n\n")
    out("const char32_t kCaseChars[%d] = {\n" % len(case_chars))
    for i in range(0, len(case_chars), 12):
        out("  " + " ".join("0x%04x," % ch for ch in case_chars[i:i + 12]) + "\n")
    out("};\n\n")
    out("const double kNumericValues[%d] = {\n" % len(numeric_list))
    for i in range(0, len(numeric_list), 8):
        out("  " + " ".join("%r," % v for v in numeric_list[i:i + 8]) + "\n")
    out("};\n\n")
    # unicode_tables.h fixes the shift and the index types; a different choice must be made there too.
    t1 = t2 = "uint16_t"
    assert shift == 6, "unicode_tables.h says kShift = 6; the best shift is now %d" % shift
    assert max(index1) < 65536 and max(index2) < 65536 and len(record_list) < 65536
    assert len(special_list) < 65536 and len(case_chars) < 65536 and len(numeric_list) < 256
    out("const %s kIndex1[kCodePoints >> kShift] = {\n" % t1)
    for i in range(0, len(index1), 20):
        out("  " + " ".join("%d," % v for v in index1[i:i + 20]) + "\n")
    out("};\n\n")
    out("const %s kIndex2[%d] = {\n" % (t2, len(index2)))
    for i in range(0, len(index2), 20):
        out("  " + " ".join("%d," % v for v in index2[i:i + 20]) + "\n")
    out("};\n\n")
    out("const uint16_t kLatin1[256] = {\n")
    for i in range(0, 256, 20):
        out("  " + " ".join("%d," % v for v in latin1[i:i + 20]) + "\n")
    out("};\n")
    out("// clang-format on\n\n")
    out("}  // namespace gbc::native::unicode::tables\n")

    # The shapes the header declares; a mismatch fails the build, not a lookup.
    sys.stderr.write("records %d, special %d, case chars %d, numerics %d, shift %d, index1 %d (%s), "
                     "index2 %d (%s)\n" % (len(record_list), len(special_list), len(case_chars),
                                           len(numeric_list), shift, len(index1), t1,
                                           len(index2), t2))


main()
