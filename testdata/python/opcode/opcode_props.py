# _opcode: CPython 3.14's opcode properties and stack effects (expected output from CPython 3.14).
import _opcode


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(sorted(n for n in dir(_opcode) if not n.startswith("__")))
valid = [op for op in range(300) if _opcode.is_valid(op)]
print(len(valid), valid)
for flag in ("has_arg", "has_const", "has_name", "has_jump", "has_free", "has_local", "has_exc"):
    print(flag, [op for op in range(300) if getattr(_opcode, flag)(op)])
effects = []
for op in valid:
    row = []
    for arg in (0, 1, 2, 3, 7, 256, 258, 1000):
        for jump in (None, True, False):
            try:
                row.append(_opcode.stack_effect(op, arg, jump=jump))
            except ValueError:
                row.append("x")
    effects.append((op, row))
print(effects)
print(_opcode.get_intrinsic1_descs(), _opcode.get_intrinsic2_descs())
print(_opcode.get_special_method_names(), _opcode.get_nb_ops())
print(_opcode.ENABLE_SPECIALIZATION, _opcode.ENABLE_SPECIALIZATION_FT, _opcode.get_specialization_stats())
t(lambda: _opcode.stack_effect(1000))
t(lambda: _opcode.stack_effect(46))
t(lambda: _opcode.stack_effect(46, -1))
t(lambda: _opcode.stack_effect(46, 2147483648))
t(lambda: _opcode.stack_effect(46, 2147483647))
t(lambda: _opcode.stack_effect(1, None))
t(lambda: _opcode.stack_effect(90, 1, jump=3))
t(lambda: _opcode.stack_effect("a"))
t(lambda: _opcode.stack_effect(-1))
t(lambda: _opcode.stack_effect(1099511627776))
t(lambda: _opcode.stack_effect(opcode=1))
t(lambda: _opcode.stack_effect(1, oparg=2))
t(lambda: _opcode.stack_effect(1, 2, 3))
t(lambda: _opcode.has_arg())
t(lambda: _opcode.has_arg(opcode=46))
t(lambda: _opcode.is_valid(-1))
t(lambda: _opcode.get_executor(None, 0))
t(lambda: _opcode.stack_effect(46, 2**70))
t(lambda: _opcode.has_arg(2**70))
