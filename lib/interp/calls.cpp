// Calls: argument binding, frames, functions, classes, instances, exceptions.
#include <stdexcept>

#include "interp/cpython_names.h"
#include "interp/dynamo.h"
#include "interp/eval_ext.h"
#include "interp/stdlib_io.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

Value VM::makeFunction(std::shared_ptr<CodeObject> code, DictPtr globals) {
  auto fn = std::make_shared<FunctionObject>();
  fn->name = code->name;
  fn->qualname = code->qualname;
  fn->code = std::move(code);
  fn->globals = std::move(globals);
  return fn;
}

void VM::bindArgs(Frame& f, FunctionObject& fn, CallArgs& args) {
  const CodeObject& code = *fn.code;
  size_t nargs = static_cast<size_t>(code.argcount);
  size_t nkwonly = static_cast<size_t>(code.kwonlyargcount);
  bool varargs = code.flags & kVarargs, varkw = code.flags & kVarkw;
  f.fast.assign(code.varnames.size(), nullptr);
  std::string fname = fn.name;
  size_t npos = args.args.size();
  for (size_t i = 0; i < std::min(npos, nargs); ++i) f.fast[i] = args.args[i];
  size_t slot = nargs + nkwonly;
  if (varargs) {
    std::vector<Value> extra;
    for (size_t i = nargs; i < npos; ++i) extra.push_back(args.args[i]);
    f.fast[slot++] = pyTuple(std::move(extra));
  } else if (npos > nargs) {
    raise(b().type_error, fname + "() takes " + std::to_string(nargs) + " positional argument" +
                              (nargs == 1 ? "" : "s") + " but " + std::to_string(npos) +
                              (npos == 1 ? " was" : " were") + " given");
  }
  DictPtr kwdict;
  if (varkw) kwdict = newDict();
  for (auto& [k, v] : args.kwargs) {
    bool found = false;
    for (size_t i = static_cast<size_t>(code.posonlyargcount); i < nargs + nkwonly; ++i) {
      if (code.varnames[i] == k) {
        if (f.fast[i])
          raise(b().type_error, fname + "() got multiple values for argument '" + k + "'");
        f.fast[i] = v;
        found = true;
        break;
      }
    }
    if (found) continue;
    if (kwdict) {
      kwdict->setStr(k, v);
      continue;
    }
    raise(b().type_error, fname + "() got an unexpected keyword argument '" + k + "'");
  }
  if (kwdict) f.fast[slot++] = kwdict;
  // defaults
  size_t ndef = fn.defaults.size();
  for (size_t i = 0; i < nargs; ++i) {
    if (f.fast[i]) continue;
    if (i + ndef >= nargs) {
      f.fast[i] = fn.defaults[i + ndef - nargs];
      continue;
    }
    raise(b().type_error,
          fname + "() missing 1 required positional argument: '" + code.varnames[i] + "'");
  }
  for (size_t i = nargs; i < nargs + nkwonly; ++i) {
    if (f.fast[i]) continue;
    Value d = fn.kwdefaults ? fn.kwdefaults->getStr(code.varnames[i]) : nullptr;
    if (!d)
      raise(b().type_error,
            fname + "() missing 1 required keyword-only argument: '" + code.varnames[i] + "'");
    f.fast[i] = d;
  }
  // cells
  f.cells.clear();
  for (size_t i = 0; i < code.cellvars.size(); ++i) {
    auto cell = std::make_shared<CellObject>();
    int arg = i < code.cell2arg.size() ? code.cell2arg[i] : -1;
    if (arg >= 0) cell->v = f.fast[static_cast<size_t>(arg)];
    f.cells.push_back(cell);
  }
  for (auto& c : fn.closure) f.cells.push_back(c);
}

FramePtr VM::makeFrame(const std::shared_ptr<FunctionObject>& fn, CallArgs& args) {
  auto f = std::make_shared<Frame>();
  f->code = fn->code;
  f->name = fn->code->name;
  f->func = fn;
  f->globals = fn->globals;
  f->code_key = fn->code.get();
  bindArgs(*f, *fn, args);
  if (fn->code->uses_class_cell) {
    // super() needs the defining class and the first argument; kept on the frame's function.
  }
  return f;
}

Value VM::call(const Value& callable, std::vector<Value> args) {
  CallArgs a;
  a.args = std::move(args);
  return call(callable, a);
}

Value VM::callMethod(const Value& obj, std::string_view name, std::vector<Value> args) {
  Value m = getAttr(obj, name);
  return call(m, std::move(args));
}

static Value runGeneratorFunction(VM& vm, const std::shared_ptr<FunctionObject>& fn,
                                  CallArgs& args) {
  auto gen = std::make_shared<GeneratorObject>();
  gen->frame = vm.makeFrame(fn, args);
  gen->frame->generator = true;
  return gen;
}

