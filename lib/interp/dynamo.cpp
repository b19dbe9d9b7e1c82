// The Dynamo simulation (frames, breaks, scopes); the rules are those of
// ../shared/spec/dynamo-walkthrough.md, cited as R<n>.
#include "interp/dynamo.h"

#include "native/bigint.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "interp/autograd.h"
#include "interp/causes.h"
#include "interp/torch_model.h"
#include "interp/trace_rules.h"
#include "report/text.h"
#include "runtime/ops.h"

namespace gbc::interp {

static bool symGuardHolds(const SymGuard& g, int64_t v);

/// An entry's guard against a call's key: "*" is unguarded; in tensor keys "s" is a dynamic dim.
static bool guardMatches(const std::string& entry, const std::string& actual) {
  if (entry == "*" || entry == actual) return true;
  if (entry.empty() || entry[0] != 'T' || actual.empty() || actual[0] != 'T') return false;
  size_t eb = entry.find('['), ab = actual.find('[');
  if (eb == std::string::npos || ab == std::string::npos ||
      entry.substr(0, eb) != actual.substr(0, ab))
    return false;
  std::vector<std::string> ed, ad;
  auto split = [](const std::string& s, size_t from, std::vector<std::string>& out) {
    std::string cur;
    for (size_t i = from + 1; i < s.size() && s[i] != ']'; ++i) {
      if (s[i] == ',') {
        out.push_back(cur);
        cur.clear();
      } else {
        cur += s[i];
      }
    }
  };
  split(entry, eb, ed);
  split(actual, ab, ad);
  if (ed.size() != ad.size()) return false;
  for (size_t i = 0; i < ed.size(); ++i)
    if (ed[i] != "s" && ed[i] != ad[i]) return false;
  return true;
}

report::FrameSummary summarize(const Frame& f) {
  report::FrameSummary s;
  s.file = f.code->filename;
  const syntax::Span& p = f.curPos();
  s.line = p.line;
  s.function = f.name;
  s.has_columns = p.line != 0;
  s.col = p.col;
  s.end_line = p.end_line;
  s.end_col = p.end_col;
  return s;
}

void Dynamo::setEgb(bool v) {
  if (tracing(vm_)) {
    bool old = egb;
    journal(vm_, [this, old] { egb = old; });
  }
  egb = v;
}

// ---------------------------------------------------------------------------------------------
// journal

void Dynamo::journal(VM& vm, std::function<void()> undo) {
  Frame* t = vm.top();
  if (!t || !t->trace) return;
  t->trace->undo.push_back(std::move(undo));
}

void Dynamo::journalCell(VM& vm, const std::shared_ptr<CellObject>& cell) {
  if (!tracing(vm)) return;
  Value old = cell->v;
  journal(vm, [cell, old] { cell->v = old; });
}

void Dynamo::journalDict(VM& vm, const DictPtr& d, const std::string& key) {
  if (!tracing(vm)) return;
  Value k = pyStr(key);
  Value old = d->get(k);
  journal(vm, [d, k, old] {
    if (old)
      d->set(k, old);
    else
      d->erase(k);
  });
}

void Dynamo::journalDictKey(VM& vm, const DictPtr& d, const Value& key) {
  if (!tracing(vm)) return;
  Value old = d->get(key);
  journal(vm, [d, key, old] {
    if (old)
      d->set(key, old);
    else
      d->erase(key);
  });
}

void Dynamo::journalList(VM& vm, const Value& list) {
  if (!tracing(vm) || list->kind != Kind::List) return;
  auto items = as<ListObject>(list).items;
  journal(vm, [list, items] { as<ListObject>(list).items = items; });
}

void Dynamo::journalTensor(VM& vm, const Value& tensor) {
  if (!tracing(vm)) return;
  auto& t = as<TensorObject>(tensor);
  runtime::Tensor saved = t.t.clone();
  runtime::Tensor target = t.t;
  journal(vm, [saved, target] { (void)runtime::copy_(target, saved); });
}

// ---------------------------------------------------------------------------------------------
// graph recording

/// FX's node naming (torch/fx/graph.py, _Namespace.create_name): the target name, made unique
/// with _1, _2, ...; names of Python builtins and keywords always get a suffix.
static std::string fxName(TraceState& st, std::string candidate) {
  static const std::set<std::string> kBuiltins = {
      "sum",    "max",   "min",  "abs",  "pow",   "all",    "any",     "round",  "len",
      "float",  "int",   "bool", "list", "tuple", "dict",   "set",     "map",    "filter",
      "zip",    "range", "type", "id",   "input", "iter",   "next",    "divmod", "hash",
      "format", "print", "repr", "str",  "slice", "sorted", "reversed"};
  for (char& c : candidate)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  int& count = st.fx_names[candidate];
  bool illegal = kBuiltins.count(candidate) != 0;
  if (count == 0 && !illegal) {
    count = 1;
    return candidate;
  }
  if (count == 0) count = 1;
  std::string name = candidate + "_" + std::to_string(count++);
  st.fx_names[name] = 1;
  return name;
}

static std::string nodeSource(VM& vm, Frame& t) {
  const syntax::Span& p = t.curPos();
  std::string out =
      "File \"" + t.code->filename + "\", line " + std::to_string(p.line) + ", in " + t.name;
  auto it = vm.sources.find(t.code->filename);
  if (it == vm.sources.end() || p.line == 0) return out;
  const std::string& text = *it->second;
  size_t pos = 0;
  for (uint32_t l = 1; l < p.line && pos != std::string::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string::npos) ++pos;
  }
  if (pos == std::string::npos) return out;
  size_t end = text.find('\n', pos);
  std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
  size_t b = line.find_first_not_of(" \t");
  size_t e = line.find_last_not_of(" \t\r");
  if (b == std::string::npos) return out;
  return out + ", code: " + line.substr(b, e - b + 1);
}

void Dynamo::recordOp(VM& vm, const std::string& target, graph::NodeOp op,
                      const std::vector<Value>& inputs, const std::vector<Value>& outputs) {
  Frame* t = vm.top();
  if (!t || !t->trace) return;
  TraceState& st = *t->trace;
  graph::Node n;
  n.op = op;
  n.target = target;
  n.line = t->curPos().line;
  n.source = nodeSource(vm, *t);
  for (const Value& in : inputs) {
    if (!in) continue;
    bool sym = (in->kind == Kind::Int && as<IntObject>(in).symbolic()) ||
               (in->kind == Kind::Bool && st.symbools.count(in.get()));
    if (in->kind != Kind::Tensor && !sym) {
      n.args.push_back(vm.repr(in));
      continue;
    }
    int64_t uid = sym ? -static_cast<int64_t>(reinterpret_cast<uintptr_t>(in.get()))
                      : as<TensorObject>(in).uid;
    auto it = st.node_of.find(uid);
    if (it == st.node_of.end()) {
      graph::Node ph;
      ph.op = graph::NodeOp::Placeholder;
      ph.target = "input";
      std::string local = "x";
      Frame* root = st.root;
      for (size_t i = 0; i < root->fast.size() && i < root->code->varnames.size(); ++i)
        if (root->fast[i].get() == in.get()) {
          local = root->code->varnames[i];
          break;
        }
      ph.name = fxName(st, "l_" + local + "_");
      ph.target = "L_" + local + "_";
      st.graph.nodes.push_back(ph);
      it = st.node_of.emplace(uid, static_cast<int>(st.graph.nodes.size() - 1)).first;
    }
    n.inputs.push_back(it->second);
    n.args.push_back(st.graph.nodes[static_cast<size_t>(it->second)].name);
  }
  n.name = fxName(st, target);
  st.graph.nodes.push_back(std::move(n));
  int idx = static_cast<int>(st.graph.nodes.size() - 1);
  if (target == "getitem" && op == graph::NodeOp::CallFunction && outputs.size() == 1 &&
      outputs[0] && outputs[0]->kind == Kind::Tensor)
    st.getitem_out[idx] = outputs[0];
  bool symbolic_only = !outputs.empty() && op == graph::NodeOp::CallFunction;
  for (const Value& out : outputs)
    symbolic_only = symbolic_only && out &&
                    ((out->kind == Kind::Int && as<IntObject>(out).symbolic()) ||
                     (out->kind == Kind::Bool && st.symbools.count(out.get())));
  if (symbolic_only) {
    const graph::Node& made = st.graph.nodes.back();
    for (int in : made.inputs)
      if (in >= 0 && st.graph.nodes[static_cast<size_t>(in)].op != graph::NodeOp::Placeholder &&
          !st.sym_compute.count(in))
        symbolic_only = false;  // computed from a tensor (an item, a size): kept
    if (symbolic_only) st.sym_compute[idx] = outputs[0];
  }
  for (const Value& out : outputs) {
    if (out && out->kind == Kind::Tensor) st.node_of[as<TensorObject>(out).uid] = idx;
    if (out && ((out->kind == Kind::Int && as<IntObject>(out).symbolic()) ||
                (out->kind == Kind::Bool && st.symbools.count(out.get()))))
      st.node_of[-static_cast<int64_t>(reinterpret_cast<uintptr_t>(out.get()))] = idx;
  }
}

void Dynamo::onStoreFast(Frame& f, const std::string& local, const Value& v) {
  TraceState& st = *f.trace;
  auto it = st.node_of.find(as<TensorObject>(v).uid);
  if (it == st.node_of.end() || !st.name_hinted.insert(it->second).second) return;
  graph::Node& node = st.graph.nodes[static_cast<size_t>(it->second)];
  if (node.op == graph::NodeOp::Placeholder || node.name == local) return;
  node.name = fxName(st, local);
}

// Whether the first `upto` nodes hold more than `k` ops (nodes other than placeholders). Stops
// at the (k+1)-th op: it runs before every traced instruction, so a full count there made
// tracing quadratic in the graph's size.
static bool moreOpsThan(const graph::Graph& g, size_t upto, size_t k) {
  size_t n = 0;
  for (size_t i = 0; i < upto && i < g.nodes.size(); ++i)
    if (g.nodes[i].op != graph::NodeOp::Placeholder && ++n > k) return true;
  return false;
}

