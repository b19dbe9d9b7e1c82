#!/usr/bin/env python3
"""Check gbc's trace rules (lib/interp/trace_rules.cpp) against an installed torch's sources.

usage: check_trace_rules.py [TORCH_DIR]

TORCH_DIR defaults to the oracle root's torch (../shared/oracle, PyTorch 2.14.1 on Python 3.14):
/root/.cache/gbc-torch-root/usr/lib/python3/dist-packages/torch. The lists are read from the
sources (no torch import): torch/_dynamo/trace_rules.py (BUILTIN_SKIPLIST, THIRDPARTY_SKIPLIST),
torch/_dynamo/variables/functions.py (RE_CONSTANT_FOLD_FNS) and torch/_dynamo/polyfills/*.py
(the C functions of `@substitute_in_graph(module.name)` in the modules loader.py loads). Each must appear in trace_rules.cpp as
a string literal; the script prints what is missing and exits 1 if anything is.
"""
import ast
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES_CPP = os.path.join(os.path.dirname(HERE), "trace_rules.cpp")
DEFAULT_TORCH = "/root/.cache/gbc-torch-root/usr/lib/python3/dist-packages/torch"

# C modules whose functions gbc treats as modelled as a whole (trace_rules.cpp, modelledModule)
WHOLE_MODULES = {"builtins", "operator", "functools", "itertools", "math", "io"}
# polyfilled Python-level functions (not C functions of a C module): inlined by gbc anyway
PYTHON_LEVEL = {"object", "traceback", "typing", "optree", "torch", "_fx_map_arg",
                "_fx_map_aggregate"}


def tuple_names(tree, name):
    """The element names of the module-level tuple/list assignment `name = (...)`."""
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                out = []
                for e in node.value.elts:
                    out.append(e.id if isinstance(e, ast.Name) else e.value)
                return out
    raise SystemExit(f"check_trace_rules: {name} not found")


def main():
    torch_dir = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TORCH
    dyn = os.path.join(torch_dir, "_dynamo")
    rules = open(RULES_CPP).read()
    literals = set(re.findall(r'"([^"\\]*)"', rules))
    missing = []

    tree = ast.parse(open(os.path.join(dyn, "trace_rules.py")).read())
    for mod in tuple_names(tree, "BUILTIN_SKIPLIST"):
        if not ({mod + ".py", mod + "/"} & literals):
            missing.append(f"BUILTIN_SKIPLIST {mod}")
    for mod in tuple_names(tree, "THIRDPARTY_SKIPLIST"):
        if mod not in literals:
            missing.append(f"THIRDPARTY_SKIPLIST {mod}")

    functions = open(os.path.join(dyn, "variables", "functions.py")).read()
    m = re.search(r"RE_CONSTANT_FOLD_FNS = \{([^}]*)\}", functions)
    for fn in re.findall(r"re\.(\w+)", m.group(1)):
        if fn not in literals:
            missing.append(f"RE_CONSTANT_FOLD_FNS re.{fn}")

    # only the polyfill modules loader.py loads are in effect
    loader = open(os.path.join(dyn, "polyfills", "loader.py")).read()
    m = re.search(r"POLYFILLED_MODULE_NAMES[^=]*= \(([^)]*)\)", loader)
    loaded = re.findall(r'"(\w+)"', m.group(1))
    for path in [os.path.join(dyn, "polyfills", n + ".py") for n in loaded]:
        if not os.path.exists(path):
            continue
        for target in re.findall(r"@substitute_in_graph\(\s*([\w.]+)", open(path).read()):
            mod, _, name = target.rpartition(".")
            base = mod.lstrip("_") if mod else target
            top = base.split(".")[0]
            if base in WHOLE_MODULES or top in PYTHON_LEVEL:
                continue
            if not ({f"{mod}.{name}", f"_{mod}.{name}", f"posix.{name}"} & literals):
                missing.append(f"polyfill {target} ({os.path.basename(path)})")

    for line in missing:
        print(f"missing: {line}")
    print(f"check_trace_rules: {len(missing)} missing ({torch_dir})")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
