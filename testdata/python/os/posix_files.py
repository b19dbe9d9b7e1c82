# gbc-test: analyze
# The path functions of posix (what os.py re-exports): stat, listdir, scandir, mkdir, rename,
# replace, remove, rmdir, symlink, readlink, chmod, utime, access, truncate, chdir, with their
# OSError subclasses; under analysis all of it on the overlay.
import posix

import torch  # (so that `gbc analyze` executes the program)


def is_dir(mode):
    return mode & 0o170000 == 0o040000


def is_reg(mode):
    return mode & 0o170000 == 0o100000


def is_link(mode):
    return mode & 0o170000 == 0o120000


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '->', type(e).__name__, str(e))


cwd = posix.getcwd()
print(sorted(posix.listdir('.')), sorted(posix.listdir('data')), sorted(posix.listdir(b'data')))
st = posix.stat('data/hello.txt')
print(type(st).__name__, isinstance(st, tuple), len(st), st.st_size, st[6], is_reg(st.st_mode),
      st.st_mode & 0o777 == st.st_mode & 0o7777, st.st_mtime_ns, st.st_mtime, st[8])
print(is_link(posix.lstat('data/link.txt').st_mode), posix.stat('data/link.txt').st_size,
      posix.readlink('data/link.txt'), posix.readlink(b'data/link.txt'))
print(is_dir(posix.stat('data/').st_mode))
show('stat missing', lambda: posix.stat('nope'))
show('stat file as dir', lambda: posix.stat('data/hello.txt/'))
show('stat under file', lambda: posix.stat('data/hello.txt/x'))
show('lstat fd', lambda: posix.lstat(0))
show('stat float', lambda: posix.stat(1.5))
show('stat nul', lambda: posix.stat('a\0b'))
show('listdir missing', lambda: posix.listdir('nope'))
show('listdir file', lambda: posix.listdir('data/hello.txt'))

posix.mkdir('made')
posix.mkdir('made/deeper', 0o755)
show('mkdir exists', lambda: posix.mkdir('made'))
show('mkdir no parent', lambda: posix.mkdir('x/y'))
print(sorted(posix.listdir('made')), is_dir(posix.stat('made/deeper').st_mode))
fd = posix.open('made/f.txt', posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL, 0o640)
posix.write(fd, b'12345')
posix.close(fd)
print(posix.stat('made/f.txt').st_size, posix.access('made/f.txt', posix.F_OK),
      posix.access('made/nope', posix.F_OK), posix.access('made/f.txt', posix.R_OK | posix.W_OK))
show('open excl again', lambda: posix.open('made/f.txt', posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL))
posix.truncate('made/f.txt', 2)
print(posix.stat('made/f.txt').st_size)
posix.utime('made/f.txt', (1000000000, 1234567890))
st = posix.stat('made/f.txt')
print(st.st_mtime, st.st_atime, st.st_mtime_ns, st[8])
posix.utime('made/f.txt', ns=(5, 1500000000123456789))
print(posix.stat('made/f.txt').st_mtime_ns)
show('utime both', lambda: posix.utime('made/f.txt', (1, 2), ns=(1, 2)))
show('utime bad times', lambda: posix.utime('made/f.txt', 5))
posix.chmod('made/f.txt', 0o600)
print(posix.stat('made/f.txt').st_mode & 0o7777)
posix.symlink('f.txt', 'made/l')
print(posix.readlink('made/l'), is_link(posix.lstat('made/l').st_mode), posix.stat('made/l').st_size)
show('symlink exists', lambda: posix.symlink('f.txt', 'made/l'))
show('readlink not link', lambda: posix.readlink('made/f.txt'))
posix.rename('made/f.txt', 'made/g.txt')
print(sorted(posix.listdir('made')))
show('stat through dangling link', lambda: posix.stat('made/l'))
posix.replace('made/g.txt', 'made/deeper/h.txt')
show('rename missing', lambda: posix.rename('made/nope', 'made/x'))
show('rmdir not empty', lambda: posix.rmdir('made'))
show('remove dir', lambda: posix.remove('made/deeper'))
show('rmdir file', lambda: posix.rmdir('made/deeper/h.txt'))
with posix.scandir('made') as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.is_dir(follow_symlinks=False))
with posix.scandir(b'data') as it:
    print(sorted((e.name, e.is_file(), e.is_symlink(), e.stat().st_size) for e in it if not e.is_dir()))
it = posix.scandir()
print(sorted(e.path for e in it))
it.close()
print(list(it))
posix.chdir('made')
print(posix.getcwd() == cwd + '/made', sorted(posix.listdir()))
posix.chdir('..')
show('chdir file', lambda: posix.chdir('data/hello.txt'))
posix.remove('made/deeper/h.txt')
posix.unlink('made/l')
posix.rmdir('made/deeper')
posix.rmdir('made')
print(sorted(posix.listdir('.')))
print(posix.getcwd() == cwd, type(posix.getcwdb()).__name__)
