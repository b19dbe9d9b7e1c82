# str's case mappings (full mappings, final sigma, title case) and is* predicates over Unicode.

texts = ["straße", "ΣΊΣΥΦΟΣ", "ὈΔΥΣΣΕΎΣ", "ǅungla ǆ", "ﬁnal ﬂow", "İstanbul ıi", "ǰ", "ŉ",
         "hello WORLD", "ÀÉÎõü", "ß", "ᾳ", "Ⅻ ⅻ", "Ａｂｃ", "123 abc", "a\u0345", "μ", "ꭰ"]
for t in texts:
    print(repr(t), [t.lower(), t.upper(), t.casefold(), t.title(), t.capitalize(), t.swapcase()])
    print("  ", [t.islower(), t.isupper(), t.istitle(), t.isalpha(), t.isalnum(), t.isascii()])

chars = ["a", "Z", "5", "٣", "²", "½", "Ⅻ", "一", " ", "\u3000", "\x1c", "\x85", "\u2028", "_",
         "é", "\u0301", "\x00", "\ufeff", "𝟘", "\U0001f600", "\u00ad", "\ud800", "ǅ", "\u0378"]
for c in chars:
    print(ascii(c), [c.isalpha(), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isalnum(),
                     c.isspace(), c.isprintable(), c.isidentifier(), c.islower(), c.isupper(),
                     c.istitle()])

for ident in ["abc", "_x1", "1x", "é", "日本", "a b", "", "if", "Ⅻ", "x\u0301", "℘", "·x", "x·"]:
    print(repr(ident), ident.isidentifier())
print("".isalpha(), "".isspace(), "".isprintable(), "".islower(), "".istitle())
print("Hello World".istitle(), "Hello world".istitle(), "HELLO".istitle(), "ǅa".istitle())
print("ΣΑΣ".lower(), "ΑΣ Σ".lower(), "Σ".lower(), "aΣ.".lower(), "aΣ'b".lower())
