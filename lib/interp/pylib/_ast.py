"""gbc's `_ast` (CPython's Python/Python-ast.c): the node classes of the target's Python.asdl,
built from tables recorded from real CPython (lib/interp/tools/gen_ast_nodes.py), with CPython's
constructor (positional and keyword fields; 3.13+ defaults: optional fields None through a class
attribute, list fields [], expr_context the shared Load(), DeprecationWarnings for unknown
keywords and missing fields), 3.14's repr and __replace__, __reduce__, identity equality and
the PyCF_* flags. Parsing to an AST is gbc's compile() (lib/interp/ast_export.cpp: the nodes of
gbc's own syntax tree, made without running these constructors)."""

import _gbc

_PY = _gbc.python
_NEW = _PY >= (3, 14)  # the tables are 3.14's or 3.12's; 3.13 behaviours go with 3.14


def _tp_name(cls):
    # CPython's tp_name: 'ast.AST' for the static base type, the bare name for heap types
    return 'ast.AST' if cls is AST else cls.__name__


def _warn(msg):
    import warnings
    warnings.warn(msg, DeprecationWarning, stacklevel=3)


def _field_kind(cls, name):
    # '*' list field, '?' optional, 'ctx' expr_context, '' required; None: no _field_types entry
    types = getattr(cls, '_field_types', None)
    if types is None or name not in types:
        return None
    t = types[name]
    if getattr(t, '__origin__', None) is list:
        return '*'
    if type(None) in getattr(t, '__args__', ()):
        return '?'
    if t is expr_context:
        return 'ctx'
    return ''


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = getattr(cls, '_fields', ())
        n = len(fields)
        if len(args) > n:
            raise TypeError('%s constructor takes at most %d positional argument%s'
                            % (cls.__name__, n, '' if n == 1 else 's'))
        for name, value in zip(fields, args):
            setattr(self, name, value)
        attributes = getattr(cls, '_attributes', ())
        for key, value in kwargs.items():
            if key in fields:
                if fields.index(key) < len(args):
                    raise TypeError('%s got multiple values for argument %r' % (cls.__name__, key))
            elif _NEW and key not in attributes:
                _warn('%s.__init__ got an unexpected keyword argument %r. Support for arbitrary '
                      'keyword arguments is deprecated and will be removed in Python 3.15.'
                      % (_tp_name(cls), key))
            setattr(self, key, value)
        if not _NEW:
            return
        for name in fields[len(args):]:
            if name in kwargs:
                continue
            kind = _field_kind(cls, name)
            if kind is None:
                _warn('Field %r is missing from %s._field_types. This will become an error in '
                      'Python 3.15.' % (name, cls.__name__))
            elif kind == '*':
                setattr(self, name, [])
            elif kind == 'ctx':
                setattr(self, name, _LOAD)
            elif kind == '':
                _warn('%s.__init__ missing 1 required positional argument: %r. This will become '
                      'an error in Python 3.15.' % (_tp_name(cls), name))

    def __reduce__(self):
        d = getattr(self, '__dict__', None)
        if d is None:
            return (type(self), ())
        args = ()
        if _NEW:
            # positional Nones for the leading fields that are set, so that a constructor with
            # required fields accepts them; the dict then sets the real values
            for name in getattr(type(self), '_fields', ()):
                if name not in d:
                    break
                args += (None,)
        return (type(self), args, d)


AST.__module__ = 'ast'


def _repr(node, depth):
    cls = type(node)
    if depth <= 0:
        return '%s(...)' % _tp_name(cls)
    parts = []
    for name in getattr(cls, '_fields', ()):
        value = getattr(node, name)
        if isinstance(value, (list, tuple)):
            text = _repr_seq(value, depth)
        elif isinstance(value, AST):
            text = _repr(value, depth - 1)
        else:
            text = repr(value)
        parts.append('%s=%s' % (name, text))
    return '%s(%s)' % (_tp_name(cls), ', '.join(parts))


def _repr_seq(seq, depth):
    if not seq:
        return repr(seq)
    items = [seq[0], seq[-1]] if len(seq) > 2 else list(seq)
    out = []
    for i, item in enumerate(items):
        out.append(_repr(item, depth - 1) if isinstance(item, AST) else repr(item))
        if i == 0 and len(seq) > 2:
            out.append('...')
    inner = ', '.join(out)
    return '[%s]' % inner if isinstance(seq, list) else '(%s)' % inner


_repr_active = []


def _ast_repr(self):
    # CPython's Py_ReprEnter: a node met again inside its own repr shows as Name(...)
    if any(x is self for x in _repr_active):
        return '%s(...)' % _tp_name(type(self))
    _repr_active.append(self)
    try:
        return _repr(self, 3)
    finally:
        _repr_active.pop()


def _ast_replace(self, /, *args, **kwargs):
    if args:
        raise TypeError('__replace__() takes no positional arguments')
    cls = type(self)
    tp = _tp_name(cls)
    fields = getattr(cls, '_fields', ())
    attributes = getattr(cls, '_attributes', ())
    for key in kwargs:
        if key not in fields and key not in attributes:
            raise TypeError('%s.__replace__ got an unexpected keyword argument %r.' % (tp, key))
    payload = {}
    missing = []
    for name in fields + attributes:
        if name in kwargs:
            payload[name] = kwargs[name]
        elif hasattr(self, name) and (name in fields or name in self.__dict__):
            payload[name] = getattr(self, name)
        elif name in fields and _field_kind(cls, name) == '':
            missing.append(name)
    if missing:
        raise TypeError('%s.__replace__ missing %d keyword argument%s: %s.'
                        % (tp, len(missing), '' if len(missing) == 1 else 's',
                           ', '.join(repr(m) for m in missing)))
    return cls(**payload)


if _NEW:
    for _f, _name in ((_ast_repr, '__repr__'), (_ast_replace, '__replace__')):
        _f.__name__ = _name
        _f.__qualname__ = 'AST.' + _name
        setattr(AST, _name, _f)

