// `_gbc`: what gbc's Python versions of C modules (pylib/) need to know from the VM (the target's
// Python version), and the VM's hooks into them: `list[int]` (builtin classes'
// __class_getitem__), `int | str` (type.__or__) and `type.__dict__` (a mappingproxy) call the
// functions of pylib/_gbc_types.py.
#include "interp/native_modules.h"
#include "interp/vm.h"

namespace gbc::interp {

Value makeGbcModule(VM& vm) {
  Value m = newNativeModule("_gbc");
  std::vector<Value> version;
  std::string_view py = vm.target().python;  // "3.14"
  size_t dot = py.find('.');
  version.push_back(pyInt(std::stoll(std::string(py.substr(0, dot)))));
  version.push_back(pyInt(std::stoll(std::string(py.substr(dot + 1)))));
  as<ModuleObject>(m).dict->setStr("python", pyTuple(std::move(version)));
  return m;
}

namespace {

Value typesAttr(VM& vm, const char* name) {
  return vm.getAttr(vm.importModule("_gbc_types", nullptr, 0), name);
}

}  // namespace

void installTypeHooks(VM& vm) {
  auto& B = vm.b();
  // list[int], dict[str, int], type[int], ...: types.GenericAlias
  for (const ClassPtr& cls : {B.list, B.dict, B.tuple, B.set, B.frozenset, B.type}) {
    auto cg =
        std::make_shared<BuiltinObject>("__class_getitem__", [](VM& vm, CallArgs& a) -> Value {
          return vm.call(typesAttr(vm, "_class_getitem"), {a.args.at(0), a.args.at(1)});
        });
    cg->class_method = true;
    cg->qualname = cls->name + ".__class_getitem__";
    cls->dict->setStr("__class_getitem__", cg);
  }
  auto uni = std::make_shared<BuiltinObject>("__gbc_union__", [](VM& vm, CallArgs& a) -> Value {
    return vm.call(typesAttr(vm, "_union"), {a.args.at(0), a.args.at(1)});
  });
  uni->binds = false;
  vm.builtinsDict()->setStr("__gbc_union__", uni);
}

Value mappingProxy(VM& vm, const Value& mapping) {
  return vm.call(typesAttr(vm, "mappingproxy"), {mapping});
}

}  // namespace gbc::interp
