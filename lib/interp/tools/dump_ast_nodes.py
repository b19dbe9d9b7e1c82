"""Prints, as one Python literal, the node classes of the running CPython's `_ast` module: for
each class in definition order (name, base, __doc__, _fields, _attributes, field kinds, names
bound to None in the class dict, field types). Run under the CPython of each target
(3.14: `chroot /root/.cache/gbc-torch-root python3 dump_ast_nodes.py`; 3.12:
`node /tmp/py312.mjs dump_ast_nodes.py`, CPython 3.12.7); gen_ast_nodes.py writes the result into
lib/interp/pylib/_ast_nodes_<ver>.txt."""
import _ast
import sys


def typename(t):
    # _field_types values (3.13+): a node class, a builtin, list[X], X | None
    if isinstance(t, type) and not hasattr(t, '__origin__'):
        return t.__name__
    origin = getattr(t, '__origin__', None)
    if origin is list:
        return 'list[%s]' % typename(t.__args__[0])
    args = getattr(t, '__args__', None)
    if args and type(None) in args:
        return ' | '.join('None' if a is type(None) else typename(a) for a in args)
    raise ValueError(repr(t))


rows = []
for name, cls in _ast.__dict__.items():
    if not (isinstance(cls, type) and issubclass(cls, _ast.AST)):
        continue
    base = cls.__base__.__name__ if cls is not _ast.AST else None
    fts = getattr(cls, '__dict__', {}).get('_field_types')
    types = tuple(typename(fts[f]) for f in cls._fields) if fts is not None else None
    nones = tuple(k for k, v in cls.__dict__.items() if v is None and k != '__doc__')
    rows.append((name, base, cls.__doc__, tuple(cls._fields),
                 tuple(cls.__dict__.get('_attributes', ())) if '_attributes' in cls.__dict__ else None,
                 types, nones))
consts = {k: v for k, v in _ast.__dict__.items() if k.startswith('PyCF_')}
print(repr({'version': sys.version.split()[0], 'constants': consts, 'classes': rows}))