# BEGIN GENERATED
# by lib/interp/tools/gen_ast_nodes.py: do not edit.
# (name, base, __doc__, _fields, _attributes or None, field types or None,
#  names bound to None in the class)
_NODES_314 = (  # CPython 3.14.8
    ('AST', None, None, (), (), None, ()),
    ('mod', 'AST', 'mod = Module(stmt* body, type_ignore* type_ignores)\n    | Interactive(stmt* body)\n    | Expression(expr body)\n    | FunctionType(expr* argtypes, expr returns)', (), (), None, ()),
    ('Module', 'mod', 'Module(stmt* body, type_ignore* type_ignores)', ('body', 'type_ignores'), None, ('list[stmt]', 'list[type_ignore]'), ()),
    ('Interactive', 'mod', 'Interactive(stmt* body)', ('body',), None, ('list[stmt]',), ()),
    ('Expression', 'mod', 'Expression(expr body)', ('body',), None, ('expr',), ()),
    ('FunctionType', 'mod', 'FunctionType(expr* argtypes, expr returns)', ('argtypes', 'returns'), None, ('list[expr]', 'expr'), ()),
    ('stmt', 'AST', 'stmt = FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)\n     | AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)\n     | ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params)\n     | Return(expr? value)\n     | Delete(expr* targets)\n     | Assign(expr* targets, expr value, string? type_comment)\n     | TypeAlias(expr name, type_param* type_params, expr value)\n     | AugAssign(expr target, operator op, expr value)\n     | AnnAssign(expr target, expr annotation, expr? value, int simple)\n     | For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)\n     | AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)\n     | While(expr test, stmt* body, stmt* orelse)\n     | If(expr test, stmt* body, stmt* orelse)\n     | With(withitem* items, stmt* body, string? type_comment)\n     | AsyncWith(withitem* items, stmt* body, string? type_comment)\n     | Match(expr subject, match_case* cases)\n     | Raise(expr? exc, expr? cause)\n     | Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)\n     | TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)\n     | Assert(expr test, expr? msg)\n     | Import(alias* names)\n     | ImportFrom(identifier? module, alias* names, int? level)\n     | Global(identifier* names)\n     | Nonlocal(identifier* names)\n     | Expr(expr value)\n     | Pass\n     | Break\n     | Continue', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('end_lineno', 'end_col_offset')),
    ('FunctionDef', 'stmt', 'FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)', ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment', 'type_params'), None, ('str', 'arguments', 'list[stmt]', 'list[expr]', 'expr | None', 'str | None', 'list[type_param]'), ('returns', 'type_comment')),
    ('AsyncFunctionDef', 'stmt', 'AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)', ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment', 'type_params'), None, ('str', 'arguments', 'list[stmt]', 'list[expr]', 'expr | None', 'str | None', 'list[type_param]'), ('returns', 'type_comment')),
    ('ClassDef', 'stmt', 'ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params)', ('name', 'bases', 'keywords', 'body', 'decorator_list', 'type_params'), None, ('str', 'list[expr]', 'list[keyword]', 'list[stmt]', 'list[expr]', 'list[type_param]'), ()),
    ('Return', 'stmt', 'Return(expr? value)', ('value',), None, ('expr | None',), ('value',)),
    ('Delete', 'stmt', 'Delete(expr* targets)', ('targets',), None, ('list[expr]',), ()),
    ('Assign', 'stmt', 'Assign(expr* targets, expr value, string? type_comment)', ('targets', 'value', 'type_comment'), None, ('list[expr]', 'expr', 'str | None'), ('type_comment',)),
    ('TypeAlias', 'stmt', 'TypeAlias(expr name, type_param* type_params, expr value)', ('name', 'type_params', 'value'), None, ('expr', 'list[type_param]', 'expr'), ()),
    ('AugAssign', 'stmt', 'AugAssign(expr target, operator op, expr value)', ('target', 'op', 'value'), None, ('expr', 'operator', 'expr'), ()),
    ('AnnAssign', 'stmt', 'AnnAssign(expr target, expr annotation, expr? value, int simple)', ('target', 'annotation', 'value', 'simple'), None, ('expr', 'expr', 'expr | None', 'int'), ('value',)),
    ('For', 'stmt', 'For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)', ('target', 'iter', 'body', 'orelse', 'type_comment'), None, ('expr', 'expr', 'list[stmt]', 'list[stmt]', 'str | None'), ('type_comment',)),
    ('AsyncFor', 'stmt', 'AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)', ('target', 'iter', 'body', 'orelse', 'type_comment'), None, ('expr', 'expr', 'list[stmt]', 'list[stmt]', 'str | None'), ('type_comment',)),
    ('While', 'stmt', 'While(expr test, stmt* body, stmt* orelse)', ('test', 'body', 'orelse'), None, ('expr', 'list[stmt]', 'list[stmt]'), ()),
    ('If', 'stmt', 'If(expr test, stmt* body, stmt* orelse)', ('test', 'body', 'orelse'), None, ('expr', 'list[stmt]', 'list[stmt]'), ()),
    ('With', 'stmt', 'With(withitem* items, stmt* body, string? type_comment)', ('items', 'body', 'type_comment'), None, ('list[withitem]', 'list[stmt]', 'str | None'), ('type_comment',)),
    ('AsyncWith', 'stmt', 'AsyncWith(withitem* items, stmt* body, string? type_comment)', ('items', 'body', 'type_comment'), None, ('list[withitem]', 'list[stmt]', 'str | None'), ('type_comment',)),
    ('Match', 'stmt', 'Match(expr subject, match_case* cases)', ('subject', 'cases'), None, ('expr', 'list[match_case]'), ()),
    ('Raise', 'stmt', 'Raise(expr? exc, expr? cause)', ('exc', 'cause'), None, ('expr | None', 'expr | None'), ('exc', 'cause')),
    ('Try', 'stmt', 'Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)', ('body', 'handlers', 'orelse', 'finalbody'), None, ('list[stmt]', 'list[excepthandler]', 'list[stmt]', 'list[stmt]'), ()),
    ('TryStar', 'stmt', 'TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)', ('body', 'handlers', 'orelse', 'finalbody'), None, ('list[stmt]', 'list[excepthandler]', 'list[stmt]', 'list[stmt]'), ()),
    ('Assert', 'stmt', 'Assert(expr test, expr? msg)', ('test', 'msg'), None, ('expr', 'expr | None'), ('msg',)),
    ('Import', 'stmt', 'Import(alias* names)', ('names',), None, ('list[alias]',), ()),
    ('ImportFrom', 'stmt', 'ImportFrom(identifier? module, alias* names, int? level)', ('module', 'names', 'level'), None, ('str | None', 'list[alias]', 'int | None'), ('module', 'level')),
    ('Global', 'stmt', 'Global(identifier* names)', ('names',), None, ('list[str]',), ()),
    ('Nonlocal', 'stmt', 'Nonlocal(identifier* names)', ('names',), None, ('list[str]',), ()),
    ('Expr', 'stmt', 'Expr(expr value)', ('value',), None, ('expr',), ()),
    ('Pass', 'stmt', 'Pass', (), None, (), ()),
    ('Break', 'stmt', 'Break', (), None, (), ()),
    ('Continue', 'stmt', 'Continue', (), None, (), ()),
    ('expr', 'AST', 'expr = BoolOp(boolop op, expr* values)\n     | NamedExpr(expr target, expr value)\n     | BinOp(expr left, operator op, expr right)\n     | UnaryOp(unaryop op, expr operand)\n     | Lambda(arguments args, expr body)\n     | IfExp(expr test, expr body, expr orelse)\n     | Dict(expr?* keys, expr* values)\n     | Set(expr* elts)\n     | ListComp(expr elt, comprehension* generators)\n     | SetComp(expr elt, comprehension* generators)\n     | DictComp(expr key, expr value, comprehension* generators)\n     | GeneratorExp(expr elt, comprehension* generators)\n     | Await(expr value)\n     | Yield(expr? value)\n     | YieldFrom(expr value)\n     | Compare(expr left, cmpop* ops, expr* comparators)\n     | Call(expr func, expr* args, keyword* keywords)\n     | FormattedValue(expr value, int conversion, expr? format_spec)\n     | Interpolation(expr value, constant str, int conversion, expr? format_spec)\n     | JoinedStr(expr* values)\n     | TemplateStr(expr* values)\n     | Constant(constant value, string? kind)\n     | Attribute(expr value, identifier attr, expr_context ctx)\n     | Subscript(expr value, expr slice, expr_context ctx)\n     | Starred(expr value, expr_context ctx)\n     | Name(identifier id, expr_context ctx)\n     | List(expr* elts, expr_context ctx)\n     | Tuple(expr* elts, expr_context ctx)\n     | Slice(expr? lower, expr? upper, expr? step)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('end_lineno', 'end_col_offset')),
    ('BoolOp', 'expr', 'BoolOp(boolop op, expr* values)', ('op', 'values'), None, ('boolop', 'list[expr]'), ()),
    ('NamedExpr', 'expr', 'NamedExpr(expr target, expr value)', ('target', 'value'), None, ('expr', 'expr'), ()),
    ('BinOp', 'expr', 'BinOp(expr left, operator op, expr right)', ('left', 'op', 'right'), None, ('expr', 'operator', 'expr'), ()),
    ('UnaryOp', 'expr', 'UnaryOp(unaryop op, expr operand)', ('op', 'operand'), None, ('unaryop', 'expr'), ()),
    ('Lambda', 'expr', 'Lambda(arguments args, expr body)', ('args', 'body'), None, ('arguments', 'expr'), ()),
    ('IfExp', 'expr', 'IfExp(expr test, expr body, expr orelse)', ('test', 'body', 'orelse'), None, ('expr', 'expr', 'expr'), ()),
    ('Dict', 'expr', 'Dict(expr?* keys, expr* values)', ('keys', 'values'), None, ('list[expr]', 'list[expr]'), ()),
    ('Set', 'expr', 'Set(expr* elts)', ('elts',), None, ('list[expr]',), ()),
    ('ListComp', 'expr', 'ListComp(expr elt, comprehension* generators)', ('elt', 'generators'), None, ('expr', 'list[comprehension]'), ()),
    ('SetComp', 'expr', 'SetComp(expr elt, comprehension* generators)', ('elt', 'generators'), None, ('expr', 'list[comprehension]'), ()),
    ('DictComp', 'expr', 'DictComp(expr key, expr value, comprehension* generators)', ('key', 'value', 'generators'), None, ('expr', 'expr', 'list[comprehension]'), ()),
    ('GeneratorExp', 'expr', 'GeneratorExp(expr elt, comprehension* generators)', ('elt', 'generators'), None, ('expr', 'list[comprehension]'), ()),
    ('Await', 'expr', 'Await(expr value)', ('value',), None, ('expr',), ()),
    ('Yield', 'expr', 'Yield(expr? value)', ('value',), None, ('expr | None',), ('value',)),
    ('YieldFrom', 'expr', 'YieldFrom(expr value)', ('value',), None, ('expr',), ()),
    ('Compare', 'expr', 'Compare(expr left, cmpop* ops, expr* comparators)', ('left', 'ops', 'comparators'), None, ('expr', 'list[cmpop]', 'list[expr]'), ()),
    ('Call', 'expr', 'Call(expr func, expr* args, keyword* keywords)', ('func', 'args', 'keywords'), None, ('expr', 'list[expr]', 'list[keyword]'), ()),
    ('FormattedValue', 'expr', 'FormattedValue(expr value, int conversion, expr? format_spec)', ('value', 'conversion', 'format_spec'), None, ('expr', 'int', 'expr | None'), ('format_spec',)),
    ('Interpolation', 'expr', 'Interpolation(expr value, constant str, int conversion, expr? format_spec)', ('value', 'str', 'conversion', 'format_spec'), None, ('expr', 'object', 'int', 'expr | None'), ('format_spec',)),
    ('JoinedStr', 'expr', 'JoinedStr(expr* values)', ('values',), None, ('list[expr]',), ()),
    ('TemplateStr', 'expr', 'TemplateStr(expr* values)', ('values',), None, ('list[expr]',), ()),
    ('Constant', 'expr', 'Constant(constant value, string? kind)', ('value', 'kind'), None, ('object', 'str | None'), ('kind',)),
    ('Attribute', 'expr', 'Attribute(expr value, identifier attr, expr_context ctx)', ('value', 'attr', 'ctx'), None, ('expr', 'str', 'expr_context'), ()),
    ('Subscript', 'expr', 'Subscript(expr value, expr slice, expr_context ctx)', ('value', 'slice', 'ctx'), None, ('expr', 'expr', 'expr_context'), ()),
    ('Starred', 'expr', 'Starred(expr value, expr_context ctx)', ('value', 'ctx'), None, ('expr', 'expr_context'), ()),
    ('Name', 'expr', 'Name(identifier id, expr_context ctx)', ('id', 'ctx'), None, ('str', 'expr_context'), ()),
    ('List', 'expr', 'List(expr* elts, expr_context ctx)', ('elts', 'ctx'), None, ('list[expr]', 'expr_context'), ()),
    ('Tuple', 'expr', 'Tuple(expr* elts, expr_context ctx)', ('elts', 'ctx'), None, ('list[expr]', 'expr_context'), ()),
    ('Slice', 'expr', 'Slice(expr? lower, expr? upper, expr? step)', ('lower', 'upper', 'step'), None, ('expr | None', 'expr | None', 'expr | None'), ('lower', 'upper', 'step')),
    ('expr_context', 'AST', 'expr_context = Load | Store | Del', (), (), None, ()),
    ('Load', 'expr_context', 'Load', (), None, (), ()),
    ('Store', 'expr_context', 'Store', (), None, (), ()),
    ('Del', 'expr_context', 'Del', (), None, (), ()),
    ('boolop', 'AST', 'boolop = And | Or', (), (), None, ()),
    ('And', 'boolop', 'And', (), None, (), ()),
    ('Or', 'boolop', 'Or', (), None, (), ()),
    ('operator', 'AST', 'operator = Add | Sub | Mult | MatMult | Div | Mod | Pow | LShift | RShift | BitOr | BitXor | BitAnd | FloorDiv', (), (), None, ()),
    ('Add', 'operator', 'Add', (), None, (), ()),
    ('Sub', 'operator', 'Sub', (), None, (), ()),
    ('Mult', 'operator', 'Mult', (), None, (), ()),
    ('MatMult', 'operator', 'MatMult', (), None, (), ()),
    ('Div', 'operator', 'Div', (), None, (), ()),
    ('Mod', 'operator', 'Mod', (), None, (), ()),
    ('Pow', 'operator', 'Pow', (), None, (), ()),
    ('LShift', 'operator', 'LShift', (), None, (), ()),
    ('RShift', 'operator', 'RShift', (), None, (), ()),
    ('BitOr', 'operator', 'BitOr', (), None, (), ()),
    ('BitXor', 'operator', 'BitXor', (), None, (), ()),
    ('BitAnd', 'operator', 'BitAnd', (), None, (), ()),
    ('FloorDiv', 'operator', 'FloorDiv', (), None, (), ()),
    ('unaryop', 'AST', 'unaryop = Invert | Not | UAdd | USub', (), (), None, ()),
    ('Invert', 'unaryop', 'Invert', (), None, (), ()),
    ('Not', 'unaryop', 'Not', (), None, (), ()),
    ('UAdd', 'unaryop', 'UAdd', (), None, (), ()),
    ('USub', 'unaryop', 'USub', (), None, (), ()),
    ('cmpop', 'AST', 'cmpop = Eq | NotEq | Lt | LtE | Gt | GtE | Is | IsNot | In | NotIn', (), (), None, ()),
    ('Eq', 'cmpop', 'Eq', (), None, (), ()),
    ('NotEq', 'cmpop', 'NotEq', (), None, (), ()),
    ('Lt', 'cmpop', 'Lt', (), None, (), ()),
    ('LtE', 'cmpop', 'LtE', (), None, (), ()),
    ('Gt', 'cmpop', 'Gt', (), None, (), ()),
    ('GtE', 'cmpop', 'GtE', (), None, (), ()),
    ('Is', 'cmpop', 'Is', (), None, (), ()),
    ('IsNot', 'cmpop', 'IsNot', (), None, (), ()),
    ('In', 'cmpop', 'In', (), None, (), ()),
    ('NotIn', 'cmpop', 'NotIn', (), None, (), ()),
    ('comprehension', 'AST', 'comprehension(expr target, expr iter, expr* ifs, int is_async)', ('target', 'iter', 'ifs', 'is_async'), (), ('expr', 'expr', 'list[expr]', 'int'), ()),
    ('excepthandler', 'AST', 'excepthandler = ExceptHandler(expr? type, identifier? name, stmt* body)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('end_lineno', 'end_col_offset')),
    ('ExceptHandler', 'excepthandler', 'ExceptHandler(expr? type, identifier? name, stmt* body)', ('type', 'name', 'body'), None, ('expr | None', 'str | None', 'list[stmt]'), ('type', 'name')),
    ('arguments', 'AST', 'arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr?* kw_defaults, arg? kwarg, expr* defaults)', ('posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg', 'defaults'), (), ('list[arg]', 'list[arg]', 'arg | None', 'list[arg]', 'list[expr]', 'arg | None', 'list[expr]'), ('vararg', 'kwarg')),
    ('arg', 'AST', 'arg(identifier arg, expr? annotation, string? type_comment)', ('arg', 'annotation', 'type_comment'), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), ('str', 'expr | None', 'str | None'), ('annotation', 'type_comment', 'end_lineno', 'end_col_offset')),
    ('keyword', 'AST', 'keyword(identifier? arg, expr value)', ('arg', 'value'), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), ('str | None', 'expr'), ('arg', 'end_lineno', 'end_col_offset')),
    ('alias', 'AST', 'alias(identifier name, identifier? asname)', ('name', 'asname'), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), ('str', 'str | None'), ('asname', 'end_lineno', 'end_col_offset')),
    ('withitem', 'AST', 'withitem(expr context_expr, expr? optional_vars)', ('context_expr', 'optional_vars'), (), ('expr', 'expr | None'), ('optional_vars',)),
    ('match_case', 'AST', 'match_case(pattern pattern, expr? guard, stmt* body)', ('pattern', 'guard', 'body'), (), ('pattern', 'expr | None', 'list[stmt]'), ('guard',)),
    ('pattern', 'AST', 'pattern = MatchValue(expr value)\n        | MatchSingleton(constant value)\n        | MatchSequence(pattern* patterns)\n        | MatchMapping(expr* keys, pattern* patterns, identifier? rest)\n        | MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)\n        | MatchStar(identifier? name)\n        | MatchAs(pattern? pattern, identifier? name)\n        | MatchOr(pattern* patterns)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ()),
    ('MatchValue', 'pattern', 'MatchValue(expr value)', ('value',), None, ('expr',), ()),
    ('MatchSingleton', 'pattern', 'MatchSingleton(constant value)', ('value',), None, ('object',), ()),
    ('MatchSequence', 'pattern', 'MatchSequence(pattern* patterns)', ('patterns',), None, ('list[pattern]',), ()),
    ('MatchMapping', 'pattern', 'MatchMapping(expr* keys, pattern* patterns, identifier? rest)', ('keys', 'patterns', 'rest'), None, ('list[expr]', 'list[pattern]', 'str | None'), ('rest',)),
    ('MatchClass', 'pattern', 'MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)', ('cls', 'patterns', 'kwd_attrs', 'kwd_patterns'), None, ('expr', 'list[pattern]', 'list[str]', 'list[pattern]'), ()),
    ('MatchStar', 'pattern', 'MatchStar(identifier? name)', ('name',), None, ('str | None',), ('name',)),
    ('MatchAs', 'pattern', 'MatchAs(pattern? pattern, identifier? name)', ('pattern', 'name'), None, ('pattern | None', 'str | None'), ('pattern', 'name')),
    ('MatchOr', 'pattern', 'MatchOr(pattern* patterns)', ('patterns',), None, ('list[pattern]',), ()),
    ('type_ignore', 'AST', 'type_ignore = TypeIgnore(int lineno, string tag)', (), (), None, ()),
    ('TypeIgnore', 'type_ignore', 'TypeIgnore(int lineno, string tag)', ('lineno', 'tag'), None, ('int', 'str'), ()),
    ('type_param', 'AST', 'type_param = TypeVar(identifier name, expr? bound, expr? default_value)\n           | ParamSpec(identifier name, expr? default_value)\n           | TypeVarTuple(identifier name, expr? default_value)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ()),
    ('TypeVar', 'type_param', 'TypeVar(identifier name, expr? bound, expr? default_value)', ('name', 'bound', 'default_value'), None, ('str', 'expr | None', 'expr | None'), ('bound', 'default_value')),
    ('ParamSpec', 'type_param', 'ParamSpec(identifier name, expr? default_value)', ('name', 'default_value'), None, ('str', 'expr | None'), ('default_value',)),
    ('TypeVarTuple', 'type_param', 'TypeVarTuple(identifier name, expr? default_value)', ('name', 'default_value'), None, ('str', 'expr | None'), ('default_value',)),
)
_CONSTANTS_314 = {'PyCF_ALLOW_TOP_LEVEL_AWAIT': 8192, 'PyCF_ONLY_AST': 1024, 'PyCF_TYPE_COMMENTS': 4096, 'PyCF_OPTIMIZED_AST': 33792}
_NODES_312 = (  # CPython 3.12.7
    ('AST', None, None, (), (), None, ()),
    ('mod', 'AST', 'mod = Module(stmt* body, type_ignore* type_ignores)\n    | Interactive(stmt* body)\n    | Expression(expr body)\n    | FunctionType(expr* argtypes, expr returns)', (), (), None, ()),
    ('Module', 'mod', 'Module(stmt* body, type_ignore* type_ignores)', ('body', 'type_ignores'), None, None, ()),
    ('Interactive', 'mod', 'Interactive(stmt* body)', ('body',), None, None, ()),
    ('Expression', 'mod', 'Expression(expr body)', ('body',), None, None, ()),
    ('FunctionType', 'mod', 'FunctionType(expr* argtypes, expr returns)', ('argtypes', 'returns'), None, None, ()),
    ('stmt', 'AST', 'stmt = FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)\n     | AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)\n     | ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params)\n     | Return(expr? value)\n     | Delete(expr* targets)\n     | Assign(expr* targets, expr value, string? type_comment)\n     | TypeAlias(expr name, type_param* type_params, expr value)\n     | AugAssign(expr target, operator op, expr value)\n     | AnnAssign(expr target, expr annotation, expr? value, int simple)\n     | For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)\n     | AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)\n     | While(expr test, stmt* body, stmt* orelse)\n     | If(expr test, stmt* body, stmt* orelse)\n     | With(withitem* items, stmt* body, string? type_comment)\n     | AsyncWith(withitem* items, stmt* body, string? type_comment)\n     | Match(expr subject, match_case* cases)\n     | Raise(expr? exc, expr? cause)\n     | Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)\n     | TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)\n     | Assert(expr test, expr? msg)\n     | Import(alias* names)\n     | ImportFrom(identifier? module, alias* names, int? level)\n     | Global(identifier* names)\n     | Nonlocal(identifier* names)\n     | Expr(expr value)\n     | Pass\n     | Break\n     | Continue', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('end_lineno', 'end_col_offset')),
    ('FunctionDef', 'stmt', 'FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)', ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment', 'type_params'), None, None, ('returns', 'type_comment')),
    ('AsyncFunctionDef', 'stmt', 'AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params)', ('name', 'args', 'body', 'decorator_list', 'returns', 'type_comment', 'type_params'), None, None, ('returns', 'type_comment')),
    ('ClassDef', 'stmt', 'ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params)', ('name', 'bases', 'keywords', 'body', 'decorator_list', 'type_params'), None, None, ()),
    ('Return', 'stmt', 'Return(expr? value)', ('value',), None, None, ('value',)),
    ('Delete', 'stmt', 'Delete(expr* targets)', ('targets',), None, None, ()),
    ('Assign', 'stmt', 'Assign(expr* targets, expr value, string? type_comment)', ('targets', 'value', 'type_comment'), None, None, ('type_comment',)),
    ('TypeAlias', 'stmt', 'TypeAlias(expr name, type_param* type_params, expr value)', ('name', 'type_params', 'value'), None, None, ()),
    ('AugAssign', 'stmt', 'AugAssign(expr target, operator op, expr value)', ('target', 'op', 'value'), None, None, ()),
    ('AnnAssign', 'stmt', 'AnnAssign(expr target, expr annotation, expr? value, int simple)', ('target', 'annotation', 'value', 'simple'), None, None, ('value',)),
    ('For', 'stmt', 'For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)', ('target', 'iter', 'body', 'orelse', 'type_comment'), None, None, ('type_comment',)),
    ('AsyncFor', 'stmt', 'AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)', ('target', 'iter', 'body', 'orelse', 'type_comment'), None, None, ('type_comment',)),
    ('While', 'stmt', 'While(expr test, stmt* body, stmt* orelse)', ('test', 'body', 'orelse'), None, None, ()),
    ('If', 'stmt', 'If(expr test, stmt* body, stmt* orelse)', ('test', 'body', 'orelse'), None, None, ()),
    ('With', 'stmt', 'With(withitem* items, stmt* body, string? type_comment)', ('items', 'body', 'type_comment'), None, None, ('type_comment',)),
    ('AsyncWith', 'stmt', 'AsyncWith(withitem* items, stmt* body, string? type_comment)', ('items', 'body', 'type_comment'), None, None, ('type_comment',)),
    ('Match', 'stmt', 'Match(expr subject, match_case* cases)', ('subject', 'cases'), None, None, ()),
    ('Raise', 'stmt', 'Raise(expr? exc, expr? cause)', ('exc', 'cause'), None, None, ('exc', 'cause')),
    ('Try', 'stmt', 'Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)', ('body', 'handlers', 'orelse', 'finalbody'), None, None, ()),
    ('TryStar', 'stmt', 'TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)', ('body', 'handlers', 'orelse', 'finalbody'), None, None, ()),
    ('Assert', 'stmt', 'Assert(expr test, expr? msg)', ('test', 'msg'), None, None, ('msg',)),
    ('Import', 'stmt', 'Import(alias* names)', ('names',), None, None, ()),
    ('ImportFrom', 'stmt', 'ImportFrom(identifier? module, alias* names, int? level)', ('module', 'names', 'level'), None, None, ('module', 'level')),
    ('Global', 'stmt', 'Global(identifier* names)', ('names',), None, None, ()),
    ('Nonlocal', 'stmt', 'Nonlocal(identifier* names)', ('names',), None, None, ()),
    ('Expr', 'stmt', 'Expr(expr value)', ('value',), None, None, ()),
    ('Pass', 'stmt', 'Pass', (), None, None, ()),
    ('Break', 'stmt', 'Break', (), None, None, ()),
    ('Continue', 'stmt', 'Continue', (), None, None, ()),
    ('expr', 'AST', 'expr = BoolOp(boolop op, expr* values)\n     | NamedExpr(expr target, expr value)\n     | BinOp(expr left, operator op, expr right)\n     | UnaryOp(unaryop op, expr operand)\n     | Lambda(arguments args, expr body)\n     | IfExp(expr test, expr body, expr orelse)\n     | Dict(expr* keys, expr* values)\n     | Set(expr* elts)\n     | ListComp(expr elt, comprehension* generators)\n     | SetComp(expr elt, comprehension* generators)\n     | DictComp(expr key, expr value, comprehension* generators)\n     | GeneratorExp(expr elt, comprehension* generators)\n     | Await(expr value)\n     | Yield(expr? value)\n     | YieldFrom(expr value)\n     | Compare(expr left, cmpop* ops, expr* comparators)\n     | Call(expr func, expr* args, keyword* keywords)\n     | FormattedValue(expr value, int conversion, expr? format_spec)\n     | JoinedStr(expr* values)\n     | Constant(constant value, string? kind)\n     | Attribute(expr value, identifier attr, expr_context ctx)\n     | Subscript(expr value, expr slice, expr_context ctx)\n     | Starred(expr value, expr_context ctx)\n     | Name(identifier id, expr_context ctx)\n     | List(expr* elts, expr_context ctx)\n     | Tuple(expr* elts, expr_context ctx)\n     | Slice(expr? lower, expr? upper, expr? step)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('end_lineno', 'end_col_offset')),
    ('BoolOp', 'expr', 'BoolOp(boolop op, expr* values)', ('op', 'values'), None, None, ()),
    ('NamedExpr', 'expr', 'NamedExpr(expr target, expr value)', ('target', 'value'), None, None, ()),
    ('BinOp', 'expr', 'BinOp(expr left, operator op, expr right)', ('left', 'op', 'right'), None, None, ()),
    ('UnaryOp', 'expr', 'UnaryOp(unaryop op, expr operand)', ('op', 'operand'), None, None, ()),
    ('Lambda', 'expr', 'Lambda(arguments args, expr body)', ('args', 'body'), None, None, ()),
    ('IfExp', 'expr', 'IfExp(expr test, expr body, expr orelse)', ('test', 'body', 'orelse'), None, None, ()),
    ('Dict', 'expr', 'Dict(expr* keys, expr* values)', ('keys', 'values'), None, None, ()),
    ('Set', 'expr', 'Set(expr* elts)', ('elts',), None, None, ()),
    ('ListComp', 'expr', 'ListComp(expr elt, comprehension* generators)', ('elt', 'generators'), None, None, ()),
    ('SetComp', 'expr', 'SetComp(expr elt, comprehension* generators)', ('elt', 'generators'), None, None, ()),
    ('DictComp', 'expr', 'DictComp(expr key, expr value, comprehension* generators)', ('key', 'value', 'generators'), None, None, ()),
    ('GeneratorExp', 'expr', 'GeneratorExp(expr elt, comprehension* generators)', ('elt', 'generators'), None, None, ()),
    ('Await', 'expr', 'Await(expr value)', ('value',), None, None, ()),
    ('Yield', 'expr', 'Yield(expr? value)', ('value',), None, None, ('value',)),
    ('YieldFrom', 'expr', 'YieldFrom(expr value)', ('value',), None, None, ()),
    ('Compare', 'expr', 'Compare(expr left, cmpop* ops, expr* comparators)', ('left', 'ops', 'comparators'), None, None, ()),
    ('Call', 'expr', 'Call(expr func, expr* args, keyword* keywords)', ('func', 'args', 'keywords'), None, None, ()),
    ('FormattedValue', 'expr', 'FormattedValue(expr value, int conversion, expr? format_spec)', ('value', 'conversion', 'format_spec'), None, None, ('format_spec',)),
    ('JoinedStr', 'expr', 'JoinedStr(expr* values)', ('values',), None, None, ()),
    ('Constant', 'expr', 'Constant(constant value, string? kind)', ('value', 'kind'), None, None, ('kind',)),
    ('Attribute', 'expr', 'Attribute(expr value, identifier attr, expr_context ctx)', ('value', 'attr', 'ctx'), None, None, ()),
    ('Subscript', 'expr', 'Subscript(expr value, expr slice, expr_context ctx)', ('value', 'slice', 'ctx'), None, None, ()),
    ('Starred', 'expr', 'Starred(expr value, expr_context ctx)', ('value', 'ctx'), None, None, ()),
    ('Name', 'expr', 'Name(identifier id, expr_context ctx)', ('id', 'ctx'), None, None, ()),
    ('List', 'expr', 'List(expr* elts, expr_context ctx)', ('elts', 'ctx'), None, None, ()),
    ('Tuple', 'expr', 'Tuple(expr* elts, expr_context ctx)', ('elts', 'ctx'), None, None, ()),
    ('Slice', 'expr', 'Slice(expr? lower, expr? upper, expr? step)', ('lower', 'upper', 'step'), None, None, ('lower', 'upper', 'step')),
    ('expr_context', 'AST', 'expr_context = Load | Store | Del', (), (), None, ()),
    ('Load', 'expr_context', 'Load', (), None, None, ()),
    ('Store', 'expr_context', 'Store', (), None, None, ()),
    ('Del', 'expr_context', 'Del', (), None, None, ()),
    ('boolop', 'AST', 'boolop = And | Or', (), (), None, ()),
    ('And', 'boolop', 'And', (), None, None, ()),
    ('Or', 'boolop', 'Or', (), None, None, ()),
    ('operator', 'AST', 'operator = Add | Sub | Mult | MatMult | Div | Mod | Pow | LShift | RShift | BitOr | BitXor | BitAnd | FloorDiv', (), (), None, ()),
    ('Add', 'operator', 'Add', (), None, None, ()),
    ('Sub', 'operator', 'Sub', (), None, None, ()),
    ('Mult', 'operator', 'Mult', (), None, None, ()),
    ('MatMult', 'operator', 'MatMult', (), None, None, ()),
    ('Div', 'operator', 'Div', (), None, None, ()),
    ('Mod', 'operator', 'Mod', (), None, None, ()),
    ('Pow', 'operator', 'Pow', (), None, None, ()),
    ('LShift', 'operator', 'LShift', (), None, None, ()),
    ('RShift', 'operator', 'RShift', (), None, None, ()),
    ('BitOr', 'operator', 'BitOr', (), None, None, ()),
    ('BitXor', 'operator', 'BitXor', (), None, None, ()),
    ('BitAnd', 'operator', 'BitAnd', (), None, None, ()),
    ('FloorDiv', 'operator', 'FloorDiv', (), None, None, ()),
    ('unaryop', 'AST', 'unaryop = Invert | Not | UAdd | USub', (), (), None, ()),
    ('Invert', 'unaryop', 'Invert', (), None, None, ()),
    ('Not', 'unaryop', 'Not', (), None, None, ()),
    ('UAdd', 'unaryop', 'UAdd', (), None, None, ()),
    ('USub', 'unaryop', 'USub', (), None, None, ()),
    ('cmpop', 'AST', 'cmpop = Eq | NotEq | Lt | LtE | Gt | GtE | Is | IsNot | In | NotIn', (), (), None, ()),
    ('Eq', 'cmpop', 'Eq', (), None, None, ()),
    ('NotEq', 'cmpop', 'NotEq', (), None, None, ()),
    ('Lt', 'cmpop', 'Lt', (), None, None, ()),
    ('LtE', 'cmpop', 'LtE', (), None, None, ()),
    ('Gt', 'cmpop', 'Gt', (), None, None, ()),
    ('GtE', 'cmpop', 'GtE', (), None, None, ()),
    ('Is', 'cmpop', 'Is', (), None, None, ()),
    ('IsNot', 'cmpop', 'IsNot', (), None, None, ()),
    ('In', 'cmpop', 'In', (), None, None, ()),
    ('NotIn', 'cmpop', 'NotIn', (), None, None, ()),
    ('comprehension', 'AST', 'comprehension(expr target, expr iter, expr* ifs, int is_async)', ('target', 'iter', 'ifs', 'is_async'), (), None, ()),
    ('excepthandler', 'AST', 'excepthandler = ExceptHandler(expr? type, identifier? name, stmt* body)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('end_lineno', 'end_col_offset')),
    ('ExceptHandler', 'excepthandler', 'ExceptHandler(expr? type, identifier? name, stmt* body)', ('type', 'name', 'body'), None, None, ('type', 'name')),
    ('arguments', 'AST', 'arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)', ('posonlyargs', 'args', 'vararg', 'kwonlyargs', 'kw_defaults', 'kwarg', 'defaults'), (), None, ('vararg', 'kwarg')),
    ('arg', 'AST', 'arg(identifier arg, expr? annotation, string? type_comment)', ('arg', 'annotation', 'type_comment'), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('annotation', 'type_comment', 'end_lineno', 'end_col_offset')),
    ('keyword', 'AST', 'keyword(identifier? arg, expr value)', ('arg', 'value'), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('arg', 'end_lineno', 'end_col_offset')),
    ('alias', 'AST', 'alias(identifier name, identifier? asname)', ('name', 'asname'), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ('asname', 'end_lineno', 'end_col_offset')),
    ('withitem', 'AST', 'withitem(expr context_expr, expr? optional_vars)', ('context_expr', 'optional_vars'), (), None, ('optional_vars',)),
    ('match_case', 'AST', 'match_case(pattern pattern, expr? guard, stmt* body)', ('pattern', 'guard', 'body'), (), None, ('guard',)),
    ('pattern', 'AST', 'pattern = MatchValue(expr value)\n        | MatchSingleton(constant value)\n        | MatchSequence(pattern* patterns)\n        | MatchMapping(expr* keys, pattern* patterns, identifier? rest)\n        | MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)\n        | MatchStar(identifier? name)\n        | MatchAs(pattern? pattern, identifier? name)\n        | MatchOr(pattern* patterns)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ()),
    ('MatchValue', 'pattern', 'MatchValue(expr value)', ('value',), None, None, ()),
    ('MatchSingleton', 'pattern', 'MatchSingleton(constant value)', ('value',), None, None, ()),
    ('MatchSequence', 'pattern', 'MatchSequence(pattern* patterns)', ('patterns',), None, None, ()),
    ('MatchMapping', 'pattern', 'MatchMapping(expr* keys, pattern* patterns, identifier? rest)', ('keys', 'patterns', 'rest'), None, None, ('rest',)),
    ('MatchClass', 'pattern', 'MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)', ('cls', 'patterns', 'kwd_attrs', 'kwd_patterns'), None, None, ()),
    ('MatchStar', 'pattern', 'MatchStar(identifier? name)', ('name',), None, None, ('name',)),
    ('MatchAs', 'pattern', 'MatchAs(pattern? pattern, identifier? name)', ('pattern', 'name'), None, None, ('pattern', 'name')),
    ('MatchOr', 'pattern', 'MatchOr(pattern* patterns)', ('patterns',), None, None, ()),
    ('type_ignore', 'AST', 'type_ignore = TypeIgnore(int lineno, string tag)', (), (), None, ()),
    ('TypeIgnore', 'type_ignore', 'TypeIgnore(int lineno, string tag)', ('lineno', 'tag'), None, None, ()),
    ('type_param', 'AST', 'type_param = TypeVar(identifier name, expr? bound)\n           | ParamSpec(identifier name)\n           | TypeVarTuple(identifier name)', (), ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'), None, ()),
    ('TypeVar', 'type_param', 'TypeVar(identifier name, expr? bound)', ('name', 'bound'), None, None, ('bound',)),
    ('ParamSpec', 'type_param', 'ParamSpec(identifier name)', ('name',), None, None, ()),
    ('TypeVarTuple', 'type_param', 'TypeVarTuple(identifier name)', ('name',), None, None, ()),
)
_CONSTANTS_312 = {'PyCF_ALLOW_TOP_LEVEL_AWAIT': 8192, 'PyCF_ONLY_AST': 1024, 'PyCF_TYPE_COMMENTS': 4096}
# END GENERATED


def _build(nodes, constants):
    g = globals()
    made = {}
    for name, base, doc, fields, attributes, types, nones in nodes:
        if base is None:
            made[name] = AST
            continue
        ns = {'_fields': fields, '__match_args__': fields, '__module__': 'ast', '__doc__': doc}
        if attributes is not None:
            ns['_attributes'] = attributes
        for n in nones:
            ns[n] = None
        made[name] = type(name, (made[base],), ns)
        g[name] = made[name]
    env = dict(made)
    env.update(str=str, int=int, object=object)
    for name, base, doc, fields, attributes, types, nones in nodes:
        if types is not None and base is not None:
            # (CPython's class __annotations__ is the same dict)
            made[name]._field_types = made[name].__annotations__ = {
                f: eval(t, env) for f, t in zip(fields, types)}
    g.update(constants)


if _NEW:
    _build(_NODES_314, _CONSTANTS_314)
    _LOAD = Load()
else:
    _build(_NODES_312, _CONSTANTS_312)
del _NODES_314, _CONSTANTS_314, _NODES_312, _CONSTANTS_312
