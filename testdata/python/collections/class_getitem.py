# __class_getitem__ of the native types that CPython makes generic (expected output from CPython 3.14).
from _collections import deque, defaultdict
from itertools import chain
from _functools import partial
from _weakref import ref
from _contextvars import ContextVar
for c in (deque, defaultdict, chain, partial, ref, ContextVar):
    g = c[int]
    print(g, type(g).__name__, g.__origin__ is c, g.__args__)
print(defaultdict[str, list])