void Dynamo::emitGraph(Frame& f, TraceState& st, size_t nodes, bool force_empty) {
  if (st.silent || !sink) return;
  if (st.config && st.config->has_backend) return;
  if (!moreOpsThan(st.graph, nodes, 0) && !force_empty) return;
  graph::Graph g;
  g.frame = f.name;
  g.frame_file = f.code->filename;
  g.frame_id = st.frame_id;
  int inputs = 0;
  const size_t end = std::min(nodes, st.graph.nodes.size());
  std::vector<bool> read(end, false);
  for (size_t i = 0; i < end; ++i)
    for (int in : st.graph.nodes[i].inputs)
      if (in >= 0 && static_cast<size_t>(in) < end) read[static_cast<size_t>(in)] = true;
  // remove_unused_graphargs, from the last node back: a symbolic computation nothing kept uses
  // goes, and with it the uses it made of earlier ones
  std::vector<bool> keep(end, true);
  std::vector<int> users(end, 0);
  for (size_t i = 0; i < end; ++i)
    for (int in : st.graph.nodes[i].inputs)
      if (in >= 0 && static_cast<size_t>(in) < end) ++users[static_cast<size_t>(in)];
  for (size_t i = end; i-- > 0;) {
    auto sc = st.sym_compute.find(static_cast<int>(i));
    if (sc == st.sym_compute.end() || users[i] > 0 || !sc->second.expired()) continue;
    keep[i] = false;
    for (int in : st.graph.nodes[i].inputs)
      if (in >= 0 && static_cast<size_t>(in) < end) --users[static_cast<size_t>(in)];
  }
  for (size_t i = 0; i < end; ++i) {
    if (st.graph.nodes[i].op == graph::NodeOp::Placeholder) {
      ++inputs;
      continue;
    }
    if (!keep[i]) continue;
    auto gi = st.getitem_out.find(static_cast<int>(i));
    if (gi != st.getitem_out.end() && !read[i] && gi->second.expired()) continue;
    g.nodes.push_back(st.graph.nodes[i]);
  }
  g.inputs = inputs;
  g.outputs = 1;
  sink->graphs.push_back(std::move(g));
}

// ---------------------------------------------------------------------------------------------
// frames

/// Whether an nn.Module has forward or forward-pre hooks (the hook dicts of its __dict__).
static bool hasForwardHooks(const Value& module) {
  const DictPtr& d = as<InstanceObject>(module).dict;
  if (!d) return false;
  for (const char* name : {"_forward_hooks", "_forward_pre_hooks"}) {
    Value h = d->getStr(name);
    if (h && h->kind == Kind::Dict && as<DictObject>(h).size() > 0) return true;
  }
  return false;
}

/// trace_rules.check_verbose: the eval-frame callback compiles the `forward` of a torch.nn (or
/// torch.ao) module that has hooks, though torch's files are skipped, so that a break in a hook
/// (which skips the whole _call_impl frame) still leaves the module's ops a graph of their own.
static bool isHookedTorchForward(VM& vm, const Frame& f) {
  if (f.code->name != "forward" || f.fast.empty() || !f.fast[0]) return false;
  const Value& self = f.fast[0];
  if (self->kind != Kind::Instance || !isNnModule(vm, self)) return false;
  const std::string& mod = as<InstanceObject>(self).cls->module;
  if (mod.rfind("torch.nn.", 0) != 0 && mod.rfind("torch.ao.", 0) != 0) return false;
  return hasForwardHooks(self);
}

bool Dynamo::hasTensorObjects(VM& vm, Frame& f) {
  std::function<bool(const Value&, int)> has = [&](const Value& v, int depth) -> bool {
    if (!v || depth > 3) return false;
    switch (v->kind) {
      case Kind::Tensor:
        return true;
      case Kind::Instance:
        return isNnModule(vm, v);
      case Kind::List:
        for (auto& x : as<ListObject>(v).items)
          if (has(x, depth + 1)) return true;
        return false;
      case Kind::Tuple:
        for (auto& x : as<TupleObject>(v).items)
          if (has(x, depth + 1)) return true;
        return false;
      case Kind::Dict: {
        bool found = false;
        as<DictObject>(v).forEach(
            [&](const Value&, const Value& x) { found = found || has(x, depth + 1); });
        return found;
      }
      default:
        return false;
    }
  };
  for (const Value& v : f.fast)
    if (has(v, 0)) return true;
  for (const Value& v : f.stack)
    if (has(v, 0)) return true;
  for (auto& c : f.cells)
    if (has(c->v, 0)) return true;
  for (const std::string& n : f.code->names) {
    Value g = f.globals->getStr(n);
    if (!g) continue;
    if (g->kind == Kind::Module &&
        (as<ModuleObject>(g).name == "torch" || as<ModuleObject>(g).name.rfind("torch.", 0) == 0 ||
         as<ModuleObject>(g).name == "numpy"))
      return true;
    if (isTorchObject(vm, g)) return true;
  }
  return false;
}

/// The parts of an nn.Module (and its submodules) that guards of an inlined module check.
static std::string moduleSignature(VM& vm, const Value& m) {
  std::string k = "{";
  std::set<const Object*> seen;
  std::function<void(const Value&, int)> walk = [&](const Value& v, int depth) {
    if (depth > 64 || !seen.insert(v.get()).second) return;
    const DictPtr& d = as<InstanceObject>(v).dict;
    if (!d) return;
    d->forEach([&](const Value& key, const Value& val) {
      if (!val || key->kind != Kind::Str) return;
      const std::string& name = asStr(key);
      if (val->kind == Kind::Tensor) {
        const auto& t = as<TensorObject>(val).t;
        k += name + ":" + std::string(runtime::dtypeName(t.dtype())) + "[";
        for (int64_t s : t.sizes()) k += std::to_string(s) + ",";
        k += "];";
      } else if (val->kind == Kind::Instance && isNnModule(vm, val)) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%p",
                      static_cast<const void*>(as<InstanceObject>(val).cls.get()));
        k += name + "=" + buf + "(";
        walk(val, depth + 1);
        k += ");";
      } else if (name == "training" && val->kind == Kind::Bool) {
        k += as<BoolObject>(val).v ? "T;" : "E;";
      } else if ((name == "_forward_hooks" || name == "_forward_pre_hooks") &&
                 val->kind == Kind::Dict) {
        // the hook dicts' keys (a hook added or removed recompiles)
        k += name + "{";
        as<DictObject>(val).forEach([&](const Value& hk, const Value&) { k += vm.repr(hk) + ","; });
        k += "};";
      }
    });
  };
  walk(m, 0);
  return k + "}";
}

std::string Dynamo::guardKey(VM& vm, const Value& v, const std::string& name, const CodeState& cs) {
  const CompileConfig* cfg = currentConfig();
  bool dyn = cs.dynamic_inputs.count(name) != 0 || (cfg && cfg->dynamic.value_or(false));
  switch (v->kind) {
    case Kind::Tensor: {
      auto& to = as<TensorObject>(v);
      auto& t = to.t;
      std::string k = "T" + std::string(runtime::dtypeName(t.dtype())) + "[";
      if (dyn) {  // sizes 0 and 1 stay specialized (the 0/1 specialization of symbolic sizes)
        for (int64_t d : t.sizes()) k += d == 0 || d == 1 ? std::to_string(d) + "," : "s,";
        return k + "dyn]";
      }
      // torch._dynamo.mark_dynamic(t, dims): those dims are symbolic from the first compile
      std::vector<int64_t> marked;
      if (to.attrs)
        if (Value m = to.attrs->getStr("_gbc_mark_dynamic"))
          for (const Value& d : vm.toVector(m)) marked.push_back(asInt(d));
      for (size_t i = 0; i < t.sizes().size(); ++i) {
        bool sym = std::find(marked.begin(), marked.end(), static_cast<int64_t>(i)) != marked.end();
        k += sym ? std::string("s,") : std::to_string(t.sizes()[i]) + ",";
      }
      return k + "]";
    }
    case Kind::Int:
      if (dyn) return "I*";
      return "I" + (isBigInt(v) ? as<IntObject>(v).big->toString() : std::to_string(asInt(v)));
    case Kind::Bool:
      return std::string("B") + (as<BoolObject>(v).v ? "1" : "0");
    case Kind::Float:
      return "F" + vm.repr(v);
    case Kind::Str:
      return "S" + asStr(v);
    case Kind::None:
      return "N";
    case Kind::Tuple:
    case Kind::List: {
      std::string k = v->kind == Kind::Tuple ? "(" : "[";
      const auto& items =
          v->kind == Kind::Tuple ? as<TupleObject>(v).items : as<ListObject>(v).items;
      for (size_t i = 0; i < items.size(); ++i)
        k += guardKey(vm, items[i], name + "." + std::to_string(i), cs) + ",";
      return k + ")";
    }
    case Kind::Dict: {
      std::string k = "{";
      as<DictObject>(v).forEach([&](const Value& key, const Value& val) {
        k += vm.repr(key) + ":" + guardKey(vm, val, name + "." + vm.repr(key), cs) + ",";
      });
      return k + "}";
    }
    case Kind::BoundMethod: {
      // a bound method is made anew at each attribute access: guarded as its function (by
      // identity) and its receiver, never as the object itself
      const auto& m = as<BoundMethodObject>(v);
      return "M(" + guardKey(vm, m.func, name + ".__func__", cs) + "," +
             guardKey(vm, m.self, name + ".__self__", cs) + ")";
    }
    case Kind::Instance: {
      // user objects and nn.Modules are guarded on their type (TYPE_MATCH), not identity; an
      // nn.Module also on what inlining it reads: its training flag, its submodules' names and
      // types (the dict-keys guards) and its tensors' dtypes and sizes (TENSOR_MATCH)
      char buf[48];
      std::snprintf(buf, sizeof buf, "C%p",
                    static_cast<const void*>(as<InstanceObject>(v).cls.get()));
      if (isNnModule(vm, v)) return buf + moduleSignature(vm, v);
      return buf;
    }
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "@%p", static_cast<const void*>(v.get()));
      return buf;
    }
  }
}

