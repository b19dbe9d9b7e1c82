// Opaque stand-ins for compiled extension modules (opaque_module.h).
#include "interp/opaque_module.h"

#include "interp/import_internal.h"

namespace gbc::interp {

namespace {

constexpr const char* kClassKey = "__gbc_opaque_extension_value__";

/// What an opaque value stands for: `dotted` (module.attr.attr) of the extension `module` at
/// `path`.
struct OpaqueInfo {
  std::string module, path, dotted;
};

const OpaqueInfo& infoOf(const Value& v) {
  return *std::static_pointer_cast<OpaqueInfo>(as<InstanceObject>(v).payload);
}

Value makeValue(VM& vm, const ClassPtr& cls, OpaqueInfo info) {
  (void)vm;
  auto inst = std::make_shared<InstanceObject>(cls);
  inst->payload = std::make_shared<OpaqueInfo>(std::move(info));
  return inst;
}

/// The opaque values' class: Python methods (the VM dispatches a Python class's dunder methods
/// everywhere) that call back into `_use` / `_attr`.
std::string opaqueClassSource() {
  const std::pair<const char*, const char*> uses[] = {
      {"__call__(self, *args, **kwargs)", "calling"},
      {"__bool__(self)", "the truth value of"},
      {"__len__(self)", "the length of"},
      {"__iter__(self)", "iterating over"},
      {"__next__(self)", "iterating over"},
      {"__getitem__(self, key)", "indexing"},
      {"__setitem__(self, key, value)", "assigning an item of"},
      {"__delitem__(self, key)", "deleting an item of"},
      {"__contains__(self, item)", "a membership test on"},
      {"__repr__(self)", "the repr of"},
      {"__str__(self)", "converting to str"},
      {"__format__(self, spec)", "formatting"},
      {"__hash__(self)", "hashing"},
      {"__eq__(self, other)", "comparing"},
      {"__ne__(self, other)", "comparing"},
      {"__lt__(self, other)", "comparing"},
      {"__le__(self, other)", "comparing"},
      {"__gt__(self, other)", "comparing"},
      {"__ge__(self, other)", "comparing"},
      {"__int__(self)", "converting to int"},
      {"__float__(self)", "converting to float"},
      {"__index__(self)", "using as an index"},
      {"__neg__(self)", "arithmetic on"},
      {"__pos__(self)", "arithmetic on"},
      {"__abs__(self)", "arithmetic on"},
      {"__invert__(self)", "arithmetic on"},
      {"__enter__(self)", "a with-block on"},
      {"__exit__(self, *args)", "a with-block on"},
      {"__mro_entries__(self, bases)", "subclassing"},
  };
  std::string src =
      "class gbc_opaque_extension_value:\n"
      "    def __getattr__(self, name):\n"
      "        return _attr(self, name)\n";
  for (const auto& [signature, what] : uses)
    src += std::string("    def ") + signature + ":\n        _use(self, '" + what + "')\n";
  for (const char* op : {"add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow",
                         "lshift", "rshift", "and", "or", "xor"})
    for (const char* form : {"__", "__r", "__i"})
      src += std::string("    def ") + form + op +
             "__(self, other):\n        _use(self, 'arithmetic on')\n";
  return src;
}

ClassPtr opaqueClass(VM& vm) {
  auto& by_name = vm.b().by_name;
  if (auto it = by_name.find(kClassKey); it != by_name.end()) return it->second;
  DictPtr globals = newDict();
  globals->setStr("__name__", pyStr("builtins"));
  globals->setStr("__builtins__", vm.builtinsDict());
  globals->setStr("_use", std::make_shared<BuiltinObject>("_use", [](VM& vm, CallArgs& a) -> Value {
                    opaqueExtensionUse(vm, a.args.at(0), vm.str(a.args.at(1)));
                  }));
  auto attr = std::make_shared<BuiltinObject>("_attr", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    OpaqueInfo info = infoOf(self);
    info.dotted += "." + vm.str(a.args.at(1));
    return makeValue(vm, as<InstanceObject>(self).cls, std::move(info));
  });
  globals->setStr("_attr", attr);
  runPreludeInto(vm, globals, "<gbc>/opaque_extension.py", opaqueClassSource());
  Value cls = globals->getStr("gbc_opaque_extension_value");
  GBC_CHECK(cls && cls->kind == Kind::Class, "the opaque-value prelude defines its class");
  by_name[kClassKey] = std::static_pointer_cast<ClassObject>(cls);
  return by_name[kClassKey];
}

}  // namespace

Value makeOpaqueExtensionModule(VM& vm, const std::string& name, const std::string& path) {
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  m->dict->setStr("__doc__", none());
  m->dict->setStr("__package__", none());
  m->dict->setStr("__loader__", none());
  m->dict->setStr("__spec__", none());
  m->dict->setStr("__file__", pyStr(path));
  ClassPtr cls = opaqueClass(vm);
  // PEP 562: every attribute the module does not have is an opaque value of it
  auto getattr = std::make_shared<BuiltinObject>(
      "__getattr__", [cls, name, path](VM& vm, CallArgs& a) -> Value {
        std::string attr = vm.str(a.args.at(0));
        if (attr.size() > 4 && attr.rfind("__", 0) == 0 &&
            attr.compare(attr.size() - 2, 2, "__") == 0)
          vm.raise(vm.b().attribute_error, "module '" + name + "' has no attribute '" + attr + "'");
        return makeValue(vm, cls, {name, path, name + "." + attr});
      });
  m->dict->setStr("__getattr__", getattr);
  return m;
}

bool isOpaqueExtensionValue(const Value& v) {
  return v && v->kind == Kind::Instance &&
         as<InstanceObject>(v).cls->name == "gbc_opaque_extension_value" &&
         as<InstanceObject>(v).payload != nullptr;
}

void opaqueExtensionUse(VM& vm, const Value& v, const std::string& what) {
  const OpaqueInfo& info = infoOf(v);
  vm.unsupported(what + " `" + info.dotted + "` of the compiled extension module `" + info.module +
                 "` (" + info.path + ")");
}

}  // namespace gbc::interp
