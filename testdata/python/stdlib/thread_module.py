# gbc-env: GBC_REAL_STDLIB=all
# _thread: locks, re-entrant locks, idents, _local (gbc runs one thread at a time).
import _thread, reprlib

lock = _thread.allocate_lock()
print(type(lock).__name__, lock.locked(), lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked(), _thread.LockType is type(lock))
with lock:
    print("in with", lock.locked())
print(lock.locked())
for bad in [lambda: lock.release(), lambda: lock.acquire(False, 1), lambda: lock.acquire(timeout=-5)]:
    try:
        bad()
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
r.release(); r.release()
print(r._is_owned(), r.locked())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)
with r:
    with r:
        print("nested", r._recursion_count())
print(isinstance(_thread.get_ident(), int), _thread.get_ident() == _thread.get_ident(), _thread.error is RuntimeError, _thread.TIMEOUT_MAX > 1e6)
loc = _thread._local()
loc.x = 5
print(loc.x, _thread._count(), _thread.stack_size())
class R(reprlib.Repr):
    pass
print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100))
@reprlib.recursive_repr()
def rep(self):
    return "<%s>" % ", ".join(map(repr, self))
class L(list):
    __repr__ = rep
l = L([1]); l.append(l)
print(repr(l))
