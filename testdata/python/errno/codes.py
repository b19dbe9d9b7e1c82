# errno: every name and code, and errorcode (expected output from CPython 3.14 on Linux).
import errno

names = [n for n in errno.__dict__ if n.startswith("E")]
print(len(names), len(errno.errorcode))
print([(n, getattr(errno, n)) for n in names])
print(list(errno.errorcode.items()))
print(errno.ENOENT, errno.errorcode[errno.EAGAIN], errno.EWOULDBLOCK == errno.EAGAIN)
print(sorted(n for n in dir(errno) if not n.startswith("E") and not n.startswith("__")))
