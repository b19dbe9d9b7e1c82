# gbc-test: analyze
# print(..., file=f) writes through f.write (sep, end and flush as given); reading it back.
import io

import torch  # (so that `gbc analyze` executes the program)

with open('out.txt', 'w') as f:
    print('a', 1, 2.5, None, file=f)
    print('b', 'c', sep='-', end='!\n', file=f, flush=True)
    print(file=f)
with open('out.txt') as f:
    text = f.read()
print(repr(text))
assert text == 'a 1 2.5 None\nb-c!\n\n'
s = io.StringIO()
print('to', 'memory', file=s)
print(repr(s.getvalue()))


class Recorder:
    def __init__(self):
        self.calls = []

    def write(self, text):
        self.calls.append(text)

    def flush(self):
        self.calls.append('<flush>')


r = Recorder()
print('x', 'y', sep=', ', file=r, flush=True)
print(r.calls)
import os
os.remove('out.txt')
