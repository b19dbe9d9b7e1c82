# gbc-test: analyze
# posix at the level of file descriptors: open flags, read / write / lseek / pread / pwrite,
# dup, pipe, fstat, isatty, ftruncate, inheritable flags, and the errors of bad descriptors.
import posix

import torch  # (so that `gbc analyze` executes the program)


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '->', type(e).__name__, str(e), getattr(e, 'filename', None))


fd = posix.open('fd.bin', posix.O_RDWR | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(fd >= 3, posix.write(fd, b'abcdef'), posix.lseek(fd, 0, 1), posix.lseek(fd, 1, 0))
print(posix.read(fd, 2), posix.read(fd, 100), posix.read(fd, 5), posix.lseek(fd, -2, 2))
print(posix.pread(fd, 3, 1), posix.lseek(fd, 0, 1), posix.pwrite(fd, b'XY', 0), posix.read(fd, 9))
st = posix.fstat(fd)
print(st.st_size, st.st_mode & 0o170000 == 0o100000, posix.isatty(fd), posix.get_inheritable(fd))
fd2 = posix.dup(fd)
print(fd2 > fd, posix.lseek(fd2, 0, 0), posix.read(fd, 2), posix.get_inheritable(fd2))
posix.set_inheritable(fd2, True)
print(posix.get_inheritable(fd2), posix.get_blocking(fd2))
posix.ftruncate(fd, 3)
print(posix.fstat(fd2).st_size, posix.lseek(fd, 0, 0), posix.read(fd, 10))
posix.close(fd2)
posix.close(fd)
show('read closed', lambda: posix.read(fd, 1))
show('close closed', lambda: posix.close(fd))
show('fstat closed', lambda: posix.fstat(fd))
show('stat fd', lambda: posix.stat(999))
show('negative read', lambda: posix.read(0, -1))
show('write str', lambda: posix.write(1, 'x'))
show('lseek args', lambda: posix.lseek(0))
show('lseek keyword', lambda: posix.lseek(fd=1, position=0, how=0))
show('open missing', lambda: posix.open('nope/x', posix.O_RDONLY))
show('open dir for writing', lambda: posix.open('data', posix.O_WRONLY))
show('open flags missing', lambda: posix.open('fd.bin'))
r, w = posix.pipe()
print(r < w, posix.write(w, b'through a pipe'), posix.read(r, 7), posix.read(r, 100))
show('seek pipe', lambda: posix.lseek(r, 0, 0))
posix.close(w)
print(posix.read(r, 10))
posix.close(r)
dfd = posix.open('data', posix.O_RDONLY)
print(sorted(posix.listdir(dfd)), posix.fstat(dfd).st_mode & 0o170000 == 0o040000)
print(sorted(e.name for e in posix.scandir(dfd)))
print(posix.stat('hello.txt', dir_fd=dfd).st_size)
posix.close(dfd)
fd = posix.open('fd.bin', posix.O_WRONLY | posix.O_APPEND)
print(posix.write(fd, b'++'), posix.lseek(fd, 0, 1))
posix.close(fd)
fd = posix.open('fd.bin', posix.O_RDONLY)
print(posix.read(fd, 100))
posix.close(fd)
posix.closerange(3, 10)
posix.remove('fd.bin')
print(posix.device_encoding(0))
