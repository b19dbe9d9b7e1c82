# Text files through builtins.open: modes, reading by lines and by size, tell/seek cookies,
# newline translation, encodings and error handlers, closed-file and OS errors.
import io
import os


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '->', type(e).__name__, str(e))


with open('a.txt', 'w') as f:
    print(type(f).__name__, f.name, f.mode, f.encoding, f.errors, f.closed, f.writable(), f.readable())
    print(f.write('first line\n'), f.write('second line\nthird'), f.tell())
print(f.closed)
show('read closed', lambda: f.read())

with open('a.txt') as f:
    print(repr(f.readline()), f.tell())
    print(repr(f.read(3)), f.tell())
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()))
    f.seek(0)
    print(f.readlines())
    f.seek(0)
    print([line for line in f])
    show('tell while iterating', lambda: f.tell())
    print(f.seek(0, 2), repr(f.read()))

with open('a.txt', 'a') as f:
    print(f.tell(), f.write('\nfourth\n'), f.tell())
with open('a.txt', 'r+') as f:
    print(repr(f.read(5)))
    f.seek(0)
    f.write('FIRST')
    f.seek(0)
    print(repr(f.readline()))
with open('a.txt', 'w+') as f:
    f.write('x\ny\n')
    f.seek(0)
    print(repr(f.read()), f.tell())
show("open x existing", lambda: open('a.txt', 'x'))
with open('b.txt', 'x') as f:
    f.writelines(['1\n', '2\n'])
with open('b.txt') as f:
    print(list(f))

# newline modes
with open('nl.txt', 'w', newline='') as f:
    f.write('a\r\nb\rc\nd')
with open('nl.txt', 'rb') as f:
    print(f.read())
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('nl.txt', newline=nl) as f:
        print(repr(nl), f.readlines(), f.newlines)
with open('nl2.txt', 'w', newline='\r\n') as f:
    f.write('one\ntwo\n')
with open('nl2.txt', 'rb') as f:
    print(f.read())
with open('nl2.txt') as f:
    print(repr(f.read()), f.newlines)
with open('nl2.txt') as f:
    print(repr(f.readline()), f.tell(), repr(f.readline()), f.tell(), repr(f.readline()), f.tell())

# encodings
with open('e.txt', 'w', encoding='latin-1') as f:
    print(f.encoding, f.write('caf\xe9'))
with open('e.txt', 'rb') as f:
    print(f.read())
with open('e.txt', encoding='latin-1') as f:
    print(repr(f.read()))
show('utf-8 read of latin-1', lambda: open('e.txt', encoding='utf-8').read())
with open('e.txt', encoding='utf-8', errors='replace') as f:
    print(repr(f.read()))
with open('e.txt', encoding='utf-8', errors='surrogateescape') as f:
    print([ord(c) for c in f.read()])
with open('e.txt', encoding='ascii', errors='backslashreplace') as f:
    print(repr(f.read()))
show('ascii write', lambda: open('f.txt', 'w', encoding='ascii').write('\u20ac'))
with open('f.txt', 'w', encoding='ascii', errors='xmlcharrefreplace') as f:
    f.write('x\u20acy')
with open('f.txt', 'rb') as f:
    print(f.read())
with open('u.txt', 'w', encoding='utf-8') as f:
    f.write('h\xe9llo w\u00f6rld \u20ac\n\U0001f600 end\n')
with open('u.txt', encoding='utf-8') as f:
    print(repr(f.read(3)), f.tell(), repr(f.readline()), f.tell(), repr(f.read(2)), f.tell())
    f.seek(8)
    print(repr(f.read(4)))
with open('s.txt', 'w', encoding='utf-8-sig') as f:
    f.write('bom')
with open('s.txt', 'rb') as f:
    print(f.read())
with open('s.txt', encoding='utf-8-sig') as f:
    print(repr(f.read()))
with open('s.txt', encoding='utf-8') as f:
    print([ord(c) for c in f.read()])
show('unknown encoding', lambda: open('a.txt', encoding='no-such-codec'))
show('bad newline', lambda: open('a.txt', newline='x'))

# OS errors
try:
    open('missing.txt')
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, str(e))
except OSError as e:
    print('wrong class', type(e).__name__)
try:
    open('.', 'w')
except IsADirectoryError as e:
    print(type(e).__name__, e.errno, e.filename)
try:
    open('missing_dir/x.txt', 'w')
except OSError as e:
    print(type(e).__name__, e.errno, str(e))

# a file never closed is flushed at exit (checked by the next program run, not here)
g = open('a.txt')
g.close()
g.close()
show('closed tell', lambda: g.tell())
show('closed iter', lambda: iter(g))
show('closed enter', lambda: g.__enter__())
for name in ['a.txt', 'b.txt', 'nl.txt', 'nl2.txt', 'e.txt', 'f.txt', 'u.txt', 's.txt']:
    os.remove(name)
print(sorted(os.listdir('.')))
