# Binary files: BufferedReader / BufferedWriter / BufferedRandom over FileIO, unbuffered FileIO,
# peek / read1 / readline, seek / tell / truncate, reprs and the errors of each layer.
import io
import os


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '->', type(e).__name__, str(e))


with open('d.bin', 'wb') as f:
    print(type(f).__name__, repr(f), f.mode, f.name, type(f.raw).__name__, f.raw.mode)
    print(f.write(b'0123456789\nabc\n'), f.tell(), f.seekable(), f.readable(), f.writable())
    show('read on writer', lambda: f.read())
    show('write str', lambda: f.write('x'))
with open('d.bin', 'rb') as f:
    print(repr(f), f.read(3), f.tell(), len(f.peek(1)) > 0, f.read1(2), f.readline(), f.readline(), f.readline())
    print(f.seek(-4, 2), f.read(), f.seek(2), f.read(2), f.seek(1, 1), f.read(1))
    f.seek(0)
    print(list(f))
    show('write on reader', lambda: f.write(b'x'))
    show('truncate on reader', lambda: f.truncate())
    show('seek whence 7', lambda: f.seek(0, 7))
show('read closed', lambda: f.read())
show('readline closed', lambda: f.readline())
show('peek closed', lambda: f.peek())
show('seek closed', lambda: f.seek(0))
show('flush closed', lambda: f.flush())
with open('d.bin', 'r+b') as f:
    print(type(f).__name__, f.read(4), f.write(b'XY'), f.tell())
    f.seek(0)
    print(f.read())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())
with open('d.bin', 'ab') as f:
    print(f.tell(), f.write(b'++'), f.tell(), f.raw.mode)
with open('d.bin', 'rb', buffering=0) as f:
    print(type(f).__name__, repr(f), f.read(2), f.readall(), f.read(), f.tell(), f.closefd)
    show('write on FileIO reader', lambda: f.write(b'x'))
    print(f.seek(0), f.readline(), f.fileno() > 2, f.isatty())
show('FileIO closed', lambda: f.read())
print(repr(f))
with open('d.bin', 'w+b', buffering=0) as f:
    print(f.mode, f.write(b'abc'), f.seek(0), f.read(), f.truncate(1), f.seek(0, 2))

raw = io.FileIO('d.bin', 'r')
buf = io.BufferedReader(raw, 4)
print(buf.read(2), buf.raw is raw, buf.name, buf.mode, raw.closed)
buf.close()
print(raw.closed, buf.closed)
show('buffer size 0', lambda: io.BufferedReader(io.FileIO('d.bin'), 0))
show('reader over writer', lambda: io.BufferedReader(io.FileIO('d.bin', 'w')))
show('FileIO negative fd', lambda: io.FileIO(-1))
show('FileIO mode', lambda: io.FileIO('d.bin', 'rw'))
show('FileIO bad mode', lambda: io.FileIO('d.bin', 'q'))
show('FileIO closefd name', lambda: io.FileIO('d.bin', closefd=False))
fd = os.open('d.bin', os.O_RDONLY)
f = io.FileIO(fd, closefd=False)
print(f.name == fd, f.read(1), f.mode, f.closefd)
f.close()
print(os.read(fd, 1))
os.close(fd)
with open('d.bin', 'rb', opener=lambda path, flags: os.open(path, flags)) as f:
    print(f.read())
show('opener result', lambda: open('d.bin', opener=lambda p, fl: 'x'))
show('binary encoding', lambda: open('d.bin', 'rb', encoding='utf-8'))
show('binary newline', lambda: open('d.bin', 'rb', newline=''))
show('unbuffered text', lambda: open('d.bin', 'r', buffering=0))
os.remove('d.bin')
