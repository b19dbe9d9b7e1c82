// Static mode (see static_mode.h): find the compiled callables no module-level code called and
// call each through its torch.compile wrapper with synthesized inputs.
#include "interp/static_mode.h"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "interp/dynamo.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

namespace {

constexpr const char* kWrapperId = "torch.compile_wrapper";
constexpr size_t kMaxVariants = 6;  // extra calls per target (bool / None defaults)

bool isCompileWrapper(const Value& v) {
  return v && v->kind == Kind::Builtin && as<BuiltinObject>(v).id == kWrapperId &&
         as<BuiltinObject>(v).attrs;
}

Value origCallable(const Value& wrapper) {
  return as<BuiltinObject>(wrapper).attrs->getStr("_torchdynamo_orig_callable");
}

/// The Python function behind a callable (a function or a method bound to an object).
std::shared_ptr<FunctionObject> pythonFunction(const Value& v, int* skip) {
  if (!v) return nullptr;
  if (v->kind == Kind::Function) {
    *skip = 0;
    return std::static_pointer_cast<FunctionObject>(v);
  }
  if (v->kind == Kind::BoundMethod && as<BoundMethodObject>(v).func->kind == Kind::Function) {
    *skip = 1;
    return std::static_pointer_cast<FunctionObject>(as<BoundMethodObject>(v).func);
  }
  return nullptr;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The globals of the local modules the VM loaded from the analysed tree, by file path.
std::vector<std::pair<std::string, DictPtr>> localModules(VM& vm) {
  std::vector<std::pair<std::string, DictPtr>> out;
  for (const auto& [file, text] : vm.sources) {
    (void)text;
    if (!endsWith(file, ".py")) continue;
    for (const std::string& root : vm.module_roots) {
      std::string prefix = root + "/";
      if (file.rfind(prefix, 0) != 0) continue;
      std::string rel = file.substr(prefix.size(), file.size() - prefix.size() - 3);
      if (rel == "__init__") continue;
      if (endsWith(rel, "/__init__")) rel.resize(rel.size() - 9);
      std::replace(rel.begin(), rel.end(), '/', '.');
      Value m = vm.findModule(rel);
      if (!m || m->kind != Kind::Module) continue;
      Value f = as<ModuleObject>(m).dict->getStr("__file__");
      if (!f || f->kind != Kind::Str || asStr(f) != file) continue;
      out.emplace_back(file, as<ModuleObject>(m).dict);
      break;
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::string describeArgs(const FunctionObject& fn, int skip, const CallArgs& args) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  size_t positional = args.args.size();
  for (size_t i = 0; i < positional; ++i) {
    size_t slot = i + static_cast<size_t>(skip);
    std::string name = slot < fn.code->varnames.size() ? fn.code->varnames[slot] : "?";
    add(name + "=torch.randn(2, 3)");
  }
  for (const auto& [k, v] : args.kwargs) {
    std::string shown = v->kind == Kind::Tensor ? "torch.randn(2, 3)"
                        : v->kind == Kind::Bool ? (asInt(v) ? "True" : "False")
                                                : "...";
    add(k + "=" + shown);
  }
  return out;
}

/// Parameters without a default, after the first `skip` ones.
std::vector<std::string> requiredParams(const FunctionObject& fn, int skip) {
  std::vector<std::string> out;
  const CodeObject& code = *fn.code;
  int required = code.argcount - static_cast<int>(fn.defaults.size());
  for (int i = skip; i < required; ++i) out.push_back(code.varnames[static_cast<size_t>(i)]);
  for (int j = code.argcount; j < code.argcount + code.kwonlyargcount; ++j) {
    const std::string& name = code.varnames[static_cast<size_t>(j)];
    if (!fn.kwdefaults || !fn.kwdefaults->getStr(name)) out.push_back(name);
  }
  return out;
}

class Finder {
 public:
  Finder(VM& vm, std::set<std::string> files) : vm_(vm), files_(std::move(files)) {}

  void scan(const DictPtr& globals) {
    // instances first: existing instances are preferred over constructing new ones
    globals->forEach([&](const Value&, const Value& v) {
      if (v->kind != Kind::Instance) return;
      auto& inst = as<InstanceObject>(v);
      if (inst.dict->getStr("_orig_mod")) return;
      if (!instances_.count(inst.cls.get())) instances_[inst.cls.get()] = v;
    });
    globals->forEach([&](const Value& k, const Value& v) {
      std::string name = k->kind == Kind::Str ? asStr(k) : "?";
      if (isCompileWrapper(v))
        addFunction(name, v);
      else if (v->kind == Kind::Class)
        addClass(std::static_pointer_cast<ClassObject>(v));
      else if (v->kind == Kind::Instance)
        addInstance(name, v);
    });
  }

  std::vector<CompiledTarget> targets;

 private:
  bool local(const FunctionObject& fn) const { return files_.count(fn.code->filename) != 0; }

  void add(CompiledTarget t) {
    if (!seen_.insert(t.dedup_key).second) return;
    targets.push_back(std::move(t));
  }

  void addFunction(const std::string& name, const Value& wrapper) {
    CompiledTarget t;
    t.fn = pythonFunction(origCallable(wrapper), &t.skip);
    if (!t.fn || !local(*t.fn)) return;
    t.kind = CompiledTarget::Kind::Function;
    t.name = t.fn->qualname.empty() ? name : t.fn->qualname;
    t.wrapper = wrapper;
    t.code_key = t.fn->code.get();
    t.dedup_key = t.code_key;
    add(std::move(t));
  }

  void addClass(const ClassPtr& cls) {
    if (!cls->dict) return;
    cls->dict->forEach([&](const Value& k, const Value& v) {
      if (!isCompileWrapper(v) || k->kind != Kind::Str) return;
      Value orig = origCallable(v);
      if (!orig || orig->kind != Kind::Function) return;
      CompiledTarget t;
      t.fn = std::static_pointer_cast<FunctionObject>(orig);
      if (!local(*t.fn)) return;
      t.kind = CompiledTarget::Kind::Method;
      t.skip = 1;
      t.name = cls->name + "." + asStr(k);
      t.wrapper = v;
      t.cls = cls;
      t.method = asStr(k);
      auto it = instances_.find(cls.get());
      if (it != instances_.end()) t.instance = it->second;
      t.code_key = t.fn->code.get();
      t.dedup_key = t.code_key;
      add(std::move(t));
    });
  }

  void addInstance(const std::string& name, const Value& v) {
    auto& inst = as<InstanceObject>(v);
    CompiledTarget t;
    t.kind = CompiledTarget::Kind::Module;
    t.name = name;
    t.instance = v;
    t.dedup_key = v.get();
    if (Value fwd = inst.dict->getStr("forward"), orig = inst.dict->getStr("_orig_mod");
        orig && isCompileWrapper(fwd)) {
      // torch.compile(module): the wrapper compiles the module's __call__, whose forward is the
      // first frame compiled
      if (orig->kind == Kind::Instance) addModule(std::move(t), fwd, as<InstanceObject>(orig).cls);
    } else if (Value impl = inst.dict->getStr("_compiled_call_impl"); isCompileWrapper(impl)) {
      // module.compile(): the wrapper compiles Module._call_impl
      int skip = 0;
      if (auto call_impl = pythonFunction(origCallable(impl), &skip))
        addModule(std::move(t), impl, inst.cls, call_impl->code.get());
    }
  }

  /// A compiled module called through `wrapper`: its class's forward gives the signature (self
  /// skipped); `code_key` is the code of the frame the wrapper compiles (null: forward's).
  void addModule(CompiledTarget t, const Value& wrapper, const ClassPtr& cls,
                 const void* code_key = nullptr) {
    Value forward = cls->lookup("forward");
    if (!forward || forward->kind != Kind::Function) return;
    t.wrapper = wrapper;
    t.fn = std::static_pointer_cast<FunctionObject>(forward);
    if (!local(*t.fn)) return;
    t.skip = 1;
    t.code_key = code_key ? code_key : t.fn->code.get();
    add(std::move(t));
  }

  VM& vm_;
  std::set<std::string> files_;
  std::set<const void*> seen_;
  std::map<const ClassObject*, Value> instances_;
};

Value syntheticTensor(VM& vm) {
  Value torch = vm.findModule("torch");
  Value randn = torch ? as<ModuleObject>(torch).dict->getStr("randn") : nullptr;
  if (!randn) return none();
  return vm.call(randn, std::vector<Value>{pyInt(2), pyInt(3)});
}

/// The calls that explore a target: the defaults first, then one per bool / None default.
std::vector<CallArgs> synthesizeCalls(VM& vm, const FunctionObject& fn, int skip) {
  const CodeObject& code = *fn.code;
  std::vector<CallArgs> calls(1);
  int ndefaults = static_cast<int>(fn.defaults.size());
  int required = code.argcount - ndefaults;
  for (int i = skip; i < required; ++i) calls[0].args.push_back(syntheticTensor(vm));
  std::vector<std::pair<std::string, Value>> defaults;  // (name, default) the variants flip
  for (int i = std::max(required, skip); i < code.argcount; ++i)
    if (i >= code.posonlyargcount)
      defaults.emplace_back(code.varnames[static_cast<size_t>(i)],
                            fn.defaults[static_cast<size_t>(i - required)]);
  for (int j = code.argcount; j < code.argcount + code.kwonlyargcount; ++j) {
    const std::string& name = code.varnames[static_cast<size_t>(j)];
    Value d = fn.kwdefaults ? fn.kwdefaults->getStr(name) : nullptr;
    if (d)
      defaults.emplace_back(name, d);
    else
      calls[0].kwargs.emplace_back(name, syntheticTensor(vm));
  }
  for (const auto& [name, d] : defaults) {
    if (calls.size() > kMaxVariants) break;
    Value other;
    if (d->kind == Kind::Bool)
      other = pyBool(!asInt(d));
    else if (isNone(d))
      other = syntheticTensor(vm);
    if (!other) continue;
    CallArgs variant = calls[0];
    variant.kwargs.emplace_back(name, other);
    calls.push_back(std::move(variant));
  }
  return calls;
}

std::string breakKey(const report::GraphBreak& b) {
  return (b.messages.empty() ? std::string() : b.messages.back().gb_type) + "\n" + b.location.file +
         ":" + std::to_string(b.location.line);
}

std::string errorKey(const report::UnsupportedError& e) {
  std::string key = e.messages.empty() ? std::string() : e.messages.back().gb_type;
  if (!e.user_stack.empty())
    key += "\n" + e.user_stack.back().file + ":" + std::to_string(e.user_stack.back().line);
  return key;
}

class StaticRunner {
 public:
  StaticRunner(VM& vm, report::FileReport& report) : vm_(vm), report_(report) {}

  void analyse(const CompiledTarget& t) {
    const CodeObject& code = *t.fn->code;
    Value callee = t.kind == CompiledTarget::Kind::Method   ? t.instance
                   : t.kind == CompiledTarget::Kind::Module ? t.instance
                                                            : t.wrapper;
    if (t.kind == CompiledTarget::Kind::Method && !callee) {
      callee = construct(t);
      if (!callee) return;
    }
    if (t.kind == CompiledTarget::Kind::Method &&
        !(t.method == "forward" && isNnModule(vm_, callee))) {
      Value bound = attempt(t, [&] { return vm_.getAttr(callee, t.method); });
      if (!bound) return;
      callee = bound;
    }
    std::vector<CallArgs> calls;
    if (!attempt(t, [&] {
          calls = synthesizeCalls(vm_, *t.fn, t.skip);
          return none();
        }))
      return;
    note(code.filename, code.def_line ? code.def_line : code.firstlineno,
         "static mode: " + t.name +
             " is compiled but never called; analysed with symbolic inputs (" +
             describeArgs(*t.fn, t.skip, calls[0]) + ")" +
             (calls.size() > 1
                  ? " and " + std::to_string(calls.size() - 1) + " variant(s) of its defaults"
                  : ""));
    for (size_t i = 0; i < calls.size(); ++i) run(t, callee, calls[i], i > 0);
  }

 private:
  /// An instance of t.cls, when its __init__ needs no arguments.
  Value construct(const CompiledTarget& t) {
    const CodeObject& code = *t.fn->code;
    Value init = t.cls->lookup("__init__");
    if (init && init->kind == Kind::Function) {
      std::vector<std::string> req = requiredParams(as<FunctionObject>(init), 1);
      if (!req.empty()) {
        std::string names;
        for (const std::string& n : req) names += (names.empty() ? "" : ", ") + n;
        note(code.filename, code.def_line ? code.def_line : code.firstlineno,
             "static mode: " + t.name + " is compiled but never called; not analysed: " +
                 t.cls->name + "() needs arguments (" + names + ")");
        return nullptr;
      }
    }
    return attempt(t, [&] { return vm_.call(t.cls, std::vector<Value>{}); });
  }

  /// Runs `body`, turning an exception into a note; null when it raised.
  template <typename F>
  Value attempt(const CompiledTarget& t, F&& body) {
    try {
      return body();
    } catch (PyRaise& e) {
      stopped(t, e.exc);
    } catch (GbcUnsupported& u) {
      note(u.file.empty() ? t.fn->code->filename : u.file, u.line,
           "static mode: gbc cannot model " + u.what + "; the static call of " + t.name +
               " stopped here");
    } catch (GraphBreakSignal&) {
      note(t.fn->code->filename, t.fn->code->firstlineno,
           "static mode: the static call of " + t.name + " stopped (internal graph break)");
    } catch (std::exception& e) {
      note(t.fn->code->filename, t.fn->code->firstlineno,
           "static mode: the static call of " + t.name + " stopped: " + e.what());
    } catch (...) {
      // gbc's own limits (instruction budget, ...): a static call never fails the analysis
      note(t.fn->code->filename, t.fn->code->firstlineno,
           "static mode: the static call of " + t.name + " stopped (a gbc limit)");
    }
    return nullptr;
  }

  void run(const CompiledTarget& t, const Value& callee, const CallArgs& call, bool variant) {
    size_t before = report_.graph_breaks.size();
    attempt(t, [&] {
      CallArgs a = call;
      return vm_.call(callee, a);
    });
    // mark what this call added; variants keep only findings the calls before did not have
    std::vector<report::GraphBreak> added(
        std::make_move_iterator(report_.graph_breaks.begin() + static_cast<long>(before)),
        std::make_move_iterator(report_.graph_breaks.end()));
    report_.graph_breaks.resize(before);
    for (report::GraphBreak& b : added) {
      bool fresh = seen_breaks_.insert(breakKey(b)).second;
      if (variant && (!fresh || b.duplicate)) continue;
      b.may = true;
      report_.graph_breaks.push_back(std::move(b));
    }
  }

  void stopped(const CompiledTarget& t, const Value& exc) {
    Dynamo& dyn = vm_.dynamo();
    if (exc && exc->kind == Kind::Instance && dyn.unsupported_class &&
        vm_.isInstance(exc, dyn.unsupported_class.get()) && as<InstanceObject>(exc).payload) {
      // torch._dynamo.exc.Unsupported: the finding itself, shown as if the call were uncaught
      auto err =
          std::static_pointer_cast<report::UnsupportedError>(as<InstanceObject>(exc).payload);
      err->may = true;
      if (seen_errors_.insert(errorKey(*err)).second) dyn.noteUncaught(exc);
      return;
    }
    std::string what = "exception";
    std::string file = t.fn->code->filename;
    uint32_t line = t.fn->code->firstlineno;
    if (exc && exc->kind == Kind::Instance) {
      auto& inst = as<InstanceObject>(exc);
      what = inst.cls->name;
      try {
        std::string msg = vm_.str(exc);
        if (!msg.empty()) what += ": " + msg;
      } catch (...) {
      }
      if (!inst.traceback.empty()) {
        file = inst.traceback.front().file;
        line = inst.traceback.front().pos.line;
      }
    }
    std::string text = "static mode: the static call of " + t.name + " stopped with " + what +
                       " at " + file + ":" + std::to_string(line);
    if (seen_notes_.insert(text).second) note(file, line, text);
  }

  void note(const std::string& file, uint32_t line, std::string message) {
    report_.diagnostics.push_back({report::Severity::Note, file, line, 0, std::move(message)});
  }

  VM& vm_;
  report::FileReport& report_;
  std::set<std::string> seen_breaks_, seen_errors_, seen_notes_;
};

/// The code a compiled call may have run without Dynamo being offered its frame: functions and
/// compiled callables inlined into a traced frame. Starting from every function whose code Dynamo
/// was offered, follows the global names its code (and its nested code) loads, and for a global
/// module the attribute names the code uses — a conservative over-approximation of "was called".
class Reach {
 public:
  explicit Reach(VM& vm) : vm_(vm) {}

  /// Seeds from `v` if it is (or holds) a function whose code was offered.
  void seed(const Value& v) {
    if (!v) return;
    if (isCompileWrapper(v)) return seed(origCallable(v));
    if (v->kind == Kind::BoundMethod) return seed(as<BoundMethodObject>(v).func);
    if (v->kind == Kind::Function) {
      auto& fn = as<FunctionObject>(v);
      if (vm_.dynamo().wasOffered(fn.code.get())) visit(v);
    } else if (v->kind == Kind::Class && as<ClassObject>(v).dict) {
      as<ClassObject>(v).dict->forEach([&](const Value&, const Value& x) { seed(x); });
    } else if (v->kind == Kind::Instance && seeded_.insert(v.get()).second) {
      seed(as<InstanceObject>(v).cls);
      as<InstanceObject>(v).dict->forEach([&](const Value&, const Value& x) { seed(x); });
    }
  }

  bool reached(const void* code) const { return codes_.count(code) != 0; }

 private:
  void visit(const Value& v) {
    if (!v || !visited_.insert(v.get()).second) return;
    switch (v->kind) {
      case Kind::Builtin:
        if (isCompileWrapper(v)) visit(origCallable(v));
        break;
      case Kind::Function: {
        auto& fn = as<FunctionObject>(v);
        if (fn.globals) reachCode(*fn.code, fn.globals);
        for (const auto& cell : fn.closure)
          if (cell && cell->v) visit(cell->v);
        break;
      }
      case Kind::BoundMethod:
        visit(as<BoundMethodObject>(v).self);
        visit(as<BoundMethodObject>(v).func);
        break;
      case Kind::StaticMethod:
        visit(as<StaticMethodObject>(v).func);
        break;
      case Kind::ClassMethod:
        visit(as<ClassMethodObject>(v).func);
        break;
      case Kind::Property:
        visit(as<PropertyObject>(v).fget);
        visit(as<PropertyObject>(v).fset);
        break;
      case Kind::Class: {
        auto& cls = as<ClassObject>(v);
        for (const ClassPtr& c : cls.mro)
          if (c && c.get() != &cls) visit(c);
        if (cls.dict) cls.dict->forEach([&](const Value&, const Value& x) { visit(x); });
        break;
      }
      case Kind::Instance: {
        auto& inst = as<InstanceObject>(v);
        visit(inst.cls);
        inst.dict->forEach([&](const Value&, const Value& x) { visit(x); });
        break;
      }
      case Kind::List:
        for (const Value& x : as<ListObject>(v).items) visit(x);
        break;
      case Kind::Tuple:
        for (const Value& x : as<TupleObject>(v).items) visit(x);
        break;
      case Kind::Dict:
        as<DictObject>(v).forEach([&](const Value&, const Value& x) { visit(x); });
        break;
      default:
        break;
    }
  }

  void names(const CodeObject& code, std::vector<const std::string*>& out) {
    for (const std::string& n : code.names) out.push_back(&n);
    for (const Constant& c : code.consts)
      if (c.kind == Constant::Kind::Code && c.code) names(*c.code, out);
  }

  void reachCode(const CodeObject& code, const DictPtr& globals) {
    codes_.insert(&code);
    std::vector<const std::string*> used;
    names(code, used);
    for (const std::string* n : used) {
      Value v = globals->getStr(*n);
      if (!v) continue;
      if (v->kind == Kind::Module) {
        // `layers.fn(x)`: the attribute names the code uses
        for (const std::string* a : used)
          if (Value x = as<ModuleObject>(v).dict->getStr(*a); x && x->kind != Kind::Module)
            visit(x);
        continue;
      }
      visit(v);
    }
  }

  VM& vm_;
  std::set<const void*> visited_, codes_, seeded_;
};

}  // namespace

std::vector<CompiledTarget> findCompiledTargets(VM& vm, const DictPtr& main_globals) {
  std::set<std::string> files;
  Value main_file = main_globals->getStr("__file__");
  if (main_file && main_file->kind == Kind::Str) files.insert(asStr(main_file));
  auto modules = localModules(vm);
  for (const auto& [file, dict] : modules) files.insert(file);
  Finder finder(vm, std::move(files));
  finder.scan(main_globals);
  for (const auto& [file, dict] : modules)
    if (dict != main_globals) finder.scan(dict);
  return std::move(finder.targets);
}

int runStaticMode(VM& vm, const DictPtr& main_globals, report::FileReport& report) {
  // decided before any static call: a static call offers the code it analyses
  std::vector<CompiledTarget> all = findCompiledTargets(vm, main_globals);
  Reach reach(vm);
  std::vector<DictPtr> scopes{main_globals};
  for (const auto& [file, dict] : localModules(vm)) scopes.push_back(dict);
  for (const DictPtr& d : scopes) d->forEach([&](const Value&, const Value& v) { reach.seed(v); });
  for (const CompiledTarget& t : all) reach.seed(t.instance ? t.instance : t.wrapper);
  std::vector<CompiledTarget> todo;
  for (CompiledTarget& t : all)
    if (!vm.dynamo().wasOffered(t.code_key) && !reach.reached(t.fn->code.get()))
      todo.push_back(std::move(t));
  if (todo.empty()) return 0;
  auto saved_out = std::move(vm.out);
  vm.out = nullptr;  // the program's output is discarded
  size_t graphs_before = report.graphs.size();
  StaticRunner runner(vm, report);
  for (const CompiledTarget& t : todo) runner.analyse(t);
  // graphs of hypothetical calls are not reported
  report.graphs.erase(report.graphs.begin() + static_cast<long>(graphs_before),
                      report.graphs.end());
  vm.out = std::move(saved_out);
  return static_cast<int>(todo.size());
}

}  // namespace gbc::interp
