# A stand-in for CPython's _typing module (written in C there; gbc's native one is another
# engineer's work): just what the PEP 695 test needs, with the keyword arguments gbc's compiler
# passes (LOAD_TYPING, see lib/interp/compiler_generic.cpp). CPython's own _typing is a builtin
# module, so it never imports this file.


class TypeVar:
    def __init__(self, name, *, evaluate_bound=None, evaluate_constraints=None,
                 evaluate_default=None, infer_variance=False):
        self.__name__ = name
        self._bound = evaluate_bound
        self._constraints = evaluate_constraints
        self._default = evaluate_default
        self.__infer_variance__ = infer_variance

    @property
    def __bound__(self):
        return self._bound() if self._bound else None

    @property
    def __constraints__(self):
        return self._constraints() if self._constraints else ()

    def __repr__(self):
        return self.__name__ if self.__infer_variance__ else "~" + self.__name__

    def __or__(self, other):  # `T | U` in an annotation evaluated at once (3.12)
        return (self, other)


class ParamSpec:
    def __init__(self, name, *, evaluate_default=None, infer_variance=False):
        self.__name__ = name
        self.__infer_variance__ = infer_variance

    def __repr__(self):
        return self.__name__ if self.__infer_variance__ else "~" + self.__name__


class TypeVarTuple:
    def __init__(self, name, *, evaluate_default=None):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


class TypeAliasType:
    def __init__(self, name, *, type_params=(), evaluate_value=None):
        self.__name__ = name
        self.__type_params__ = type_params
        self._evaluate = evaluate_value

    @property
    def __value__(self):
        return self._evaluate()

    def __repr__(self):
        return self.__name__


class Generic:
    def __class_getitem__(cls, params):
        return Generic
