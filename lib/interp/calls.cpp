// Calls: argument binding, frames, functions, classes, instances, exceptions.
#include <stdexcept>

#include "interp/dynamo.h"
#include "interp/importer.h"
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
  raise(b().type_error, "'" + typeOf(callable)->name + "' object is not callable");
}

ClassPtr VM::makeClass(const std::string& name, std::vector<ClassPtr> bases, DictPtr dict) {
  auto cls = std::make_shared<ClassObject>();
  cls->name = name;
  cls->qualname = name;
  cls->dict = dict ? dict : newDict();
  if (bases.empty() && b().object) bases.push_back(b().object);
  cls->bases = bases;
  // C3 linearisation
  std::vector<std::vector<ClassPtr>> seqs;
  for (auto& base : bases) seqs.push_back(base->mro);
  seqs.push_back(bases);
  cls->mro.push_back(cls);
  for (;;) {
    bool empty = true;
    for (auto& s : seqs)
      if (!s.empty()) empty = false;
    if (empty) break;
    ClassPtr cand;
    for (auto& s : seqs) {
      if (s.empty()) continue;
      ClassPtr head = s.front();
      bool in_tail = false;
      for (auto& t : seqs)
        for (size_t i = 1; i < t.size(); ++i)
          if (t[i] == head) in_tail = true;
      if (!in_tail) {
        cand = head;
        break;
      }
    }
    if (!cand) raise(b().type_error, "Cannot create a consistent method resolution order (MRO)");
    cls->mro.push_back(cand);
    for (auto& s : seqs)
      if (!s.empty() && s.front() == cand) s.erase(s.begin());
  }
  for (auto& base : bases) {
    if (base->is_exception) cls->is_exception = true;
    if (base->instance_kind != Kind::Instance && base->instance_kind != Kind::Class)
      cls->instance_kind = base->instance_kind;
  }
  if (Value m = cls->dict->getStr("__module__")) cls->module = str(m);
  if (Value q = cls->dict->getStr("__qualname__")) cls->qualname = str(q);
  // functions defined in the body learn their class (super(), __class__)
  cls->dict->forEach([&](const Value&, const Value& v) {
    Value fnv = v;
    if (v->kind == Kind::StaticMethod) fnv = as<StaticMethodObject>(v).func;
    if (v->kind == Kind::ClassMethod) fnv = as<ClassMethodObject>(v).func;
    if (v->kind == Kind::Property && as<PropertyObject>(v).fget) fnv = as<PropertyObject>(v).fget;
    if (fnv && fnv->kind == Kind::Function) as<FunctionObject>(fnv).defining_class = cls;
  });
  return cls;
}

Value VM::newInstance(const ClassPtr& cls, CallArgs& args) {
  // builtin types construct natively
  if (Value ctor = cls->dict->getStr("__gbc_new__")) {
    if (cls->mro.size() <= 2 || cls->instance_kind != Kind::Instance) {
      CallArgs a = args;
      a.args.insert(a.args.begin(), cls);
      return call(ctor, a);
    }
  }
  if (Value nw = cls->lookup("__gbc_new__")) {
    // a user class deriving a builtin whose instances are native (exceptions are Instances)
    if (cls->instance_kind != Kind::Instance) {
      CallArgs a = args;
      a.args.insert(a.args.begin(), cls);
      return call(nw, a);
    }
  }
  auto inst = std::make_shared<InstanceObject>(cls);
  if (cls->is_exception) {
    inst->dict->setStr("args", pyTuple(args.args));
  }
  if (Value init = cls->lookup("__init__")) {
    if (init->kind == Kind::Function || init->kind == Kind::Builtin) {
      CallArgs a = args;
      a.args.insert(a.args.begin(), inst);
      Value r = call(init, a);
      if (!isNone(r))
        raise(b().type_error, "__init__() should return None, not '" + typeOf(r)->name + "'");
    }
  }
  return inst;
}

Value VM::makeException(const ClassPtr& cls, std::string message) {
  auto inst = std::make_shared<InstanceObject>(cls);
  inst->dict->setStr("args", message.empty() ? pyTuple({}) : pyTuple({pyStr(std::move(message))}));
  return inst;
}

void VM::raise(const ClassPtr& cls, std::string message) {
  throw PyRaise{makeException(cls, std::move(message))};
}

void VM::raiseValue(Value exc) { throw PyRaise{std::move(exc)}; }

void VM::unsupported(std::string what) {
  GbcUnsupported u;
  u.what = std::move(what);
  // located in the user's code: the innermost frame outside gbc's Python model of torch and
  // the standard library (where the user can act on it)
  const std::string torch_prefix = std::string(target().torch_prefix) + "/";
  Frame* at = top_;
  auto isModel = [&](const Frame* f) {
    const std::string& file = f->code->filename;
    return file.rfind(torch_prefix, 0) == 0 || importer_->isLibraryFile(file);
  };
  while (at && at->back && isModel(at)) at = at->back;
  if (at) {
    u.file = at->code->filename;
    u.line = at->curPos().line;
  }
  throw u;
}

std::string VM::exceptionMessage(const Value& exc) {
  if (exc->kind != Kind::Instance) return str(exc);
  return str(exc);
}

std::string VM::formatTraceback(const Value& exc) {
  std::string out;
  if (exc->kind != Kind::Instance) return "Exception\n";
  auto& inst = as<InstanceObject>(exc);
  out += "Traceback (most recent call last):\n";
  for (auto it = inst.traceback.rbegin(); it != inst.traceback.rend(); ++it) {
    out += "  File \"" + it->file + "\", line " + std::to_string(it->pos.line) + ", in " +
           it->name + "\n";
    auto src = sources.find(it->file);
    if (src != sources.end() && it->pos.line > 0) {
      const std::string& text = *src->second;
      size_t pos = 0;
      for (uint32_t l = 1; l < it->pos.line && pos != std::string::npos; ++l) {
        pos = text.find('\n', pos);
        if (pos != std::string::npos) ++pos;
      }
      if (pos != std::string::npos) {
        size_t end = text.find('\n', pos);
        std::string line =
            text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        size_t s = line.find_first_not_of(" \t");
        if (s != std::string::npos) out += "    " + line.substr(s) + "\n";
      }
    }
  }
  std::string msg = str(exc);
  out += inst.cls->name + (msg.empty() ? "" : ": " + msg) + "\n";
  return out;
}

}  // namespace gbc::interp
