# gbc-env: GBC_REAL_STDLIB=all
# dataclasses, collections (namedtuple, OrderedDict, defaultdict, Counter, deque, ChainMap).
import dataclasses
from dataclasses import dataclass, field, asdict, replace
import collections
from collections import namedtuple, OrderedDict, defaultdict, Counter, deque, ChainMap

@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)

@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0

p = Point(1)
print(p, p == Point(1, 0, []), p != Point(2), asdict(Point(3, 4, ["a"])), replace(p, y=5))
print(Version(1, 2) < Version(1, 3), sorted([Version(2), Version(1, 5)]), hash(Version(1)) == hash(Version(1)))
try:
    Version(1).major = 3
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print([f.name for f in dataclasses.fields(Point)], dataclasses.is_dataclass(p))

P = namedtuple("P", "x y", defaults=[0])
q = P(1)
print(q, q._replace(y=3), q._asdict(), P._fields, q.x + q[1], P._make([5, 6]))
od = OrderedDict(a=1, b=2)
od["c"] = 3
od.move_to_end("a")
print(od, list(od), od.popitem(last=False))
dd = defaultdict(list)
dd["x"].append(1)
dd["y"]
print(dd, dict(dd))
c = Counter("abracadabra")
print(c.most_common(3), c["z"], sorted((c + Counter("aaz")).items()))
d = deque([1, 2, 3], maxlen=4)
d.appendleft(0); d.append(4)
print(d, d.popleft(), list(reversed(d)))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], sorted(cm), len(cm))
print(isinstance([], collections.abc.Sequence), isinstance({}, collections.abc.Mapping), issubclass(deque, collections.abc.MutableSequence))
