// The evaluator: executes gbc bytecode with Python semantics. Dynamo's simulation hooks into
// frame entry (offerFrame), calls (inlining, causes) and tensor operations (graph recording).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/target.h"
#include "interp/limits.h"
#include "interp/value.h"
#include "report/model.h"

namespace gbc::interp {

class Dynamo;
class Importer;
struct TraceState;
class Vfs;

/// A Python exception in flight (a C++ exception carrying the exception object).
struct PyRaise {
  Value exc;
};

/// gbc cannot model or execute something: stops the run with a located message.
struct GbcUnsupported {
  std::string what;
  std::string file;
  uint32_t line = 0;
};

struct Block {
  enum class Type : uint8_t { Try, With } type = Block::Type::Try;
  int handler = 0;
  int depth = 0;          // operand stack size to cut back to
  int handled_depth = 0;  // size of the frame's handled-exception stack at setup
};

/// One executing Python frame.
struct Frame {
  std::shared_ptr<CodeObject> code;
  std::string name;                      // co_name, or a resume function's name
  std::shared_ptr<FunctionObject> func;  // null for module / class bodies / resume frames
  DictPtr globals;
  DictPtr locals;  // module and class bodies
  std::vector<Value> fast;
  std::vector<std::shared_ptr<CellObject>> cells;  // cellvars then freevars
  std::vector<Value> stack;
  std::vector<Block> blocks;
  std::vector<Value> handled;  // exceptions being handled (innermost last)
  int pc = 0;                  // next instruction
  int cur = 0;                 // instruction being executed
  Frame* back = nullptr;
  // Dynamo
  TraceState* trace = nullptr;  // non-null while this frame is traced (root or inlined)
  bool trace_root = false;
  bool transformed = false;        // runs Dynamo-transformed code (compiled frame); for tracebacks
  const void* code_key = nullptr;  // identity for Dynamo's code cache (resume frames differ)
  int resume_offset = -1;          // for resume frames: where the original code resumes
  uint32_t resume_line = 0;        // for resume frames: the line of the break they resume after
  bool generator = false;
  bool yielded = false;  // the last eval() stopped at a yield
  bool started = false;  // generator frames: has run before
  /// Generator-like frames (eval_async.cpp): suspended inside YIELD_FROM (its iterator on the
  /// stack, the instruction runs again on resumption), and an exception to raise where the
  /// frame resumes (generator.throw).
  bool delegating = false;
  Value throw_in;
  int stop_at = -1;
  // nested_graph_breaks: the inlined frame's state before its current instruction
  std::vector<Value> pre_stack;
  size_t pre_undo = 0,
         pre_nodes = 0;  // evaluation pauses (returns null) when reaching this instruction
  /// Position of the instruction being executed (for tracebacks).
  const syntax::Span& curPos() const { return code->code[cur].pos; }
  /// The __exit__ a with-block left on the stack (just below the block's own values), or null.
  const Value* withExit(const Block& b) const {
    if (b.type != Block::Type::With || b.depth <= 0 || static_cast<size_t>(b.depth) > stack.size())
      return nullptr;
    return &stack[static_cast<size_t>(b.depth - 1)];
  }
};
using FramePtr = std::shared_ptr<Frame>;

class VM {
 public:
  VM(const TargetProfile& target, bool run_mode);
  ~VM();

  const TargetProfile& target() const { return target_; }
  bool runMode() const { return run_mode_; }
  Dynamo& dynamo() { return *dynamo_; }

  /// Executes a module's code in a fresh module namespace named `name`.
  Value execModule(const std::shared_ptr<CodeObject>& code, const std::string& name,
                   DictPtr globals);
  /// Runs a module's code in `globals` as exec() does (adds __builtins__ when missing).
  Value runModuleCode(const std::shared_ptr<CodeObject>& code, const DictPtr& globals);

  // ---- frames ----
  FramePtr makeFrame(const std::shared_ptr<FunctionObject>& fn, CallArgs& args);
  /// Runs a frame to completion (or to its next yield for generators).
  Value eval(Frame& f);
  /// Continues evaluating the top frame `f` (already on the frame stack) from f.pc.
  Value resume(Frame& f) { return evalLoop(f); }
  /// Runs a frame the way the current context demands: inlined if the caller is traced,
  /// offered to Dynamo if a compiled region is active, else plainly.
  Value runFrame(const FramePtr& f);
  Frame* top() const { return top_; }
  int depth() const { return depth_; }

  // ---- calls ----
  Value call(const Value& callable, CallArgs& args);
  /// callable(v) (PyCallable_Check): a function, builtin, bound method, class, or an object
  /// whose type has __call__.
  bool isCallable(const Value& v);
  Value call(const Value& callable, std::vector<Value> args);
  Value callMethod(const Value& obj, std::string_view name, std::vector<Value> args);

