// OSError's constructor and attributes (oserror.h), after CPython 3.14's Objects/exceptions.c
// (OSError_new, OSError_init, oserror_parse_args, oserror_init, OSError_str, OSError_reduce).
#include "interp/oserror.h"

#include <cerrno>
#include <cstring>

#include "interp/native_args.h"
#include "interp/native_type.h"

namespace gbc::interp {

namespace {

/// The attributes of an OSError; a null member was never set (str() tells None from unset).
struct OSErrorState : NativeState {
  Value myerrno, strerror, filename, filename2;
  int64_t written = -1;  // BlockingIOError.characters_written (-1: unset)
};

OSErrorState* stateOf(const Value& e) {
  if (e->kind != Kind::Instance) return nullptr;
  return dynamic_cast<OSErrorState*>(as<InstanceObject>(e).native.get());
}

OSErrorState& stateFor(const Value& e) {
  auto& inst = as<InstanceObject>(e);
  if (auto* s = dynamic_cast<OSErrorState*>(inst.native.get())) return *s;
  auto s = std::make_shared<OSErrorState>();
  inst.native = s;
  return *s;
}

struct Parsed {
  Value myerrno, strerror, filename, filename2;
};

/// oserror_parse_args: (errno, strerror[, filename[, winerror[, filename2]]]) when 2 to 5 args.
Parsed parseArgs(const std::vector<Value>& args) {
  Parsed p;
  if (args.size() >= 2 && args.size() <= 5) {
    p.myerrno = args[0];
    p.strerror = args[1];
    if (args.size() >= 3) p.filename = args[2];
    if (args.size() >= 5) p.filename2 = args[4];
  }
  return p;
}

/// oserror_init: stores the attributes; a filename cuts args down to (errno, strerror).
void initFrom(VM& vm, const Value& self, std::vector<Value> args, const Parsed& p) {
  auto& inst = as<InstanceObject>(self);
  OSErrorState& s = stateFor(self);
  bool truncate = false;
  if (p.filename && !isNone(p.filename)) {
    const ClassPtr& blocking = vm.b().by_name.at("BlockingIOError");
    if (inst.cls->isSubclassOf(blocking.get()) && isInt(p.filename)) {
      s.written = asInt(p.filename);
    } else {
      s.filename = p.filename;
      if (p.filename2 && !isNone(p.filename2)) s.filename2 = p.filename2;
      truncate = args.size() >= 2 && args.size() <= 5;
    }
  }
  s.myerrno = p.myerrno;
  s.strerror = p.strerror;
  if (truncate) args.resize(2);
  inst.dict->setStr("args", pyTuple(std::move(args)));
}

/// CPython's errnomap (_PyExc_InitState).
const char* subclassName(int errnum) {
  switch (errnum) {
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

void attr(const ClassPtr& cls, const std::string& name, Value OSErrorState::*member) {
  nativeGetSet(
      cls, name,
      [member](VM&, const Value& e) -> Value {
        OSErrorState* s = stateOf(e);
        return s && s->*member ? s->*member : none();
      },
      [member](VM&, const Value& e, const Value& v) { stateFor(e).*member = v ? v : none(); });
}

}  // namespace

ClassPtr osErrorClass(VM& vm, int errnum) {
  const char* name = subclassName(errnum);
  return name ? vm.b().by_name.at(name) : vm.b().os_error;
}

Value makeOSError(VM& vm, int errnum, const Value& filename, const Value& filename2) {
  ClassPtr cls = osErrorClass(vm, errnum);
  std::vector<Value> args{pyInt(errnum), pyStr(std::strerror(errnum))};
  if (filename) {
    args.push_back(filename);
    if (filename2) {
      args.push_back(none());
      args.push_back(filename2);
    }
  }
  auto inst = std::make_shared<InstanceObject>(cls);
  initFrom(vm, inst, args, parseArgs(args));
  return inst;
}

void raiseOSError(VM& vm, int errnum, const Value& filename, const Value& filename2) {
  vm.raiseValue(makeOSError(vm, errnum, filename, filename2));
}

void installOSError(VM& vm) {
  const ClassPtr os_error = vm.b().os_error;
  // whether a class runs the argument parsing in __init__ rather than __new__: it overrides
  // __init__ but not __new__ (oserror_use_init)
  auto useInit = [](const ClassPtr& type, const ClassPtr& base) {
    return type->lookup("__init__") != base->dict->getStr("__init__") &&
           type->lookup("__new__") == base->dict->getStr("__new__");
  };
  Value nw = nativeMethod(os_error, "__new__", [os_error, useInit](VM& vm, CallArgs& a) -> Value {
    if (a.args.empty() || a.args[0]->kind != Kind::Class)
      vm.raise(vm.b().type_error, "OSError.__new__(X): X is not a type object");
    auto type = std::static_pointer_cast<ClassObject>(a.args[0]);
    std::vector<Value> args(a.args.begin() + 1, a.args.end());
    bool use_init = useInit(type, os_error);
    if (!use_init && !a.kwargs.empty())
      vm.raise(vm.b().type_error, type->name + "() takes no keyword arguments");
    Parsed p = use_init ? Parsed{} : parseArgs(args);
    if (type == os_error && p.myerrno && isInt(p.myerrno))
      type = osErrorClass(vm, static_cast<int>(asInt(p.myerrno)));
    auto inst = std::make_shared<InstanceObject>(type);
    inst->native = std::make_shared<OSErrorState>();
    if (use_init)
      inst->dict->setStr("args", pyTuple(std::move(args)));
    else
      initFrom(vm, inst, std::move(args), p);
    return Value(inst);
  });
  as<BuiltinObject>(nw).binds = false;
  checkedNativeMethod(os_error, "__init__", [os_error, useInit](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    ClassPtr type = vm.typeOf(self);
    if (!useInit(type, os_error)) return none();
    if (!a.kwargs.empty())
      vm.raise(vm.b().type_error, type->name + "() takes no keyword arguments");
    std::vector<Value> args(a.args.begin() + 1, a.args.end());
    initFrom(vm, self, args, parseArgs(args));
    return none();
  });
  checkedNativeMethod(os_error, "__str__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    if (OSErrorState* s = stateOf(self)) {
      if (s->filename) {
        std::string out = "[Errno " + vm.str(s->myerrno ? s->myerrno : none()) + "] " +
                          vm.str(s->strerror ? s->strerror : none()) + ": " + vm.repr(s->filename);
        if (s->filename2) out += " -> " + vm.repr(s->filename2);
        return pyStr(out);
      }
      if (s->myerrno && s->strerror)
        return pyStr("[Errno " + vm.str(s->myerrno) + "] " + vm.str(s->strerror));
    }
    return pyStr(vm.strNative(self));
  });
  checkedNativeMethod(os_error, "__reduce__", [](VM& vm, CallArgs& a) -> Value {
    const Value& self = a.args.at(0);
    Value args = vm.getAttr(self, "args");
    OSErrorState* s = stateOf(self);
    if (s && s->filename && args->kind == Kind::Tuple && as<TupleObject>(args).items.size() == 2) {
      std::vector<Value> items = as<TupleObject>(args).items;
      items.push_back(s->filename);
      if (s->filename2) {
        items.push_back(none());
        items.push_back(s->filename2);
      }
      args = pyTuple(std::move(items));
    }
    std::vector<Value> out{vm.typeOf(self), args};
    DictPtr d = as<InstanceObject>(self).dict;
    // (the instance dict holds `args` for gbc; CPython keeps it in a slot)
    auto extra = newDict();
    d->forEach([&](const Value& k, const Value& v) {
      if (!(k->kind == Kind::Str && (asStr(k) == "args" || asStr(k).rfind("__gbc", 0) == 0)))
        extra->set(k, v);
    });
    if (extra->size()) out.push_back(extra);
    return pyTuple(std::move(out));
  });
  attr(os_error, "errno", &OSErrorState::myerrno);
  attr(os_error, "strerror", &OSErrorState::strerror);
  attr(os_error, "filename", &OSErrorState::filename);
  attr(os_error, "filename2", &OSErrorState::filename2);
  nativeGetSet(
      os_error, "characters_written",
      [](VM& vm, const Value& e) -> Value {
        OSErrorState* s = stateOf(e);
        if (!s || s->written < 0) vm.raise(vm.b().attribute_error, "characters_written");
        return pyInt(s->written);
      },
      [](VM& vm, const Value& e, const Value& v) {
        if (!v) {
          OSErrorState* s = stateOf(e);
          if (!s || s->written < 0) vm.raise(vm.b().attribute_error, "characters_written");
          s->written = -1;
          return;
        }
        if (!isInt(v))
          vm.raise(vm.b().type_error,
                   "'" + vm.typeOf(v)->name + "' object cannot be interpreted as an integer");
        stateFor(e).written = asInt(v);
      });
}

}  // namespace gbc::interp
