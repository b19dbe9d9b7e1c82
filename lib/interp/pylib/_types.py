"""gbc's `_types` (CPython 3.14's C module that types.py imports its names from): the type
objects of gbc's builtin kinds. gbc has one type for builtin functions and for the several
kinds of C method descriptors CPython distinguishes (wrapper_descriptor, method-wrapper,
method_descriptor, classmethod_descriptor): they are all builtin_function_or_method here."""

import _gbc_types


def _f(): pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)
MappingProxyType = _gbc_types.mappingproxy
SimpleNamespace = _gbc_types.SimpleNamespace


def _cell_factory():
    a = 1

    def f():
        nonlocal a
    return f.__closure__[0]


CellType = type(_cell_factory())


def _g():
    yield 1


GeneratorType = type(_g())


async def _c(): pass


_c = _c()
CoroutineType = type(_c)
_c.close()


async def _ag():
    yield


AsyncGeneratorType = type(_ag())


class _C:
    def _m(self): pass


MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
WrapperDescriptorType = type(object.__init__)
MethodWrapperType = type(object().__str__)
MethodDescriptorType = type(str.join)
ClassMethodDescriptorType = type(dict.__dict__['fromkeys']) if 'fromkeys' in dict.__dict__ \
    else BuiltinFunctionType
ModuleType = type(_gbc_types)
GetSetDescriptorType = type(FunctionType.__code__)
MemberDescriptorType = type(FunctionType.__globals__)
GenericAlias = _gbc_types.GenericAlias
UnionType = _gbc_types.UnionType
EllipsisType = type(Ellipsis)
NoneType = type(None)
NotImplementedType = type(NotImplemented)


def _types_not_yet(name):
    # types gbc has no objects of yet: classes nothing is an instance of
    cls = type(name, (), {'__module__': 'builtins'})
    return cls


TracebackType = _types_not_yet('traceback')
FrameType = _types_not_yet('frame')
CapsuleType = _types_not_yet('PyCapsule')

del _f, _g, _c, _ag, _C, _cell_factory, _types_not_yet, _gbc_types