std::vector<std::string> Dynamo::frameGuards(VM& vm, Frame& f, const CodeState& cs) {
  std::vector<std::string> g;
  size_t nargs = static_cast<size_t>(f.code->argcount + f.code->kwonlyargcount) +
                 ((f.code->flags & kVarargs) ? 1 : 0) + ((f.code->flags & kVarkw) ? 1 : 0);
  if (f.resume_offset >= 0) nargs = f.fast.size();
  for (size_t i = 0; i < nargs && i < f.fast.size(); ++i) {
    if (!f.fast[i]) {
      g.push_back("-");
      continue;
    }
    g.push_back(guardKey(vm, f.fast[i], "L" + std::to_string(i), cs));
  }
  for (size_t i = 0; i < f.stack.size(); ++i)
    g.push_back(guardKey(vm, f.stack[i], "S" + std::to_string(i), cs));
  // an nn.Module in a closure cell (wrap_inline's `fn`, a compiled closure over a model): its
  // training flags, submodules and tensor sizes, as for one passed in
  for (size_t i = 0; i < f.cells.size(); ++i)
    if (const Value& v = f.cells[i] ? f.cells[i]->v : nullptr;
        v && v->kind == Kind::Instance && isNnModule(vm, v))
      g.push_back(guardKey(vm, v, "C" + std::to_string(i), cs));
  // the GLOBAL_STATE guard: a frame compiled with grad mode on recompiles under no_grad
  g.push_back(gradEnabled() ? "grad1" : "grad0");
  g.push_back(egb ? "G1" : "G0");  // (last: not compared on lookup)
  return g;
}

Value Dynamo::untraced(VM& vm, const std::function<Value()>& body) {
  std::vector<const CompileConfig*> saved;
  saved.swap(callbacks_);
  Frame* top = vm.top();
  TraceState* trace = top ? top->trace : nullptr;
  if (top) top->trace = nullptr;
  struct Restore {
    Dynamo& d;
    std::vector<const CompileConfig*>& saved;
    Frame* top;
    TraceState* trace;
    ~Restore() {
      d.callbacks_.swap(saved);
      if (top) top->trace = trace;
    }
  } restore{*this, saved, top, trace};
  return body();
}

Value Dynamo::callOpaque(VM& vm, const Value& fn, CallArgs& args) {
  return untraced(vm, [&] { return vm.call(fn, args); });
}

Value Dynamo::runDisabled(VM& vm, const FramePtr& f) {
  std::vector<const CompileConfig*> saved;
  saved.swap(callbacks_);
  struct Restore {
    Dynamo& d;
    std::vector<const CompileConfig*>& saved;
    ~Restore() { d.callbacks_.swap(saved); }
  } restore{*this, saved};
  return vm.eval(*f);
}

/// Which parameters of `opt` have which state entries (None or a tensor): the part of the
/// optimizer state the traced step specializes on.
static std::string optimizerStateLayout(VM& vm, const Value& opt) {
  Value state = vm.getAttrOrNull(opt, "state");
  Value groups = vm.getAttrOrNull(opt, "param_groups");
  if (!state || state->kind != Kind::Dict || !groups || groups->kind != Kind::List) return "?";
  std::string out;
  for (const Value& g : as<ListObject>(groups).items) {
    Value params = g->kind == Kind::Dict ? as<DictObject>(g).getStr("params") : nullptr;
    if (!params || params->kind != Kind::List) continue;
    for (const Value& p : as<ListObject>(params).items) {
      out += "[";
      if (Value st = as<DictObject>(state).get(p); st && st->kind == Kind::Dict)
        as<DictObject>(st).forEach([&](const Value& k, const Value& v) {
          out += vm.repr(k) + (isNone(v) ? "=N," : v->kind == Kind::Tensor ? "=T," : "=V,");
        });
      out += "]";
    }
  }
  return out;
}

/// The value an ObjectGuard reads in frame `f` (null when it is gone; the state layout as a
/// string).
static Value objectGuardValue(VM& vm, const Frame& f, const ObjectGuard& og) {
  Value opt = og.opt;
  if (og.slot >= 0)
    opt = static_cast<size_t>(og.slot) < f.fast.size() ? f.fast[static_cast<size_t>(og.slot)]
                                                       : nullptr;
  if (!opt || opt->kind != Kind::Instance) return nullptr;
  if (og.key.empty()) return pyStr(optimizerStateLayout(vm, opt));
  Value groups = vm.getAttrOrNull(opt, "param_groups");
  if (!groups || groups->kind != Kind::List || og.group >= as<ListObject>(groups).items.size())
    return nullptr;
  const Value& g = as<ListObject>(groups).items[og.group];
  return g->kind == Kind::Dict ? as<DictObject>(g).getStr(og.key) : nullptr;
}

/// Whether `now` (the guard's value in the frame offered) passes it.
static bool objectGuardHolds(VM& vm, const ObjectGuard& og, const Value& now) {
  if (!now) return false;
  if (og.expected == "*") return now->kind == Kind::Float;
  return (og.key.empty() ? asStr(now) : vm.repr(now)) == og.expected;
}

Value Dynamo::offer(VM& vm, const FramePtr& f) {
  const CompileConfig* cfg = currentConfig();
  // force_eager: the frame runs without Dynamo's callback, so nothing it calls is offered either
  if (stance == "force_eager") return untraced(vm, [&] { return vm.eval(*f); });
  CodeState& cs = codes_[f->code_key];
  if (std::getenv("GBC_TRACE_OFFERS"))
    std::fprintf(stderr, "offer %s (%s) entries=%zu skip=%d\n", f->name.c_str(),
                 f->code->filename.c_str(), cs.entries.size(), cs.skip);
  // R3a: cache hit
  if (!cs.entries.empty()) {
    std::vector<std::string> g = frameGuards(vm, *f, cs);
    for (const CacheEntry& e : cs.entries) {
      if (e.guards.size() != g.size()) continue;
      bool ok = true;
      for (size_t i = 0; i + 1 < g.size() && ok; ++i) ok = guardMatches(e.guards[i], g[i]);
      for (const SymGuard& sg : e.sym_guards) {
        if (!ok) break;
        size_t k = static_cast<size_t>(sg.slot);
        ok = k < f->fast.size() && f->fast[k] && isInt(f->fast[k]) &&
             symGuardHolds(sg, asInt(f->fast[k]));
      }
      for (const ValueGuard& vg : e.value_guards) {
        if (!ok) break;
        size_t k = static_cast<size_t>(vg.slot);
        ok = k < f->fast.size() && f->fast[k] && f->fast[k]->kind == Kind::Tensor &&
             as<TensorObject>(f->fast[k]).t.numel() == 1 &&
             vm.repr(tensorToPyNumber(vm, f->fast[k], false)) == vg.value;
      }
      for (const ObjectGuard& og : e.object_guards) {
        if (!ok) break;
        ok = objectGuardHolds(vm, og, objectGuardValue(vm, *f, og));
      }
      for (const auto& [cell, key] : e.cell_guards) {
        if (!ok) break;
        size_t k = static_cast<size_t>(cell);
        ok = k < f->cells.size() && f->cells[k]->v &&
             guardMatches(key, guardKey(vm, f->cells[k]->v, "C" + std::to_string(cell), cs));
      }
      if (ok) return compileFrame(vm, f, cs, true);
    }
  }
  // R3b-e
  if (cs.skip) return vm.eval(*f);
  if (isSkippedFile(vm, f->code->filename) && !isHookedTorchForward(vm, *f)) return vm.eval(*f);
  // trace_rules.lookup_inner, not a direct call: a `__getattr__` is never compiled as a frame of
  // its own ("Tracing __getattr__ as the top level frame, unsuitable for tracing"); its callees
  // are still offered
  if (f->code->name == "__getattr__") return vm.eval(*f);
  // a function wrapped directly by torch.compile is always compiled (always_optimize_code_objects)
  if (!isAlwaysOptimizedCode(f->code_key) && !hasTensorObjects(vm, *f)) {
    cs.skip = true;
    return vm.eval(*f);
  }
  if (cs.compiles >= 8) return vm.eval(*f);  // recompile_limit
  // eager_on_recompile: the frame runs eagerly, without the callback (its callees too)
  if (!cs.entries.empty() && stance == "eager_on_recompile")
    return untraced(vm, [&] { return vm.eval(*f); });
  if (!cs.entries.empty() && stance == "fail_on_recompile")
    vm.raise(vm.b().runtime_error,
             "Detected recompile when torch.compile stance is 'fail_on_recompile'. filename: '" +
                 f->code->filename + "', function name: '" + f->code->name +
                 "', line number: " + std::to_string(f->code->firstlineno));
  (void)cfg;
  // recompile with a changed size / int: automatic dynamic (R25)
  if (!cs.entries.empty() && (!cfg || !cfg->dynamic.has_value() || *cfg->dynamic)) {
    const auto& prev = cs.entries.back().guards;
    std::vector<std::string> g = frameGuards(vm, *f, cs);
    for (size_t i = 0; i < g.size() && i < prev.size(); ++i) {
      if (prev[i] == "*") continue;
      bool tensor_size = !g[i].empty() && g[i][0] == 'T' && prev[i][0] == 'T' && g[i] != prev[i] &&
                         g[i].substr(0, g[i].find('[')) == prev[i].substr(0, prev[i].find('['));
      bool int_value = !g[i].empty() && g[i][0] == 'I' && prev[i][0] == 'I' && g[i] != prev[i];
      if (tensor_size || int_value)
        cs.dynamic_inputs.insert((i < f->fast.size() ? "L" : "S") + std::to_string(i));
    }
    for (const ObjectGuard& og : cs.entries.back().object_guards) {
      Value now = objectGuardValue(vm, *f, og);
      if (og.expected != "*" && now && now->kind == Kind::Float && !objectGuardHolds(vm, og, now))
        cs.dynamic_objects.insert(og.id);
    }
  }
  return compileFrame(vm, f, cs, false);
}

Value Dynamo::symIntOp(VM& vm, const char* target, const Value& a, const Value& b, int64_t result) {
  auto out = std::make_shared<IntObject>(result);
  out->sym_slot = -1;
  recordOp(vm, target, graph::NodeOp::CallFunction, {a, b}, {out});
  return out;
}

