# gc: what is deterministic of CPython 3.14's gc module (its counts and timings are not).
import gc


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(sorted(n for n in dir(gc) if not n.startswith("__")))
print([(n, getattr(gc, n)) for n in sorted(dir(gc)) if n.startswith("DEBUG")])
print(gc.isenabled(), gc.get_threshold(), gc.get_debug(), gc.get_freeze_count())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(2000, 10, 10)
gc.set_debug(gc.DEBUG_STATS)
print(gc.get_debug())
gc.set_debug(0)
print(type(gc.collect()).__name__, gc.collect(0) >= 0, gc.collect(generation=1) >= 0)
print(len(gc.get_count()), len(gc.get_stats()), sorted(gc.get_stats()[0]))
print(gc.callbacks, gc.garbage, gc.is_finalized(object()))
gc.freeze()
gc.unfreeze()


class A:
    pass


print(gc.is_tracked(1), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({1: 2}),
      gc.is_tracked(()), gc.is_tracked((1,)), gc.is_tracked(([],)), gc.is_tracked("s"),
      gc.is_tracked(lambda: 0), gc.is_tracked(object()), gc.is_tracked(gc), gc.is_tracked(A()),
      gc.is_tracked(A), gc.is_tracked(1.5), gc.is_tracked(None), gc.is_tracked(set()))
print(gc.get_referents([1, "a"], (2.5,), 7))
t(lambda: gc.collect(3))
t(lambda: gc.collect(-1))
t(lambda: gc.collect("a"))
t(lambda: gc.collect(x=1))
t(lambda: gc.set_threshold())
t(lambda: gc.set_threshold(1, 2, 3, 4))
t(lambda: gc.get_objects(3))
t(lambda: gc.is_tracked())
t(lambda: gc.enable(1))
