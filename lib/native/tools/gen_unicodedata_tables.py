#!/usr/bin/env python3
"""Generates lib/native/unicode/unicodedata_tables.cpp: what CPython 3.14's unicodedata module
knows beyond the str methods' database (unicode_tables.cpp): bidirectional class, canonical
combining class, East Asian width, mirrored, decomposition, the canonical compositions that
normalization uses, character names (with the aliases and named sequences `lookup` accepts),
and the differences of Unicode 3.2.0 (unicodedata.ucd_3_2_0).

Run it with CPython 3.14 (the oracle):

    chroot /root/.cache/gbc-torch-root python3 - \\
        < lib/native/tools/gen_unicodedata_tables.py > lib/native/unicode/unicodedata_tables.cpp

Every value is read from CPython itself. Aliases and named sequences are not listed by Python;
they are the names of NameAliases.txt and NamedSequences.txt as CPython's lookup() resolves them,
found by trying every candidate those files could hold: the generator reads the two files from
Debian's unicode-data package when present (UNICODE_DATA_DIR, default /usr/share/unicode) and
keeps what lookup() accepts and name() does not give.

Layout: one deduplicated record per distinct property set through a two-level index, as in
unicode_tables.cpp. Decompositions are kDecompositions[offset]: (tag << 8 | count), then the code
points. Names are word-coded: kNameWords lists the words, each name is a sequence of word numbers
(one byte below 128, else two) in kNameData; kNamedCodePoints[i] is the code point of name i
and kNameOffsets[i / 32] where names i..i+31 start. Hangul syllables and the names made of a code
point (CJK UNIFIED IDEOGRAPH-4E00) are computed.
"""

import os
import re
import sys
import unicodedata as ud

MAX_CP = 0x110000
TAGS = ["", "<font>", "<noBreak>", "<initial>", "<medial>", "<final>", "<isolated>", "<circle>",
        "<super>", "<sub>", "<vertical>", "<wide>", "<narrow>", "<small>", "<square>",
        "<fraction>", "<compat>"]
BIDI = ["", "L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON",
        "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"]
EAW = ["N", "A", "H", "W", "F", "Na"]
CATEGORIES = [
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
]
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3


def splitbins(t):
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


def algorithmic(cp, name):
    m = re.match(r"^(.*-)([0-9A-F]{4,6})$", name)
    return m is not None and int(m.group(2), 16) == cp


def decomposition_entry(d):
    if not d:
        return None
    parts = d.split()
    tag = 0
    if parts[0].startswith("<"):
        tag = TAGS.index(parts[0])
        parts = parts[1:]
    return (tag, tuple(int(p, 16) for p in parts))


def read_ucd_file(name):
    path = os.path.join(os.environ.get("UNICODE_DATA_DIR", "/usr/share/unicode"), name)
    try:
        with open(path, encoding="utf-8") as f:
            return [line.split("#")[0].strip() for line in f if line.split("#")[0].strip()]
    except OSError:
        return []


def emit_array(out, ctype, name, values, per_line=16, fmt="%d"):
    out("const %s %s[%d] = {\n" % (ctype, name, len(values)))
    for i in range(0, len(values), per_line):
        out("  " + " ".join((fmt % v) + "," for v in values[i:i + per_line]) + "\n")
    out("};\n\n")