  // ---- object protocol ----
  Value getAttr(const Value& obj, std::string_view name);
  Value getAttrOrNull(const Value& obj, std::string_view name);  // null instead of AttributeError
  /// obj.name through type(obj)'s __getattribute__ and __getattr__, null when missing (a Python
  /// __getattribute__ or __getattr__ may still raise AttributeError).
  Value lookupAttr(const Value& obj, std::string_view name);
  /// object.__getattribute__: the type's data descriptors, the instance dict, then the type's
  /// other attributes (bound); null when missing. No __getattr__.
  Value genericGetAttr(const Value& obj, const ClassPtr& type, std::string_view name);
  /// type.__getattribute__ on a class; null when missing.
  Value classGetAttr(const ClassPtr& cls, std::string_view name);
  /// object.__setattr__ (v null: object.__delattr__).
  void genericSetAttr(const Value& obj, const ClassPtr& type, std::string_view name,
                      const Value& v);
  /// type.__setattr__ (v null: type.__delattr__).
  void classSetAttr(const ClassPtr& cls, std::string_view name, const Value& v);
  /// The descriptor protocol: `descr` found on `type` for `obj` (null: looked up on the class).
  Value descrGet(const Value& descr, const Value& obj, const ClassPtr& type);
  void descrSet(const Value& descr, const Value& obj, const Value& v);  // v null: delete
  bool isDataDescriptor(const Value& descr);
  /// The instance's own namespace (the __dict__ of an instance, module, function, ...), created
  /// on demand where it may be, or null when the object has none.
  DictPtr instanceDict(const Value& obj, bool create);
  void setAttr(const Value& obj, std::string_view name, Value v);
  void delAttr(const Value& obj, std::string_view name);
  bool hasAttr(const Value& obj, std::string_view name) {
    return getAttrOrNull(obj, name) != nullptr;
  }
  Value getItem(const Value& obj, const Value& key);
  void setItem(const Value& obj, const Value& key, Value v);
  void delItem(const Value& obj, const Value& key);
  /// The builtin type's own item access, whatever a subclass overrides (dict.__getitem__, ...).
  Value getItemNative(const Value& obj, const Value& key);
  void setItemNative(const Value& obj, const Value& key, Value v);
  void delItemNative(const Value& obj, const Value& key);
  /// The special method `name` that the type of `obj` defines beyond the builtin behaviour (a
  /// user class's, or a subclass's override of a builtin type's), unbound; null when the native
  /// behaviour applies. Call it with callSpecial.
  Value special(const Value& obj, std::string_view name);
  Value callSpecial(const Value& method, const Value& self, std::vector<Value> args);
  /// The native behaviour of operators on builtin values; null / NotImplemented when the types
  /// do not support it.
  Value nativeBinary(syntax::BinOpKind op, const Value& a, const Value& b, bool inplace);
  Value nativeCompare(syntax::CmpOpKind op, const Value& a, const Value& b);
  /// repr() and str() of the builtin type itself (object.__repr__, dict.__repr__, ...).
  std::string reprNative(const Value& v);
  std::string objectRepr(const Value& v);  // object.__repr__
  std::string strNative(const Value& v);
  /// The builtin type's own iteration, containment and length.
  Value iterNative(const Value& v);
  bool containsNative(const Value& container, const Value& item);
  int64_t lenNative(const Value& v);
  /// __len__'s result checked and converted as len() does.
  int64_t lenResult(const Value& r);
  [[noreturn]] void raiseKeyError(const Value& key);
  Value binaryOp(syntax::BinOpKind op, const Value& a, const Value& b, bool inplace = false);
  Value unaryOp(syntax::UnaryOpKind op, const Value& a);
  Value compare(syntax::CmpOpKind op, const Value& a, const Value& b);
  bool truthy(const Value& v);
  bool equals(const Value& a, const Value& b);
  bool contains(const Value& container, const Value& item);
  Value iter(const Value& v);
  /// Next item of an iterator, or null when exhausted.
  Value next(const Value& it);
  std::vector<Value> toVector(const Value& iterable);
  std::string str(const Value& v);
  std::string repr(const Value& v);
  int64_t len(const Value& v);
  int64_t hash(const Value& v);
  ClassPtr typeOf(const Value& v);
  bool isInstance(const Value& v, const ClassObject* cls);

