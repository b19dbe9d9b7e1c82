// The Python object model of gbc's interpreter. Value kinds mirror what the evaluator needs;
// Dynamo's VariableTracker names appear where messages print them (see dynamo_repr.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interp/bytecode.h"
#include "runtime/tensor.h"

namespace gbc::native {
class BigInt;
}

namespace gbc::interp {

struct Object;
using Value = std::shared_ptr<Object>;

enum class Kind : uint8_t {
  None,
  Bool,
  Int,
  Float,
  Str,
  Bytes,
  ByteArray,
  Tuple,
  List,
  Dict,
  Set,
  Slice,
  Ellipsis,
  NotImplemented,
  Function,
  BoundMethod,
  Builtin,
  Class,
  Instance,
  Module,
  Cell,
  Iterator,
  Generator,
  Code,
  Property,
  StaticMethod,
  ClassMethod,
  Tensor,
  DType,
  Super,
  Range,
  GetSet,  // a native data descriptor: function.__name__, type.__mro__, a __slots__ member
};
/// One past the last Kind (the size of per-kind tables).
inline constexpr int kKindCount = static_cast<int>(Kind::GetSet) + 1;

struct DictObject;
using DictPtr = std::shared_ptr<DictObject>;
struct ClassObject;
using ClassPtr = std::shared_ptr<ClassObject>;
class VM;
struct NativeState;

/// What an instance of a user subclass of a builtin type carries besides its native value (an
/// int of an IntEnum, the tuple of a namedtuple, the dict of an OrderedDict): the object keeps
/// its native kind, so every native operation works on it, and its type is `cls`.
struct SubclassState {
  ClassPtr cls;
  DictPtr dict;  // the instance __dict__
  /// C++ state of a native subclass of a builtin type (defaultdict's default_factory).
  std::shared_ptr<NativeState> native = nullptr;
};

struct Object {
  explicit Object(Kind k) : kind(k) {}
  virtual ~Object() = default;
  Kind kind;
  /// Set on instances of user subclasses of builtin types (VM::typeOf returns its class).
  std::shared_ptr<SubclassState> sub;
};

struct BoolObject : Object {
  explicit BoolObject(bool b) : Object(Kind::Bool), v(b) {}
  bool v;
};
struct IntObject : Object {
  explicit IntObject(int64_t i) : Object(Kind::Int), v(i) {}
  int64_t v;
  /// The value when it does not fit int64 (then `v` is 0). Ints are normalised: an int that
  /// fits int64 never has one (pyBigInt).
  std::shared_ptr<const native::BigInt> big;
  /// A dynamic (symbolic) int while Dynamo traces: the input slot it stands for (-1: derived
  /// from one), kUnbacked for an unbacked one (Tensor.item() under capture_scalar_outputs), or
  /// -2 for a plain Python int.
  static constexpr int kUnbacked = -3;
  int sym_slot = -2;
  bool symbolic() const { return sym_slot != -2; }
  bool unbacked() const { return sym_slot == kUnbacked; }
};
struct FloatObject : Object {
  explicit FloatObject(double d) : Object(Kind::Float), v(d) {}
  double v;
};
struct StrIndex;  // text.h
/// A str: UTF-8, with lone surrogates in their three-byte form; text.h gives its code points.
struct StrObject : Object {
  explicit StrObject(std::string s) : Object(Kind::Str), v(std::move(s)) {}
  std::string v;
  /// Caches of text.h (a str never changes; `assign` resets them for a reused probe): the
  /// length in code points (-1: not known yet) and, for a non-ASCII str, its index.
  mutable int64_t length_ = -1;
  mutable std::shared_ptr<const StrIndex> index_;
  void assign(std::string_view s) {
    v.assign(s.data(), s.size());
    length_ = -1;
    index_.reset();
  }
};
/// bytes (Kind::Bytes) and bytearray (Kind::ByteArray, mutable).
struct BytesObject : Object {
  explicit BytesObject(std::string s, Kind k = Kind::Bytes) : Object(k), v(std::move(s)) {}
  std::string v;
  /// bytearray: live buffer exports (memoryviews) that forbid resizing.
  int exports = 0;
};
struct TupleObject : Object {
  explicit TupleObject(std::vector<Value> items) : Object(Kind::Tuple), items(std::move(items)) {}
  std::vector<Value> items;
  /// torch.Size is a tuple subclass; printed as torch.Size([..]).
  bool is_size = false;
  /// namedtuple-like class (user class deriving tuple) — not modelled beyond this.
};
struct ListObject : Object {
  explicit ListObject(std::vector<Value> items) : Object(Kind::List), items(std::move(items)) {}
  std::vector<Value> items;
};

/// The VM executing on this thread (set by VM's constructor): dict and set keys of user classes
/// hash and compare through it (their __hash__ / __eq__).
VM* currentVM();
void setCurrentVM(VM* vm);

/// Hash/equality functors for dict and set keys: Python semantics for builtin key types, the
/// object's own __hash__ / __eq__ (through currentVM()) for instances of user classes.
int64_t vmHash(VM& vm, const Value& v);                 // VM::hash
bool vmEquals(VM& vm, const Value& a, const Value& b);  // VM::equals
/// hash() of a builtin value by its native kind (CPython's values for int, float, None).
int64_t nativeHash(const Value& v);
/// CPython's default hash of an object: its address rotated (object.__hash__).
int64_t identityHash(const void* p);
/// Compares two numbers (int of any size, bool, float) exactly: -1, 0, 1, or 2 when one is NaN.
int compareNumbers(const Value& a, const Value& b);
/// == between builtin values by their native kinds (no user __eq__).
bool nativeEquals(const Value& a, const Value& b);

struct KeyHash {
  size_t operator()(const Value& v) const;
};
struct KeyEq {
  bool operator()(const Value& a, const Value& b) const;
};

/// Insertion-ordered dict; deleted slots are tombstones (null key) compacted on growth.
struct DictObject : Object {
  DictObject() : Object(Kind::Dict) {}
  std::vector<std::pair<Value, Value>> entries;
  std::unordered_map<Value, size_t, KeyHash, KeyEq> index;
  size_t live = 0;
  /// The namespace of a class: a change invalidates the attribute caches of every class
  /// (ClassObject::lookup), so it bumps classDictEpoch().
  bool class_dict = false;

