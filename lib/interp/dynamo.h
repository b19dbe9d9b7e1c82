// The Dynamo simulation: which frames are compiled, what a graph break does, scopes
// (fullgraph / error_on_graph_break), frame ids, the code cache, dedup, graphs.
// See ../shared/spec/dynamo-walkthrough.md for the rules (R1-R27) cited below.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"
#include "interp/vm.h"
#include "report/model.h"

namespace gbc::interp {

/// A graph break raised while tracing (C++ exception, never seen by Python code).
struct GraphBreakSignal {
  std::vector<report::GbMessage> messages;
  std::vector<report::FrameSummary> real_stack;  // root frame .. leaf frame
  bool leaf_egb = false;                         // G at the breaking instruction of the leaf (R21)
  bool jump = false;                             // a conditional jump on a tensor in the root (R15)
  bool skip_frame = false;   // unresumable whatever the instruction (GB4297, ...)
  bool unresumable = false;  // the cause can never resume at its instruction (GB0142, ...)
};

/// The settings of one torch.compile wrapper (its callback, R1).
struct CompileConfig {
  bool fullgraph = false;
  bool has_backend = false;  // explicit backend=: graphs are not recorded (R27)
  std::optional<bool> dynamic;
};

/// One compiled entry of a code object: what its guards check (simplified guards: the
/// frame's inputs at entry).
/// A guard on a dynamic int input: `input[slot] <op> rhs` evaluated to `result` when traced.
struct SymGuard {
  int slot = 0;
  syntax::CmpOpKind op = syntax::CmpOpKind::Eq;
  int64_t rhs = 0;
  bool result = false;
};

/// A guard on the value of a tensor input whose .item() was specialized (`repr(x.item())`).
struct ValueGuard {
  int slot = 0;
  std::string value;
};

/// A guard OptimizerVariable installs on an optimizer the trace reached (variables/optimizer.py):
/// `repr(opt.param_groups[group][key]) == expected` (only "still a float" once the entry became
/// dynamic, automatic dynamic: `id` in CodeState::dynamic_objects), or, with an empty key, the
/// layout of `opt.state` (which parameters have which state entries, None or a tensor). The
/// optimizer is re-read from the root frame's local `slot` when it is one (guarded by type, so a
/// second optimizer of the class reaches the same entry), else it is `opt` itself.
struct ObjectGuard {
  int slot = -1;
  Value opt;
  size_t group = 0;
  std::string key;
  std::string expected;  // repr, or "*" for a dynamic float
  std::string id;        // e.g. "param_groups[0]['lr']"
};

struct CacheEntry {
  std::vector<std::string> guards;  // one per input, see guardKey()
  std::vector<SymGuard> sym_guards;
  std::vector<ValueGuard> value_guards;
  std::vector<ObjectGuard> object_guards;
  /// The free variables the trace read (LOAD_DEREF), by cell index: guardKey of the value then.
  /// Dynamo guards a closure variable when tracing reads it (its source is the closure cell),
  /// not otherwise: `external_utils.inner` reads `func` and recompiles for another function,
  /// its resume function reads neither `self` nor `func`.
  std::vector<std::pair<int, std::string>> cell_guards;
};

/// A comparison of an unbacked int with a constant, `unbacked <op> rhs` (a SymBool while tracing).
struct UnbackedCompare {
  const Object* unbacked = nullptr;
  syntax::CmpOpKind op = syntax::CmpOpKind::Eq;
  int64_t rhs = 0;
  bool value = false;
};

/// Thrown while tracing when a branch depends on an unbacked int read from a tensor input: Dynamo
/// restarts the frame's analysis with that input's .item() specialized to its value.
struct SpecializeItemRestart {
  int slot = 0;
};

/// Per-code-object state (R3, R4, R23-R25).
struct CodeState {
  int frame_id = -1;
  int compiles = 0;
  bool skip = false;
  std::vector<CacheEntry> entries;
  std::set<std::string> dynamic_inputs;   // inputs that became dynamic (automatic dynamic)
  std::set<std::string> dynamic_objects;  // ObjectGuard ids that became dynamic
};

struct Snapshot {
  int pc = 0;
  std::vector<Value> stack;
  std::vector<Value> fast;
  std::vector<Block> blocks;
  std::vector<Value> handled;
  size_t nodes = 0;
  size_t undo = 0;
};

/// The state of tracing one root frame (and the frames inlined into it).
struct TraceState {
  Frame* root = nullptr;
  const CompileConfig* config = nullptr;
  CodeState* code_state = nullptr;
  std::string frame_id;  // "N/M"
  bool silent = false;   // replaying a cached entry: no records, no graphs
  graph::Graph graph;
  std::unordered_map<int64_t, int> node_of;  // tensor uid -> node index
  std::vector<std::function<void()>> undo;   // the journal (rolled back on restart)
  Snapshot start, current;
  std::optional<Snapshot> checkpoint;
  std::map<int, Snapshot> comprehension_starts;  // R9: comprehension starts are checkpoints
  std::vector<std::string> guards;
  std::set<int> consulted;
  std::map<int, std::string> cell_guards;  // free variables read: cell index -> guardKey
  std::vector<SymGuard>
      sym_guards;  // fast-local slots the traced prefix read (R23: guards cover only these)
  std::map<std::string, int> fx_names;  // FX name -> next suffix
  std::set<int> name_hinted;            // nodes renamed after the local they were stored in
  // getitem nodes and the tensor each produced: one no node reads and whose tensor the program
  // no longer holds is removed when the graph is emitted (OutputGraph.remove_unused_graphargs
  // drops unused getitem nodes: x.max(dim).values leaves the indices' getitem out)
  std::map<int, std::weak_ptr<Object>> getitem_out;
  /// Nodes computing a SymInt/SymBool from symbolic values only (`i % 2` of a dynamic int), with
  /// their value: remove_unused_graphargs drops them when nothing in the graph uses them and the
  /// value is not a graph output (the program no longer holds it: a guard was its only use).
  std::map<int, std::weak_ptr<Object>> sym_compute;
  // floats a traced Tensor.item() returned: one the compiled function returns is a graph output
  // through torch.scalar_tensor (SymNodeVariable.as_tensor)
  std::vector<std::weak_ptr<Object>> item_floats;
  // The instruction that pushed each value of the root's operand stack (2.14's stack source
  // attribution): (value, pc), -1 for a value the frame started with; updated before each
  // instruction from the previous one.
  std::vector<std::pair<const Object*, int>> pushed_by;
  int last_pc = -1;
  // local slot -> the instruction that made the variable it holds (pc): the store's value's, or
  // for a frame input its first LOAD_FAST
  std::map<int, int> local_origin;
  // Unbacked ints (capture_scalar_outputs): the root input slot each one's tensor was (-1: none),
  // the SymBools compared from them, what torch._check asserted, and the inputs whose .item() is
  // specialized to a constant after a restart (with the value guards that follow).
  std::unordered_map<const Object*, int> unbacked_slots;
  std::unordered_map<const Object*, UnbackedCompare> symbools;
  std::vector<UnbackedCompare> facts;
  std::set<int> specialized_items;
  std::vector<ObjectGuard> object_guards;
  std::vector<ValueGuard> value_guards;
  // dynamic=True: the nn.Module float attributes already lifted to graph inputs (onAttrLoaded)
  std::set<std::pair<const Object*, std::string>> unspecialized_floats;
};

class Dynamo {
 public:
  explicit Dynamo(VM& vm) : vm_(vm) {}

