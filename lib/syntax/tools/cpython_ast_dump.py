#!/usr/bin/env python3
"""Dumps CPython's ast of a file in the format of gbc's syntax::dumpAst (lib/syntax/ast_dump.cpp).

Used to check gbc's lowering against CPython: run this with Python 3.13+ and gbc_syntax_dump on the
same file, then diff. Only the fields gbc's AST models are printed.
    python3.13 cpython_ast_dump.py FILE > expected.txt
"""
import ast
import sys

NAMES = {
    ast.Add: "Add", ast.Sub: "Sub", ast.Mult: "Mult", ast.MatMult: "MatMult", ast.Div: "Div",
    ast.FloorDiv: "FloorDiv", ast.Mod: "Mod", ast.Pow: "Pow", ast.LShift: "LShift",
    ast.RShift: "RShift", ast.BitOr: "BitOr", ast.BitXor: "BitXor", ast.BitAnd: "BitAnd",
    ast.Not: "Not", ast.USub: "USub", ast.UAdd: "UAdd", ast.Invert: "Invert", ast.And: "And",
    ast.Or: "Or", ast.Eq: "Eq", ast.NotEq: "NotEq", ast.Lt: "Lt", ast.LtE: "LtE", ast.Gt: "Gt",
    ast.GtE: "GtE", ast.Is: "Is", ast.IsNot: "IsNot", ast.In: "In", ast.NotIn: "NotIn",
}


def escape(data: bytes) -> str:
    out = []
    for b in data:
        if 0x20 <= b < 0x7F and b not in (0x5C, 0x27):
            out.append(chr(b))
        else:
            out.append("\\x%02x" % b)
    return "'" + "".join(out) + "'"


def constant(v) -> str:
    if v is None:
        return "None"
    if v is Ellipsis:
        return "Ellipsis"
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "%.17g" % v
    if isinstance(v, complex):
        return "%.17gj" % v.imag
    if isinstance(v, str):
        return "s" + escape(v.encode("utf-8", "surrogatepass"))
    if isinstance(v, bytes):
        return "b" + escape(v)
    raise TypeError(type(v))


def span(n) -> str:
    return "%d:%d-%d:%d" % (n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)


