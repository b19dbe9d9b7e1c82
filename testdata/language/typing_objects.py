# The objects PEP 695 syntax makes through _typing: lazily evaluated bounds, constraints,
# defaults and alias values, their reprs and modules, the evaluate_* attributes. targets: 2.14
def f[T: int, U: (str, bytes), V = list[int], *Ts = (), **P = [int]](): pass


T, U, V, Ts, P = f.__type_params__
print(T.__bound__, U.__constraints__, V.__default__, T.__default__, T.has_default(), V.has_default())
print(T.evaluate_bound.__name__, T.evaluate_constraints, T.evaluate_default, V.evaluate_default.__name__)
print(U.evaluate_bound, U.evaluate_constraints(1))
print(repr(T), repr(Ts), repr(P), T.__module__, T.__infer_variance__, T.__covariant__)
print(Ts.__default__, P.__default__, Ts.evaluate_default.__name__)


def lazy[L: NotYetDefined](): pass


class NotYetDefined:
    pass


print(lazy.__type_params__[0].__bound__.__name__)
type A[X] = list[X]
print(A, A.__value__, A.__type_params__, A.__module__, A.evaluate_value.__name__, A.__name__)
type Later = Undefined
Undefined = int
print(Later.__value__)
from _typing import TypeVar, TypeAliasType
R = TypeVar('R', infer_variance=True)
print(R, R.evaluate_bound, R.__bound__, R.__module__, R.has_default())
Q = TypeAliasType('Q', int)
print(Q.__value__, Q.evaluate_value, Q.evaluate_value(1), Q.__module__)