void Dynamo::symIntCompare(VM& vm, syntax::CmpOpKind op, const Value& a, const Value& b,
                           bool result) {
  Frame* t = vm.top();
  if (!t || !t->trace) return;
  // only `input <op> constant` guards are modelled
  const Value* sym = nullptr;
  const Value* other = nullptr;
  if (a->kind == Kind::Int && as<IntObject>(a).sym_slot >= 0)
    sym = &a, other = &b;
  else if (b->kind == Kind::Int && as<IntObject>(b).sym_slot >= 0)
    sym = &b, other = &a;
  if (!sym || !isInt(*other) || ((*other)->kind == Kind::Int && as<IntObject>(*other).symbolic()))
    return;
  SymGuard g;
  g.slot = as<IntObject>(*sym).sym_slot;
  g.op = op;
  if (sym == &b) {  // normalise to `input op rhs`
    switch (op) {
      case syntax::CmpOpKind::Lt:
        g.op = syntax::CmpOpKind::Gt;
        break;
      case syntax::CmpOpKind::LtE:
        g.op = syntax::CmpOpKind::GtE;
        break;
      case syntax::CmpOpKind::Gt:
        g.op = syntax::CmpOpKind::Lt;
        break;
      case syntax::CmpOpKind::GtE:
        g.op = syntax::CmpOpKind::LtE;
        break;
      default:
        break;
    }
  }
  g.rhs = asInt(*other);
  g.result = result;
  t->trace->sym_guards.push_back(g);
}

static bool symGuardHolds(const SymGuard& g, int64_t v) {
  bool r = false;
  switch (g.op) {
    case syntax::CmpOpKind::Eq:
      r = v == g.rhs;
      break;
    case syntax::CmpOpKind::NotEq:
      r = v != g.rhs;
      break;
    case syntax::CmpOpKind::Lt:
      r = v < g.rhs;
      break;
    case syntax::CmpOpKind::LtE:
      r = v <= g.rhs;
      break;
    case syntax::CmpOpKind::Gt:
      r = v > g.rhs;
      break;
    case syntax::CmpOpKind::GtE:
      r = v >= g.rhs;
      break;
    default:
      return true;
  }
  return r == g.result;
}

void Dynamo::onLoadDeref(VM& vm, Frame& f, int cell) {
  TraceState& st = *f.trace;
  // a cellvar is the frame's own; a free variable comes from outside and is guarded
  if (static_cast<size_t>(cell) < f.code->cellvars.size() || st.silent) return;
  if (st.cell_guards.count(cell)) return;
  st.cell_guards[cell] = guardKey(vm, f.cells[static_cast<size_t>(cell)]->v,
                                  "C" + std::to_string(cell), *st.code_state);
}

void Dynamo::addEntry(TraceState& st) {
  if (st.silent) return;
  CacheEntry e{st.guards, st.sym_guards, st.value_guards, st.object_guards, {}};
  e.cell_guards.assign(st.cell_guards.begin(), st.cell_guards.end());
  size_t nlocals = st.root->fast.size();
  for (size_t i = 0; i < e.guards.size() && i < nlocals; ++i)
    if (!st.consulted.count(static_cast<int>(i))) e.guards[i] = "*";
  st.code_state->entries.push_back(std::move(e));
}

Value Dynamo::compileFrame(VM& vm, const FramePtr& f, CodeState& cs, bool silent) {
  auto st = std::make_unique<TraceState>();
  st->root = f.get();
  st->config = currentConfig();
  st->code_state = &cs;
  st->silent = silent;
  if (!silent) {
    if (cs.frame_id < 0) cs.frame_id = next_frame_id_++;
    st->frame_id = std::to_string(cs.frame_id) + "/" + std::to_string(cs.compiles++);
    st->guards = frameGuards(vm, *f, cs);
  }
  for (size_t i = 0; i < f->fast.size(); ++i) {
    const Value& v = f->fast[i];
    bool dyn = cs.dynamic_inputs.count("L" + std::to_string(i)) != 0 ||
               (st->config && st->config->dynamic.value_or(false));
    if (!silent && dyn && v && v->kind == Kind::Int) {
      auto sym = std::make_shared<IntObject>(as<IntObject>(v).v);
      sym->sym_slot = static_cast<int>(i);
      f->fast[i] = sym;
    }
  }
  f->trace = st.get();
  f->trace_root = true;
  f->transformed = true;
  struct Cleanup {
    Frame& f;
    ~Cleanup() {
      f.trace = nullptr;
      f.trace_root = false;
    }
  } cleanup{*f};
  st->start.pc = f->pc;
  st->start.stack = f->stack;
  st->start.fast = f->fast;
  st->start.blocks = f->blocks;
  st->start.handled = f->handled;
  // keep the state alive for the duration of the frame
  std::shared_ptr<TraceState> keep(std::move(st));
  for (;;) {
    try {
      return vm.eval(*f);
    } catch (SpecializeItemRestart& restart) {
      // Restart analysis (the same compile, frame id and guards) with the input's .item() a
      // constant: roll the frame back to its start and trace again.
      restore(*f, *keep, keep->start);
      auto fresh = std::make_shared<TraceState>();
      fresh->root = keep->root;
      fresh->config = keep->config;
      fresh->code_state = keep->code_state;
      fresh->frame_id = keep->frame_id;
      fresh->silent = keep->silent;
      fresh->guards = keep->guards;
      fresh->start = keep->start;
      fresh->specialized_items = keep->specialized_items;
      fresh->specialized_items.insert(restart.slot);
      keep = std::move(fresh);
      f->trace = keep.get();
    }
  }
}

Value Dynamo::traceItem(VM& vm, const Value& callable, CallArgs& args) {
  TraceState& st = *vm.top()->trace;
  Value self = as<BuiltinObject>(callable).self;
  Value out = vm.call(callable, args);
  int slot = -1;
  for (size_t i = 0; i < st.start.fast.size(); ++i)
    if (st.start.fast[i] && st.start.fast[i].get() == self.get()) slot = static_cast<int>(i);
  if (slot >= 0 && st.specialized_items.count(slot)) {
    st.value_guards.push_back({slot, vm.repr(out)});
    st.consulted.insert(slot);
    return out;
  }
  if (out->kind == Kind::Int) {
    auto u = std::make_shared<IntObject>(as<IntObject>(out).v);
    u->sym_slot = IntObject::kUnbacked;
    st.unbacked_slots[u.get()] = slot;
    recordOp(vm, "item", graph::NodeOp::CallMethod, {self}, {u});
    return u;
  }
  recordOp(vm, "item", graph::NodeOp::CallMethod, {self}, {});
  if (out->kind == Kind::Float) {
    auto fl = std::make_shared<FloatObject>(as<FloatObject>(out).v);
    st.item_floats.push_back(fl);
    return fl;
  }
  return out;
}

Value Dynamo::unbackedCompare(VM& vm, syntax::CmpOpKind op, const Value& a, const Value& b,
                              bool result) {
  Frame* t = vm.top();
  if (!t || !t->trace) return nullptr;
  TraceState& st = *t->trace;
  auto unbacked = [](const Value& v) {
    return v->kind == Kind::Int && as<IntObject>(v).unbacked();
  };
  auto plain = [](const Value& v) { return v->kind == Kind::Int && !as<IntObject>(v).symbolic(); };
  const Value* u = nullptr;
  const Value* other = nullptr;
  if (unbacked(a) && plain(b))
    u = &a, other = &b;
  else if (unbacked(b) && plain(a))
    u = &b, other = &a;
  if (!u) return nullptr;
  UnbackedCompare c{u->get(), op, as<IntObject>(*other).v, result};
  if (u == &b) {  // normalise to `unbacked <op> rhs`
    switch (op) {
      case syntax::CmpOpKind::Lt:
        c.op = syntax::CmpOpKind::Gt;
        break;
      case syntax::CmpOpKind::LtE:
        c.op = syntax::CmpOpKind::GtE;
        break;
      case syntax::CmpOpKind::Gt:
        c.op = syntax::CmpOpKind::Lt;
        break;
      case syntax::CmpOpKind::GtE:
        c.op = syntax::CmpOpKind::LtE;
        break;
      default:
        break;
    }
  }
  for (const UnbackedCompare& fact : st.facts)
    if (fact.unbacked == c.unbacked && fact.op == c.op && fact.rhs == c.rhs)
      return pyBool(fact.value);
  const char* target = op == syntax::CmpOpKind::Lt    ? "lt"
                       : op == syntax::CmpOpKind::LtE ? "le"
                       : op == syntax::CmpOpKind::Gt  ? "gt"
                       : op == syntax::CmpOpKind::GtE ? "ge"
                       : op == syntax::CmpOpKind::Eq  ? "eq"
                                                      : "ne";
  auto out = std::make_shared<BoolObject>(result);
  st.symbools[out.get()] = c;
  recordOp(vm, target, graph::NodeOp::CallFunction, {a, b}, {out});
  return out;
}

void Dynamo::traceCheck(VM& vm, const Value& cond, bool user_check) {
  Frame* t = vm.top();
  if (!t || !t->trace) return;
  TraceState& st = *t->trace;
  auto it = st.symbools.find(cond.get());
  if (it == st.symbools.end()) return;
  const bool as_check = user_check && vm.target().id != TargetId::Torch2_14;
  recordOp(vm, as_check ? "_check" : "_assert_scalar.default", graph::NodeOp::CallFunction, {cond},
           {});
  UnbackedCompare fact = it->second;
  fact.value = true;
  st.facts.push_back(fact);
}

void Dynamo::onSymBoolJump(VM& vm, Frame& f, const Value& cond) {
  (void)vm;
  TraceState& st = *f.trace;
  auto it = st.symbools.find(cond.get());
  if (it == st.symbools.end()) return;
  auto slot = st.unbacked_slots.find(it->second.unbacked);
  if (slot != st.unbacked_slots.end() && slot->second >= 0)
    throw SpecializeItemRestart{slot->second};
}