class Dumper:
    def __init__(self):
        self.lines = []

    def line(self, depth, text):
        self.lines.append("  " * depth + text)

    def field(self, depth, name, value):
        if value is None:
            return
        if isinstance(value, list):
            if not value:
                return
            self.line(depth, name + ":")
            for v in value:
                if v is None:
                    self.line(depth + 1, "-")
                else:
                    self.node(depth + 1, v)
            return
        self.line(depth, name + ":")
        self.node(depth + 1, value)

    def params(self, depth, a):
        self.line(depth, "arguments")
        d = depth + 1
        self.field(d, "posonlyargs", a.posonlyargs)
        self.field(d, "args", a.args)
        self.field(d, "vararg", a.vararg)
        self.field(d, "kwonlyargs", a.kwonlyargs)
        self.field(d, "kw_defaults", a.kw_defaults)
        self.field(d, "kwarg", a.kwarg)
        self.field(d, "defaults", a.defaults)

    def node(self, depth, n):
        f = lambda name, v: self.field(depth + 1, name, v)
        k = type(n).__name__
        if isinstance(n, ast.arguments):
            return self.params(depth, n)
        if isinstance(n, ast.arg):
            self.line(depth, "arg %s name=%s" % (span(n), n.arg))
            return f("annotation", n.annotation)
        if isinstance(n, ast.keyword):
            self.line(depth, "keyword %s arg=%s" % (span(n), n.arg if n.arg is not None else "**"))
            return f("value", n.value)
        if isinstance(n, ast.comprehension):
            self.line(depth, "comprehension async=%d" % n.is_async)
            f("target", n.target)
            f("iter", n.iter)
            return f("ifs", n.ifs)
        if isinstance(n, ast.withitem):
            self.line(depth, "withitem")
            f("context_expr", n.context_expr)
            return f("optional_vars", n.optional_vars)
        if isinstance(n, ast.ExceptHandler):
            self.line(depth, "ExceptHandler %s name=%s" % (span(n), n.name or "-"))
            f("type", n.type)
            return f("body", n.body)
        if isinstance(n, ast.alias):
            self.line(depth, "alias %s name=%s asname=%s" % (span(n), n.name, n.asname or "-"))
            return
        if isinstance(n, ast.match_case):
            self.line(depth, "match_case")
            f("pattern", n.pattern)
            f("guard", n.guard)
            return f("body", n.body)
        s = span(n)
        if isinstance(n, ast.Name):
            return self.line(depth, "Name %s id=%s" % (s, n.id))
        if isinstance(n, ast.Constant):
            return self.line(depth, "Constant %s value=%s" % (s, constant(n.value)))
        if isinstance(n, ast.JoinedStr):
            self.line(depth, "JoinedStr " + s)
            return f("values", n.values)
        if type(n).__name__ == "TemplateStr":
            self.line(depth, "TemplateStr " + s)
            return f("values", n.values)
        if type(n).__name__ == "Interpolation":
            self.line(depth, "Interpolation %s str=%s conversion=%d" % (s, escape(n.str.encode("utf-8", "surrogatepass")), max(n.conversion, 0)))
            f("value", n.value)
            return f("format_spec", n.format_spec)
        if isinstance(n, ast.FormattedValue):
            self.line(depth, "FormattedValue %s conversion=%d" % (s, max(n.conversion, 0)))
            f("value", n.value)
            return f("format_spec", n.format_spec)
        if isinstance(n, ast.Attribute):
            self.line(depth, "Attribute %s attr=%s" % (s, n.attr))
            return f("value", n.value)
        if isinstance(n, ast.Subscript):
            self.line(depth, "Subscript " + s)
            f("value", n.value)
            return f("slice", n.slice)
        if isinstance(n, ast.Slice):
            self.line(depth, "Slice " + s)
            f("lower", n.lower)
            f("upper", n.upper)
            return f("step", n.step)
        if isinstance(n, ast.Call):
            self.line(depth, "Call " + s)
            f("func", n.func)
            f("args", n.args)
            return f("keywords", n.keywords)
        if isinstance(n, ast.BinOp):
            self.line(depth, "BinOp %s op=%s" % (s, NAMES[type(n.op)]))
            f("left", n.left)
            return f("right", n.right)
        if isinstance(n, ast.UnaryOp):
            self.line(depth, "UnaryOp %s op=%s" % (s, NAMES[type(n.op)]))
            return f("operand", n.operand)
        if isinstance(n, ast.BoolOp):
            self.line(depth, "BoolOp %s op=%s" % (s, NAMES[type(n.op)]))
            return f("values", n.values)
        if isinstance(n, ast.Compare):
            self.line(depth, "Compare %s ops=%s" % (s, ",".join(NAMES[type(o)] for o in n.ops)))
            f("left", n.left)
            return f("comparators", n.comparators)
        if isinstance(n, ast.IfExp):
            self.line(depth, "IfExp " + s)
            f("test", n.test)
            f("body", n.body)
            return f("orelse", n.orelse)
        if isinstance(n, ast.Lambda):
            self.line(depth, "Lambda " + s)
            f("args", n.args)
            return f("body", n.body)
        if isinstance(n, (ast.Tuple, ast.List, ast.Set)):
            self.line(depth, "%s %s" % (k, s))
            return f("elts", n.elts)
        if isinstance(n, ast.Dict):
            self.line(depth, "Dict " + s)
            f("keys", n.keys)
            return f("values", n.values)
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            self.line(depth, "%s %s" % (k, s))
            f("elt", n.elt)
            return f("generators", n.generators)
        if isinstance(n, ast.DictComp):
            self.line(depth, "DictComp " + s)
            f("key", n.key)
            f("value", n.value)
            return f("generators", n.generators)
        if isinstance(n, ast.NamedExpr):
            self.line(depth, "NamedExpr " + s)
            f("target", n.target)
            return f("value", n.value)
        if isinstance(n, (ast.Starred, ast.Await, ast.Yield, ast.YieldFrom)):
            self.line(depth, "%s %s" % (k, s))
            return f("value", n.value)
        # statements
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.line(depth, "FunctionDef %s name=%s async=%d" % (s, n.name, isinstance(n, ast.AsyncFunctionDef)))
            f("decorators", n.decorator_list)
            f("type_params", getattr(n, "type_params", []))
            f("args", n.args)
            f("returns", n.returns)
            return f("body", n.body)
        if isinstance(n, ast.ClassDef):
            self.line(depth, "ClassDef %s name=%s" % (s, n.name))
            f("decorators", n.decorator_list)
            f("type_params", getattr(n, "type_params", []))
            f("bases", n.bases)
            f("keywords", n.keywords)
            return f("body", n.body)
        if isinstance(n, (ast.For, ast.AsyncFor)):
            self.line(depth, "For %s async=%d" % (s, isinstance(n, ast.AsyncFor)))
            f("target", n.target)
            f("iter", n.iter)
            f("body", n.body)
            return f("orelse", n.orelse)
        if isinstance(n, (ast.While, ast.If)):
            self.line(depth, "%s %s" % (k, s))
            f("test", n.test)
            f("body", n.body)
            return f("orelse", n.orelse)
        if isinstance(n, (ast.With, ast.AsyncWith)):
            self.line(depth, "With %s async=%d" % (s, isinstance(n, ast.AsyncWith)))
            f("items", n.items)
            return f("body", n.body)
        if isinstance(n, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            self.line(depth, "Try %s star=%d" % (s, type(n).__name__ == "TryStar"))
            f("body", n.body)
            f("handlers", n.handlers)
            f("orelse", n.orelse)
            return f("finalbody", n.finalbody)
        if isinstance(n, ast.Raise):
            self.line(depth, "Raise " + s)
            f("exc", n.exc)
            return f("cause", n.cause)
        if isinstance(n, ast.Import):
            self.line(depth, "Import " + s)
            return f("names", n.names)
        if isinstance(n, ast.ImportFrom):
            self.line(depth, "ImportFrom %s module=%s level=%d" % (s, n.module or "", n.level))
            return f("names", n.names)
        if isinstance(n, (ast.Global, ast.Nonlocal)):
            return self.line(depth, "%s %s names=%s" % (k, s, ",".join(n.names)))
        if isinstance(n, ast.Assert):
            self.line(depth, "Assert " + s)
            f("test", n.test)
            return f("msg", n.msg)
        if isinstance(n, ast.Delete):
            self.line(depth, "Delete " + s)
            return f("targets", n.targets)
        if isinstance(n, ast.Match):
            self.line(depth, "Match " + s)
            f("subject", n.subject)
            return f("cases", n.cases)
        if isinstance(n, ast.MatchValue):
            self.line(depth, "MatchValue " + s)
            return f("value", n.value)
        if isinstance(n, ast.MatchSingleton):
            return self.line(depth, "MatchSingleton %s value=%s" % (s, constant(n.value)))
        if isinstance(n, ast.MatchSequence):
            self.line(depth, "MatchSequence " + s)
            return f("patterns", n.patterns)
        if isinstance(n, ast.MatchMapping):
            self.line(depth, "MatchMapping %s rest=%s" % (s, n.rest or "-"))
            f("keys", n.keys)
            return f("patterns", n.patterns)
        if isinstance(n, ast.MatchClass):
            self.line(depth, "MatchClass %s kwd_attrs=%s" % (s, ",".join(n.kwd_attrs)))
            f("cls", n.cls)
            f("patterns", n.patterns)
            return f("kwd_patterns", n.kwd_patterns)
        if isinstance(n, ast.MatchStar):
            return self.line(depth, "MatchStar %s name=%s" % (s, n.name or "-"))
        if isinstance(n, ast.MatchAs):
            self.line(depth, "MatchAs %s name=%s" % (s, n.name or "-"))
            return f("pattern", n.pattern)
        if isinstance(n, ast.MatchOr):
            self.line(depth, "MatchOr " + s)
            return f("patterns", n.patterns)
        if type(n).__name__ == "TypeAlias":
            self.line(depth, "TypeAlias " + s)
            f("name", n.name)
            f("type_params", n.type_params)
            return f("value", n.value)
        if type(n).__name__ in ("TypeVar", "ParamSpec", "TypeVarTuple"):
            self.line(depth, "%s %s name=%s" % (k, s, n.name))
            f("bound", getattr(n, "bound", None))
            return f("default_value", getattr(n, "default_value", None))
        if isinstance(n, ast.Expr):
            self.line(depth, "Expr " + s)
            return f("value", n.value)
        if isinstance(n, ast.Assign):
            self.line(depth, "Assign " + s)
            f("targets", n.targets)
            return f("value", n.value)
        if isinstance(n, ast.AugAssign):
            self.line(depth, "AugAssign %s op=%s" % (s, NAMES[type(n.op)]))
            f("target", n.target)
            return f("value", n.value)
        if isinstance(n, ast.AnnAssign):
            self.line(depth, "AnnAssign " + s + ("" if n.simple else " simple=0"))
            f("target", n.target)
            f("annotation", n.annotation)
            return f("value", n.value)
        if isinstance(n, ast.Return):
            self.line(depth, "Return " + s)
            return f("value", n.value)
        if isinstance(n, (ast.Pass, ast.Break, ast.Continue)):
            return self.line(depth, "%s %s" % (k, s))
        raise TypeError("unhandled node " + k)


def dump_source(source: str) -> str:
    d = Dumper()
    d.line(0, "Module")
    for stmt in ast.parse(source).body:
        d.node(1, stmt)
    return "\n".join(d.lines) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as fh:
        sys.stdout.write(dump_source(fh.read().decode("utf-8")))