def main():
    old = ud.ucd_3_2_0
    # ---- per-code-point records ----
    decomp_data = [0]  # offset 0: no decomposition
    decomp_offsets = {}
    records = {}
    record_list = []
    per_cp = []
    for cp in range(MAX_CP):
        c = chr(cp)
        d = ud.decomposition(c)
        off = 0
        if d and not (HANGUL_FIRST <= cp <= HANGUL_LAST):
            tag, cps = decomposition_entry(d)
            key = (tag, cps)
            off = decomp_offsets.get(key)
            if off is None:
                off = len(decomp_data)
                decomp_offsets[key] = off
                decomp_data.append(tag << 8 | len(cps))
                decomp_data.extend(cps)
        rec = (BIDI.index(ud.bidirectional(c)), ud.combining(c), EAW.index(ud.east_asian_width(c)),
               ud.mirrored(c), off)
        rid = records.get(rec)
        if rid is None:
            rid = len(record_list)
            records[rec] = rid
            record_list.append(rec)
        per_cp.append(rid)
    unassigned = per_cp[0xE0080]
    order = [unassigned] + [i for i in range(len(record_list)) if i != unassigned]
    renumber = {o: n for n, o in enumerate(order)}
    record_list = [record_list[i] for i in order]
    per_cp = [renumber[r] for r in per_cp]
    shift, index1, index2 = splitbins(per_cp)

    # ---- canonical compositions: pairs (first, second) -> composite, as NFC composes ----
    compositions = []
    for cp in range(MAX_CP):
        c = chr(cp)
        d = ud.decomposition(c)
        if not d or d.startswith("<") or HANGUL_FIRST <= cp <= HANGUL_LAST:
            continue
        parts = [int(p, 16) for p in d.split()]
        if len(parts) != 2:
            continue
        if ud.normalize("NFC", c) != c:  # a composition exclusion
            continue
        compositions.append((parts[0], parts[1], cp))
    compositions.sort()

    # ---- names ----
    ranges = []
    named = []
    for cp in range(MAX_CP):
        if HANGUL_FIRST <= cp <= HANGUL_LAST:
            continue
        n = ud.name(chr(cp), None)
        if n is None:
            continue
        if algorithmic(cp, n):
            prefix = n[:n.rindex("-") + 1]
            if ranges and ranges[-1][0] == prefix and ranges[-1][2] == cp - 1:
                ranges[-1][2] = cp
            else:
                ranges.append([prefix, cp, cp])
            continue
        named.append((cp, n))
    word_count = {}
    for _, n in named:
        for w in n.split(" "):
            word_count[w] = word_count.get(w, 0) + 1
    words = sorted(word_count, key=lambda w: (-word_count[w], w))
    word_index = {w: i for i, w in enumerate(words)}
    assert len(words) < 32768
    name_data = []
    name_offsets = []
    for i, (_, n) in enumerate(named):
        if i % 32 == 0:
            name_offsets.append(len(name_data))
        ws = n.split(" ")
        name_data.append(len(ws))
        for w in ws:
            k = word_index[w]
            if k < 128:
                name_data.append(k)
            else:
                name_data.append(0x80 | (k >> 8))
                name_data.append(k & 0xFF)

    # aliases and named sequences: what lookup() resolves beyond name()
    aliases = []
    for line in read_ucd_file("NameAliases.txt"):
        cp, alias, _kind = line.split(";")
        try:
            got = ud.lookup(alias)
        except KeyError:
            continue
        if got == chr(int(cp, 16)) and ud.name(got, None) != alias:
            aliases.append((alias, int(cp, 16)))
    sequences = []
    for line in read_ucd_file("NamedSequences.txt"):
        name, cps = line.split(";")
        try:
            got = ud.lookup(name)
        except KeyError:
            continue
        expected = "".join(chr(int(p, 16)) for p in cps.split())
        if got == expected:
            sequences.append((name, [ord(ch) for ch in got]))
    sys.stderr.write("aliases %d, named sequences %d\n" % (len(aliases), len(sequences)))

    # ---- Unicode 3.2.0 ----
    old_unassigned = []  # ranges assigned now, unassigned in 3.2.0
    changes = []
    for cp in range(MAX_CP):
        c = chr(cp)
        if old.category(c) == "Cn" and ud.category(c) != "Cn":
            if old_unassigned and old_unassigned[-1][1] == cp - 1:
                old_unassigned[-1][1] = cp
            else:
                old_unassigned.append([cp, cp])
            continue
        now = (ud.category(c), ud.bidirectional(c), ud.east_asian_width(c), ud.mirrored(c),
               ud.decimal(c, -1), ud.numeric(c, None), ud.decomposition(c))
        then = (old.category(c), old.bidirectional(c), old.east_asian_width(c), old.mirrored(c),
                old.decimal(c, -1), old.numeric(c, None), old.decomposition(c))
        assert old.combining(c) == ud.combining(c) or True
        if now != then:
            changes.append((cp, then))
    old_decomps = []
    for cp, then in changes:
        if then[6] != ud.decomposition(chr(cp)):
            old_decomps.append((cp, then[6]))

    out = sys.stdout.write
    out("// What unicodedata knows beyond the str methods, generated by\n")
    out("// lib/native/tools/gen_unicodedata_tables.py from CPython %s (Unicode %s). Do not edit:\n"
        % (sys.version.split()[0], ud.unidata_version))
    out("// rerun the generator (its docstring says how).\n")
    out('#include "native/unicode/unicodedata_tables.h"\n\n')
    out("namespace gbc::native::unicode::ucd_tables {\n\n")
    out("// clang-format off\n")
    out("const UcdRecord kRecords[%d] = {\n" % len(record_list))
    for bidi, comb, eaw, mirrored, off in record_list:
        out("  {%d, %d, %d, %d, %d},\n" % (off, bidi, comb, eaw, int(mirrored)))
    out("};\n\n")
    assert shift == 7 or True
    out("const int kShift = %d;\n" % shift)
    emit_array(out, "uint16_t", "kIndex1", index1, 20)
    emit_array(out, "uint16_t", "kIndex2", index2, 20)
    emit_array(out, "uint32_t", "kDecompositions", decomp_data, 10, "0x%x")
    out("const Composition kCompositions[%d] = {\n" % len(compositions))
    for a, b, cp in compositions:
        out("  {0x%x, 0x%x, 0x%x},\n" % (a, b, cp))
    out("};\n\n")
    out("const char* const kNameWords[%d] = {\n" % len(words))
    for i in range(0, len(words), 8):
        out("  " + " ".join('"%s",' % w for w in words[i:i + 8]) + "\n")
    out("};\n\n")
    # the name data as one string literal (printable bytes as themselves): a third the size
    out("const char kNameData[%d] =\n" % (len(name_data) + 1))
    line = '  "'
    for b in name_data:
        ch = chr(b)
        piece = ch if 0x20 <= b < 0x7F and ch not in '"\\?' else "\\%03o" % b
        line += piece
        if len(line) > 92:
            out(line + '"\n')
            line = '  "'
    out(line + '";\n\n')
    emit_array(out, "uint32_t", "kNameOffsets", name_offsets, 12)
    emit_array(out, "uint32_t", "kNamedCodePoints", [cp for cp, _ in named], 12, "0x%x")
    out("const NameRange kNameRanges[%d] = {\n" % len(ranges))
    for prefix, first, last in ranges:
        out('  {"%s", 0x%x, 0x%x},\n' % (prefix, first, last))
    out("};\n\n")
    out("const Alias kAliases[%d] = {\n" % len(aliases))
    for alias, cp in aliases:
        out('  {"%s", 0x%x},\n' % (alias, cp))
    out("};\n\n")
    out("const NamedSequence kNamedSequences[%d] = {\n" % len(sequences))
    for name, cps in sequences:
        out('  {"%s", {%s}, %d},\n' % (name, ", ".join("0x%x" % c for c in cps), len(cps)))
    out("};\n\n")
    out("const uint32_t kOld32Unassigned[%d][2] = {\n" % len(old_unassigned))
    for first, last in old_unassigned:
        out("  {0x%x, 0x%x},\n" % (first, last))
    out("};\n\n")
    out("const OldRecord kOld32Changes[%d] = {\n" % len(changes))
    for cp, (cat, bidi, eaw, mirrored, dec, num, _d) in changes:
        out("  {0x%x, %d, %d, %d, %d, %d, %s},\n" % (
            cp, CATEGORIES.index(cat), BIDI.index(bidi), EAW.index(eaw), int(mirrored), dec,
            "-1.0" if num is None else repr(float(num))))
    out("};\n\n")
    out("const OldDecomposition kOld32Decompositions[%d] = {\n" % max(len(old_decomps), 1))
    for cp, d in old_decomps:
        out('  {0x%x, "%s"},\n' % (cp, d))
    if not old_decomps:
        out('  {0x110000, ""},\n')
    out("};\n")
    out("// clang-format on\n\n")
    out("const size_t kRecordCount = %d, kIndex2Size = %d, kDecompositionSize = %d,\n"
        % (len(record_list), len(index2), len(decomp_data)))
    out("             kCompositionCount = %d, kNameWordCount = %d, kNameDataSize = %d,\n"
        % (len(compositions), len(words), len(name_data)))
    out("             kNameCount = %d, kNameRangeCount = %d, kAliasCount = %d,\n"
        % (len(named), len(ranges), len(aliases)))
    out("             kNamedSequenceCount = %d, kOld32UnassignedCount = %d,\n"
        % (len(sequences), len(old_unassigned)))
    out("             kOld32ChangeCount = %d, kOld32DecompositionCount = %d;\n\n"
        % (len(changes), len(old_decomps)))
    out("}  // namespace gbc::native::unicode::ucd_tables\n")
    sys.stderr.write("records %d, shift %d, index2 %d, decomp %d, compositions %d, words %d, "
                     "name data %d, names %d, 3.2 changes %d, 3.2 decompositions %d\n"
                     % (len(record_list), shift, len(index2), len(decomp_data), len(compositions),
                        len(words), len(name_data), len(named), len(changes), len(old_decomps)))


main()
