# The rest of posix: environ, strerror, errno names, umask, uname / times / terminal_size
# struct sequences, urandom, cpu_count, wait statuses, register_at_fork, _path_normpath,
# fspath, and os.stat_result built by hand.
import errno
import posix


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '->', type(e).__name__, str(e))


env = posix.environ
print(type(env).__name__, all(type(k) is bytes and type(v) is bytes for k, v in env.items()),
      env.get(b'TZ'), env.get(b'LC_ALL'))
print(posix.strerror(2), posix.strerror(13), posix.strerror(errno.EEXIST))
print(errno.ENOENT, errno.errorcode[2], errno.errorcode[errno.EAGAIN], errno.EWOULDBLOCK == errno.EAGAIN)
old = posix.umask(0o027)
print(posix.umask(old), old == posix.umask(old))
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname, type(u.machine).__name__)
t = posix.times()
print(type(t).__name__, len(t), all(type(x) is float for x in t), t.user >= 0)
print(len(posix.urandom(16)), type(posix.urandom(0)).__name__, posix.urandom(8) != posix.urandom(8))
show('urandom negative', lambda: posix.urandom(-1))
show('urandom str', lambda: posix.urandom('a'))
print(type(posix.cpu_count()).__name__, posix.cpu_count() >= 1, posix.sched_getaffinity(0) <= set(range(4096)))
print(posix.getpid() > 0, posix.getppid() > 0, type(posix.getuid()).__name__)
print(posix.waitstatus_to_exitcode(256), posix.waitstatus_to_exitcode(9), posix.WEXITSTATUS(512), posix.WIFEXITED(0), posix.WIFSIGNALED(9), posix.WTERMSIG(9))
show('stopped status', lambda: posix.waitstatus_to_exitcode(0x137f))
show('register_at_fork none', lambda: posix.register_at_fork())
show('register_at_fork int', lambda: posix.register_at_fork(before=1))
show('register_at_fork positional', lambda: posix.register_at_fork(print))
print(posix.register_at_fork(before=print, after_in_child=print))
for p in ['', '/', '//', '///a', 'a/./b/../c//', '../x/..', b'a/../../b', '/..', 'a/b/']:
    print(repr(p), repr(posix._path_normpath(p)))
for p in ['a', '/a', '//a', '///a']:
    print(repr(p), posix._path_splitroot_ex(p))
print(posix.fspath('x'), posix.fspath(b'y'))
show('fspath int', lambda: posix.fspath(1))


class P:
    def __fspath__(self):
        return 'from-fspath'


class Bad:
    def __fspath__(self):
        return 3


print(posix.fspath(P()), posix.stat(P()) if False else 'skipped')
show('fspath bad', lambda: posix.fspath(Bad()))
show('stat fspath missing', lambda: posix.stat(P()))
r = posix.stat_result(range(10))
print(r, r.st_atime, r.st_mtime_ns, len(r), r[7], r.n_fields, r.n_sequence_fields, r.n_unnamed_fields)
print(r.__reduce__())
r2 = posix.stat_result(range(10), {'st_atime': 1.5, 'st_blksize': 4096})
print(r2.st_atime, r2.st_blksize, r2 == r, hash(r) == hash(tuple(range(10))), r[:3], type(r[:3]).__name__)
show('stat_result short', lambda: posix.stat_result((1, 2)))
show('stat_result long', lambda: posix.stat_result(range(25)))
show('stat_result int', lambda: posix.stat_result(5))
show('stat_result dict', lambda: posix.stat_result(range(10), 5))
show('set field', lambda: setattr(r, 'st_mode', 1))
ts = posix.terminal_size((80, 24))
print(ts, ts.columns, ts.lines, ts == (80, 24), isinstance(ts, tuple), ts.__match_args__)
show('terminal_size length', lambda: posix.terminal_size((1, 2, 3)))
show('get_terminal_size of a file', lambda: posix.get_terminal_size(99))
print(sorted(k for k in posix.sysconf_names if k in ('SC_PAGESIZE', 'SC_CLK_TCK')), posix.sysconf('SC_PAGESIZE'))
show('sysconf bad', lambda: posix.sysconf('SC_NOPE'))
print(posix.O_RDONLY, posix.O_WRONLY, posix.O_CREAT, posix.O_EXCL, posix.F_OK, posix.X_OK, posix.O_CLOEXEC)
print('HAVE_FSTATAT' in posix._have_functions, 'HAVE_OPENAT' in posix._have_functions, posix.error is OSError)
