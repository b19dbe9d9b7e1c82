# dict.popitem: LIFO, KeyError when empty; WeakKeyDictionary.popitem over it
d = {"a": 1, "b": 2, "c": 3}
del d["c"]
print(d.popitem(), d)
d["z"] = 9
print(d.popitem(), d.popitem(), d)
try:
    d.popitem()
except KeyError as e:
    print(repr(e), str(e))
import weakref
class O: pass
o = O()
w = weakref.WeakKeyDictionary({o: 1})
print(w.popitem()[1])
