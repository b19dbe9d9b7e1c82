// What the builtin exceptions add to BaseException, as CPython's Objects/exceptions.c: the
// attributes their constructors set (StopIteration.value, SystemExit.code, ImportError.name/
// path/msg, AttributeError.name/obj, NameError.name, SyntaxError's location, the Unicode
// errors' fields, OSError's errno/strerror/filename with the subclass chosen by errno) and
// their str(); BaseExceptionGroup and ExceptionGroup.
#include <cerrno>

#include "interp/args.h"
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

std::string unicodeCharRepr(uint32_t c) {
  char buf[16];
  if (c < 0x100)
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
  else if (c < 0x10000)
    std::snprintf(buf, sizeof buf, "\\u%04x", c);
  else
    std::snprintf(buf, sizeof buf, "\\U%08x", c);
  return buf;
}

/// The OSError subclass CPython's OSError(errno, ...) constructs for `code`.
const char* osErrorClass(int64_t code) {
  switch (code) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS:
      return "BlockingIOError";
    case ECHILD:
      return "ChildProcessError";
    case EPIPE:
    case ESHUTDOWN:
      return "BrokenPipeError";
    case ECONNABORTED:
      return "ConnectionAbortedError";
    case ECONNREFUSED:
      return "ConnectionRefusedError";
    case ECONNRESET:
      return "ConnectionResetError";
    case EEXIST:
      return "FileExistsError";
    case ENOENT:
      return "FileNotFoundError";
    case EISDIR:
      return "IsADirectoryError";
    case ENOTDIR:
      return "NotADirectoryError";
    case EINTR:
      return "InterruptedError";
    case EACCES:
    case EPERM:
      return "PermissionError";
    case ESRCH:
      return "ProcessLookupError";
    case ETIMEDOUT:
      return "TimeoutError";
    default:
      return nullptr;
  }
}

void installOSError(VM& vm) {
  auto& B = vm.b();
  auto nw = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    auto cls = std::static_pointer_cast<ClassObject>(a.args.at(0));
    // OSError(errno, strerror, ...) is the subclass for that errno
    if (cls == vm.b().os_error && a.args.size() >= 3 && isInt(a.args[1]))
      if (const char* sub = osErrorClass(asInt(a.args[1]))) cls = vm.b().by_name.at(sub);
    auto e = std::make_shared<InstanceObject>(cls);
    e->dict->setStr("args", pyTuple(ctorArgs(a)));
    return e;
  });
  nw->binds = false;
  B.os_error->dict->setStr("__new__", nw);
  init(vm, "OSError", [](VM&, const Value& self, const std::vector<Value>& args, CallArgs&) {
    for (const char* n : {"errno", "strerror", "filename", "filename2"}) set(self, n, none());
    if (args.size() >= 2 && args.size() <= 5) {
      set(self, "errno", args[0]);
      set(self, "strerror", args[1]);
      if (args.size() >= 3) set(self, "filename", args[2]);
      if (args.size() == 5) set(self, "filename2", args[4]);
      set(self, "args", pyTuple({args[0], args[1]}));
    }
  });
  method(vm, "OSError", "__str__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    Value err = attr(self, "errno"), msg = attr(self, "strerror");
    Value f1 = attr(self, "filename"), f2 = attr(self, "filename2");
    if (!isNone(f1) && !isNone(f2))
      return pyStr("[Errno " + vm.str(err) + "] " + vm.str(msg) + ": " + vm.repr(f1) + " -> " +
                   vm.repr(f2));
    if (!isNone(f1))
      return pyStr("[Errno " + vm.str(err) + "] " + vm.str(msg) + ": " + vm.repr(f1));
    if (!isNone(err) && !isNone(msg)) return pyStr("[Errno " + vm.str(err) + "] " + vm.str(msg));
    return pyStr(vm.strNative(self));
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

void installUnicodeErrors(VM& vm) {
  for (const char* cls : {"UnicodeDecodeError", "UnicodeEncodeError"}) {
    init(vm, cls, [cls](VM& vm, const Value& self, const std::vector<Value>& args, CallArgs&) {
      if (args.size() != 5)
        vm.raise(vm.b().type_error, std::string("function takes exactly 5 arguments (") +
                                        std::to_string(args.size()) + " given)");
      (void)cls;
      const char* names[] = {"encoding", "object", "start", "end", "reason"};
      for (size_t i = 0; i < 5; ++i) set(self, names[i], args[i]);
    });
  }
  method(vm, "UnicodeDecodeError", "__str__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    int64_t start = asInt(attr(self, "start")), end = asInt(attr(self, "end"));
    std::string enc = vm.str(attr(self, "encoding")), reason = vm.str(attr(self, "reason"));
    Value obj = attr(self, "object");
    if (end == start + 1 && obj->kind == Kind::Bytes &&
        static_cast<size_t>(start) < as<BytesObject>(obj).v.size()) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x",
                    static_cast<unsigned char>(as<BytesObject>(obj).v[static_cast<size_t>(start)]));
      return pyStr("'" + enc + "' codec can't decode byte " + buf + " in position " +
                   std::to_string(start) + ": " + reason);
    }
    return pyStr("'" + enc + "' codec can't decode bytes in position " + std::to_string(start) +
                 "-" + std::to_string(end - 1) + ": " + reason);
  });
  method(vm, "UnicodeEncodeError", "__str__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    int64_t start = asInt(attr(self, "start")), end = asInt(attr(self, "end"));
    std::string enc = vm.str(attr(self, "encoding")), reason = vm.str(attr(self, "reason"));
    Value obj = attr(self, "object");
    if (end == start + 1 && obj->kind == Kind::Str) {
      Value ch = vm.getItem(obj, pyInt(start));
      Value code = vm.call(vm.builtinsDict()->getStr("ord"), {ch});
      return pyStr("'" + enc + "' codec can't encode character '" +
                   unicodeCharRepr(static_cast<uint32_t>(asInt(code))) + "' in position " +
                   std::to_string(start) + ": " + reason);
    }
    return pyStr("'" + enc + "' codec can't encode characters in position " +
                 std::to_string(start) + "-" + std::to_string(end - 1) + ": " + reason);
  });
}

