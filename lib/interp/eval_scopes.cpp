// The opcodes of annotation scopes and definitions (PEP 695, PEP 649): LOAD_LOCALS, the
// dict-then-global/cell loads an annotation scope makes through `__classdict__`, LOAD_TYPING
// (the `_typing` objects generic definitions are made of), SET_FUNCTION_ATTRIBUTE,
// SETUP_ANNOTATIONS and compile('single')'s PRINT_EXPR; execExtendedOp dispatches every new
// opcode to its file; installLanguageRuntime installs this part of the runtime.
#include "interp/gen_objects.h"

namespace gbc::interp {

void execAsyncOp(VM& vm, Frame& f, const Instr& in);       // eval_async.cpp
void execMatchOp(VM& vm, Frame& f, const Instr& in);       // eval_match.cpp
void execExceptStarOp(VM& vm, Frame& f, const Instr& in);  // exception_group.cpp
void execTemplateOp(VM& vm, Frame& f, const Instr& in);    // template_objects.cpp
void installTemplates(VM& vm);                             // template_objects.cpp
void installExecBuiltins(VM& vm);                          // builtins_exec.cpp

namespace {

Value pop(Frame& f) {
  Value v = std::move(f.stack.back());
  f.stack.pop_back();
  return v;
}

/// mapping[name] for a dict or any mapping (KeyError: absent), else null.
Value lookupMapping(VM& vm, const Value& mapping, const std::string& name) {
  if (mapping->kind == Kind::Dict) return as<DictObject>(mapping).getStr(name);
  try {
    return vm.getItem(mapping, pyStr(name));
  } catch (PyRaise& e) {
    if (vm.isInstance(e.exc, vm.b().key_error.get())) return nullptr;
    throw;
  }
}

void setFunctionAttribute(VM& vm, const Value& func, int32_t what, Value value) {
  if (func->kind != Kind::Function) vm.raise(vm.b().type_error, "not a function");
  auto& fn = as<FunctionObject>(func);
  switch (what) {
    case kFnAnnotations:
      fn.annotations = std::move(value);
      return;
    case kFnAnnotate:
      fn.annotate = std::move(value);
      return;
    case kFnTypeParams:
      fn.type_params = std::move(value);
      return;
  }
  GBC_UNREACHABLE("SET_FUNCTION_ATTRIBUTE operand");
}

void printExpr(VM& vm, const Value& v) {
  if (Value sys = vm.findModule("sys"))
    if (Value hook = vm.getAttrOrNull(sys, "displayhook")) {
      vm.call(hook, std::vector<Value>{v});
      return;
    }
  // sys.displayhook's default: the repr of anything but None, kept in builtins._
  if (isNone(v)) return;
  vm.builtinsDict()->setStr("_", v);
  if (vm.out) vm.out(vm.repr(v) + "\n");
}

}  // namespace

void execExtendedOp(VM& vm, Frame& f, const Instr& in) {
  const CodeObject& code = *f.code;
  switch (in.op) {
    case Op::GET_AWAITABLE:
    case Op::GET_AITER:
    case Op::GET_ANEXT:
    case Op::END_ASYNC_FOR:
    case Op::BEFORE_ASYNC_WITH:
    case Op::SETUP_ASYNC_WITH:
    case Op::ASYNC_WITH_EXCEPT:
      return execAsyncOp(vm, f, in);
    case Op::ASYNC_GEN_WRAP:
      f.stack.back() = wrapAsyncGenValue(vm, f.stack.back());
      return;
    case Op::MATCH_MAPPING:
    case Op::MATCH_SEQUENCE:
    case Op::MATCH_KEYS:
    case Op::MATCH_CLASS:
    case Op::GET_LEN:
      return execMatchOp(vm, f, in);
    case Op::CHECK_EG_MATCH:
    case Op::PREP_RERAISE_STAR:
      return execExceptStarOp(vm, f, in);
    case Op::BUILD_INTERPOLATION:
    case Op::BUILD_TEMPLATE:
      return execTemplateOp(vm, f, in);
    case Op::LOAD_LOCALS:
      f.stack.push_back(f.locals ? f.locals : f.globals);
      return;
    case Op::LOAD_FROM_DICT_OR_GLOBALS: {
      const std::string& name = code.names[static_cast<size_t>(in.arg)];
      Value mapping = pop(f);
      Value v = lookupMapping(vm, mapping, name);
      if (!v) v = f.globals->getStr(name);
      if (!v) v = vm.builtinsDict()->getStr(name);
      if (!v) vm.raise(vm.b().name_error, "name '" + name + "' is not defined");
      f.stack.push_back(std::move(v));
      return;
    }
    case Op::LOAD_FROM_DICT_OR_DEREF: {
      const size_t i = static_cast<size_t>(in.arg);
      const std::string& name =
          i < code.cellvars.size() ? code.cellvars[i] : code.freevars[i - code.cellvars.size()];
      Value mapping = pop(f);
      Value v = lookupMapping(vm, mapping, name);
      if (!v) v = f.cells[i]->v;
      if (!v)
        vm.raise(vm.b().name_error, "cannot access free variable '" + name +
                                        "' where it is not associated with a value in enclosing "
                                        "scope");
      f.stack.push_back(std::move(v));
      return;
    }
    case Op::LOAD_TYPING: {
      Value typing = vm.importModule("_typing", f.globals, 0);
      f.stack.push_back(vm.getAttr(typing, code.names[static_cast<size_t>(in.arg)]));
      return;
    }
    case Op::SET_FUNCTION_ATTRIBUTE: {
      Value value = pop(f);
      setFunctionAttribute(vm, f.stack.back(), in.arg, std::move(value));
      return;
    }
    case Op::SETUP_ANNOTATIONS: {
      if (in.arg == 0) return;
      DictPtr& ns = f.locals ? f.locals : f.globals;
      if (!ns->getStr("__annotations__")) ns->setStr("__annotations__", newDict());
      return;
    }
    case Op::PRINT_EXPR:
      printExpr(vm, pop(f));
      return;
    default:
      GBC_UNREACHABLE("opcode without an extended implementation");
  }
}

Value functionDocstring(const FunctionObject& fn) {
  const auto& consts = fn.code->consts;
  if (consts.empty() || consts[0].kind != Constant::Kind::Value ||
      consts[0].value.kind != syntax::ConstantValue::Kind::Str || (fn.code->flags & kLambda))
    return none();
  return pyStr(consts[0].value.str);
}

void installLanguageRuntime(VM& vm) {
  installGeneratorObjects(vm);
  installAsyncGenerators(vm);
  installTemplates(vm);
  installExecBuiltins(vm);
}

}  // namespace gbc::interp
