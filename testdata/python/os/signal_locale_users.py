# _signal (handlers recorded, never triggered), _locale as a C.UTF-8 process has it, pwd / grp.
import _locale
import _signal
import grp
import pwd


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except BaseException as e:
        print(label, '->', type(e).__name__, str(e))


print(_signal.SIGINT, _signal.SIGTERM, _signal.NSIG, _signal.SIG_DFL, _signal.SIG_IGN, _signal.SIG_BLOCK)
print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler, _signal.getsignal(_signal.SIGTERM),
      _signal.getsignal(_signal.SIGPIPE))


def handler(signum, frame):
    print('never called')


print(_signal.signal(_signal.SIGTERM, handler), _signal.getsignal(_signal.SIGTERM) is handler)
print(_signal.signal(_signal.SIGTERM, _signal.SIG_IGN) is handler, _signal.getsignal(_signal.SIGTERM))
show('signal 0', lambda: _signal.signal(0, 0))
show('signal 99', lambda: _signal.signal(99, 0))
show('signal SIGKILL', lambda: _signal.signal(9, 0))
show('signal bad handler', lambda: _signal.signal(2, 5))
show('getsignal 0', lambda: _signal.getsignal(0))
print(_signal.strsignal(2), _signal.strsignal(15), len(_signal.valid_signals()), 32 in _signal.valid_signals())
print(_signal.set_wakeup_fd(-1), _signal.pthread_sigmask(_signal.SIG_BLOCK, [2]), _signal.pthread_sigmask(_signal.SIG_SETMASK, []))
show('pthread_sigmask how', lambda: _signal.pthread_sigmask(5, []))
show('default_int_handler', lambda: _signal.default_int_handler(2, None))
print(_signal.ItimerError.__mro__[1].__name__, _signal.sigpending())

print(_locale.setlocale(_locale.LC_CTYPE), _locale.setlocale(_locale.LC_NUMERIC), _locale.getencoding())
print(_locale.setlocale(_locale.LC_ALL, ''), _locale.setlocale(_locale.LC_ALL), _locale.setlocale(_locale.LC_ALL, 'C'))
print(_locale.nl_langinfo(_locale.CODESET), _locale.nl_langinfo(_locale.D_T_FMT), _locale.nl_langinfo(_locale.RADIXCHAR))
show('langinfo bad', lambda: _locale.nl_langinfo(99999))
show('query bad', lambda: _locale.setlocale(99))
print(sorted(_locale.localeconv().items()))
print(_locale.strcoll('a', 'b'), _locale.strxfrm('x'), _locale.gettext('msg'), _locale.textdomain(None))
print(_locale.Error.__module__, _locale.LC_ALL, _locale.CHAR_MAX)

root = pwd.getpwuid(0)
print(type(root).__name__, root.pw_name, root.pw_uid, root[0], len(root), pwd.getpwnam('root').pw_dir == root.pw_dir)
show('getpwuid missing', lambda: pwd.getpwuid(99999))
show('getpwnam missing', lambda: pwd.getpwnam('no such user'))
show('getpwuid str', lambda: pwd.getpwuid('a'))
g = grp.getgrgid(0)
print(type(g).__name__, g.gr_name, g.gr_gid, type(g.gr_mem).__name__, grp.getgrnam('root').gr_gid)
show('getgrgid missing', lambda: grp.getgrgid(99999))
print(any(p.pw_uid == 0 for p in pwd.getpwall()), any(x.gr_gid == 0 for x in grp.getgrall()))