  /// Findings go here.
  report::FileReport* sink = nullptr;

  // ---- process state (1.1) ----
  bool egb = false;                // G
  std::string stance = "default";  // torch.compiler.set_stance
  bool regionActive() const { return !callbacks_.empty(); }
  const CompileConfig* currentConfig() const {
    return callbacks_.empty() ? nullptr : callbacks_.back();
  }
  void pushCallback(const CompileConfig* c) { callbacks_.push_back(c); }
  void popCallback() { callbacks_.pop_back(); }
  /// A compile wrapper was constructed: clears the dedup set (R26).
  void onWrapperConstructed() { dedup_.clear(); }
  void reset() { next_frame_id_ = 0; }
  void setEgb(bool v);

  // ---- frames ----
  Value offer(VM& vm, const FramePtr& f);
  /// Runs a recursively disabled frame with no compile callback installed.
  Value runDisabled(VM& vm, const FramePtr& f);
  /// Calls `fn` as an opaque op of the graph being traced: no compile callback installed and
  /// nothing recorded while it runs (the caller records the op).
  Value callOpaque(VM& vm, const Value& fn, CallArgs& args);
  /// Runs `body` as eager code from inside a traced frame: no trace, no compile callback.
  Value untraced(VM& vm, const std::function<Value()>& body);
  void beforeInstruction(VM& vm, Frame& f);
  /// A traced LOAD_ATTR gave `value` (obj.name): under dynamic=True a float attribute of an
  /// nn.Module is an unspecialized float, a graph input read with `.item()` where first loaded.
  void onAttrLoaded(VM& vm, Frame& f, const Value& obj, const std::string& name,
                    const Value& value);
  Value onRootReturn(VM& vm, Frame& f, Value v);
  bool handleBreak(VM& vm, Frame& f, GraphBreakSignal& s, Value& result);
  /// torch._dynamo.config.nested_graph_breaks: a break in an inlined frame compiles the graph
  /// so far, runs the breaking instruction and traces the rest of every level as one resume
  /// function of the root. Returns false when the break cannot be handled that way.
  bool handleNestedBreak(VM& vm, Frame& leaf, GraphBreakSignal& s);
  void beforeInlinedInstruction(Frame& f) {
    f.pre_stack = f.stack;
    f.pre_undo = f.trace->undo.size();
    f.pre_nodes = f.trace->graph.nodes.size();
  }
  /// torch._dynamo.config.nested_graph_breaks, as the program set it.
  bool nestedEnabled(VM& vm) {
    if (!config_module_) config_module_ = vm.findModule("torch._dynamo.config");
    if (!config_module_) return false;
    Value v = as<ModuleObject>(config_module_).dict->getStr("nested_graph_breaks");
    return v && v->kind == Kind::Bool && as<BoolObject>(v).v;
  }