Value VM::call(const Value& callable, CallArgs& args) {
  GBC_CHECK(callable != nullptr, "call of a null callable");
  checkStack();
  switch (callable->kind) {
    case Kind::Function: {
      auto fn = std::static_pointer_cast<FunctionObject>(callable);
      if (fn->code->flags & kGenerator) return runGeneratorFunction(*this, fn, args);
      if (fn->code->flags & (kCoroutine | kAsyncGenerator)) return makeCoroutine(*this, fn, args);
      FramePtr f = makeFrame(fn, args);
      return runFrame(f);
    }
    case Kind::BoundMethod: {
      auto& bm = as<BoundMethodObject>(callable);
      args.args.insert(args.args.begin(), bm.self);
      return call(bm.func, args);
    }
    case Kind::Builtin: {
      auto& bf = as<BuiltinObject>(callable);
      if (bf.self) args.args.insert(args.args.begin(), bf.self);
      try {
        return bf.fn(*this, args);
      } catch (const std::out_of_range&) {
        // a positional argument the model reads with args.at(i) is missing
        raise(b().type_error, bf.name + "() missing a required positional argument");
      } catch (const NotATensor&) {
        std::string got;
        for (const Value& a : args.args)
          if (a && a->kind != Kind::Tensor) {
            got = typeOf(a)->name;
            break;
          }
        raise(b().type_error,
              bf.name + "(): argument must be Tensor" + (got.empty() ? "" : ", not " + got));
      }
    }
    case Kind::Class:
      return newInstance(std::static_pointer_cast<ClassObject>(callable), args);
    case Kind::StaticMethod:
      return call(as<StaticMethodObject>(callable).func, args);
    default:
      break;
  }
  if (Value c = typeOf(callable)->lookup("__call__")) {
    args.args.insert(args.args.begin(), callable);
    return call(c, args);
  }
  raiseTypeErrorOrGap(callable, "__call__",
                      "'" + typeOf(callable)->name + "' object is not callable");
}

Value VM::makeException(const ClassPtr& cls, std::string message) {
  std::vector<Value> args;
  if (!message.empty()) args.push_back(pyStr(std::move(message)));
  // as CPython's PyErr_SetString, by calling the class (its __init__ sets its attributes)
  if (cls->lookup("__init__") != b().base_exception->dict->getStr("__init__"))
    return call(cls, std::move(args));
  auto inst = std::make_shared<InstanceObject>(cls);
  inst->dict->setStr("args", pyTuple(std::move(args)));
  return inst;
}

void VM::raise(const ClassPtr& cls, std::string message) {
  throw PyRaise{makeException(cls, std::move(message))};
}

void VM::raiseValue(Value exc) { throw PyRaise{std::move(exc)}; }

void VM::raiseKeyError(const Value& key) {
  // KeyError(key): its args hold the key itself (str() shows its repr)
  auto inst = std::make_shared<InstanceObject>(b().key_error);
  inst->dict->setStr("args", pyTuple({key}));
  throw PyRaise{inst};
}

bool VM::isUserFile(const std::string& file) const {
  auto under = [&](std::string_view folder) {
    return file.size() > folder.size() && file.compare(0, folder.size(), folder) == 0 &&
           file[folder.size()] == '/';
  };
  if (under(target().torch_prefix) || under(stdlibPrefix(target())) || under("<gbc>")) return false;
  // the standard library's frozen modules and importlib's bootstrap: `<frozen os>`
  if (file.rfind("<frozen ", 0) == 0) return false;
  for (const std::string& root : library_roots)
    if (file.rfind(root, 0) == 0) return false;
  return true;
}

void VM::unsupported(std::string what) {
  GbcUnsupported u;
  u.what = std::move(what);
  // located in the user's code: the innermost frame outside gbc's Python model of torch and
  // the standard library (where the user can act on it), naming the library frame it met it in
  Frame* at = top_;
  while (at && at->back && !isUserFile(at->code->filename)) at = at->back;
  if (at) {
    u.file = at->code->filename;
    u.line = at->curPos().line;
  }
  if (top_ && at != top_) {
    const std::string& inner = top_->code->filename;
    for (const std::string& root : library_roots)
      if (inner.rfind(root, 0) == 0) {
        u.what += " (in " + inner + ":" + std::to_string(top_->curPos().line) + ")";
        break;
      }
  }
  throw u;
}

void VM::raiseGap(const ClassPtr& cls, std::string message, std::string what) {
  Value exc = makeException(cls, std::move(message));
  as<InstanceObject>(exc).gap = std::make_shared<const std::string>(std::move(what));
  throw PyRaise{std::move(exc)};
}

