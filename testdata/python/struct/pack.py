# _struct: the binding of gbc's struct codec (expected output from CPython 3.14).
import _struct
from _struct import Struct, calcsize, error, iter_unpack, pack, pack_into, unpack, unpack_from


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(sorted(n for n in dir(_struct) if not n.startswith("__")))
print(sorted(n for n in dir(Struct) if not n.startswith("__")))
print(pack("<ihb", 1, -2, 3), pack(">Q", 9223372036854775807), pack("@i?x3s", 7, [], b"abcd"))
print(pack("<d", 1.5), pack("<f", -0.25), pack("<e", 3.0), pack("<5p", b"hi"), pack("c", b"z"))
print(unpack("<ihb", pack("<ihb", 1, -2, 3)), unpack(">H2s", b"\x01\x02ab"))
print(unpack("<d?c", pack("<d?c", 2.75, 5, b"q")), calcsize("iq"), calcsize("<iq"), calcsize("@bi"))
t(lambda: pack())
t(lambda: pack(1))
t(lambda: pack("i"))
t(lambda: pack("i", "a"))
t(lambda: pack("i", 1.5))


def encode_error(fmt):
    try:
        pack(fmt)
    except UnicodeEncodeError as e:
        return (e.encoding, e.object, e.start, e.end, e.reason)


t(lambda: encode_error("\xe9"))
t(lambda: encode_error("ab\u20ac"))
t(lambda: pack(b"<i", 7))
t(lambda: Struct("i"))
t(lambda: Struct())
t(lambda: Struct(format=">h").format)
t(lambda: Struct(b">h").format)
t(lambda: Struct(">h").size)
t(lambda: unpack("i", b"12"))
t(lambda: unpack("i", "1234"))
t(lambda: unpack("i"))
t(lambda: unpack_from("i", b"12345", 1))
t(lambda: unpack_from("i", b"12345", offset=1))
t(lambda: unpack_from("i", buffer=b"12345"))
t(lambda: unpack_from("i", b"12345", -4))
t(lambda: unpack_from("i", b"12345", -9))
t(lambda: pack_into("i", b"1234", 0, 1))
t(lambda: pack_into("i", 1, 0, 1))
t(lambda: pack_into("i", 1, 0))
t(lambda: pack_into("i"))
t(lambda: pack_into("i", 1))
t(lambda: calcsize(1))
t(lambda: calcsize("z"))
t(lambda: calcsize("3"))
t(lambda: list(iter_unpack("h", b"1234")))
t(lambda: iter_unpack("h", b"123"))
t(lambda: iter_unpack("", b"123"))
t(lambda: type(iter_unpack("h", b"1234")).__name__)
t(lambda: iter_unpack("h", b"1234").__length_hint__())
t(lambda: error.__module__)
t(lambda: error.__mro__)
t(lambda: issubclass(error, Exception))
t(lambda: pack("?", []))
t(lambda: pack("b", 200))
t(lambda: pack("B", -1))
t(lambda: pack("h", 70000))


class I:
    def __index__(self):
        return 7


class F:
    def __float__(self):
        return 2.5


class Bad:
    def __float__(self):
        raise RuntimeError("no")


t(lambda: pack("i", I()))
t(lambda: pack("d", F()))
t(lambda: pack("d", I()))
t(lambda: pack("i", F()))
t(lambda: pack("d", Bad()))
t(lambda: pack("3s", b"abcd"))
t(lambda: pack("c", "a"))
t(lambda: pack("s", "a"))
t(lambda: Struct("i").pack(1, 2))
t(lambda: Struct("i").unpack_from(b"1234", offset=0))
t(lambda: Struct("i").unpack_from(b"1234", 5))
t(lambda: Struct("i").pack_into(b"1234", 0, 1))
t(lambda: list(Struct("<h").iter_unpack(b"1234")))
t(lambda: Struct("x").unpack(b"\x00"))
t(lambda: Struct("<3i").unpack(Struct("<3i").pack(1, 2, 3)))
t(lambda: unpack(">f", pack(">f", 1e300)))
t(lambda: pack(">f", 1e300))
t(lambda: unpack("<e", b"\x00\x7c"))
t(lambda: pack(">Q", 2**64 - 1))
t(lambda: pack("q", 2**63))
t(lambda: pack("Q", 2**64))
t(lambda: pack("<q", -2**63))
t(lambda: unpack("<Q", b"\xff" * 8))
t(lambda: unpack(">q", b"\x80" + b"\x00" * 7))
t(lambda: pack("d", 2**80))
t(lambda: pack("f", 2**200))
t(lambda: pack("d", 10**400))
