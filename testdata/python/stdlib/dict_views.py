# dict views: set operations, equality, repr, reversed, membership
d={"a":1,"b":2}
k=d.keys()
print(type(k).__name__, k - {"a"}, k & {"b"}, sorted(k | {"c"}), "a" in k, len(k), list(reversed(k)))
print(type(d.values()).__name__, type(d.items()).__name__, d.items() - {("a",1)})
print(d.keys() == {"a","b"}, repr(d.keys()), repr(d.items()))
d = {1: "x"}
k = d.keys()
d[2] = "y"
print(k, len(k), 2 in k, {0, 1} - k, [1, 2] & k)
import collections.abc
print(isinstance(k, collections.abc.KeysView), isinstance(d.items(), collections.abc.ItemsView))
