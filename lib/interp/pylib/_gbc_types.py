"""gbc's versions of type objects CPython writes in C (Objects/genericaliasobject.c,
unionobject.c, namespaceobject.c, descrobject.c's mappingproxy): types.GenericAlias
(`list[int]`), the union of `int | str` (types.UnionType in 3.12, typing.Union in 3.14),
types.SimpleNamespace and mappingproxy (`type.__dict__`). The VM calls `_union` for
`type.__or__` and `_class_getitem` for the builtin classes' __class_getitem__."""

import _gbc

_PY314 = _gbc.python >= (3, 14)


def _type_repr(obj):
    # ga_repr_item: a class by its qualified name, Ellipsis as "...", anything else by repr
    if obj is ...:
        return '...'
    if isinstance(obj, GenericAlias):
        return repr(obj)
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    try:
        if hasattr(obj, '__origin__') and hasattr(obj, '__args__'):
            return repr(obj)
    except Exception:
        pass
    if isinstance(obj, (list, tuple)) and not isinstance(obj, GenericAlias):
        return '[' + ', '.join(_type_repr(x) for x in obj) + ']'
    return repr(obj)


def _collect_parameters(args):
    # _Py_make_parameters: the type variables among the arguments, in first-seen order
    params = []
    for arg in args:
        if isinstance(arg, type):
            continue
        if isinstance(arg, (list, tuple)) and not isinstance(arg, GenericAlias):
            for p in _collect_parameters(arg):
                if p not in params:
                    params.append(p)
            continue
        if hasattr(arg, '__typing_subst__'):
            if arg not in params:
                params.append(arg)
            continue
        sub = getattr(arg, '__parameters__', None)
        if isinstance(sub, tuple):
            for p in sub:
                if p not in params:
                    params.append(p)
    return tuple(params)


def _unpack_args(item):
    # TypeVarTuple unpacking of *tuple[...] in subscriptions
    out = []
    for x in item:
        sub = getattr(x, '__typing_unpacked_tuple_args__', None)
        if isinstance(sub, tuple) and not (sub and sub[-1] is ...):
            out.extend(sub)
        else:
            out.append(x)
    return tuple(out)


def _substitute(arg, subst):
    if isinstance(arg, type):
        return arg
    if isinstance(arg, (list, tuple)) and not isinstance(arg, GenericAlias):
        return type(arg)(_substitute(x, subst) for x in arg)
    f = getattr(arg, '__typing_subst__', None)
    if f is not None:
        return subst[arg]
    sub = getattr(arg, '__parameters__', None)
    if isinstance(sub, tuple) and sub:
        subargs = tuple(subst[p] for p in sub)
        return arg[subargs if len(subargs) != 1 else subargs[0]]
    return arg


def _subs_parameters(self, params, args, item):
    # _Py_subs_parameters
    if not params:
        raise TypeError(f'{self!r} is not a generic class')
    items = item if isinstance(item, tuple) else (item,)
    for p in params:
        prepare = getattr(p, '__typing_prepare_subst__', None)
        if prepare is not None:
            items = prepare(self, items)
    items = _unpack_args(items)
    if len(items) != len(params):
        raise TypeError(f"Too {'many' if len(items) > len(params) else 'few'} arguments for "
                        f"{self!r}; actual {len(items)}, expected {len(params)}")
    subst = {}
    for p, a in zip(params, items):
        subst[p] = p.__typing_subst__(a)
    new = []
    for arg in args:
        if hasattr(arg, '__typing_subst__') and getattr(arg, '__typing_is_unpacked_typevartuple__', False):
            new.extend(subst[arg])
        else:
            new.append(_substitute(arg, subst))
    return tuple(new)


_GA_OWN = frozenset({
    '__class__', '__bases__', '__origin__', '__args__', '__unpacked__', '__parameters__',
    '__typing_unpacked_tuple_args__', '__mro_entries__', '__reduce_ex__', '__reduce__',
    '__copy__', '__deepcopy__',
})