  // ---- tracing hooks ----
  Value traceCall(VM& vm, Frame& f, const Value& callable, CallArgs& args);
  Value traceOptimizerInitGroup(VM& vm, const Value& bound, CallArgs& args);
  Value traceEnter(VM& vm, Frame& f, const Value& mgr, const Value& enter);
  void traceExit(VM& vm, Frame& f, const Value& exit);
  void onTensorJump(VM& vm, Frame& f, const Value& cond);
  /// A string formatted from a tensor while tracing (Dynamo keeps it as a lazy
  /// StringFormatVariable); see traceCall for what using it does.
  void onFormatValue(VM& vm, Frame& f, const Value& str);
  bool isTensorString(const Value& v) const { return tensor_strings_.count(v.get()) != 0; }
  void onBackwardJump(VM&, Frame&) {}
  void onLoadFast(Frame& f, int slot) {
    f.trace->consulted.insert(slot);
    f.trace->local_origin.emplace(slot, f.cur);
  }
  /// LOAD_DEREF of a free variable in a traced root frame: guarded from then on (CacheEntry).
  void onLoadDeref(VM& vm, Frame& f, int cell);
  /// STORE_FAST of a tensor in a traced frame: its node takes the local's name the first time
  /// (TensorVariable.set_name_hint; graph inputs keep theirs).
  void onStoreFast(Frame& f, const std::string& local, const Value& v);
  /// Arithmetic on a symbolic int while tracing: records the op, returns a symbolic result.
  Value symIntOp(VM& vm, const char* target, const Value& a, const Value& b, int64_t result);
  /// A comparison involving a symbolic int while tracing: records a guard.
  void symIntCompare(VM& vm, syntax::CmpOpKind op, const Value& a, const Value& b, bool result);
  /// Tensor.item() while tracing under capture_scalar_outputs: an unbacked int ("item" node),
  /// or the value itself for an input specialized after a restart.
  Value traceItem(VM& vm, const Value& callable, CallArgs& args);
  /// `unbacked <op> int` (either side) while tracing: a SymBool with its node, or a plain bool
  /// when torch._check asserted the comparison. nullptr when neither side is unbacked.
  Value unbackedCompare(VM& vm, syntax::CmpOpKind op, const Value& a, const Value& b, bool result);
  /// torch._check(cond) while tracing: a SymBool becomes an `_assert_scalar.default` node and a
  /// fact later comparisons use.
  /// `user_check`: a torch._check call (2.11 keeps it as a `_check` node; 2.14 and the runtime
  /// asserts Dynamo adds itself are `_assert_scalar.default`).
  void traceCheck(VM& vm, const Value& cond, bool user_check = false);
  /// A conditional jump on `cond` while tracing: a SymBool nothing decides restarts the analysis
  /// with its tensor input's .item() specialized (SpecializeItemRestart).
  void onSymBoolJump(VM& vm, Frame& f, const Value& cond);
  /// Raises a graph break at the current instruction of the top frame.
  [[noreturn]] void graphBreak(VM& vm, report::GbMessage msg, bool skip_frame = false,
                               bool unresumable = false);
  bool tracing(VM& vm) const { return vm.top() && vm.top()->trace; }

