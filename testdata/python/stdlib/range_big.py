# gbc-env: GBC_REAL_STDLIB=all
# range of any size: longrange_iterator, len() overflow, slicing, in, count/index, ==/hash.
r = range(2, 20, 3)
print(r, len(r), r[1], r[-1], r[1:3], r[::-1], list(r[::2]))
print(5 in r, 6 in r, r.count(5), r.index(8))
print(list(reversed(r)), type(iter(r)).__name__, type(reversed(r)).__name__)
print(hash(range(0, 5)) == hash(range(0, 5)), range(0) == range(5, 2), range(0, 3) == range(0, 3, 1))
print(r.start, r.stop, r.step, bool(range(0)), range(3, 0, -1))
b = range(1 << 1000)
print(type(iter(b)).__name__, b[5], b[-1] == (1 << 1000) - 1, (1 << 999) in b, b.count(7), b.index(9))
try:
    len(b)
except OverflowError as e:
    print('OverflowError', e)
print(repr(range(-1 << 70, 1 << 70, 1 << 60)))
print(list(range(1 << 64, (1 << 64) + 3)), list(reversed(range(1 << 64, (1 << 64) + 3))))
print(range(1<<64, 1<<65)[1:3], range(0, 1<<70, 7)[::-1][0:2])
print(range(1<<100)== range(0, 1<<100), hash(range(1<<100)) == hash(range(0, 1<<100, 1)))
print(type(reversed(b)).__name__, range(0, 10)[2:100:3])
import sys
print(list(range(sys.maxsize - 2, sys.maxsize + 2)))
print(len(range(-sys.maxsize // 2, sys.maxsize // 2)))
try:
    print(len(range(-sys.maxsize - 1, sys.maxsize + 1)))
except OverflowError as e: print('OE', e)
print(type(iter(range(-sys.maxsize - 1, sys.maxsize + 1))).__name__)
print(type(iter(range(0, sys.maxsize+1))).__name__)
try: range(3).index(7)
except ValueError as e: print(e)
try: b[1<<1000]
except IndexError as e: print(e)
try: range(5)[10]
except IndexError as e: print(e)
print(range(1<<70)[1<<69], range(10)[True], 3.0 in range(5), range(5).count(3.0))
it = iter(range(1<<64, (1<<64)+2)); print(next(it), list(it))
print(bool(b), range(0, 1<<70, -1), bool(range(0, 1<<70, -1)))
print(range(5).__reduce__(), b.__reduce__()[1][1] == 1<<1000)
try: range(1, 2, 0)
except ValueError as e: print(e)
try: range('a')
except TypeError as e: print(e)
try: range()
except TypeError as e: print(e)
try: range(1, 2, 3, 4)
except TypeError as e: print(e)
try: range(3)['a']
except TypeError as e: print(e)
class I:
    def __index__(self): return 1 << 80
print(range(I()) == range(0, 1 << 80), range(5)[I():], range(10)[-(1<<90):2])
print(range(0, -10, -3)[::-1], list(range(0, -10, -3)[1:]), range(7)[::-2], range(10)[5:1:-2])
print(sorted({range(3): 1, range(0, 3): 2, range(0): 3, range(5, 5): 4}.values()))
print(range(-5, 5).index(-5), range(10, 0, -2).index(4), 4 in range(10, 0, -2), 5 in range(10, 0, -2))
print(sum(range(1 << 63, (1 << 63) + 4)), min(range(-(1 << 70), 0, 1 << 68)), max(reversed(range(3))))
print(list(reversed(range(0))), list(reversed(range(-3, 3, 2))), list(range(3, -3, -2)))
print(range(True, 5).start, type(range(True, 5).start).__name__, range(2**62, 2**63, 2**61))
print(len(range(-2**63, 2**63 - 2, 2)), range(-2**63, 2**63)[-1])