  // ---- exceptions ----
  [[noreturn]] void raise(const ClassPtr& cls, std::string message);
  [[noreturn]] void raiseValue(Value exc);
  Value makeException(const ClassPtr& cls, std::string message);
  [[noreturn]] void unsupported(std::string what);
  /// Raises `cls(message)` standing for a gap of gbc: CPython has `what`, gbc does not. The
  /// program may catch it as it would catch the exception; uncaught, it is reported as "gbc
  /// cannot model <what>", never as the program's own error.
  [[noreturn]] void raiseGap(const ClassPtr& cls, std::string message, std::string what);
  /// Raises the AttributeError for a missing `obj.name` (`message` is its text): a gap when
  /// CPython's type or module has the name (cpython_names.h).
  [[noreturn]] void raiseNoAttribute(const Value& obj, std::string_view name, std::string message);
  /// Raises TypeError(message) for an operation `obj`'s type does not support (`dunder` is its
  /// special method): a gap when CPython's builtin type has that method.
  [[noreturn]] void raiseTypeErrorOrGap(const Value& obj, std::string_view dunder,
                                        std::string message);
  /// Whether `file` is the user's code, where a user can act on a finding: not gbc's Python
  /// model of torch and of the standard library, nor a folder of `library_roots`.
  bool isUserFile(const std::string& file) const;
  std::string exceptionMessage(const Value& exc);
  /// The traceback CPython prints for an uncaught `exc`, with its chain of causes and contexts.
  report::PyTraceback tracebackReport(const Value& exc);
  report::PyExceptionRecord exceptionRecord(const Value& exc);

  // ---- builtin classes and modules ----
  struct Builtins;
  Builtins& b() { return *builtins_; }
  DictPtr builtinsDict() const { return builtins_dict_; }
  /// The import system (importer.h): sys.modules, sys.path, the import statement.
  Importer& importer() { return *importer_; }
  /// importlib.import_module's work from C++: the module `dotted` (relative to `globals`'
  /// package at `level`), imported as CPython imports it.
  Value importModule(const std::string& dotted, const DictPtr& globals, int level);
  /// Registers a module gbc implements natively (imports find it first, as CPython's built-in
  /// modules).
  void registerModule(const std::string& name, Value module);
  /// The module `name` if imported (sys.modules) or native (loading its lazy part); never
  /// imports from sys.path.
  Value findModule(const std::string& name);
  /// Loads the lazy part of the model that provides module `name`; false when none does (or it
  /// is loaded already).
  bool loadLazyModule(const std::string& name);
  /// Registers a part of the model to load when one of `modules` is looked up or one of
  /// `attrs` is missed on its module.
  void addLazyPart(std::vector<std::string> modules,
                   std::vector<std::pair<std::string, std::string>> attrs, void (*load)(VM&));
  /// Loads the lazy part that provides `module`.`attr`, if any and not loaded yet.
  bool loadLazyAttr(const std::string& module, std::string_view attr);
  /// Native methods of builtin kinds ("append" of list, ...).
  std::unordered_map<std::string, NativeFn>& nativeMethods(Kind k) {
    return native_methods_[static_cast<int>(k)];
  }
  /// Native attributes (properties) of builtin kinds ("shape" of Tensor, ...).
  std::unordered_map<std::string, std::function<Value(VM&, const Value&)>>& nativeProps(Kind k) {
    return native_props_[static_cast<int>(k)];
  }

  /// Where `import x.y` looks for local modules: the analysed file's package root and folder.
  std::vector<std::string> module_roots;
  /// Folders of code that is not the user's (the standard library, site-packages; each ending
  /// in '/'): gbc's findings are located in the innermost frame outside them (isUserFile).
  std::vector<std::string> library_roots;
  /// Program output (print); discarded in analyze mode.
  std::function<void(std::string_view)> out;
  /// The file system the program sees (vfs.h): the disk under `gbc run`, an in-memory overlay of
  /// it under `gbc analyze`. Open files hold `vfsRef()`.
  Vfs& vfs() { return *vfsRef(); }
  const std::shared_ptr<Vfs>& vfsRef();
  /// The program's standard error (sys.stderr); discarded when unset.
  std::function<void(std::string_view)> err;
  int recursion_limit = 1000;
  /// sys.get_int_max_str_digits(): str(int) and int(str) refuse more digits (0: no limit).
  int int_max_str_digits = 4300;
  /// Instruction/time budget of the program (limits.h); evalLoop counts every instruction.
  Budget budget;
  /// RecursionError when the C++ stack runs low, whatever recursion_limit says (limits.h).
  void checkStack() {
    if (cStackLow()) stackExhausted();
  }
  [[noreturn]] void stackExhausted();
  /// Source text of every file the VM has code for (for tracebacks and reports).
  std::unordered_map<std::string, std::shared_ptr<const std::string>> sources;