  // ---- graph recording ----
  /// Records an op of the graph being traced (no-op when not tracing).
  void recordOp(VM& vm, const std::string& target, graph::NodeOp op,
                const std::vector<Value>& inputs, const std::vector<Value>& outputs);

  // ---- journal (undone when a trace restarts) ----
  void journalCell(VM& vm, const std::shared_ptr<CellObject>& cell);
  void journalDict(VM& vm, const DictPtr& d, const std::string& key);
  void journalDictKey(VM& vm, const DictPtr& d, const Value& key);
  void journalList(VM& vm, const Value& list);
  void journalTensor(VM& vm, const Value& tensor);
  void journal(VM& vm, std::function<void()> undo);

  /// The program printed `text`: an Unsupported error whose full text is in it is shown.
  void notePrinted(VM& vm, const std::string& text);
  /// The program ended with exception `exc` uncaught.
  void noteUncaught(const Value& exc);
  /// Moves the raised errors into the report (shown ones to errors, others to caught_errors).
  void finish();
  /// Static mode: whether a frame of this code was ever offered to Dynamo (a compiled call ran).
  bool wasOffered(const void* code_key) const { return codes_.count(code_key) != 0; }

  /// The Unsupported exception class (torch._dynamo.exc.Unsupported).
  ClassPtr unsupported_class;

 private:
  Value compileFrame(VM& vm, const FramePtr& f, CodeState& cs, bool silent);
  void addEntry(TraceState& st);
  void emitGraph(Frame& f, TraceState& st, size_t nodes, bool force_empty);
  void logBreak(VM& vm, Frame& f, TraceState& st, GraphBreakSignal& s, report::RecordKind kind,
                const std::string& instr, const std::vector<report::GbMessage>& messages);
  void restore(Frame& f, TraceState& st, const Snapshot& snap);
  std::vector<report::FrameSummary> stackAbove(VM& vm, Frame& root);
  std::vector<report::FrameSummary> collapse(std::vector<report::FrameSummary> frames);
  Value raiseUnsupported(VM& vm, Frame& f, TraceState& st, GraphBreakSignal& s);
  FramePtr makeResumeFrame(VM& vm, Frame& f, int target_pc);
  std::string guardKey(VM& vm, const Value& v, const std::string& name, const CodeState& cs);
  std::vector<std::string> frameGuards(VM& vm, Frame& f, const CodeState& cs);
  bool hasTensorObjects(VM& vm, Frame& f);

  VM& vm_;
  std::vector<std::shared_ptr<report::UnsupportedError>> raised_;
  std::vector<std::shared_ptr<TraceState>> nested_states_;
  Value config_module_;
  std::set<const Object*> tensor_strings_;
  std::vector<Value> tensor_string_refs_;  // keeps the marked strings alive
  int printed_ = -1;
  std::set<size_t> uncaught_;
  uint32_t next_seq_ = 0;
  std::vector<const CompileConfig*> callbacks_;
  std::vector<std::string> dedup_order_;
  std::set<std::string> dedup_;
  int next_frame_id_ = 0;
  std::map<const void*, CodeState> codes_;
  std::map<std::pair<const void*, int>, std::unique_ptr<int>> resume_keys_;
};

/// Frame summary of a frame's current instruction.
report::FrameSummary summarize(const Frame& f);

}  // namespace gbc::interp
