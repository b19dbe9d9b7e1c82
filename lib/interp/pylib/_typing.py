"""gbc's `_typing` (CPython's Objects/typevarobject.c): TypeVar, ParamSpec, TypeVarTuple,
ParamSpecArgs/Kwargs, TypeAliasType, Generic, NoDefault, _idfunc, and in 3.14 Union. As in
CPython, most of the behaviour is calls back into typing.py (`typing._typevar_subst`,
`typing._generic_class_getitem`, ...), made when typing is imported (it imports this module
first). Bounds, constraints and defaults given to the constructors are evaluated at once; those
of PEP 695 syntax come as evaluator functions (the keyword arguments evaluate_bound=,
evaluate_constraints=, evaluate_default=, evaluate_value= that gbc's LOAD_TYPING passes, see
lib/interp/compiler_generic.cpp) and are evaluated on first access and cached, as CPython's
intrinsics do."""

import _gbc
import _gbc_types

_PY314 = _gbc.python >= (3, 14)


def _typing():
    import typing
    return typing


def _caller_module(depth=2):
    # the __name__ of the module that created the type variable (CPython: the calling frame's)
    try:
        import sys
        return sys._getframemodulename(depth) or '__main__'
    except (AttributeError, ValueError, ImportError):
        return '__main__'


def _from_syntax():
    # Whether the object is being made by PEP 695 syntax (LOAD_TYPING in an annotation scope
    # `<generic parameters of ...>`): CPython's intrinsics set no __module__ on type variables,
    # which then show the class's ('typing').
    try:
        import sys
        return sys._getframe(3).f_code.co_name.startswith('<generic parameters of ')
    except (AttributeError, ValueError, ImportError):
        return False


class _ConstEvaluator:
    """What evaluate_bound / evaluate_default / ... give for a value given at construction
    (CPython's constevaluator): called with an annotation format, returns the value."""

    def __init__(self, value):
        self._value = value

    def __call__(self, format):
        if format == 4:  # annotationlib.Format.STRING
            import annotationlib
            return annotationlib.type_repr(self._value)
        return self._value

    def __repr__(self):
        return f'<constevaluator {self._value!r}>'


_ConstEvaluator.__name__ = _ConstEvaluator.__qualname__ = 'constevaluator'
_unset = object()


def _lazy(self, cache, evaluate, missing):
    # the cached value of attribute `cache`, from calling `evaluate` (an evaluator of PEP 695
    # syntax) the first time; `missing` when there is neither
    d = self.__dict__
    v = d.get(cache, _unset)
    if v is _unset:
        ev = d.get(evaluate)
        if ev is None:
            return missing
        v = ev()
        object.__setattr__(self, cache, v)
    return v


def _evaluator(self, cache, evaluate, missing):
    # CPython 3.14's evaluate_*: the evaluator of PEP 695 syntax, a constevaluator of a value
    # given to the constructor, None when there is none
    d = self.__dict__
    if d.get(evaluate) is not None:
        return d[evaluate]
    v = d.get(cache, _unset)
    if v is _unset or v is missing or (type(missing) is tuple and v == missing):
        return None
    return _ConstEvaluator(v)


def _idfunc(_, x):
    return x


class _NoDefaultType:
    __slots__ = ()
    _instance = None

    def __new__(cls):
        if _NoDefaultType._instance is None:
            _NoDefaultType._instance = object.__new__(cls)
        return _NoDefaultType._instance

    def __repr__(self):
        return 'typing.NoDefault'

    def __reduce__(self):
        return 'NoDefault'


_NoDefaultType.__name__ = _NoDefaultType.__qualname__ = 'NoDefaultType'
_NoDefaultType.__module__ = 'typing'
NoDefault = _NoDefaultType()


def _type_check(arg, msg):
    return _typing()._type_check(arg, msg)


def _or(self, right):
    if _PY314:
        return _gbc_types._union(self, right)
    return _typing().Union[self, right]


def _ror(self, left):
    if _PY314:
        return _gbc_types._union(left, self)
    return _typing().Union[left, self]