  Value get(const Value& key) const;
  Value getStr(std::string_view key) const;
  void set(const Value& key, Value value);
  void setStr(std::string_view key, Value value);
  bool erase(const Value& key);
  size_t size() const { return live; }
  template <typename F>
  void forEach(F&& f) const {
    for (const auto& [k, v] : entries)
      if (k) f(k, v);
  }
};

struct SetObject : Object {
  SetObject() : Object(Kind::Set) {}
  std::vector<Value> entries;  // null = tombstone
  std::unordered_map<Value, size_t, KeyHash, KeyEq> index;
  size_t live = 0;
  bool frozen = false;
  bool contains(const Value& v) const { return index.count(v) != 0; }
  void add(const Value& v);
  bool erase(const Value& v);
};

struct SliceObject : Object {
  SliceObject(Value a, Value b, Value c)
      : Object(Kind::Slice), start(std::move(a)), stop(std::move(b)), step(std::move(c)) {}
  Value start, stop, step;
};

[[noreturn]] void intTooLarge();
struct BigRange;  // range.h
/// A range. Ordinary ranges (start, stop, step and the length fit int64) use the int64 fields;
/// others carry `big` with their exact bounds (then start/stop/step are not meaningful, and
/// `len` is -1 where the length is beyond int64). See range.h (makeRange).
struct RangeObject : Object {
  RangeObject(int64_t a, int64_t b, int64_t c, int64_t n)
      : Object(Kind::Range), start(a), stop(b), step(c), len(n) {}
  int64_t start, stop, step;
  int64_t len;
  std::shared_ptr<const BigRange> big;
  /// len(r): OverflowError "Python int too large to convert to C ssize_t" beyond int64.
  int64_t length() const {
    if (len < 0) intTooLarge();
    return len;
  }
  bool empty() const { return len == 0; }
};

struct CellObject : Object {
  CellObject() : Object(Kind::Cell) {}
  Value v;  // null = empty
};

struct CodeValue : Object {
  explicit CodeValue(std::shared_ptr<CodeObject> c) : Object(Kind::Code), code(std::move(c)) {}
  std::shared_ptr<CodeObject> code;
};

/// A user-defined (or prelude-defined) Python function.
struct FunctionObject : Object {
  FunctionObject() : Object(Kind::Function) {}
  std::shared_ptr<CodeObject> code;
  DictPtr globals;
  std::vector<Value> defaults;
  DictPtr kwdefaults;
  std::vector<std::shared_ptr<CellObject>> closure;
  std::string name, qualname;
  DictPtr attrs;                              // __dict__ (created on demand)
  std::weak_ptr<ClassObject> defining_class;  // for super() / __class__
  Value module_name;
  // Annotations and PEP 695, set by SET_FUNCTION_ATTRIBUTE (eval_scopes.cpp); shown by the
  // getsets of annotations.cpp:
  /// `__annotations__`: the dict 3.12 (or `from __future__ import annotations`) builds at def
  /// time; in 3.14 the result of `annotate(1)`, cached on first access. Null: none yet.
  Value annotations;
  /// `__annotate__` (3.14, PEP 649): the function computing the annotations from a format
  /// (1 VALUE, 2 VALUE_WITH_FAKE_GLOBALS, 3 FORWARDREF, 4 STRING). Null: None.
  Value annotate;
  /// `__type_params__` (PEP 695): the tuple of a generic def's type parameters. Null: ().
  Value type_params;
  /// `__doc__` once set; null: the code's docstring (functionDocstring, eval_ext.h).
  Value doc;
};

struct BoundMethodObject : Object {
  BoundMethodObject(Value s, Value f)
      : Object(Kind::BoundMethod), self(std::move(s)), func(std::move(f)) {}
  Value self, func;
};

/// Positional and keyword arguments of a call.
struct CallArgs {
  std::vector<Value> args;
  std::vector<std::pair<std::string, Value>> kwargs;
  Value kw(std::string_view name) const {
    for (const auto& [k, v] : kwargs)
      if (k == name) return v;
    return nullptr;
  }
};

using NativeFn = std::function<Value(VM&, CallArgs&)>;

/// A function implemented in C++: Python builtins, methods of builtin types, gbc's torch model.
/// Found on a class, it binds to the instance like a method descriptor unless `binds` is false
/// (a builtin function such as `len` stored as a class attribute does not bind).
struct BuiltinObject : Object {
  BuiltinObject(std::string n, NativeFn f)
      : Object(Kind::Builtin), name(std::move(n)), fn(std::move(f)) {}
  std::string name;      // printed name, e.g. "print", "graph_break"
  std::string qualname;  // e.g. "torch._dynamo.graph_break" (for messages); defaults to name
  NativeFn fn;
  Value self;  // bound receiver (methods of builtin types), may be null
  /// Identity of the modelled callable for cause matching (e.g. "torch._dynamo.graph_break").
  std::string id;
  DictPtr attrs;
  bool binds = true;
  /// A special method of a builtin type that does what the type natively does (a slot wrapper:
  /// object.__repr__, dict.__getitem__): VM::special treats finding it as "no override".
  bool slot = false;
  /// A method of a builtin class that takes the class as its receiver (dict.fromkeys,
  /// int.from_bytes): it binds to the class, also when looked up on an instance.
  bool class_method = false;
};

/// A native data descriptor (Kind::GetSet) in a type's dict: `get(vm, obj)` reads the
/// attribute of `obj`; `set` (null: read-only) writes it, and with a null value deletes it.
struct GetSetObject : Object {
  using Getter = std::function<Value(VM&, const Value&)>;
  using Setter = std::function<void(VM&, const Value&, const Value&)>;
  GetSetObject(std::string n, Getter g, Setter s)
      : Object(Kind::GetSet), name(std::move(n)), get(std::move(g)), set(std::move(s)) {}
  std::string name;
  std::string owner;  // the class's name, for messages
  Getter get;
  Setter set;
};

/// A class: user-defined, prelude-defined or builtin (int, list, Exception, ...).
struct ClassObject : Object, std::enable_shared_from_this<ClassObject> {
  ClassObject() : Object(Kind::Class) {}
  std::string name, qualname, module;
  std::vector<std::shared_ptr<ClassObject>> bases;
  std::vector<std::shared_ptr<ClassObject>> mro;  // self first
  DictPtr dict;
  /// The metaclass (null: `type`).
  ClassPtr meta;
  /// For builtin types: the kind of their instances (Int for int, ...). Instance for others.
  /// A subclass inherits its solid base's kind: its instances are native objects of that kind
  /// carrying a SubclassState.
  Kind instance_kind = Kind::Instance;
  bool is_exception = false;
  /// A builtin type (its methods and attributes are gbc's own).
  bool builtin = false;
  /// __slots__ without __dict__ along the whole MRO: instances take no other attributes.
  bool no_dict = false;
  /// Direct subclasses (type.__subclasses__).
  std::vector<std::weak_ptr<ClassObject>> subclasses;
  /// The attribute `name` along the MRO (null if none). Cached per class until any class dict
  /// changes.
  Value lookup(std::string_view name) const;
  bool isSubclassOf(const ClassObject* other) const;