  /// Calls a class: the metaclass's __call__ when it has its own, else type.__call__.
  Value newInstance(const ClassPtr& cls, CallArgs& args);
  /// type.__call__: cls.__new__(cls, ...) then, for an instance of cls, __init__.
  Value typeCall(const ClassPtr& cls, CallArgs& args);
  /// type.__new__(meta, name, bases, ns, **kwds) (args[0] is the metaclass).
  Value typeNew(const ClassPtr& meta, CallArgs& args);
  /// The winner among `meta` and the metaclasses of `bases` (TypeError on a conflict).
  ClassPtr mostDerivedMetaclass(ClassPtr meta, const std::vector<ClassPtr>& bases);
  /// object.__new__(cls, ...) (args[0] is cls) and object.__init__(self, ...).
  Value objectNew(const ClassPtr& cls, CallArgs& args);
  void objectInit(const Value& self, CallArgs& args);
  /// `native` (a fresh builtin value) made an instance of the user subclass `cls`.
  Value makeSubclassInstance(const ClassPtr& cls, Value native);
  /// builtins.__build_class__: the class statement.
  Value buildClass(CallArgs& args);
  /// isinstance() and issubclass(): tuples, then type(cls).__instancecheck__ /
  /// __subclasscheck__ (ABCMeta, unions, generic aliases).
  bool isInstanceHook(const Value& obj, const Value& cls);
  bool isSubclassHook(const Value& derived, const Value& cls);
  /// type.__instancecheck__: the type's MRO, or the class an object claims through __class__.
  bool realIsInstance(const Value& obj, const Value& cls);
  /// super() without arguments, in the calling frame.
  Value zeroArgSuper();
  /// A __slots__ member descriptor `name` on `cls`.
  void installSlotMember(const ClassPtr& cls, const std::string& name);
  /// object.__new__ and object.__init__ (what CPython compares tp_new / tp_init with).
  Value object_new_, object_init_, object_str_;
  Value makeFunction(std::shared_ptr<CodeObject> code, DictPtr globals);
  ClassPtr makeClass(const std::string& name, std::vector<ClassPtr> bases, DictPtr dict);

 private:
  Value superGetAttr(const Value& sup, std::string_view name);
  void sequenceOpError(syntax::BinOpKind op, const Value& a, const Value& b);
  Value callAttrHook(const Value& getattribute, const Value& obj, const ClassPtr& type,
                     std::string_view name);
  std::string propertyName(const Value& prop);
  Value evalLoop(Frame& f);
  bool handleException(Frame& f, const Value& exc);
  void addTraceback(const Value& exc, Frame& f);
  void bindArgs(Frame& f, FunctionObject& fn, CallArgs& args);

  TargetProfile target_;
  bool run_mode_;
  std::unique_ptr<Dynamo> dynamo_;
  std::unique_ptr<Builtins> builtins_;
  DictPtr builtins_dict_;
  std::shared_ptr<Vfs> vfs_;
  std::unique_ptr<Importer> importer_;
  /// Parts of the torch model loaded on first use (most programs never train): by module
  /// (`torch.optim` and its submodules) or by attribute (`torch.nn.CrossEntropyLoss`).
  struct LazyPart {
    std::vector<std::string> modules;
    std::vector<std::pair<std::string, std::string>> attrs;  // (module, attribute)
    void (*load)(VM&) = nullptr;
    bool loaded = false;
  };
  std::vector<LazyPart> lazy_;
  void loadLazy(LazyPart& part);
  std::unordered_map<std::string, NativeFn> native_methods_[kKindCount];
  std::unordered_map<std::string, std::function<Value(VM&, const Value&)>>
      native_props_[kKindCount];
  Frame* top_ = nullptr;
  int depth_ = 0;

  friend class FrameGuard;
};

/// Builtin classes the evaluator needs by name.
struct VM::Builtins {
  ClassPtr object, type, int_, float_, bool_, str, bytes, bytearray, memoryview, tuple, list, dict,
      set, frozenset, slice, range, none_type, function, builtin_function, method, module, cell,
      iterator, generator, property, staticmethod, classmethod, super_, ellipsis, notimplemented,
      code;
  ClassPtr base_exception, exception, type_error, value_error, attribute_error, name_error,
      unbound_local_error, key_error, index_error, zero_division_error, runtime_error,
      not_implemented_error, assertion_error, stop_iteration, recursion_error, import_error,
      module_not_found_error, lookup_error, arithmetic_error, overflow_error, keyboard_interrupt,
      generator_exit, os_error, file_not_found_error, user_warning, warning, deprecation_warning;
  ClassPtr getset_descriptor;                   // the type of GetSetObject
  ClassPtr range_iterator, longrange_iterator;  // iterators of range (IteratorObject::cls)
  ClassPtr tensor, dtype;                       // torch.Tensor, torch.dtype
  ClassPtr parameter;  // torch.nn.Parameter (a Tensor subclass: TensorObject::is_parameter)
  std::unordered_map<std::string, ClassPtr> by_name;
};

/// RAII: pushes a frame on the VM's frame stack.
class FrameGuard {
 public:
  FrameGuard(VM& vm, Frame& f);
  ~FrameGuard();

 private:
  VM& vm_;
  Frame& f_;
};

void installStdlibModules(VM& vm);

}  // namespace gbc::interp