void installExceptionGroups(VM& vm) {
  auto& B = vm.b();
  auto beg = vm.makeClass("BaseExceptionGroup", {B.base_exception}, nullptr);
  auto eg = vm.makeClass("ExceptionGroup", {beg, B.exception}, nullptr);
  for (const ClassPtr& c : {beg, eg}) {
    c->module = "builtins";
    c->builtin = true;
    B.by_name[c->name] = c;
    vm.builtinsDict()->setStr(c->name, c);
  }
  auto nw = std::make_shared<BuiltinObject>("__new__", [](VM& vm, CallArgs& a) -> Value {
    auto cls = std::static_pointer_cast<ClassObject>(a.args.at(0));
    if (a.args.size() != 3)
      vm.raise(vm.b().type_error, "BaseExceptionGroup.__new__() takes exactly 2 arguments (" +
                                      std::to_string(a.args.size() - 1) + " given)");
    if (a.args[1]->kind != Kind::Str)
      vm.raise(vm.b().type_error, "argument 1 must be str, not " + vm.typeOf(a.args[1])->name);
    Value seq = a.args[2];
    if (seq->kind == Kind::Set || seq->kind == Kind::Dict || !vm.getAttrOrNull(seq, "__len__"))
      vm.raise(vm.b().type_error, "second argument (exceptions) must be a sequence");
    std::vector<Value> excs = vm.toVector(seq);
    if (excs.empty())
      vm.raise(vm.b().value_error, "second argument (exceptions) must be a non-empty sequence");
    bool all_exceptions = true;
    for (size_t i = 0; i < excs.size(); ++i) {
      if (!vm.isInstance(excs[i], vm.b().base_exception.get()))
        vm.raise(vm.b().value_error, "Item " + std::to_string(i) +
                                         " of second argument (exceptions) is not an exception");
      all_exceptions = all_exceptions && vm.isInstance(excs[i], vm.b().exception.get());
    }
    const ClassPtr& base_group = vm.b().by_name.at("BaseExceptionGroup");
    if (cls == base_group && all_exceptions) cls = vm.b().by_name.at("ExceptionGroup");
    if (cls->isSubclassOf(vm.b().exception.get()) && !all_exceptions)
      vm.raise(vm.b().type_error, "Cannot nest BaseExceptions in an ExceptionGroup");
    auto e = std::make_shared<InstanceObject>(cls);
    e->dict->setStr("args", pyTuple({a.args[1], a.args[2]}));
    e->dict->setStr("message", a.args[1]);
    e->dict->setStr("exceptions", pyTuple(excs));
    return e;
  });
  nw->binds = false;
  beg->dict->setStr("__new__", nw);
  method(vm, "BaseExceptionGroup", "__init__", [](VM&, CallArgs&) -> Value { return none(); });
  method(vm, "BaseExceptionGroup", "__str__", [](VM& vm, CallArgs& a) -> Value {
    size_t n = vm.toVector(attr(a.args.at(0), "exceptions")).size();
    return pyStr(vm.str(attr(a.args[0], "message")) + " (" + std::to_string(n) + " sub-exception" +
                 (n == 1 ? "" : "s") + ")");
  });
  method(vm, "BaseExceptionGroup", "__repr__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    Value excs = as<TupleObject>(attr(self, "args")).items.at(1);
    return pyStr(vm.typeOf(self)->name + "(" + vm.repr(attr(self, "message")) + ", " +
                 vm.repr(excs) + ")");
  });
  method(vm, "BaseExceptionGroup", "derive", [](VM& vm, CallArgs& a) -> Value {
    return vm.call(vm.b().by_name.at("BaseExceptionGroup"),
                   {attr(a.args.at(0), "message"), a.args.at(1)});
  });
  // subgroup / split: the leaves matching a type, a tuple of types or a predicate
  auto matches = [](VM& vm, const Value& cond, const Value& e) {
    if (cond->kind == Kind::Class || cond->kind == Kind::Tuple) return vm.isInstanceHook(e, cond);
    return vm.truthy(vm.call(cond, {e}));
  };
  // (matching part, rest) of `group` for `cond`, each null when empty
  auto split =
      std::make_shared<std::function<std::pair<Value, Value>(VM&, const Value&, const Value&)>>();
  *split = [matches, split](VM& vm, const Value& group,
                            const Value& cond) -> std::pair<Value, Value> {
    if (matches(vm, cond, group)) return {group, nullptr};
    if (!vm.isInstance(group, vm.b().by_name.at("BaseExceptionGroup").get()))
      return {nullptr, group};
    std::vector<Value> yes, no;
    for (const Value& e : vm.toVector(attr(group, "exceptions"))) {
      auto [m, r] = (*split)(vm, e, cond);
      if (m) yes.push_back(m);
      if (r) no.push_back(r);
    }
    auto derive = [&](std::vector<Value> excs) -> Value {
      if (excs.empty()) return nullptr;
      Value g = vm.callMethod(group, "derive", {pyList(std::move(excs))});
      for (const char* n : {"__cause__", "__context__", "__traceback__"})
        vm.setAttr(g, n, vm.getAttr(group, n));
      if (Value notes = inst(group).dict->getStr("__notes__"))
        inst(g).dict->setStr("__notes__", notes);
      return g;
    };
    return {derive(std::move(yes)), derive(std::move(no))};
  };
  method(vm, "BaseExceptionGroup", "split", [split](VM& vm, CallArgs& a) -> Value {
    auto [m, r] = (*split)(vm, a.args.at(0), a.args.at(1));
    return pyTuple({m ? m : none(), r ? r : none()});
  });
  method(vm, "BaseExceptionGroup", "subgroup", [split](VM& vm, CallArgs& a) -> Value {
    Value m = (*split)(vm, a.args.at(0), a.args.at(1)).first;
    return m ? m : none();
  });
}

}  // namespace

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
  installOSError(vm);
  installSyntaxError(vm);
  installUnicodeErrors(vm);
  installExceptionGroups(vm);
}

}  // namespace gbc::interp