void Dynamo::beforeInstruction(VM& vm, Frame& f) {
  TraceState& st = *f.trace;
  if (vm.target().stack_attribution) {
    // the previous instruction replaced the values above the highest unchanged slot
    auto& pushed = st.pushed_by;
    if (pushed.size() > f.stack.size()) pushed.resize(f.stack.size());
    size_t keep = pushed.size();
    while (keep > 0 && pushed[keep - 1].first != f.stack[keep - 1].get()) --keep;
    pushed.resize(f.stack.size());
    for (size_t i = keep; i < f.stack.size(); ++i) pushed[i] = {f.stack[i].get(), st.last_pc};
    st.last_pc = f.pc;
    const Instr& next = f.code->code[static_cast<size_t>(f.pc)];
    if (next.op == Op::STORE_FAST && !pushed.empty()) {
      int origin = pushed.back().second;
      if (origin >= 0) {
        const Instr& made = f.code->code[static_cast<size_t>(origin)];
        if (made.op == Op::LOAD_FAST)  // a copy of another local: that local's variable
          if (auto o = st.local_origin.find(made.arg); o != st.local_origin.end())
            origin = o->second;
      }
      if (origin >= 0)
        st.local_origin[next.arg] = origin;
      else
        st.local_origin.erase(next.arg);
    }
  }
  Snapshot& s = st.current;
  s.pc = f.pc;
  s.stack = f.stack;
  s.fast = f.fast;
  s.blocks = f.blocks;
  s.handled = f.handled;
  s.nodes = st.graph.nodes.size();
  s.undo = st.undo.size();
  const Instr& in = f.code->code[static_cast<size_t>(f.pc)];
  if ((in.op == Op::BUILD_LIST || in.op == Op::BUILD_SET || in.op == Op::BUILD_MAP) &&
      in.arg == 0 && (f.code->flags & kComprehensionInlined))
    st.comprehension_starts[f.pc] = s;
  // R9: checkpoint when the stack is empty, partial compile is allowed and >= 2 ops
  if (f.stack.empty() && moreOpsThan(st.graph, st.graph.nodes.size(), 1)) {
    bool in_try = false;
    for (const Block& b : f.blocks)
      if (b.type == Block::Type::Try) in_try = true;
    if (!in_try && !(st.config && st.config->fullgraph) && !egb) st.checkpoint = s;
  }
  (void)vm;
}

void Dynamo::onAttrLoaded(VM& vm, Frame& f, const Value& obj, const std::string& name,
                          const Value& value) {
  // builder.py wrap_literal / wrap_unspecialized_primitive: with dynamic=True a float from a
  // source (here an nn.Module's attribute, UnspecializedNNModuleVariable) is not specialized; it
  // enters as a 0-d tensor input whose .item() the graph calls, once per source and trace
  TraceState& st = *f.trace;
  if (st.silent || !st.config || !st.config->dynamic.value_or(false)) return;
  if (obj->kind != Kind::Instance || !isNnModule(vm, obj)) return;
  const DictPtr& d = as<InstanceObject>(obj).dict;
  if (!d || d->getStr(name) != value) return;  // (a class attribute or a property: a constant)
  auto key = std::make_pair(static_cast<const Object*>(obj.get()), name);
  if (!st.unspecialized_floats.insert(key).second) return;
  st.undo.push_back([&st, key] { st.unspecialized_floats.erase(key); });
  recordOp(vm, "item", graph::NodeOp::CallMethod, {}, {});
}

void Dynamo::restore(Frame& f, TraceState& st, const Snapshot& snap) {
  while (st.undo.size() > snap.undo) {
    st.undo.back()();
    st.undo.pop_back();
  }
  f.pc = snap.pc;
  f.stack = snap.stack;
  f.fast = snap.fast;
  f.blocks = snap.blocks;
  f.handled = snap.handled;
}

Value Dynamo::onRootReturn(VM& vm, Frame& f, Value v) {
  TraceState& st = *f.trace;
  CodeState& cs = *st.code_state;
  bool has_ops = moreOpsThan(st.graph, st.graph.nodes.size(), 0);
  bool strict = egb || (st.config && st.config->fullgraph);
  if (has_ops || strict) {
    // a returned item() float leaves the graph as a tensor (torch.scalar_tensor)
    std::vector<Value> returned = {v};
    if (v && (v->kind == Kind::Tuple || v->kind == Kind::List)) returned = vm.toVector(v);
    for (const Value& r : returned)
      if (r && r->kind == Kind::Float &&
          std::any_of(st.item_floats.begin(), st.item_floats.end(),
                      [&](const std::weak_ptr<Object>& w) { return w.lock() == r; })) {
        graph::Node n;
        n.op = graph::NodeOp::CallFunction;
        n.target = "scalar_tensor";
        n.name = fxName(st, "scalar_tensor");
        n.line = f.curPos().line;
        st.graph.nodes.push_back(std::move(n));
      }
    emitGraph(f, st, st.graph.nodes.size(), strict);
    addEntry(st);
  } else if (!st.silent) {
    cs.skip = true;  // "No ops traced" (R17)
  }
  f.trace = nullptr;
  f.trace_root = false;
  (void)vm;
  return v;
}

// ---------------------------------------------------------------------------------------------
// graph breaks

void Dynamo::graphBreak(VM& vm, report::GbMessage msg, bool skip_frame, bool unresumable) {
  GraphBreakSignal s;
  s.messages.push_back(std::move(msg));
  s.leaf_egb = egb;
  s.skip_frame = skip_frame;
  s.unresumable = unresumable;
  Frame* leaf = vm.top();
  TraceState* st = leaf->trace;
  for (Frame* fr = leaf; fr && fr->trace == st; fr = fr->back) {
    s.real_stack.push_back(summarize(*fr));
    if (fr->trace_root) break;
  }
  std::reverse(s.real_stack.begin(), s.real_stack.end());
  throw s;
}

void Dynamo::onTensorJump(VM& vm, Frame& f, const Value& cond) {
  report::GbMessage m = describeDataDependentBranch(vm, f, cond);
  try {
    graphBreak(vm, std::move(m));
  } catch (GraphBreakSignal& s) {
    s.jump = f.trace_root;
    throw;
  }
}

void Dynamo::onFormatValue(VM&, Frame&, const Value& str) {
  tensor_strings_.insert(str.get());
  tensor_string_refs_.push_back(str);
}

