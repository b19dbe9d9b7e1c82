# str by code points: indexing, slicing, len, iteration, `in`, comparison, hashing, repr,
# ascii(), ord/chr, concatenation and repetition, over ASCII and non-ASCII text.

samples = ["", "a", "abc", "héllo", "日本語テキスト", "a\u0301e\u0300", "😀x😃", "mixé日😀!",
           "\x00\x7f\x80\x9f\xa0\xad", "tab\tnew\nline\r", "quote's", 'dq"', "both'\"",
           "\\back", "\ud800lone", "\udcff", "\U0010ffff", "\u2028\u2029\ufeff"]

for s in samples:
    print(repr(s), ascii(s), len(s))
    print(" items:", [ord(c) for c in s])
    if s:
        print(" ends:", repr(s[0]), repr(s[-1]), repr(s[len(s) // 2]))
    for sl in [slice(None), slice(1, None), slice(None, -1), slice(1, -1), slice(None, None, 2),
               slice(None, None, -1), slice(-2, None, -1), slice(5, 0, -2), slice(-100, 100),
               slice(100, -100, -3), slice(2, 2), slice(3, 1)]:
        print(" ", sl, repr(s[sl]))
    print(" iter", [c for c in s] == list(s), "".join(reversed(s)) == s[::-1])

s = "naïve café 日本"
for i in range(-len(s), len(s)):
    print(i, s[i], end=" | ")
print()
for bad in [len(s), -len(s) - 1, 10**20]:
    try:
        s[bad]
    except IndexError as e:
        print("IndexError", e)
for key in ["x", 1.5, None]:
    try:
        s[key]
    except TypeError as e:
        print("TypeError", e)

class Idx:
    def __index__(self):
        return 2
print(s[Idx()], s[Idx():], s[:Idx()])

# containment and search positions are code points
print("café" in s, "é" in s, "日本" in s, "本日" in s, "" in s)
try:
    1 in s
except TypeError as e:
    print(e)

# comparison is code-point order
words = ["zeta", "Zeta", "éclair", "eclair", "日本", "\U0001f600", "\uffff", "\ud800", "\ue000",
         "a", "ab", ""]
print(sorted(words))
print("\ud800" < "\ue000" < "\uffff" < "\U00010000")
print(["é" < "ê", "a" < "é", "z" < "é", "é" == "\u00e9", "é" == "e\u0301"])

# hashing: equal strings hash equal however they were made
a = "héllo wörld"
b = "héllo " + "wörld"
c = "".join(["h", "é", "llo wörld"])
print(hash(a) == hash(b) == hash(c), a == b == c, len({a: 1, b: 2, c: 3}))

# concatenation and repetition
x = "ab" + "çd" + "日"
print(x, len(x), x * 3, len(x * 3), 3 * "é", "é" * 0, "é" * -2, repr("" * 5))
try:
    "a" * 1.5
except TypeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    "a" * "b"
except TypeError as e:
    print(e)

# ord and chr
for c in ["a", "é", "€", "😀", "\ud800", "\x00"]:
    print(ord(c), repr(chr(ord(c))))
for v in [-1, 0x110000]:
    try:
        chr(v)
    except ValueError as e:
        print("ValueError", e)
for v in ["ab", "", b"ab", 5]:
    try:
        ord(v)
    except TypeError as e:
        print("TypeError", e)
print(ord(b"a"), ord(bytearray(b"\xff")))

# str() and repr of subclasses
class S(str):
    pass
t = S("ünï")
print(type(t[0]).__name__, type(t[:]).__name__, type(t + "x").__name__, repr(t), len(t))
print(str(t) == "ünï", type(str(t)).__name__)