class _TypeVarLike:
    """What TypeVar, ParamSpec and TypeVarTuple share (defaults, unions, pickling)."""

    def has_default(self):
        # (an evaluator counts without being called, as in CPython)
        if self.__dict__.get('_evaluate_default') is not None:
            return True
        return self.__dict__.get('_default', NoDefault) is not NoDefault

    @property
    def __default__(self):
        return _lazy(self, '_default', '_evaluate_default', NoDefault)

    if _PY314:
        @property
        def evaluate_default(self):
            return _evaluator(self, '_default', '_evaluate_default', NoDefault)

    def __or__(self, right):
        return _or(self, right)

    def __ror__(self, left):
        return _ror(self, left)

    def __reduce__(self):
        return self.__name__

    def __mro_entries__(self, bases):
        raise TypeError(f'Cannot subclass an instance of {type(self).__name__}')

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _set_default(self, default, evaluate_default):
    if evaluate_default is not None:
        object.__setattr__(self, '_evaluate_default', evaluate_default)
        return
    if default is not NoDefault and default is not None and not _PY314:
        default = _type_check(default, 'Default must be a type.')
    object.__setattr__(self, '_default', default)


def _set_module(self):
    if not _from_syntax():
        self.__module__ = _caller_module(3)


class TypeVar(_TypeVarLike):
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False,
                 infer_variance=False, default=NoDefault, evaluate_bound=None,
                 evaluate_constraints=None, evaluate_default=None):
        if not isinstance(name, str):
            raise TypeError('TypeVar() argument 1 must be str, not ' + type(name).__name__)
        if covariant and contravariant:
            raise ValueError('Bivariant type variables are not supported.')
        if infer_variance and (covariant or contravariant):
            raise ValueError('Variance cannot be specified with infer_variance.')
        if bound is not None:
            if constraints:
                raise TypeError('Constraints cannot be combined with bound=...')
            bound = _type_check(bound, 'Bound must be a type.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        constraints = tuple(
            _type_check(c, 'TypeVar(name, constraint, ...): constraints must be types.')
            for c in constraints)
        self.__name__ = name
        if evaluate_bound is not None:
            self._evaluate_bound = evaluate_bound
        else:
            self._bound = bound
        if evaluate_constraints is not None:
            self._evaluate_constraints = evaluate_constraints
        else:
            self._constraints = constraints
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        _set_default(self, default, evaluate_default)
        _set_module(self)

    @property
    def __bound__(self):
        return _lazy(self, '_bound', '_evaluate_bound', None)

    @property
    def __constraints__(self):
        return _lazy(self, '_constraints', '_evaluate_constraints', ())

    def __repr__(self):
        if self.__infer_variance__:
            return self.__name__
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __typing_subst__(self, arg):
        return _typing()._typevar_subst(self, arg)

    def __typing_prepare_subst__(self, alias, args):
        params = alias.__parameters__
        i = params.index(self)
        if i < len(args):
            return args
        if i == len(args) and self.has_default():
            return (*args, self.__default__)
        raise TypeError(f'Too few arguments for {alias}; actual {len(args)}, '
                        f'expected at least {i + 1}')

    if _PY314:
        @property
        def evaluate_bound(self):
            return _evaluator(self, '_bound', '_evaluate_bound', None)

        @property
        def evaluate_constraints(self):
            return _evaluator(self, '_constraints', '_evaluate_constraints', ())


class ParamSpecArgs:
    """The args for a ParamSpec object."""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f'{self.__origin__.__name__}.args'

    def __eq__(self, other):
        if not isinstance(other, ParamSpecArgs):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((ParamSpecArgs, self.__origin__))

    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of ParamSpecArgs')


class ParamSpecKwargs:
    """The kwargs for a ParamSpec object."""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f'{self.__origin__.__name__}.kwargs'

    def __eq__(self, other):
        if not isinstance(other, ParamSpecKwargs):
            return NotImplemented
        return self.__origin__ == other.__origin__

    def __hash__(self):
        return hash((ParamSpecKwargs, self.__origin__))

    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of ParamSpecKwargs')


class ParamSpec(_TypeVarLike):
    """Parameter specification variable."""

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False,
                 infer_variance=False, default=NoDefault, evaluate_default=None):
        if covariant and contravariant:
            raise ValueError('Bivariant type variables are not supported.')
        if infer_variance and (covariant or contravariant):
            raise ValueError('Variance cannot be specified with infer_variance.')
        if bound is not None:
            bound = _type_check(bound, 'Bound must be a type.')
        self.__name__ = name
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        _set_default(self, default, evaluate_default)
        _set_module(self)

    @property
    def args(self):
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        return ParamSpecKwargs(self)

    def __repr__(self):
        if self.__infer_variance__:
            return self.__name__
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __typing_subst__(self, arg):
        return _typing()._paramspec_subst(self, arg)

    def __typing_prepare_subst__(self, alias, args):
        return _typing()._paramspec_prepare_subst(self, alias, args)


