# gbc-env: GBC_REAL_STDLIB=all
# logging, warnings, random, heapq, bisect, abc, struct, base64, numbers, fractions, statistics,
# uuid, datetime, time, traceback, weakref, types, queue, threading, decimal.
import logging, warnings, random, heapq, bisect, abc, struct, base64, numbers, fractions, statistics
import uuid, datetime, time, traceback, weakref, types, queue, threading

logging.basicConfig(level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s", stream=__import__("sys").stdout)
log = logging.getLogger("demo")
log.info("hello %s", "world")
log.debug("hidden")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("careful", UserWarning)
    print(len(w), w[0].category.__name__, str(w[0].message))
random.seed(42)
print(random.randint(1, 100), random.choice("abc"), random.random())
h = [5, 1, 4]
heapq.heapify(h); heapq.heappush(h, 0)
print(heapq.heappop(h), heapq.nsmallest(2, [7, 3, 9]), bisect.bisect_left([1, 2, 4], 3), bisect.insort([1, 3], 2))
class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
try:
    Base()
except TypeError as e:
    print("TypeError", e)
print(struct.pack("<iH", 1, 2), struct.unpack(">I", b"\x00\x00\x01\x00"), base64.b64encode(b"hi there"), base64.b64decode("aGk="))
print(isinstance(1, numbers.Integral), isinstance(1.5, numbers.Real), isinstance(1j, numbers.Complex), isinstance(1j, numbers.Real))
print(fractions.Fraction(3, 4) + fractions.Fraction(1, 4), fractions.Fraction("0.125"), fractions.Fraction(1.5))
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.stdev([1, 2, 3, 4]))
print(uuid.UUID("12345678123456781234567812345678"), uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
d = datetime.date(2024, 2, 28) + datetime.timedelta(days=2)
print(d, d.isoformat(), datetime.datetime(2020, 1, 2, 3, 4, 5).strftime("%Y/%m/%d %H:%M"), datetime.timedelta(hours=25))
print(type(time.time()).__name__, time.strftime("%Y", time.gmtime(0)))
try:
    1 / 0
except ZeroDivisionError:
    print(traceback.format_exc().splitlines()[-1])
class Obj: pass
o = Obj(); r = weakref.ref(o)
print(r() is o, types.SimpleNamespace(a=1), type(lambda: 0) is types.FunctionType)
qq = queue.Queue(); qq.put(1); qq.put(2)
print(qq.get(), qq.qsize())
lock = threading.Lock()
with lock:
    print("locked", lock.locked())
t = threading.Thread(target=print, args=("in thread",)); t.start(); t.join()