 private:
  struct StrHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  mutable std::unordered_map<std::string, Value, StrHash, std::equal_to<>> cache_;
  mutable uint64_t cache_epoch_ = 0;
};

/// Counts changes to class namespaces in this thread (ClassObject::lookup's cache key).
uint64_t& classDictEpoch();

/// A frame summary kept on exceptions for tracebacks.
struct TracebackEntry {
  std::string file;
  std::string name;
  syntax::Span pos;
  std::shared_ptr<CodeObject> code;  ///< the frame's code (tb_frame.f_code); null if unknown
  DictPtr globals;                   ///< the frame's globals (tb_frame.f_globals)
  int lasti = 0;                     ///< the instruction (tb_lasti is twice this)
};

/// The native state of an instance of a native type (a deque's items, a StringIO's buffer):
/// native types derive their state from this (native_type.h).
struct NativeState {
  virtual ~NativeState() = default;
};

struct InstanceObject : Object {
  explicit InstanceObject(ClassPtr c)
      : Object(Kind::Instance), cls(std::move(c)), dict(std::make_shared<DictObject>()) {}
  ClassPtr cls;
  DictPtr dict;
  // Exceptions
  std::vector<TracebackEntry> traceback;
  Value cause, context;
  bool suppress_context = false;
  /// Native payload (e.g. the structured Unsupported error); owned by whoever set it.
  std::shared_ptr<void> payload;
  /// The state of an instance of a native type (native_type.h).
  std::shared_ptr<NativeState> native;
  /// Set on an exception that stands for a gap of gbc (VM::raiseGap): what CPython has and gbc
  /// lacks, e.g. "`str.isidentifier`".
  std::shared_ptr<const std::string> gap;
  /// Module instance bookkeeping (nn.Module) lives in dict like torch does.
};

struct ModuleObject : Object {
  explicit ModuleObject(std::string n)
      : Object(Kind::Module), name(std::move(n)), dict(std::make_shared<DictObject>()) {}
  std::string name;
  DictPtr dict;
};

/// Iterators over builtin sequences and generators' shared protocol.
struct IteratorObject : Object {
  enum class Source { List, Tuple, Range, Str, DictKeys, DictValues, DictItems, Set, Native };
  IteratorObject() : Object(Kind::Iterator) {}
  Source source = Source::List;
  Value target;                    // the iterated container
  int64_t index = 0;               // position (Range: current value index)
  std::function<Value(VM&)> next;  // Native: returns null when exhausted
  std::string type_name = "list_iterator";
  /// Its type where it has its own (range_iterator, longrange_iterator); null: `iterator`.
  ClassPtr cls;
};

struct Frame;
/// A generator; also the payload of the coroutine and async_generator instances
/// (gen_objects.h: their frame's code has kCoroutine / kAsyncGenerator).
struct GeneratorObject : Object {
  GeneratorObject() : Object(Kind::Generator) {}
  std::shared_ptr<Frame> frame;
  bool finished = false;
  bool running = false;
};

struct PropertyObject : Object {
  PropertyObject() : Object(Kind::Property) {}
  Value fget, fset, fdel, doc;
  Value name;  // set by __set_name__ (property.__name__)
};
struct StaticMethodObject : Object {
  explicit StaticMethodObject(Value f) : Object(Kind::StaticMethod), func(std::move(f)) {}
  Value func;
};
struct ClassMethodObject : Object {
  explicit ClassMethodObject(Value f) : Object(Kind::ClassMethod), func(std::move(f)) {}
  Value func;
};
struct SuperObject : Object {
  SuperObject(ClassPtr c, Value s) : Object(Kind::Super), cls(std::move(c)), self(std::move(s)) {}
  ClassPtr cls;
  Value self;
};

struct GradNode;  // autograd.h

/// A torch.Tensor. `trace_id` links it to a node of the graph being traced (-1: none).
struct TensorObject : Object {
  explicit TensorObject(runtime::Tensor t) : Object(Kind::Tensor), t(std::move(t)) {}
  runtime::Tensor t;
  DictPtr attrs;
  std::shared_ptr<GradNode> grad_fn;  // the backward node of the op that made it (none: a leaf)
  bool is_parameter = false;
  bool requires_grad = false;
  int64_t uid = nextUid();
  static int64_t nextUid() {
    static thread_local int64_t n = 0;
    return ++n;
  }
};

struct DTypeObject : Object {
  explicit DTypeObject(runtime::DType d) : Object(Kind::DType), d(d) {}
  runtime::DType d;
};

// ---- constructors and accessors ----
Value none();
Value pyBool(bool b);
Value pyInt(int64_t i);
Value pyFloat(double d);
Value pyStr(std::string s);
Value pyTuple(std::vector<Value> items);
Value pyList(std::vector<Value> items);
DictPtr newDict();
Value ellipsis();
Value notImplemented();

inline bool isNone(const Value& v) { return v->kind == Kind::None; }
inline bool isInt(const Value& v) { return v->kind == Kind::Int || v->kind == Kind::Bool; }
/// An int beyond int64 (IntObject::big).
inline bool isBigInt(const Value& v) {
  return v->kind == Kind::Int && static_cast<const IntObject&>(*v).big != nullptr;
}
/// Raises OverflowError "Python int too large to convert to C ssize_t" (asInt of a big int).
[[noreturn]] void intTooLarge();
inline int64_t asInt(const Value& v) {
  if (v->kind == Kind::Bool) return static_cast<const BoolObject&>(*v).v;
  const auto& i = static_cast<const IntObject&>(*v);
  if (i.big) intTooLarge();
  return i.v;
}
/// float(v) of an int or float (OverflowError for an int beyond the float range).
double asFloat(const Value& v);
/// An int value of any size (normalised: int64 when it fits).
Value pyBigInt(native::BigInt b);
/// The value of an int (or bool) as a BigInt.
native::BigInt toBigInt(const Value& v);
inline const std::string& asStr(const Value& v) { return static_cast<const StrObject&>(*v).v; }
template <typename T>
T& as(const Value& v) {
  return static_cast<T&>(*v);
}

}  // namespace gbc::interp