class TypeVarTuple(_TypeVarLike):
    """Type variable tuple."""

    def __init__(self, name, *, default=NoDefault, evaluate_default=None):
        self.__name__ = name
        _set_default(self, default, evaluate_default)
        _set_module(self)

    def __iter__(self):
        yield _typing().Unpack[self]

    def __repr__(self):
        return self.__name__

    def __typing_subst__(self, arg):
        raise TypeError('Substitution of bare TypeVarTuple is not supported')

    def __typing_prepare_subst__(self, alias, args):
        return _typing()._typevartuple_prepare_subst(self, alias, args)


class TypeAliasType:
    """Type alias."""

    def __init__(self, name, value=_unset, *, type_params=(), evaluate_value=None):
        if value is _unset and evaluate_value is None:
            raise TypeError("TypeAliasType() missing required argument 'value' (pos 2)")
        if not isinstance(name, str):
            raise TypeError('TypeAliasType() argument \'name\' must be str, not ' +
                            type(name).__name__)
        if not isinstance(type_params, tuple):
            raise TypeError('type_params must be a tuple')
        object.__setattr__(self, '__name__', name)
        if evaluate_value is not None:
            object.__setattr__(self, '_evaluate_value', evaluate_value)
        else:
            object.__setattr__(self, '_value', value)
        object.__setattr__(self, '__type_params__', type_params)
        object.__setattr__(self, '__parameters__', _gbc_types._collect_parameters(type_params))
        object.__setattr__(self, '__module__', _caller_module())

    def __setattr__(self, name, value):
        if name in ('__name__', '__value__', '__type_params__', '__parameters__', '__module__'):
            raise AttributeError(f"readonly attribute")
        raise AttributeError(f"'typing.TypeAliasType' object has no attribute '{name}'")

    def __repr__(self):
        return self.__name__

    def __getitem__(self, parameters):
        if not self.__type_params__:
            raise TypeError('Only generic type aliases are subscriptable')
        if not isinstance(parameters, tuple):
            parameters = (parameters,)
        return _gbc_types.GenericAlias(self, parameters)

    def __or__(self, right):
        return _or(self, right)

    def __ror__(self, left):
        return _ror(self, left)

    def __reduce__(self):
        return self.__name__

    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of TypeAliasType')

    @property
    def __value__(self):
        return _lazy(self, '_value', '_evaluate_value', None)

    if _PY314:
        @property
        def evaluate_value(self):
            return _evaluator(self, '_value', '_evaluate_value', _unset)


class Generic:
    """Abstract base class for generic types.

    On Python 3.12 and newer, generic classes implicitly inherit from
    Generic when they declare a parameter list after the class's name::

        class Mapping[KT, VT]:
            def __getitem__(self, key: KT) -> VT:
                ...
            # Etc.

    On older versions of Python, however, generic classes have to
    explicitly inherit from Generic.

    After a class has been declared to be generic, it can then be used as
    follows::

        def lookup_name[KT, VT](mapping: Mapping[KT, VT], key: KT, default: VT) -> VT:
            try:
                return mapping[key]
            except KeyError:
                return default
    """
    __slots__ = ()
    _is_protocol = False

    def __class_getitem__(cls, params):
        return _typing()._generic_class_getitem(cls, params)

    def __init_subclass__(cls, *args, **kwargs):
        return _typing()._generic_init_subclass(cls, *args, **kwargs)


def _final(cls):
    # CPython's type variable types cannot be subclassed
    def __init_subclass__(sub, *args, **kwargs):
        raise TypeError(f"type 'typing.{cls.__name__}' is not an acceptable base type")
    cls.__init_subclass__ = classmethod(__init_subclass__)


for _cls in (TypeVar, ParamSpec, TypeVarTuple, ParamSpecArgs, ParamSpecKwargs, TypeAliasType,
             Generic):
    _cls.__module__ = 'typing'
    if _cls is not Generic:
        _final(_cls)
del _cls

if _PY314:
    Union = _gbc_types.UnionType