std::vector<report::FrameSummary> Dynamo::stackAbove(VM& vm, Frame& root) {
  std::vector<report::FrameSummary> out;
  (void)vm;
  for (Frame* fr = root.back; fr; fr = fr->back) {
    report::FrameSummary s = summarize(*fr);
    s.end_line = s.line;  // live frames: end line taken equal to the start line (4.4)
    out.push_back(s);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

static std::string resumeOriginal(const std::string& name) {
  const std::string prefix = "torch_dynamo_resume_in_";
  if (name.rfind(prefix, 0) != 0) return name;
  std::string rest = name.substr(prefix.size());
  size_t at = rest.rfind("_at_");
  return at == std::string::npos ? rest : rest.substr(0, at);
}

std::vector<report::FrameSummary> Dynamo::collapse(std::vector<report::FrameSummary> frames) {
  std::vector<report::FrameSummary> out;
  for (auto& fr : frames) {
    bool was_resume = fr.function.rfind("torch_dynamo_resume_in_", 0) == 0;
    fr.function = resumeOriginal(fr.function);
    bool merge = !out.empty() && out.back().function == fr.function &&
                 (vm_.target().collapse_same_name || was_resume);
    if (merge)
      out.back() = fr;
    else
      out.push_back(fr);
  }
  return out;
}

/// Dynamo's repr of a value of the root's operand stack pushed by instruction `in` (the
/// recordings and the oracle show these), or empty when gbc does not know it.
static std::string stackValueRepr(VM& vm, const TraceState& st, const Value& v, const Instr& in) {
  auto lazyUnrealized = [&](const std::string& type) {
    return "LazyVariableTracker(unrealized: <class '" + type + "'>)";
  };
  if (v->kind == Kind::Tensor) {
    auto it = st.node_of.find(as<TensorObject>(v).uid);
    if (it == st.node_of.end()) return in.op == Op::LOAD_FAST ? lazyUnrealized("torch.Tensor") : "";
    bool input = st.graph.nodes[static_cast<size_t>(it->second)].op == graph::NodeOp::Placeholder;
    // an op's result, or an input the graph has used (the lazy variable is realized)
    return !input || in.op == Op::LOAD_FAST ? "TensorVariable()" : "";
  }
  if (in.op == Op::BUILD_MAP && v->kind == Kind::Dict) return "ConstDictVariable()";
  if (in.op == Op::BUILD_LIST && v->kind == Kind::List)
    return "ListVariable(length=" + std::to_string(as<ListObject>(v).items.size()) + ")";
  if (in.op == Op::LOAD_CONST && v->kind == Kind::Tuple)
    return "TupleVariable(length=" + std::to_string(as<TupleObject>(v).items.size()) + ")";
  if (in.op == Op::LOAD_CONST &&
      (v->kind == Kind::Str || v->kind == Kind::Int || v->kind == Kind::Float ||
       v->kind == Kind::Bool || v->kind == Kind::None))
    return causes_detail::variableRepr(vm, v);
  if (in.op == Op::LOAD_GLOBAL && (v->kind == Kind::Class || v->kind == Kind::Function))
    return lazyUnrealized(v->kind == Kind::Class ? "type" : "function");
  if (v->kind == Kind::Iterator && as<IteratorObject>(v).source == IteratorObject::Source::Range)
    return "RangeIteratorVariable()";
  if (v->kind == Kind::Iterator && as<IteratorObject>(v).source == IteratorObject::Source::List) {
    const auto& it = as<IteratorObject>(v);
    if (!it.target || it.target->kind != Kind::List) return "";
    return "ListIteratorVariable(length=" + std::to_string(as<ListObject>(it.target).items.size()) +
           ", index=" + std::to_string(it.index) + ")";
  }
  if (v->kind == Kind::Instance && in.op == Op::LOAD_ATTR && isNnModule(vm, v))
    return "LazyVariableTracker(realized: UnspecializedNNModuleVariable(" +
           as<InstanceObject>(v).cls->name + "))";
  return "";
}

/// How many operands the instruction a root frame broke at has taken off its stack when Dynamo
/// logs the break (a call's callable and arguments, a jump's condition); nullopt for others.
static std::optional<size_t> operandsTaken(const Instr& in) {
  switch (in.op) {
    case Op::CALL:
      return static_cast<size_t>(in.arg) + 1;
    case Op::CALL_KW:
      return static_cast<size_t>(in.arg) + 2;
    case Op::CALL_FUNCTION_EX:
      return static_cast<size_t>(in.arg) + 2;
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
      return 1;
    case Op::SETUP_WITH:  // an unsupported context manager stays on the stack
      return 0;
    default:
      return std::nullopt;
  }
}

/// 2.14's "Stack variable source attribution": the root's operand stack at the break, bottom
/// to top, each value with the position of the instruction that pushed it, a position printed
/// once (symbolic_convert.py, _format_stack_source_attribution). The exit functions of
/// with-blocks are WithExitFunctionVariable(); other values are listed only when gbc knows
/// Dynamo's repr of every one of them (otherwise the section is left out).
static std::vector<report::StackAttribution> stackAttribution(VM& vm, Frame& f,
                                                              const TraceState& st) {
  std::vector<report::StackAttribution> out;
  auto at = [&](const Instr& in, std::string repr) {
    report::StackAttribution a;
    a.repr = std::move(repr);
    a.where.file = f.code->filename;
    a.where.line = in.pos.line;
    a.where.has_columns = true;
    a.where.col = in.pos.col;
    a.where.end_line = in.pos.end_line;
    a.where.end_col = in.pos.end_col;
    return a;
  };
  std::set<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> seen;
  auto add = [&](report::StackAttribution a) {  // a position is printed once
    const report::FrameSummary& w = a.where;
    if (seen.insert({w.line, w.col, w.end_line, w.end_col}).second) out.push_back(std::move(a));
  };
  std::map<size_t, report::StackAttribution> exits;  // by stack slot
  for (const Block& b : f.blocks) {
    if (b.type != Block::Type::With || b.depth <= 0) continue;
    for (const Instr& in : f.code->code) {
      if (in.op != Op::SETUP_WITH || in.arg != b.handler) continue;
      exits.emplace(static_cast<size_t>(b.depth - 1), at(in, "WithExitFunctionVariable()"));
      break;
    }
  }
  auto withExitsOnly = [&] {
    out.clear();
    for (auto& [slot, a] : exits) out.push_back(a);
    return out;
  };
  const Snapshot& now = st.current;
  const auto& code = f.code->code;
  if (now.pc < 0 || static_cast<size_t>(now.pc) >= code.size()) return withExitsOnly();
  const Instr& breaking = code[static_cast<size_t>(now.pc)];
  std::optional<size_t> taken = operandsTaken(breaking);
  if (!taken || *taken > now.stack.size() || st.pushed_by.size() != now.stack.size())
    return withExitsOnly();
  for (size_t i = 0; i + *taken < now.stack.size(); ++i) {
    if (auto e = exits.find(i); e != exits.end()) {
      add(e->second);
      continue;
    }
    const Value& v = now.stack[i];
    int pc = st.pushed_by[i].second;
    if (pc < 0 && f.resume_line > 0) {
      // passed into a resume function: the position of the break it resumes after, no columns;
      // realized by the with-statement that failed on it
      bool realized = breaking.op == Op::SETUP_WITH && i + 1 == now.stack.size();
      if (v->kind != Kind::Instance || !realized || isNnModule(vm, v)) return withExitsOnly();
      report::StackAttribution a;
      a.repr = "LazyVariableTracker(realized: UserDefinedObjectVariable(" +
               as<InstanceObject>(v).cls->name + "))";
      a.where.file = f.code->filename;
      a.where.line = f.resume_line;
      a.where.has_columns = false;
      add(std::move(a));
      continue;
    }
    if (pc < 0 || static_cast<size_t>(pc) >= code.size()) return withExitsOnly();
    const Instr* in = &code[static_cast<size_t>(pc)];
    if (in->op == Op::LOAD_FAST) {
      // a local's variable keeps the position of the instruction that made it
      auto origin = st.local_origin.find(in->arg);
      if (origin == st.local_origin.end()) return withExitsOnly();
      in = &code[static_cast<size_t>(origin->second)];
    }
    std::string repr;
    if ((in->op == Op::BUILD_LIST || in->op == Op::BUILD_SET || in->op == Op::BUILD_MAP) &&
        in->arg == 0 && st.comprehension_starts.count(pc)) {
      // an inlined comprehension's result under construction. CPython's stack also holds, below
      // it and from the same position, the target variable it saved (LOAD_FAST_AND_CLEAR):
      // NULL when gbc's hidden target slot's plain name is unbound in the frame (that position
      // is then printed once, for the NULL), else the saved value, then the list itself.
      size_t loop = static_cast<size_t>(pc);
      while (loop < code.size() && code[loop].op != Op::FOR_ITER) ++loop;
      if (loop + 1 >= code.size() || code[loop + 1].op != Op::STORE_FAST) return withExitsOnly();
      const std::string& target = f.code->varnames[static_cast<size_t>(code[loop + 1].arg)];
      std::string plain = target.substr(0, target.find('@'));
      size_t bound = f.code->varnames.size();
      for (size_t k = 0; k < f.code->varnames.size(); ++k)
        if (f.code->varnames[k] == plain && f.fast[k]) bound = k;
      if (bound == f.code->varnames.size()) {
        repr = "NullVariable";
      } else {
        auto origin = st.local_origin.find(static_cast<int>(bound));
        if (origin == st.local_origin.end() || in->op != Op::BUILD_LIST) return withExitsOnly();
        const Instr& made = code[static_cast<size_t>(origin->second)];
        std::string saved = stackValueRepr(vm, st, f.fast[bound], made);
        if (saved.empty()) return withExitsOnly();
        add(at(made, std::move(saved)));
        repr = stackValueRepr(vm, st, v, *in);  // the list: ListVariable(length=N)
      }
    } else {
      repr = stackValueRepr(vm, st, v, *in);
    }
    if (repr.empty()) return withExitsOnly();
    add(at(*in, std::move(repr)));
  }
  return out;
}

void Dynamo::logBreak(VM& vm, Frame& f, TraceState& st, GraphBreakSignal& s,
                      report::RecordKind kind, const std::string& instr,
                      const std::vector<report::GbMessage>& messages) {
  if (st.silent || !sink) return;
  report::GraphBreak rec;
  rec.seq = next_seq_++;
  rec.kind = kind;
  rec.instruction = instr;
  rec.messages = messages;
  rec.frame = f.name;
  rec.frame_id = st.frame_id;
  rec.location = s.real_stack.empty() ? summarize(f) : s.real_stack.back();
  std::string key =
      messages.back().gb_type + "\n" + rec.location.file + ":" + std::to_string(rec.location.line);
  bool fresh = dedup_.insert(key).second;
  rec.duplicate = !fresh;
  if (fresh) {
    // an observed exception has unwound the frame's stack before the record is logged
    if (vm.target().stack_attribution && messages.front().gb_type != "Observed exception")
      rec.attribution = stackAttribution(vm, f, st);
    std::vector<report::FrameSummary> frames = stackAbove(vm, f);
    frames.insert(frames.end(), s.real_stack.begin(), s.real_stack.end());
    rec.user_stack = collapse(std::move(frames));
  }
  sink->graph_breaks.push_back(std::move(rec));
}

void Dynamo::notePrinted(VM& vm, const std::string& text) {
  if (raised_.empty() || text.find("from user code:") == std::string::npos) return;
  report::FileReport sources;
  for (auto& [k, v] : vm.sources) sources.sources[k] = v;
  for (size_t i = raised_.size(); i-- > 0;) {
    std::string rendered = report::renderUnsupported(*raised_[i], sources, vm.target());
    size_t cut = rendered.find("from user code:");
    if (cut != std::string::npos && text.find(rendered.substr(cut)) != std::string::npos) {
      printed_ = static_cast<int>(i);
      return;
    }
  }
}

void Dynamo::noteUncaught(const Value& exc) {
  if (!exc || exc->kind != Kind::Instance) return;
  auto payload = as<InstanceObject>(exc).payload;
  for (size_t i = 0; i < raised_.size(); ++i)
    if (payload.get() == raised_[i].get()) uncaught_.insert(i);
}

void Dynamo::finish() {
  if (!sink) return;
  for (size_t i = 0; i < raised_.size(); ++i) {
    bool shown = static_cast<int>(i) == printed_ || uncaught_.count(i);
    (shown ? sink->errors : sink->caught_errors).push_back(*raised_[i]);
  }
  raised_.clear();
}

Value Dynamo::raiseUnsupported(VM& vm, Frame& f, TraceState& st, GraphBreakSignal& s) {
  restore(f, st, st.start);
  auto err = std::make_shared<report::UnsupportedError>();
  err->messages = s.messages;
  err->user_stack = s.real_stack;
  err->seq = next_seq_++;
  if (sink && !st.silent) raised_.push_back(err);
  Value exc = vm.makeException(unsupported_class, "");
  as<InstanceObject>(exc).payload = err;
  f.trace = nullptr;
  f.trace_root = false;
  throw PyRaise{exc};
}

static bool isWrappedInstr(Op op) {
  return op == Op::CALL || op == Op::CALL_KW || op == Op::CALL_FUNCTION_EX ||
         op == Op::BINARY_SUBSCR || op == Op::COMPARE_OP || op == Op::STORE_ATTR ||
         op == Op::STORE_SUBSCR;
}

/// InstructionTranslator.has_backedge: a jump after the breaking instruction `from` (up to the
/// first return) whose target is before it.
static bool hasBackedgeAfter(const CodeObject& code, int from) {
  for (size_t i = static_cast<size_t>(from) + 1; i < code.code.size(); ++i) {
    const Instr& in = code.code[i];
    if (in.op == Op::RETURN_VALUE) return false;
    bool jump = in.op == Op::JUMP || in.op == Op::POP_JUMP_IF_FALSE ||
                in.op == Op::POP_JUMP_IF_TRUE || in.op == Op::JUMP_IF_FALSE_OR_POP ||
                in.op == Op::JUMP_IF_TRUE_OR_POP;
    if (jump && in.arg < from) return true;
  }
  return false;
}

/// The local slots the code from `pc` on may read before writing them (livevars_analysis):
/// a resume function receives only these. Jumps, loop exits and exception handlers (of the
/// blocks active at `pc` and of those set up later) are followed; a `del` counts as a read.
static std::vector<bool> liveLocals(const CodeObject& code, int pc,
                                    const std::vector<Block>& blocks) {
  const size_t n = code.code.size();
  std::vector<bool> live(code.varnames.size(), false);
  std::vector<int> roots{pc};
  for (const Block& b : blocks) roots.push_back(b.handler);
  for (size_t slot = 0; slot < live.size(); ++slot) {
    std::vector<bool> seen(n, false);
    std::vector<int> work = roots;
    while (!work.empty() && !live[slot]) {
      int i = work.back();
      work.pop_back();
      if (i < 0 || static_cast<size_t>(i) >= n || seen[static_cast<size_t>(i)]) continue;
      seen[static_cast<size_t>(i)] = true;
      const Instr& in = code.code[static_cast<size_t>(i)];
      bool mine = static_cast<size_t>(in.arg) == slot;
      if ((in.op == Op::LOAD_FAST || in.op == Op::DELETE_FAST) && mine) live[slot] = true;
      if (in.op == Op::STORE_FAST && mine) continue;  // written first on this path
      if (hasJumpTarget(in.op)) work.push_back(in.arg);
      if (in.op != Op::JUMP && in.op != Op::RETURN_VALUE && in.op != Op::RAISE_VARARGS &&
          in.op != Op::RERAISE)
        work.push_back(i + 1);
    }
  }
  return live;
}

FramePtr Dynamo::makeResumeFrame(VM& vm, Frame& f, int target_pc) {
  (void)vm;
  // both arms of `a if c else b` continue at the same place: Dynamo's resume offset is that of
  // the code after the jump, so one resume function serves both (wt_01)
  while (static_cast<size_t>(target_pc) < f.code->code.size() &&
         f.code->code[static_cast<size_t>(target_pc)].op == Op::JUMP &&
         f.code->code[static_cast<size_t>(target_pc)].arg > target_pc)
    target_pc = f.code->code[static_cast<size_t>(target_pc)].arg;
  auto rf = std::make_shared<Frame>();
  rf->code = f.code;
  std::string orig = resumeOriginal(f.name);
  rf->name = "torch_dynamo_resume_in_" + orig + "_at_" + std::to_string(f.curPos().line);
  rf->func = f.func;
  rf->globals = f.globals;
  rf->locals = f.locals;
  rf->fast = f.fast;
  // the resume function's arguments are the live locals only: a dead tensor neither makes the
  // frame worth compiling (has_tensor_in_frame) nor is guarded
  std::vector<bool> live = liveLocals(*f.code, target_pc, f.blocks);
  for (size_t i = 0; i < rf->fast.size() && i < live.size(); ++i)
    if (!live[i]) rf->fast[i] = nullptr;
  rf->cells = f.cells;
  rf->stack = f.stack;
  rf->blocks = f.blocks;
  rf->handled = f.handled;
  rf->pc = target_pc;
  rf->resume_offset = target_pc;
  rf->resume_line = f.curPos().line;
  auto& slot = resume_keys_[{f.code.get(), target_pc}];
  if (!slot) slot = std::make_unique<int>(target_pc);
  rf->code_key = slot.get();
  return rf;
}

/// Runs the breaking instruction as ordinary Python (R13.3).
static void execEagerly(VM& vm, Frame& f, const Instr& in) {
  auto popv = [&] {
    Value v = f.stack.back();
    f.stack.pop_back();
    return v;
  };
  switch (in.op) {
    case Op::CALL:
    case Op::CALL_KW: {
      std::vector<Value> kwnames;
      if (in.op == Op::CALL_KW) kwnames = as<TupleObject>(popv()).items;
      size_t n = static_cast<size_t>(in.arg);
      std::vector<Value> all(f.stack.end() - static_cast<long>(n), f.stack.end());
      f.stack.resize(f.stack.size() - n);
      Value callable = popv();
      CallArgs args;
      size_t npos = all.size() - kwnames.size();
      args.args.assign(all.begin(), all.begin() + static_cast<long>(npos));
      for (size_t i = 0; i < kwnames.size(); ++i)
        args.kwargs.emplace_back(asStr(kwnames[i]), all[npos + i]);
      f.stack.push_back(vm.call(callable, args));
      return;
    }
    case Op::CALL_FUNCTION_EX: {
      Value kw = in.arg ? popv() : nullptr;
      Value pos = popv();
      Value callable = popv();
      CallArgs args;
      args.args = vm.toVector(pos);
      if (kw)
        as<DictObject>(kw).forEach(
            [&](const Value& k, const Value& v) { args.kwargs.emplace_back(asStr(k), v); });
      f.stack.push_back(vm.call(callable, args));
      return;
    }
    case Op::BINARY_SUBSCR: {
      Value key = popv();
      Value obj = popv();
      f.stack.push_back(vm.getItem(obj, key));
      return;
    }
    case Op::COMPARE_OP: {
      Value r = popv();
      Value l = popv();
      f.stack.push_back(vm.compare(static_cast<syntax::CmpOpKind>(in.arg), l, r));
      return;
    }
    case Op::STORE_ATTR: {
      Value obj = popv();
      Value v = popv();
      vm.setAttr(obj, f.code->names[static_cast<size_t>(in.arg)], v);
      return;
    }
    case Op::STORE_SUBSCR: {
      Value key = popv();
      Value obj = popv();
      Value v = popv();
      vm.setItem(obj, key, v);
      return;
    }
    default:
      GBC_UNREACHABLE("not a wrapped instruction");
  }
}

static bool withBlocksSupported(VM& vm, Frame& f) {
  for (const Block& b : f.blocks) {
    if (b.type == Block::Type::Try) return false;
    if (const Value* exit = f.withExit(b); exit && !isSupportedContextExit(vm, *exit)) return false;
  }
  return true;
}

/// The inlined comprehension around instruction `at`, as (start, exit): start = its BUILD_*
/// instruction, exit = the instruction after its loop. Comprehension loops store their target
/// in a hidden slot ("x@line:col").
static std::optional<std::pair<int, int>> enclosingComprehension(const CodeObject& code, int at) {
  for (int i = at; i >= 0; --i) {
    const Instr& in = code.code[static_cast<size_t>(i)];
    if (in.op != Op::FOR_ITER || in.arg <= at) continue;
    const Instr& store = code.code[static_cast<size_t>(i + 1)];
    bool hidden = false;
    if (store.op == Op::STORE_FAST)
      hidden = code.varnames[static_cast<size_t>(store.arg)].find('@') != std::string::npos;
    if (store.op == Op::STORE_DEREF) {
      size_t k = static_cast<size_t>(store.arg);
      const std::string& n =
          k < code.cellvars.size() ? code.cellvars[k] : code.freevars[k - code.cellvars.size()];
      hidden = n.find('@') != std::string::npos;
    }
    if (store.op == Op::UNPACK_SEQUENCE) hidden = true;
    if (!hidden) continue;
    for (int j = i; j >= 0; --j) {
      const Instr& b = code.code[static_cast<size_t>(j)];
      if ((b.op == Op::BUILD_LIST || b.op == Op::BUILD_SET || b.op == Op::BUILD_MAP) &&
          b.arg == 0 && b.pos.line == in.pos.line)
        return std::make_pair(j, in.arg);
    }
  }
  return std::nullopt;
}

/// The instruction name Dynamo prints: Python 3.12 (2.11) has no CALL_KW (KW_NAMES + CALL).
static const char* instrName(Op op, const TargetProfile& target) {
  if (op == Op::CALL_KW && target.python == "3.12") return "CALL";
  return opName(op);
}

bool Dynamo::handleNestedBreak(VM& vm, Frame& leaf, GraphBreakSignal& s) {
  TraceState& st = *leaf.trace;
  Frame& root = *st.root;
  const Instr in = leaf.code->code[static_cast<size_t>(leaf.cur)];
  if ((st.config && st.config->fullgraph) || s.leaf_egb || s.skip_frame || s.unresumable ||
      !isWrappedInstr(in.op))
    return false;
  for (Frame* fr = &leaf; fr; fr = fr->back) {
    for (const Block& b : fr->blocks)
      if (b.type == Block::Type::Try) return false;
    if (fr == &root) break;
  }
  if (hasBackedgeAfter(*leaf.code, leaf.cur)) return false;
  // roll back the leaf's partial instruction
  while (st.undo.size() > leaf.pre_undo) {
    st.undo.back()();
    st.undo.pop_back();
  }
  leaf.stack = leaf.pre_stack;
  leaf.pc = leaf.cur;
  logBreak(vm, root, st, s, report::RecordKind::Resumable, instrName(in.op, vm.target()),
           s.messages);
  emitGraph(root, st, leaf.pre_nodes, false);
  addEntry(st);
  // the breaking instruction runs eagerly, outside any trace
  std::vector<Frame*> chain;
  for (Frame* fr = &leaf; fr; fr = fr->back) {
    chain.push_back(fr);
    fr->trace = nullptr;
    if (fr == &root) break;
  }
  root.trace_root = false;
  execEagerly(vm, leaf, in);
  // the rest of every level is one resume function of the root
  auto st2 = std::make_shared<TraceState>();
  nested_states_.push_back(st2);
  const void* key = nullptr;
  {
    auto& slot = resume_keys_[{root.code.get(), root.cur}];
    if (!slot) slot = std::make_unique<int>(root.cur);
    key = slot.get();
  }
  CodeState& cs = codes_[key];
  if (cs.frame_id < 0) cs.frame_id = next_frame_id_++;
  st2->root = &root;
  st2->config = st.config;
  st2->code_state = &cs;
  st2->frame_id = std::to_string(cs.frame_id) + "/" + std::to_string(cs.compiles++);
  root.name = "torch_dynamo_resume_in_" + resumeOriginal(root.name) + "_at_" +
              std::to_string(root.curPos().line);
  for (Frame* fr : chain) fr->trace = st2.get();
  root.trace_root = true;
  leaf.pc = leaf.cur + 1;
  return true;
}

bool Dynamo::handleBreak(VM& vm, Frame& f, GraphBreakSignal& s, Value& result) {
  TraceState& st = *f.trace;
  const int I = st.current.pc;
  const Instr in = f.code->code[static_cast<size_t>(I)];
  restore(f, st, st.current);
  bool fullgraph = st.config && st.config->fullgraph;
  if (fullgraph || s.leaf_egb) {
    raiseUnsupported(vm, f, st, s);
  }
  // R16d: a break inside an inlined comprehension resumes after it
  if (!s.skip_frame) {
    if (auto comp = enclosingComprehension(*f.code, I)) {
      auto it = st.comprehension_starts.find(comp->first);
      if (it != st.comprehension_starts.end()) {
        logBreak(vm, f, st, s, report::RecordKind::CannotResume, "", s.messages);
        Snapshot start = it->second;
        restore(f, st, start);
        emitGraph(f, st, start.nodes, false);
        addEntry(st);
        f.trace = nullptr;
        f.trace_root = false;
        f.stop_at = comp->second;
        vm.resume(f);
        f.cur = comp->first;
        FramePtr rf = makeResumeFrame(vm, f, comp->second);
        result = vm.runFrame(rf);
        return true;
      }
    }
  }
  bool wrapped = isWrappedInstr(in.op) && !s.skip_frame && !s.unresumable;
  bool allowed = withBlocksSupported(vm, f);
  if ((wrapped || s.jump) && allowed && !s.skip_frame) {
    if (hasBackedgeAfter(*f.code, I)) {
      // R16a: graph break in a loop — the whole frame runs eagerly
      std::vector<report::GbMessage> msgs = s.messages;
      msgs.push_back(describeLoopSkip(vm, f));
      logBreak(vm, f, st, s, report::RecordKind::FailedGracefully, "", msgs);
      restore(f, st, st.start);
      st.code_state->skip = true;
      f.trace = nullptr;
      f.trace_root = false;
      return false;
    }
    if (s.jump) {
      logBreak(vm, f, st, s, report::RecordKind::Jump, "", s.messages);
      emitGraph(f, st, st.graph.nodes.size(), false);
      addEntry(st);
      f.trace = nullptr;
      f.trace_root = false;
      Value cond = f.stack.back();
      f.stack.pop_back();
      bool t = vm.truthy(cond);
      int target = (t == (in.op == Op::POP_JUMP_IF_TRUE || in.op == Op::JUMP_IF_TRUE_OR_POP))
                       ? in.arg
                       : I + 1;
      if ((in.op == Op::JUMP_IF_FALSE_OR_POP || in.op == Op::JUMP_IF_TRUE_OR_POP) &&
          target == in.arg)
        f.stack.push_back(cond);
      f.cur = I;
      FramePtr rf = makeResumeFrame(vm, f, target);
      result = vm.runFrame(rf);
      return true;
    }
    logBreak(vm, f, st, s, report::RecordKind::Resumable, instrName(in.op, vm.target()),
             s.messages);
    // R17: a live symbolic int must be produced by the graph, so it is compiled even with no ops
    bool live_symint = false;
    for (const Value& v : f.fast)
      if (v && v->kind == Kind::Int && as<IntObject>(v).symbolic()) live_symint = true;
    emitGraph(f, st, st.current.nodes, live_symint);
    addEntry(st);
    f.trace = nullptr;
    f.trace_root = false;
    f.cur = I;
    execEagerly(vm, f, in);
    const Instr& next = f.code->code[static_cast<size_t>(I + 1)];
    if (next.op == Op::RETURN_VALUE) {
      result = f.stack.back();
      return true;
    }
    FramePtr rf = makeResumeFrame(vm, f, I + 1);
    result = vm.runFrame(rf);
    return true;
  }
  // R16b/c: no resumable point
  if (st.checkpoint && !s.skip_frame) {
    logBreak(vm, f, st, s, report::RecordKind::CannotResume, "", s.messages);
    Snapshot ck = *st.checkpoint;
    restore(f, st, ck);
    emitGraph(f, st, ck.nodes, false);
    f.trace = nullptr;
    f.trace_root = false;
    return false;
  }
  std::vector<report::GbMessage> msgs = s.messages;
  if (!allowed)
    if (auto generic = describeGenericContextBreak(vm, f)) msgs.push_back(*generic);
  logBreak(vm, f, st, s, report::RecordKind::FailedGracefully, "", msgs);
  restore(f, st, st.start);
  st.code_state->skip = true;
  f.trace = nullptr;
  f.trace_root = false;
  return false;
}

/// `opt._init_group(...)` of a torch.optim.Optimizer.
static bool isOptimizerInitGroup(VM& vm, const Value& bound) {
  const auto& bm = as<BoundMethodObject>(bound);
  if (bm.func->kind != Kind::Function || as<FunctionObject>(bm.func).name != "_init_group" ||
      bm.self->kind != Kind::Instance)
    return false;
  Value mod = vm.findModule("torch.optim.optimizer");
  Value cls = mod ? as<ModuleObject>(mod).dict->getStr("Optimizer") : nullptr;
  return cls && cls->kind == Kind::Class &&
         as<InstanceObject>(bm.self).cls->isSubclassOf(&as<ClassObject>(cls));
}

// variables/optimizer.py, OptimizerVariable: `_init_group` runs eagerly at trace time (the
// state it creates is no graph op), and the param groups' constants are guarded. A float
// hyperparameter (the lr an LR scheduler changes) that fails its guard is dynamic on the
// recompile (automatic dynamic): a graph input whose `item()` is the graph's first node.
Value Dynamo::traceOptimizerInitGroup(VM& vm, const Value& bound, CallArgs& args) {
  Value out = callOpaque(vm, bound, args);
  TraceState& st = *vm.top()->trace;
  const Value& opt = as<BoundMethodObject>(bound).self;
  int slot = -1;
  for (size_t i = 0; i < st.start.fast.size(); ++i)
    if (st.start.fast[i] && st.start.fast[i].get() == opt.get()) slot = static_cast<int>(i);
  auto add = [&](ObjectGuard g) {
    for (const ObjectGuard& have : st.object_guards)
      if (have.id == g.id) return false;  // one guard per entry (a step over several groups)
    g.slot = slot;
    g.opt = opt;
    st.object_guards.push_back(std::move(g));
    return true;
  };
  add({-1, nullptr, 0, "", optimizerStateLayout(vm, opt), "state"});
  Value groups = vm.getAttrOrNull(opt, "param_groups");
  if (!groups || groups->kind != Kind::List) return out;
  const auto& items = as<ListObject>(groups).items;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i]->kind != Kind::Dict) continue;
    as<DictObject>(items[i]).forEach([&](const Value& k, const Value& v) {
      if (k->kind != Kind::Str || asStr(k) == "params" || v->kind == Kind::Tensor) return;
      std::string id = "param_groups[" + std::to_string(i) + "]['" + asStr(k) + "']";
      bool dyn =
          v->kind == Kind::Float && st.code_state && st.code_state->dynamic_objects.count(id);
      if (add({-1, nullptr, i, asStr(k), dyn ? "*" : vm.repr(v), id}) && dyn)
        recordOp(vm, "item", graph::NodeOp::CallMethod,
                 {wrapTensor(
                     runtime::Tensor::scalarTensor(as<FloatObject>(v).v, runtime::DType::Float64))},
                 {});
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// calls and context managers while tracing

Value Dynamo::traceCall(VM& vm, Frame& f, const Value& callable, CallArgs& args) {
  (void)f;
  if (callable->kind == Kind::Class && as<ClassObject>(callable).dict->getStr("_dynamo_forbidden"))
    vm.raise(vm.b().assertion_error, "Attempt to trace forbidden callable <function " +
                                         as<ClassObject>(callable).name + " at 0x7f0000000000>");
  // re.match(...) and the like on constants: Dynamo runs them at trace time
  if (trace_rules::isConstantFoldedCall(vm, callable, args)) return callOpaque(vm, callable, args);
  // torch.nn.CrossEntropyLoss(...): UserDefinedClassVariable._call_cross_entropy_loss stands in
  // for the module without tracing its __init__ (no _log_api_usage_once node)
  if (callable->kind == Kind::Class && as<ClassObject>(callable).name == "CrossEntropyLoss" &&
      as<ClassObject>(callable).module == "torch.nn.modules.loss")
    return callOpaque(vm, callable, args);
  if (checkCallCause(vm, callable, args)) return none();  // e.g. an ignored logging call
  if (callable->kind == Kind::Builtin && as<BuiltinObject>(callable).id == "Tensor.item")
    return traceItem(vm, callable, args);
  // len() of an f-string of a tensor: Dynamo holds a StringFormatVariable. 2.14 models str
  // methods through the real type and observes a TypeError escaping the frame (unresumable);
  // 2.11 has no __len__ for it (GB0156, resumable).
  if (callable->kind == Kind::Builtin && as<BuiltinObject>(callable).id == "builtins.len" &&
      args.args.size() == 1 && isTensorString(args.args[0])) {
    report::GbMessage m;
    if (vm.target().id == TargetId::Torch2_14) {
      m.gb_type = "Observed exception";
      m.explanation =
          "Dynamo found no exception handler at the top-level compiled function when encountering "
          "an exception. "
          "Exception will propagate outside the compiled region.";
      m.hints = {
          "Your code may result in an error when running in eager. Please double check that your "
          "code doesn't "
          "contain a similar error when actually running eager/uncompiled. You can do this by "
          "removing the "
          "`torch.compile` call, or by using `torch.compiler.set_stance(\"force_eager\")`.",
          "It may be possible to write Dynamo tracing rules for this code. Please report an issue "
          "to PyTorch if you "
          "encounter this graph break often and it is causing performance issues."};
      m.context = "raised exception TypeError(\"object of type 'str' has no len()\")";
      graphBreak(vm, m, false, true);
    }
    m.gb_type = "Unsupported method call";
    m.explanation = "Dynamo does not know how to trace method `__len__` of class `<unknown type>`";
    m.hints = {"Avoid calling `<unknown type>.__len__` in your code.",
               "Please report an issue to PyTorch."};
    m.context = "call_method StringFormatVariable('{:}', [TensorVariable()], {}) __len__ [] {}";
    graphBreak(vm, m);
  }
  if (callable->kind == Kind::BoundMethod && isOptimizerInitGroup(vm, callable))
    return traceOptimizerInitGroup(vm, callable, args);
  if (callable->kind == Kind::Instance && isNnModule(vm, callable) && !hasForwardHooks(callable)) {
    // R7: module calls inline straight into forward (UnspecializedNNModuleVariable's short
    // cut); a module with hooks goes through __call__ and _call_impl, which run them
    Value fwd = vm.getAttr(callable, "forward");
    return vm.call(fwd, args);
  }
  return vm.call(callable, args);
}

Value Dynamo::traceEnter(VM& vm, Frame& f, const Value& mgr, const Value& enter) {
  (void)f;
  checkContextManager(vm, mgr);
  return vm.call(enter, std::vector<Value>{});
}

void Dynamo::traceExit(VM& vm, Frame& f, const Value& exit) {
  (void)f;
  vm.call(exit, std::vector<Value>{none(), none(), none()});
}

}  // namespace gbc::interp
