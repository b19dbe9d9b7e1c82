#!/usr/bin/env python3
"""Times CPython 3.14's `re` on a few searches over large subjects and writes, for each, the
compiled code, the subject, CPython's time and its result, for gbc_bench_sre to time gbc's
engine on the same (lib/native/sre/sre_bench.cpp). Not a test: timings are for reports.

    chroot /root/.cache/gbc-torch-root python3 - < lib/native/tools/bench_sre.py > /tmp/sre_bench.json
    build/lib/native/gbc_bench_sre /tmp/sre_bench.json
"""

import json
import random
import re
import re._compiler as compiler
import sys
import time

import _sre

captured = []


class Spy:
    def __getattr__(self, name):
        return getattr(_sre, name)

    def compile(self, pattern, flags, code, groups, groupindex, indexgroup):
        captured.append((flags, list(code), groups))
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


compiler._sre = Spy()

rng = random.Random(1)
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
         "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon"]
MB = 1 << 20


def text(n, extra=""):
    out = []
    size = 0
    while size < n:
        w = rng.choice(words)
        if rng.random() < 0.05:
            w = str(rng.randint(0, 99999))
        out.append(w)
        size += len(w) + 1
    s = " ".join(out)[:n - len(extra)] + extra
    return s


plain = text(MB, " needle123 ")
lines = "\n".join(plain[i:i + 70] for i in range(0, len(plain), 70))
unicode_text = text(MB // 2).replace("a", "\u00e4").replace("o", "\u03bf")
ab = ("ab" * (MB // 2))

BENCHES = [
    ("literal search (absent)", "needle999", 0, plain, "search"),
    ("literal search (at the end)", "needle123", 0, plain, "search"),
    ("literal prefix + digits", r"needle\d+", 0, plain, "search"),
    ("charset start", r"[xq]\w+ly", 0, plain, "search"),
    ("general search", r"(?:q|z)\w*q", 0, plain, "search"),
    ("ignorecase literal", r"NEEDLE123", re.I, plain, "search"),
    ("findall words", r"\w+", 0, plain, "findall"),
    ("findall numbers", r"\d+", 0, plain, "findall"),
    ("findall lines", r"^.*$", re.M, lines, "findall"),
    ("split on spaces", r"\s+", 0, plain, "split"),
    ("sub digits", r"\d", 0, plain, "sub"),
    ("unicode words", r"\w+", 0, unicode_text, "findall"),
    ("unicode ignorecase", r"σιγμα", re.I, unicode_text, "findall"),
    ("alternation with groups", r"(alpha|beta|gamma)\s+(\w+)", 0, plain, "findall"),
    ("deep repeat (?:ab|cd)*x", r"(?:ab|cd)*x", 0, ab, "match"),
    ("lazy dot", r"alpha.*?beta", re.S, plain, "findall"),
]


def run(compiled, subject, op):
    if op == "search":
        m = compiled.search(subject)
        return None if m is None else list(m.span())
    if op == "match":
        m = compiled.match(subject)
        return None if m is None else list(m.span())
    if op == "findall":
        return len(compiled.findall(subject))
    if op == "split":
        return len(compiled.split(subject))
    if op == "sub":
        return compiled.subn("#", subject)[1]
    raise ValueError(op)


def main():
    out = []
    for name, pattern, flags, subject, op in BENCHES:
        captured.clear()
        compiled = compiler.compile(pattern, flags)
        cflags, code, groups = captured[-1]
        best = None
        result = None
        for _ in range(3):
            t = time.perf_counter()
            result = run(compiled, subject, op)
            elapsed = time.perf_counter() - t
            best = elapsed if best is None else min(best, elapsed)
        out.append({"name": name, "code": code, "flags": cflags, "groups": groups,
                    "subject": subject, "op": op, "cpython_seconds": best, "result": result})
    json.dump({"python": sys.version.split()[0], "benches": out}, sys.stdout)


main()
