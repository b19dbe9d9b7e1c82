// importlib._bootstrap's ModuleSpec and BuiltinImporter, natively: every import of one of gbc's
// native modules (torch first of all) makes a spec, and neither should need importlib's Python
// surface (import_prelude.cpp), which is loaded only when a program uses more of it. Behaviour as
// CPython 3.14's importlib/_bootstrap.py.
#include "interp/import_internal.h"
#include "interp/native_type.h"

namespace gbc::interp {

namespace {

Value field(VM& vm, const Value& self, const char* name) {
  Value v = vm.getAttrOrNull(self, name);
  return v ? v : none();
}

std::string cacheTag(const VM& vm) {
  std::string tag(vm.target().python);
  tag.erase(std::remove(tag.begin(), tag.end(), '.'), tag.end());
  return "cpython-" + tag;
}

}  // namespace

Value cachedPathOf(const VM& vm, const std::string& origin) {
  // _bootstrap_external._get_cached (cache_from_source with sys.pycache_prefix unset)
  auto endsWith = [&](std::string_view suffix) {
    return origin.size() >= suffix.size() &&
           origin.compare(origin.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (endsWith(".pyc")) return pyStr(origin);
  if (!endsWith(".py")) return none();
  size_t slash = origin.rfind('/');
  std::string head = slash == std::string::npos ? std::string() : origin.substr(0, slash);
  std::string tail = slash == std::string::npos ? origin : origin.substr(slash + 1);
  std::string base = tail.substr(0, tail.rfind('.'));
  std::string dir = head.empty() ? "__pycache__" : head + "/__pycache__";
  return pyStr(dir + "/" + base + "." + cacheTag(vm) + ".pyc");
}

ClassPtr makeModuleSpecClass(VM& vm) {
  ClassPtr cls = vm.makeClass("ModuleSpec", {vm.b().object}, nullptr);
  cls->module = "_frozen_importlib";
  cls->dict->setStr("__module__", pyStr("_frozen_importlib"));
  nativeMethod(cls, "__init__", [](VM& vm, CallArgs& a) -> Value {
    if (a.args.size() < 3) {
      vm.raise(vm.b().type_error,
               std::string("ModuleSpec.__init__() missing ") +
                   (a.args.size() < 2 ? "2 required positional arguments: 'name' and 'loader'"
                                      : "1 required positional argument: 'loader'"));
    }
    if (a.args.size() > 3)
      vm.raise(vm.b().type_error, "ModuleSpec.__init__() takes 3 positional arguments but " +
                                      std::to_string(a.args.size()) + " were given");
    Value origin = none(), loader_state = none(), is_package = none();
    for (auto& [key, value] : a.kwargs) {
      if (key == "origin") {
        origin = value;
      } else if (key == "loader_state") {
        loader_state = value;
      } else if (key == "is_package") {
        is_package = value;
      } else {
        vm.raise(vm.b().type_error,
                 "ModuleSpec.__init__() got an unexpected keyword argument '" + key + "'");
      }
    }
    const Value& self = a.args[0];
    vm.setAttr(self, "name", a.args[1]);
    vm.setAttr(self, "loader", a.args[2]);
    vm.setAttr(self, "origin", origin);
    vm.setAttr(self, "loader_state", loader_state);
    vm.setAttr(self, "submodule_search_locations", vm.truthy(is_package) ? pyList({}) : none());
    vm.setAttr(self, "_uninitialized_submodules", pyList({}));
    vm.setAttr(self, "_set_fileattr", pyBool(false));
    vm.setAttr(self, "_cached", none());
    return none();
  });
  nativeMethod(cls, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    std::string out = vm.typeOf(self)->name + "(name=" + vm.repr(field(vm, self, "name")) +
                      ", loader=" + vm.repr(field(vm, self, "loader"));
    if (Value origin = field(vm, self, "origin"); !isNone(origin))
      out += ", origin=" + vm.repr(origin);
    if (Value smsl = field(vm, self, "submodule_search_locations"); !isNone(smsl))
      out += ", submodule_search_locations=" + vm.str(smsl);
    return pyStr(out + ")");
  });
  nativeMethod(cls, "__eq__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    const Value& other = a.args.at(1);
    try {
      for (const char* name :
           {"name", "loader", "origin", "submodule_search_locations", "cached", "has_location"})
        if (!vm.equals(vm.getAttr(self, name), vm.getAttr(other, name))) return pyBool(false);
      return pyBool(true);
    } catch (PyRaise& e) {
      if (!vm.isInstance(e.exc, vm.b().attribute_error.get())) throw;
      return notImplemented();
    }
  });
  nativeGetSet(
      cls, "cached",
      [](VM& vm, const Value& self) -> Value {
        Value cached = field(vm, self, "_cached");
        Value origin = field(vm, self, "origin");
        if (isNone(cached) && origin->kind == Kind::Str &&
            vm.truthy(field(vm, self, "_set_fileattr"))) {
          cached = cachedPathOf(vm, asStr(origin));
          vm.setAttr(self, "_cached", cached);
        }
        return cached;
      },
      [](VM& vm, const Value& self, const Value& v) {
        vm.setAttr(self, "_cached", v ? v : none());
      });
  nativeGetSet(cls, "parent", [](VM& vm, const Value& self) -> Value {
    Value name = field(vm, self, "name");
    if (!isNone(field(vm, self, "submodule_search_locations"))) return name;
    std::string n = vm.str(name);
    size_t dot = n.rfind('.');
    return pyStr(dot == std::string::npos ? std::string() : n.substr(0, dot));
  });
  nativeGetSet(
      cls, "has_location",
      [](VM& vm, const Value& self) -> Value { return field(vm, self, "_set_fileattr"); },
      [](VM& vm, const Value& self, const Value& v) {
        vm.setAttr(self, "_set_fileattr", pyBool(v && vm.truthy(v)));
      });
  return cls;
}

ClassPtr makeBuiltinImporterClass(VM& vm, Importer& importer) {
  ClassPtr cls = vm.makeClass("BuiltinImporter", {vm.b().object}, nullptr);
  cls->module = "_frozen_importlib";
  cls->dict->setStr("__module__", pyStr("_frozen_importlib"));
  cls->dict->setStr("_ORIGIN", pyStr("built-in"));
  auto classMethod = [&](const std::string& name, NativeFn fn) {
    Value m = nativeMethod(cls, name, std::move(fn));
    as<BuiltinObject>(m).class_method = true;
  };
  auto staticMethod = [&](const std::string& name, NativeFn fn) {
    Value m = nativeMethod(cls, name, std::move(fn));
    as<BuiltinObject>(m).binds = false;
  };
  classMethod("find_spec", [&importer](VM& vm, CallArgs& a) -> Value {
    Value spec = importer.nativeSpec(vm.str(a.args.at(1)));
    return spec ? spec : none();
  });
  staticMethod("create_module", [&importer](VM& vm, CallArgs& a) -> Value {
    std::string name = vm.str(vm.getAttr(a.args.at(0), "name"));
    if (!importer.isBuiltin(name))
      raiseImportError(vm, vm.b().import_error, pyRepr(name) + " is not a built-in module",
                       pyStr(name), none());
    return importer.nativeModule(name);
  });
  staticMethod("exec_module", [](VM&, CallArgs&) -> Value { return none(); });
  for (const char* name : {"get_code", "get_source"})
    classMethod(name, [](VM&, CallArgs&) -> Value { return none(); });
  classMethod("is_package", [](VM&, CallArgs&) -> Value { return pyBool(false); });
  classMethod("load_module", [&importer](VM& vm, CallArgs& a) -> Value {
    // (deprecated; importlib's _load_module_shim does it)
    Value shim = vm.getAttr(importer.findLoaded("_frozen_importlib"), "_load_module_shim");
    return vm.call(shim, std::vector<Value>{a.args.at(0), a.args.at(1)});
  });
  return cls;
}

}  // namespace gbc::interp
