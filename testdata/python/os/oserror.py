# OSError as CPython builds it: the subclass chosen from errno, the attributes, str(), repr,
# __reduce__, BlockingIOError.characters_written, subclasses that take over __init__.
e = OSError(2, 'No such file', 'a.txt')
print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2, str(e), repr(e))
e = OSError(2, 'x', 'a', None, 'b')
print(type(e).__name__, e.args, str(e), e.__reduce__())
e = OSError(2, 'x')
print(type(e).__name__, e.args, str(e), e.__reduce__())
e = OSError('msg')
print(type(e).__name__, e.args, str(e), e.errno, e.__reduce__())
e = OSError(2, 'x', 'a', 1, 'b', 6)
print(type(e).__name__, e.args, str(e), e.errno)
for n in [1, 2, 4, 11, 13, 17, 20, 21, 32, 104, 110, 999]:
    print(n, type(OSError(n, 'm')).__name__)
print(type(FileNotFoundError(17, 'x')).__name__, type(IOError(2, 'x')).__name__, EnvironmentError is OSError)
e = BlockingIOError(11, 'x', 5)
print(e.characters_written, e.filename, e.args)
try:
    BlockingIOError(11, 'x').characters_written
except AttributeError as ex:
    print(type(ex).__name__, ex)


class E(OSError):
    def __init__(self, a, b):
        super().__init__(a, b)


e = E(2, 'y')
print(type(e).__name__, e.errno, e.args)


class F(OSError):
    pass


e = F(2, 'y', 'z')
print(type(e).__name__, e.errno, e.args, e.filename)
try:
    OSError(2, 'x', foo=1)
except TypeError as ex:
    print(type(ex).__name__, ex)
e = OSError()
print(e.errno, e.args, repr(str(e)))
e.errno = 5
print(e.errno, repr(str(e)))
print(str(OSError(None, 'x')), str(OSError(2, None)), str(OSError(2, 'x', 3)))
try:
    raise FileNotFoundError(2, 'No such file or directory', 'f')
except OSError as ex:
    print(isinstance(ex, FileNotFoundError), ex.filename, ex)
