# deque under seeded random operations, with and without maxlen (expected output from CPython 3.14).
from _collections import deque

state = [7]


def rand(n):
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] % n


for trial in range(40):
    maxlen = None if rand(3) == 0 else rand(6)
    d = deque([rand(9) for _ in range(rand(6))], maxlen)
    log = []
    for _ in range(25):
        op = rand(14)
        x = rand(9)
        try:
            if op == 0:
                d.append(x)
            elif op == 1:
                d.appendleft(x)
            elif op == 2:
                log.append(d.pop())
            elif op == 3:
                log.append(d.popleft())
            elif op == 4:
                d.rotate(rand(11) - 5)
            elif op == 5:
                d.extend([x, x + 1])
            elif op == 6:
                d.extendleft([x, x + 1])
            elif op == 7:
                d.insert(rand(9) - 4, x)
            elif op == 8:
                d.remove(x)
            elif op == 9:
                log.append(d.index(x))
            elif op == 10:
                log.append(d[rand(9) - 4])
            elif op == 11:
                del d[rand(9) - 4]
            elif op == 12:
                d[rand(9) - 4] = x
            else:
                log.append(d.count(x))
        except (IndexError, ValueError) as e:
            log.append(type(e).__name__ + ": " + str(e))
    print(trial, maxlen, d, log, list(reversed(d)), len(d), d == deque(list(d)))
