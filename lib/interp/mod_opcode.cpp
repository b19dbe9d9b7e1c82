// _opcode (Modules/_opcode.c): what opcode.py and dis.py read about CPython's bytecode — for
// 3.14 the opcode properties (has_arg ... has_exc, is_valid), stack_effect, the intrinsic and
// binary-operator names, the special method names, get_executor and get_specialization_stats;
// for 3.12 stack_effect and get_specialization_stats (its opcode.py has the rest in Python).
// These describe CPython's own opcode numbering (opcode.py's opmap), not gbc's bytecode. 3.14's
// table is generated from CPython 3.14 (tools/gen_opcode_metadata.py); 3.12's stack effects
// are not tabulated: stack_effect there is a located "gbc cannot model".
#include "interp/clinic_args.h"
#include "interp/native_modules.h"

namespace gbc::interp {

namespace {

enum class EffectForm { Linear, LowBit, UnpackEx, Jump, Invalid };

struct OpcodeInfo {
  int opcode;
  int flags;  // bit i: kFlagNames[i]
  EffectForm form;
  int a, b;
};

const OpcodeInfo kOpcodes314[] = {
#include "interp/opcode_metadata_314.inc"
};

const char* const kFlagNames[] = {"has_arg",  "has_const", "has_name", "has_jump",
                                  "has_free", "has_local", "has_exc"};

const OpcodeInfo* findOpcode(int64_t op) {
  for (const OpcodeInfo& info : kOpcodes314)
    if (info.opcode == op) return &info;
  return nullptr;
}

/// A C int argument (OverflowError beyond 32 bits, as PyLong_AsInt).
int64_t cInt(VM& vm, const Value& v) {
  Value index = indexObject(vm, v);
  if (isBigInt(index) || asInt(index) > INT32_MAX || asInt(index) < INT32_MIN)
    vm.raise(vm.b().overflow_error, "Python int too large to convert to C int");
  return asInt(index);
}

Value stackEffect(VM& vm, CallArgs& a) {
  auto p = clinicParse(vm, a, {"stack_effect", {"opcode", "oparg", "jump"}, 2, 1, 2});
  int64_t op = cInt(vm, p[0]);
  int64_t oparg = 0;
  if (p[1] && !isNone(p[1])) {
    Value arg = indexObject(vm, p[1]);
    if (isBigInt(arg)) vm.raise(vm.b().overflow_error, "Python int too large to convert to C long");
    oparg = asInt(arg);
  }
  int jump = -1;  // -1: either way (the larger effect)
  if (p[2] && !isNone(p[2])) {
    if (p[2]->kind != Kind::Bool)
      vm.raise(vm.b().value_error, "stack_effect: jump must be False, True or None");
    jump = asInt(p[2]) ? 1 : 0;
  }
  const OpcodeInfo* info = findOpcode(op);
  if (!info || info->form == EffectForm::Invalid || oparg < 0 || oparg > INT32_MAX)
    vm.raise(vm.b().value_error, "invalid opcode or oparg");
  switch (info->form) {
    case EffectForm::Linear:
      return pyInt(info->a + info->b * oparg);
    case EffectForm::LowBit:
      return pyInt(info->a + info->b * (oparg & 1));
    case EffectForm::UnpackEx:
      return pyInt((oparg & 0xff) + (oparg >> 8));
    case EffectForm::Jump:
      return pyInt(jump == 0 ? info->a : jump == 1 ? info->b : std::max(info->a, info->b));
    case EffectForm::Invalid:
      break;
  }
  vm.raise(vm.b().value_error, "invalid opcode or oparg");
}

Value stringList(std::initializer_list<const char*> names) {
  std::vector<Value> out;
  for (const char* n : names) out.push_back(pyStr(n));
  return pyList(std::move(out));
}

void install314(const Value& m) {
  for (int flag = 0; flag < 7; ++flag)
    moduleFunction(m, kFlagNames[flag], [flag](VM& vm, CallArgs& a) -> Value {
      auto p = clinicParse(vm, a, {kFlagNames[flag], {"opcode"}, 0, 1});
      const OpcodeInfo* info = findOpcode(cInt(vm, p[0]));
      return pyBool(info && (info->flags >> flag) & 1);
    });
  moduleFunction(m, "is_valid", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"is_valid", {"opcode"}, 0, 1});
    return pyBool(findOpcode(cInt(vm, p[0])) != nullptr);
  });
  moduleFunction(m, "get_intrinsic1_descs", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "get_intrinsic1_descs", 0);
    return stringList({"INTRINSIC_1_INVALID", "INTRINSIC_PRINT", "INTRINSIC_IMPORT_STAR",
                       "INTRINSIC_STOPITERATION_ERROR", "INTRINSIC_ASYNC_GEN_WRAP",
                       "INTRINSIC_UNARY_POSITIVE", "INTRINSIC_LIST_TO_TUPLE", "INTRINSIC_TYPEVAR",
                       "INTRINSIC_PARAMSPEC", "INTRINSIC_TYPEVARTUPLE",
                       "INTRINSIC_SUBSCRIPT_GENERIC", "INTRINSIC_TYPEALIAS"});
  });
  moduleFunction(m, "get_intrinsic2_descs", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "get_intrinsic2_descs", 0);
    return stringList({"INTRINSIC_2_INVALID", "INTRINSIC_PREP_RERAISE_STAR",
                       "INTRINSIC_TYPEVAR_WITH_BOUND", "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
                       "INTRINSIC_SET_FUNCTION_TYPE_PARAMS", "INTRINSIC_SET_TYPEPARAM_DEFAULT"});
  });
  moduleFunction(m, "get_special_method_names", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "get_special_method_names", 0);
    return stringList({"__enter__", "__exit__", "__aenter__", "__aexit__"});
  });
  moduleFunction(m, "get_nb_ops", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "get_nb_ops", 0);
    static const char* const kOps[][2] = {{"NB_ADD", "+"},
                                          {"NB_AND", "&"},
                                          {"NB_FLOOR_DIVIDE", "//"},
                                          {"NB_LSHIFT", "<<"},
                                          {"NB_MATRIX_MULTIPLY", "@"},
                                          {"NB_MULTIPLY", "*"},
                                          {"NB_REMAINDER", "%"},
                                          {"NB_OR", "|"},
                                          {"NB_POWER", "**"},
                                          {"NB_RSHIFT", ">>"},
                                          {"NB_SUBTRACT", "-"},
                                          {"NB_TRUE_DIVIDE", "/"},
                                          {"NB_XOR", "^"},
                                          {"NB_INPLACE_ADD", "+="},
                                          {"NB_INPLACE_AND", "&="},
                                          {"NB_INPLACE_FLOOR_DIVIDE", "//="},
                                          {"NB_INPLACE_LSHIFT", "<<="},
                                          {"NB_INPLACE_MATRIX_MULTIPLY", "@="},
                                          {"NB_INPLACE_MULTIPLY", "*="},
                                          {"NB_INPLACE_REMAINDER", "%="},
                                          {"NB_INPLACE_OR", "|="},
                                          {"NB_INPLACE_POWER", "**="},
                                          {"NB_INPLACE_RSHIFT", ">>="},
                                          {"NB_INPLACE_SUBTRACT", "-="},
                                          {"NB_INPLACE_TRUE_DIVIDE", "/="},
                                          {"NB_INPLACE_XOR", "^="},
                                          {"NB_SUBSCR", "[]"}};
    std::vector<Value> out;
    for (const auto& op : kOps) out.push_back(pyTuple({pyStr(op[0]), pyStr(op[1])}));
    return pyList(std::move(out));
  });
  moduleFunction(m, "get_executor", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"get_executor", {"code", "offset"}, 0, 2});
    if (p[0]->kind != Kind::Code)
      vm.raise(vm.b().type_error, "expected a code object, not '" + typeName(vm, p[0]) + "'");
    ssizeArg(vm, p[1]);
    // (gbc, like a CPython built without the JIT, has no executors)
    vm.raise(vm.b().value_error, "no executor at given byte offset");
  });
  as<ModuleObject>(m).dict->setStr("ENABLE_SPECIALIZATION", pyInt(1));
  as<ModuleObject>(m).dict->setStr("ENABLE_SPECIALIZATION_FT", pyInt(1));
}

}  // namespace

Value makeOpcodeModule(VM& vm) {
  Value m = newNativeModule("_opcode");
  if (vm.target().python == "3.12") {
    moduleFunction(m, "stack_effect", [](VM& vm, CallArgs&) -> Value {
      vm.unsupported("`_opcode.stack_effect` of Python 3.12 (gbc has 3.14's stack effects only)");
    });
  } else {
    moduleFunction(m, "stack_effect", stackEffect);
    install314(m);
  }
  moduleFunction(m, "get_specialization_stats", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "get_specialization_stats", 0);
    return none();  // (a CPython built without statistics returns None too)
  });
  return m;
}

}  // namespace gbc::interp