class GenericAlias:
    """Represent a PEP 585 generic type

E.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,)."""

    def __new__(cls, origin, args, /):
        self = object.__new__(cls)
        object.__setattr__(self, '_origin', origin)
        object.__setattr__(self, '_args', args if isinstance(args, tuple) else (args,))
        object.__setattr__(self, '_params', None)
        object.__setattr__(self, '_unpacked', False)
        return self

    def __getattribute__(self, name):
        # everything but the alias's own attributes comes from the origin
        if name in _GA_OWN:
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, '_origin'), name)

    @property
    def __origin__(self):
        return object.__getattribute__(self, '_origin')

    @property
    def __args__(self):
        return object.__getattribute__(self, '_args')

    @property
    def __unpacked__(self):
        return object.__getattribute__(self, '_unpacked')

    @property
    def __parameters__(self):
        params = object.__getattribute__(self, '_params')
        if params is None:
            params = _collect_parameters(object.__getattribute__(self, '_args'))
            object.__setattr__(self, '_params', params)
        return params

    @property
    def __typing_unpacked_tuple_args__(self):
        if object.__getattribute__(self, '_unpacked') and \
                object.__getattribute__(self, '_origin') is tuple:
            return object.__getattribute__(self, '_args')
        return None

    def __setattr__(self, name, value):
        if name in _GA_OWN:
            raise AttributeError(f"readonly attribute")
        setattr(object.__getattribute__(self, '_origin'), name, value)

    def __repr__(self):
        origin = object.__getattribute__(self, '_origin')
        args = object.__getattribute__(self, '_args')
        star = '*' if object.__getattribute__(self, '_unpacked') else ''
        if not args:
            return f'{star}{_type_repr(origin)}[()]'
        return f'{star}{_type_repr(origin)}[' + ', '.join(_type_repr(a) for a in args) + ']'

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return (object.__getattribute__(self, '_origin') == other.__origin__ and
                object.__getattribute__(self, '_args') == other.__args__ and
                object.__getattribute__(self, '_unpacked') == other.__unpacked__)

    def __hash__(self):
        return hash(object.__getattribute__(self, '_origin')) ^ \
            hash(object.__getattribute__(self, '_args'))

    def __call__(self, *args, **kwargs):
        result = object.__getattribute__(self, '_origin')(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except (AttributeError, TypeError):
            pass
        return result

    def __getitem__(self, item):
        params = GenericAlias.__parameters__.__get__(self)
        new_args = _subs_parameters(self, params, object.__getattribute__(self, '_args'), item)
        res = GenericAlias(object.__getattribute__(self, '_origin'), new_args)
        object.__setattr__(res, '_unpacked', object.__getattribute__(self, '_unpacked'))
        return res

    def __mro_entries__(self, bases):
        return (object.__getattribute__(self, '_origin'),)

    def __instancecheck__(self, obj):
        raise TypeError('isinstance() argument 2 cannot be a parameterized generic')

    def __subclasscheck__(self, cls):
        raise TypeError('issubclass() argument 2 cannot be a parameterized generic')

    def __reduce__(self):
        if object.__getattribute__(self, '_unpacked'):
            return (_unpacked_alias, (GenericAlias(object.__getattribute__(self, '_origin'),
                                                   object.__getattribute__(self, '_args')),))
        return (GenericAlias, (object.__getattribute__(self, '_origin'),
                               object.__getattribute__(self, '_args')))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __iter__(self):
        alias = GenericAlias(object.__getattribute__(self, '_origin'),
                             object.__getattribute__(self, '_args'))
        object.__setattr__(alias, '_unpacked', True)
        yield alias

    def __dir__(self):
        names = set(dir(object.__getattribute__(self, '_origin')))
        names.update(_GA_OWN)
        return sorted(names)


def _unpacked_alias(alias):
    return next(iter(alias))


GenericAlias.__module__ = 'types'


def _class_getitem(cls, item):
    return GenericAlias(cls, item)


# --- unions ------------------------------------------------------------------------------------

def _unionable(obj):
    if obj is None or isinstance(obj, (type, GenericAlias, UnionType)):
        return True
    return _PY314 and hasattr(obj, '__typing_subst__') or type(obj).__name__ == 'TypeAliasType'


def _union_args(args):
    # flatten nested unions; None becomes NoneType; duplicates dropped
    out = []
    for a in args:
        if a is None:
            a = type(None)
        if isinstance(a, UnionType):
            items = a.__args__
        else:
            items = (a,)
        for x in items:
            if not any(x is y or (type(x) is type(y) and x == y) for y in out):
                out.append(x)
    return tuple(out)


def _union(a, b):
    if not (_unionable(a) and _unionable(b)):
        return NotImplemented
    args = _union_args((a, b))
    if len(args) == 1:
        return args[0]
    return UnionType._make(args)


def _union_repr_item(x):
    if x is type(None):
        return 'None'
    return _type_repr(x)


class UnionType:
    """Represent a union type

E.g. for int | str"""

    def __new__(cls, *args, **kwargs):
        raise TypeError(f"cannot create '{cls.__module__}.{cls.__qualname__}' instances")

    @classmethod
    def _make(cls, args):
        self = object.__new__(cls)
        object.__setattr__(self, '_args', args)
        object.__setattr__(self, '_params', None)
        return self

    def __setattr__(self, name, value):
        raise AttributeError(f"'{type(self).__name__}' object attribute '{name}' is read-only")

    @property
    def __args__(self):
        return self._args

    @property
    def __parameters__(self):
        if self._params is None:
            object.__setattr__(self, '_params', _collect_parameters(self._args))
        return self._params

    @property
    def __origin__(self):
        return type(self)

    def __repr__(self):
        return ' | '.join(_union_repr_item(x) for x in self._args)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        try:
            return set(self._args) == set(other._args)
        except TypeError:
            return self._args == other._args

    def __hash__(self):
        try:
            return hash(frozenset(self._args))
        except TypeError:
            return hash(self._args)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __getitem__(self, item):
        args = _subs_parameters(self, self.__parameters__, self._args, item)
        res = args[0]
        for a in args[1:]:
            res = res | a
        return res

    def __instancecheck__(self, obj):
        for a in self._args:
            if isinstance(a, GenericAlias):
                raise TypeError('isinstance() argument 2 cannot be a parameterized generic')
        return any(isinstance(obj, a) for a in self._args)

    def __subclasscheck__(self, cls):
        for a in self._args:
            if isinstance(a, GenericAlias):
                raise TypeError('issubclass() argument 2 cannot be a parameterized generic')
        return any(issubclass(cls, a) for a in self._args)

    def __mro_entries__(self, bases):
        raise TypeError(f'Cannot subclass {self!r}')

    def __reduce__(self):
        import functools
        import operator
        return (functools.reduce, (operator.or_, self._args))


if _PY314:
    # 3.14: the union of `int | str` is typing.Union, which `Union[...]` also makes
    UnionType.__name__ = UnionType.__qualname__ = 'Union'
    UnionType.__module__ = 'typing'

    def _class_getitem_union(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if not params:
            raise TypeError('Cannot take a Union of no types.')
        import typing
        checked = []
        for p in params:
            checked.append(typing._type_check(p, 'Union[arg, ...]: each arg must be a type.'))
        args = _union_args(checked)
        if len(args) == 1:
            return args[0]
        return UnionType._make(args)

    UnionType.__class_getitem__ = classmethod(_class_getitem_union)
else:
    UnionType.__module__ = 'types'


# --- SimpleNamespace ---------------------------------------------------------------------------

class SimpleNamespace:
    """A simple attribute-based namespace."""

    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        if mapping_or_iterable != ():
            self.__dict__.update(dict(mapping_or_iterable))
        for k in kwargs:
            if not isinstance(k, str):
                raise TypeError(f'keywords must be strings, not {type(k).__name__!r}')
        self.__dict__.update(kwargs)

    def __repr__(self):
        name = 'namespace' if type(self) is SimpleNamespace else type(self).__name__
        items = (f'{k}={v!r}' for k, v in self.__dict__.items())
        return f"{name}({', '.join(items)})"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None

    def __reduce__(self):
        return (type(self), (), self.__dict__)

    def __replace__(self, /, **changes):
        result = type(self)(**self.__dict__)
        result.__dict__.update(changes)
        return result


SimpleNamespace.__module__ = 'types'


# --- mappingproxy ------------------------------------------------------------------------------

class mappingproxy:
    """Read-only proxy of a mapping."""

    def __new__(cls, mapping):
        if not hasattr(mapping, 'keys') or not hasattr(mapping, '__getitem__') or \
                isinstance(mapping, (list, tuple)):
            raise TypeError(f'mappingproxy() argument must be a mapping, not '
                            f'{type(mapping).__name__}')
        self = object.__new__(cls)
        object.__setattr__(self, '_mapping', mapping)
        return self

    def __setattr__(self, name, value):
        raise AttributeError(f"'mappingproxy' object has no attribute '{name}'")

    def __getitem__(self, key):
        return self._mapping[key]

    def get(self, key, default=None, /):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __len__(self):
        return len(self._mapping)

    def __iter__(self):
        return iter(self._mapping)

    def __reversed__(self):
        return reversed(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def __eq__(self, other):
        return self._mapping == other

    def __or__(self, other):
        if isinstance(other, mappingproxy):
            other = other._mapping
        return self._mapping | other

    def __ror__(self, other):
        return other | self._mapping

    def __repr__(self):
        return f'mappingproxy({self._mapping!r})'

    def __str__(self):
        return str(self._mapping)

    __class_getitem__ = classmethod(_class_getitem)


mappingproxy.__module__ = 'builtins'
