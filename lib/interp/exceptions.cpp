// What the builtin exceptions add to BaseException, as CPython's Objects/exceptions.c: the
// attributes their constructors set (StopIteration.value, SystemExit.code, ImportError.name/
// path/msg, AttributeError.name/obj, NameError.name, SyntaxError's location, the Unicode
// errors' fields (unicode_error.cpp), OSError's errno/strerror/filename with the subclass chosen
// by errno (oserror.cpp)) and their str(); BaseExceptionGroup and ExceptionGroup are
// exception_group.cpp's.

#include "interp/args.h"
#include "interp/oserror.h"
#include "interp/text_codec.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

InstanceObject& inst(const Value& v) { return as<InstanceObject>(v); }

Value attr(const Value& self, const char* name) {
  Value v = inst(self).dict->getStr(name);
  return v ? v : none();
}

void set(const Value& self, const char* name, Value v) {
  inst(self).dict->setStr(name, v ? v : none());
}

std::vector<Value> ctorArgs(const CallArgs& a) {
  return std::vector<Value>(a.args.begin() + 1, a.args.end());
}

Value method(VM& vm, const char* cls, const std::string& name, NativeFn fn) {
  ClassPtr c = vm.b().by_name.at(cls);
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->qualname = std::string(cls) + "." + name;
  b->id = b->qualname;
  c->dict->setStr(name, b);
  return b;
}

/// An __init__ that sets args and then `extra` (self, positional args, the call).
void init(VM& vm, const char* cls,
          std::function<void(VM&, const Value&, const std::vector<Value>&, CallArgs&)> extra,
          std::vector<std::string> keywords = {}) {
  method(vm, cls, "__init__", [extra, keywords, cls](VM& vm, CallArgs& a) -> Value {
    for (auto& [k, v] : a.kwargs) {
      bool ok = false;
      for (const std::string& kw : keywords) ok = ok || k == kw;
      if (!ok)
        vm.raise(vm.b().type_error,
                 std::string(cls) + "() got an unexpected keyword argument '" + k + "'");
      (void)v;
    }
    std::vector<Value> args = ctorArgs(a);
    set(a.args.at(0), "args", pyTuple(args));
    extra(vm, a.args[0], args, a);
    return none();
  });
}

void installSyntaxError(VM& vm) {
  init(vm, "SyntaxError", [](VM& vm, const Value& self, const std::vector<Value>& args, CallArgs&) {
    for (const char* n : {"msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset",
                          "print_file_and_line"})
      set(self, n, none());
    if (!args.empty()) set(self, "msg", args[0]);
    if (args.size() == 2) {
      std::vector<Value> info = vm.toVector(args[1]);
      if (info.size() < 4 || info.size() > 6)
        vm.raise(vm.b().index_error, "tuple index out of range");
      const char* names[] = {"filename", "lineno", "offset", "text", "end_lineno", "end_offset"};
      for (size_t i = 0; i < info.size(); ++i) set(self, names[i], info[i]);
    }
  });
  method(vm, "SyntaxError", "__str__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    std::string msg = vm.str(attr(self, "msg"));
    Value file = attr(self, "filename"), line = attr(self, "lineno");
    std::string base;
    if (file->kind == Kind::Str) {
      base = asStr(file);
      if (size_t slash = base.rfind('/'); slash != std::string::npos) base = base.substr(slash + 1);
    }
    bool has_line = isInt(line);
    if (!base.empty() && has_line)
      return pyStr(msg + " (" + base + ", line " + std::to_string(asInt(line)) + ")");
    if (!base.empty()) return pyStr(msg + " (" + base + ")");
    if (has_line) return pyStr(msg + " (line " + std::to_string(asInt(line)) + ")");
    return pyStr(msg);
  });
}

}  // namespace

void installExceptionGroups(VM& vm);  // exception_group.cpp

void installExceptionAttributes(VM& vm) {
  init(vm, "StopIteration", [](VM&, const Value& self, const std::vector<Value>& args, CallArgs&) {
    set(self, "value", args.empty() ? none() : args[0]);
  });
  init(vm, "SystemExit", [](VM&, const Value& self, const std::vector<Value>& args, CallArgs&) {
    set(self, "code", args.empty() ? none() : args.size() == 1 ? args[0] : pyTuple(args));
  });
  init(vm, "ImportError",
       [](VM&, const Value& self, const std::vector<Value>& args, CallArgs& a) {
         set(self, "name", argOr(a, 1000, "name", none()));
         set(self, "path", argOr(a, 1000, "path", none()));
         set(self, "name_from", argOr(a, 1000, "name_from", none()));
         set(self, "msg", args.size() == 1 ? args[0] : none());
       },
       {"name", "path", "name_from"});
  method(vm, "ImportError", "__str__", [](VM& vm, CallArgs& a) -> Value {
    Value msg = attr(a.args.at(0), "msg");
    if (!isNone(msg)) return pyStr(vm.str(msg));
    return pyStr(vm.strNative(a.args[0]));
  });
  init(vm, "AttributeError",
       [](VM&, const Value& self, const std::vector<Value>&, CallArgs& a) {
         set(self, "name", argOr(a, 1000, "name", none()));
         set(self, "obj", argOr(a, 1000, "obj", none()));
       },
       {"name", "obj"});
  init(vm, "NameError",
       [](VM&, const Value& self, const std::vector<Value>&, CallArgs& a) {
         set(self, "name", argOr(a, 1000, "name", none()));
       },
       {"name"});
  installOSError(vm);  // (oserror.cpp)
  installSyntaxError(vm);
  installUnicodeErrors(vm);  // (unicode_error.cpp)
  installExceptionGroups(vm);
}

}  // namespace gbc::interp
