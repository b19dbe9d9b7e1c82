# gbc-test: analyze
# Files written, appended, truncated, renamed and removed: under `gbc analyze` all of it happens
# in the overlay (later reads see it, the folder is left as it was); under `gbc run` on disk.
import os

import torch  # (so that `gbc analyze` executes the program)

with open('data/hello.txt') as f:
    assert f.read() == 'hello\nworld\n'
with open('data/hello.txt', 'a') as f:
    f.write('again\n')
with open('data/hello.txt') as f:
    text = f.read()
print(repr(text))
assert text == 'hello\nworld\nagain\n'
with open('data/link.txt') as f:
    assert f.read() == text  # (the link sees its target's new contents)
with open('new.txt', 'w') as f:
    f.write('x' * 10)
print(os.path.getsize('new.txt'), os.path.exists('new.txt'), 'new.txt' in os.listdir('.'))
with open('new.txt', 'r+') as f:
    f.seek(3)
    f.write('YZ')
    f.truncate(6)
with open('new.txt') as f:
    assert f.read() == 'xxxYZx'
with open('data/sub/inner.bin', 'r+b') as f:
    assert f.read() == b'\x00\x01\x02'
    f.write(b'\x03')
with open('data/sub/inner.bin', 'rb') as f:
    print(f.read())
os.rename('new.txt', 'data/moved.txt')
print(os.path.exists('new.txt'), sorted(os.listdir('data')))
os.remove('data/moved.txt')
try:
    open('data/moved.txt')
except FileNotFoundError as e:
    print('gone:', e.filename)
with open('data/hello.txt', 'w') as f:
    f.write('replaced')
with open('data/hello.txt') as f:
    assert f.read() == 'replaced'
# never closed: flushed at exit (under run); the overlay keeps it under analysis
leak = open('leak.txt', 'w')
leak.write('unflushed')
# restore the fixture so that `gbc run` leaves the folder as it found it too
with open('data/hello.txt', 'w') as f:
    f.write('hello\nworld\n')
with open('data/sub/inner.bin', 'wb') as f:
    f.write(b'\x00\x01\x02')
print('done')
