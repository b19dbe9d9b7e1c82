// PEP 750 template strings: string.templatelib's Template and Interpolation as native classes
// (string/templatelib.py takes them from `type(t"{0}")`), with CPython 3.14's attributes,
// constructors, iteration and `+`, and the BUILD_INTERPOLATION / BUILD_TEMPLATE opcodes.
#include "interp/gen_objects.h"

namespace gbc::interp {

namespace {

ClassPtr templateClass(VM& vm) { return runtimeClass(vm, "Template"); }
ClassPtr interpolationClass(VM& vm) { return runtimeClass(vm, "Interpolation"); }

/// An attribute a Template or Interpolation must have (a TypeError for anything else, such as
/// a method of the type called on another object).
Value attr(VM& vm, const Value& obj, const char* name) {
  Value v = obj->kind == Kind::Instance ? as<InstanceObject>(obj).dict->getStr(name) : nullptr;
  if (!v)
    vm.raise(vm.b().type_error,
             "expected a string.templatelib object, got '" + vm.typeOf(obj)->name + "'");
  return v;
}

/// A tuple attribute of a Template (strings, interpolations).
const std::vector<Value>& tupleAttr(VM& vm, const Value& obj, const char* name) {
  Value v = attr(vm, obj, name);
  if (v->kind != Kind::Tuple)
    vm.raise(vm.b().type_error, std::string("Template.") + name + " must be a tuple");
  return as<TupleObject>(v).items;
}

Value conversionValue(VM& vm, const Value& conv) {
  if (isNone(conv)) return conv;
  if (conv->kind != Kind::Str || asStr(conv).size() != 1 ||
      std::string("sar").find(asStr(conv)[0]) == std::string::npos)
    vm.raise(vm.b().value_error,
             "Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'");
  return conv;
}

Value makeInterpolation(VM& vm, Value value, Value expression, Value conversion, Value spec) {
  auto inst = std::make_shared<InstanceObject>(interpolationClass(vm));
  inst->dict->setStr("value", std::move(value));
  inst->dict->setStr("expression", std::move(expression));
  inst->dict->setStr("conversion", std::move(conversion));
  inst->dict->setStr("format_spec", std::move(spec));
  return inst;
}

/// Template(strings, interpolations) from parts already in CPython's shape.
Value makeTemplate(VM& vm, std::vector<Value> strings, std::vector<Value> interpolations) {
  auto inst = std::make_shared<InstanceObject>(templateClass(vm));
  inst->dict->setStr("strings", pyTuple(std::move(strings)));
  inst->dict->setStr("interpolations", pyTuple(std::move(interpolations)));
  return inst;
}

/// Joins str and Interpolation arguments into Template's shape: adjacent strings concatenated,
/// one more string than there are interpolations.
Value templateFromParts(VM& vm, const std::vector<Value>& parts, const char* who) {
  std::vector<Value> strings, interps;
  std::string current;
  for (const Value& p : parts) {
    if (p->kind == Kind::Str) {
      current += asStr(p);
    } else if (p->kind == Kind::Instance && as<InstanceObject>(p).cls == interpolationClass(vm)) {
      strings.push_back(pyStr(current));
      current.clear();
      interps.push_back(p);
    } else {
      vm.raise(vm.b().type_error, std::string(who) +
                                      " *args need to be of type 'str' or 'Interpolation', got " +
                                      vm.typeOf(p)->name);
    }
  }
  strings.push_back(pyStr(current));
  return makeTemplate(vm, std::move(strings), std::move(interps));
}

Value builtinFn(const std::string& name, NativeFn fn) {
  return std::make_shared<BuiltinObject>(name, std::move(fn));
}

Value property(NativeFn fget) {
  auto p = std::make_shared<PropertyObject>();
  p->fget = builtinFn("fget", std::move(fget));
  return p;
}

std::vector<Value> templateParts(VM& vm, const Value& t) {
  std::vector<Value> out;
  const auto& strings = tupleAttr(vm, t, "strings");
  const auto& interps = tupleAttr(vm, t, "interpolations");
  for (size_t i = 0; i < strings.size(); ++i) {
    out.push_back(strings[i]);
    if (i < interps.size()) out.push_back(interps[i]);
  }
  return out;
}

}  // namespace

void execTemplateOp(VM& vm, Frame& f, const Instr& in) {
  switch (in.op) {
    case Op::BUILD_INTERPOLATION: {
      Value spec = (in.arg & 0x100) ? f.stack.back() : pyStr("");
      if (in.arg & 0x100) f.stack.pop_back();
      Value text = f.stack.back();
      f.stack.pop_back();
      Value value = f.stack.back();
      const int conv = in.arg & 0xff;
      Value conversion = conv ? pyStr(std::string(1, static_cast<char>(conv))) : none();
      f.stack.back() = makeInterpolation(vm, value, text, conversion, spec);
      return;
    }
    case Op::BUILD_TEMPLATE: {
      Value interps = f.stack.back();
      f.stack.pop_back();
      Value strings = f.stack.back();
      f.stack.back() =
          makeTemplate(vm, as<TupleObject>(strings).items, as<TupleObject>(interps).items);
      return;
    }
    default:
      GBC_UNREACHABLE("not a template opcode");
  }
}

void installTemplates(VM& vm) {
  auto& B = vm.b();
  auto idict = newDict();
  idict->setStr(
      "__init__", builtinFn("__init__", [](VM& vm, CallArgs& a) -> Value {
        auto& inst = as<InstanceObject>(a.args.at(0));
        auto arg = [&](size_t i, const char* kw, Value dflt) {
          if (a.args.size() > i) return a.args[i];
          if (Value v = a.kw(kw)) return v;
          return dflt;
        };
        Value value = arg(1, "value", nullptr);
        if (!value)
          vm.raise(vm.b().type_error, "Interpolation() missing required argument 'value' (pos 1)");
        inst.dict->setStr("value", value);
        inst.dict->setStr("expression", arg(2, "expression", pyStr("")));
        inst.dict->setStr("conversion", conversionValue(vm, arg(3, "conversion", none())));
        inst.dict->setStr("format_spec", arg(4, "format_spec", pyStr("")));
        return none();
      }));
  idict->setStr("__match_args__", pyTuple({pyStr("value"), pyStr("expression"), pyStr("conversion"),
                                           pyStr("format_spec")}));
  ClassPtr interpolation = vm.makeClass("Interpolation", {B.object}, idict);
  interpolation->module = "string.templatelib";
  B.by_name["gbc:Interpolation"] = interpolation;

  auto tdict = newDict();
  tdict->setStr("__init__", builtinFn("__init__", [](VM& vm, CallArgs& a) -> Value {
                  if (!a.kwargs.empty())
                    vm.raise(vm.b().type_error, "Template.__new__ only accepts *args arguments");
                  std::vector<Value> parts(a.args.begin() + 1, a.args.end());
                  Value t = templateFromParts(vm, parts, "Template.__new__");
                  auto& self = as<InstanceObject>(a.args.at(0));
                  self.dict->setStr("strings", attr(vm, t, "strings"));
                  self.dict->setStr("interpolations", attr(vm, t, "interpolations"));
                  return none();
                }));
  tdict->setStr("values", property([](VM& vm, CallArgs& a) -> Value {
                  std::vector<Value> values;
                  for (const Value& i : tupleAttr(vm, a.args.at(0), "interpolations"))
                    values.push_back(attr(vm, i, "value"));
                  return pyTuple(std::move(values));
                }));
  tdict->setStr("__iter__", builtinFn("__iter__", [](VM& vm, CallArgs& a) -> Value {
                  std::vector<Value> items;
                  for (Value& p : templateParts(vm, a.args.at(0)))
                    if (p->kind != Kind::Str || !asStr(p).empty()) items.push_back(p);
                  return vm.iter(pyList(std::move(items)));
                }));
  tdict->setStr(
      "__add__", builtinFn("__add__", [](VM& vm, CallArgs& a) -> Value {
        const Value& other = a.args.at(1);
        if (other->kind != Kind::Instance || as<InstanceObject>(other).cls != templateClass(vm))
          vm.raise(vm.b().type_error, "can only concatenate string.templatelib.Template (not \"" +
                                          vm.typeOf(other)->name +
                                          "\") to string.templatelib.Template");
        std::vector<Value> parts = templateParts(vm, a.args.at(0));
        for (Value& p : templateParts(vm, other)) parts.push_back(p);
        return templateFromParts(vm, parts, "Template.__new__");
      }));
  ClassPtr tmpl = vm.makeClass("Template", {B.object}, tdict);
  tmpl->module = "string.templatelib";
  B.by_name["gbc:Template"] = tmpl;
}

}  // namespace gbc::interp