bool VM::isCallable(const Value& v) {
  switch (v->kind) {
    case Kind::Function:
    case Kind::Builtin:
    case Kind::BoundMethod:
    case Kind::Class:
      return true;
    default:
      return typeOf(v)->lookup("__call__") != nullptr;
  }
}

void VM::raiseTypeErrorOrGap(const Value& obj, std::string_view dunder, std::string message) {
  // a builtin type of CPython's that has the special method: gbc's own gap
  for (const ClassPtr& c : typeOf(obj)->mro)
    if (c->module == "builtins" && c->builtin && cpythonTypeHas(c->name, dunder))
      raiseGap(b().type_error, std::move(message), "`" + c->name + "." + std::string(dunder) + "`");
  raise(b().type_error, std::move(message));
}

void VM::raiseNoAttribute(const Value& obj, std::string_view name, std::string message) {
  // CPython's builtin types along the MRO of the object's type (of the class itself and of
  // `type` for a class), or the module gbc provides without a source file of its own
  std::string what;
  auto inTypes = [&](const ClassPtr& cls) {
    for (const ClassPtr& c : cls->mro)
      if (c->module == "builtins" && cpythonTypeHas(c->name, name)) {
        what = "`" + c->name + "." + std::string(name) + "`";
        return true;
      }
    return false;
  };
  if (obj->kind == Kind::Module) {
    auto& m = as<ModuleObject>(obj);
    Value file = m.dict->getStr("__file__");
    bool gbcs = !file || file->kind != Kind::Str || !isUserFile(asStr(file));
    if (gbcs && cpythonModuleHas(m.name, name)) what = "`" + m.name + "." + std::string(name) + "`";
  } else if (obj->kind == Kind::Class) {
    if (!inTypes(std::static_pointer_cast<ClassObject>(obj))) inTypes(b().type);
  } else {
    inTypes(typeOf(obj));
  }
  if (!what.empty()) raiseGap(b().attribute_error, std::move(message), std::move(what));
  raise(b().attribute_error, std::move(message));
}

std::string VM::exceptionMessage(const Value& exc) {
  if (exc->kind != Kind::Instance) return str(exc);
  return str(exc);
}

report::PyExceptionRecord VM::exceptionRecord(const Value& exc) {
  report::PyExceptionRecord rec;
  ClassPtr cls = typeOf(exc);
  rec.type = cls->module.empty() || cls->module == "builtins" || cls->module == "__main__"
                 ? cls->qualname
                 : cls->module + "." + cls->qualname;
  try {
    rec.message = str(exc);
  } catch (PyRaise&) {
    rec.message = "<exception str() failed>";
  }
  if (exc->kind != Kind::Instance) return rec;
  auto& inst = as<InstanceObject>(exc);
  for (auto it = inst.traceback.rbegin(); it != inst.traceback.rend(); ++it) {
    report::FrameSummary f;
    f.file = it->file;
    f.line = it->pos.line;
    f.function = it->name;
    f.has_columns = it->pos.end_line != 0;
    f.col = it->pos.col;
    f.end_line = it->pos.end_line;
    f.end_col = it->pos.end_col;
    rec.frames.push_back(std::move(f));
  }
  if (Value notes = inst.dict->getStr("__notes__"); notes && notes->kind == Kind::List)
    for (const Value& n : as<ListObject>(notes).items)
      rec.notes.push_back(n->kind == Kind::Str ? asStr(n) : repr(n));
  return rec;
}

report::PyTraceback VM::tracebackReport(const Value& exc) {
  // the chain of causes and contexts, printed earliest first (CPython's print_exception)
  std::vector<std::pair<Value, std::string>> chain;  // exception, its link to the next
  std::vector<const Object*> seen;
  Value at = exc;
  std::string link;
  while (at && at->kind == Kind::Instance &&
         std::find(seen.begin(), seen.end(), at.get()) == seen.end() && seen.size() < 64) {
    seen.push_back(at.get());
    chain.emplace_back(at, link);
    auto& inst = as<InstanceObject>(at);
    if (inst.cause && !isNone(inst.cause)) {
      at = inst.cause;
      link = "cause";
    } else if (inst.context && !isNone(inst.context) && !inst.suppress_context) {
      at = inst.context;
      link = "context";
    } else {
      break;
    }
  }
  if (chain.empty()) chain.emplace_back(exc, "");
  report::PyTraceback tb;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    // (an exception's link says what it is to the one printed after it: its cause or context)
    report::PyExceptionRecord rec = exceptionRecord(it->first);
    rec.link = it->second;
    tb.chain.push_back(std::move(rec));
  }
  return tb;
}

}  // namespace gbc::interp
