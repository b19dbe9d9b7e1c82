// Object model basics: constructors, dict/set storage, hashing, equality, truthiness.
#include "interp/value.h"

#include "interp/vm.h"
#include "native/bigint.h"

#include <cmath>
#include <functional>

namespace gbc::interp {

Value none() {
  static Value v = std::make_shared<Object>(Kind::None);
  return v;
}
Value pyBool(bool b) {
  static Value t = std::make_shared<BoolObject>(true);
  static Value f = std::make_shared<BoolObject>(false);
  return b ? t : f;
}
Value pyInt(int64_t i) {
  static std::vector<Value> small = [] {
    std::vector<Value> s;
    for (int64_t k = -5; k <= 256; ++k) s.push_back(std::make_shared<IntObject>(k));
    return s;
  }();
  if (i >= -5 && i <= 256) return small[static_cast<size_t>(i + 5)];
  return std::make_shared<IntObject>(i);
}
Value pyFloat(double d) { return std::make_shared<FloatObject>(d); }

void intTooLarge() {
  VM* vm = currentVM();
  GBC_CHECK(vm != nullptr, "an int beyond int64 needs a VM to raise OverflowError");
  vm->raise(vm->b().overflow_error, "Python int too large to convert to C ssize_t");
}

Value pyBigInt(native::BigInt b) {
  if (b.fitsInt64()) return pyInt(b.toInt64());
  auto i = std::make_shared<IntObject>(0);
  i->big = std::make_shared<const native::BigInt>(std::move(b));
  return i;
}

native::BigInt toBigInt(const Value& v) {
  if (v->kind == Kind::Int)
    if (const auto& big = static_cast<const IntObject&>(*v).big) return *big;
  return native::BigInt(asInt(v));
}

double asFloat(const Value& v) {
  if (v->kind == Kind::Float) return static_cast<const FloatObject&>(*v).v;
  if (isBigInt(v)) {
    native::PyResult<double> d = as<IntObject>(v).big->toDouble();
    if (!d) {
      VM* vm = currentVM();
      GBC_CHECK(vm != nullptr, "float() of a big int needs a VM to raise OverflowError");
      vm->raise(vm->b().overflow_error, d.error().message);
    }
    return *d;
  }
  return static_cast<double>(asInt(v));
}
Value pyStr(std::string s) { return std::make_shared<StrObject>(std::move(s)); }
Value pyTuple(std::vector<Value> items) { return std::make_shared<TupleObject>(std::move(items)); }
Value pyList(std::vector<Value> items) { return std::make_shared<ListObject>(std::move(items)); }
DictPtr newDict() { return std::make_shared<DictObject>(); }
Value ellipsis() {
  static Value v = std::make_shared<Object>(Kind::Ellipsis);
  return v;
}
Value notImplemented() {
  static Value v = std::make_shared<Object>(Kind::NotImplemented);
  return v;
}

namespace {
thread_local VM* current_vm = nullptr;
}
VM* currentVM() { return current_vm; }
void setCurrentVM(VM* vm) { current_vm = vm; }

uint64_t& classDictEpoch() {
  thread_local uint64_t epoch = 1;
  return epoch;
}

/// Keys whose hash and equality are the user's (__hash__ / __eq__ of a user class).
static bool userKey(const Value& v) { return v->kind == Kind::Instance || v->sub; }

static size_t hashCombine(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

int64_t identityHash(const void* p) {
  // CPython's _Py_HashPointer: the address rotated by 4 bits
  auto y = reinterpret_cast<uintptr_t>(p);
  int64_t h = static_cast<int64_t>((y >> 4) | (y << 60));
  return h == -1 ? -2 : h;
}

/// CPython's hash of an int: its value modulo the Mersenne prime 2**61 - 1, with its sign.
static int64_t intHash(int64_t i) {
  const uint64_t modulus = (uint64_t{1} << 61) - 1;
  uint64_t a = i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  int64_t h = static_cast<int64_t>(a % modulus);
  if (i < 0) h = -h;
  return h == -1 ? -2 : h;
}

/// CPython's _Py_HashDouble: the hash of the rational value, consistent with intHash.
static int64_t floatHash(double d) {
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) return 0;  // (CPython hashes NaN by identity)
  const int bits = 61;
  const uint64_t modulus = (uint64_t{1} << bits) - 1;
  int e;
  double m = std::frexp(d, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & modulus) | x >> (bits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    auto y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= modulus) x -= modulus;
  }
  e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits);
  x = ((x << e) & modulus) | x >> (bits - e);
  int64_t h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

int64_t nativeHash(const Value& v) {
  switch (v->kind) {
    case Kind::None:
      return 0xFCA86420;
    case Kind::Bool:
    case Kind::Int:
      if (isBigInt(v)) return as<IntObject>(v).big->hash();
      return intHash(asInt(v));
    case Kind::Float:
      return floatHash(as<FloatObject>(v).v);
    case Kind::Str:
      return static_cast<int64_t>(std::hash<std::string>()(asStr(v)) >> 1);
    case Kind::Bytes:
      return static_cast<int64_t>((std::hash<std::string>()(as<BytesObject>(v).v) ^ 0xb) >> 1);
    case Kind::Tuple: {
      size_t h = 0x7u;
      for (const Value& x : as<TupleObject>(v).items) h = hashCombine(h, KeyHash()(x));
      return static_cast<int64_t>(h >> 1);
    }
    default:
      return identityHash(v.get());
  }
}

size_t KeyHash::operator()(const Value& v) const {
  if (userKey(v) || v->kind == Kind::Tuple || v->kind == Kind::Range)
    if (VM* vm = currentVM()) return static_cast<size_t>(vmHash(*vm, v));
  return static_cast<size_t>(nativeHash(v));
}

bool KeyEq::operator()(const Value& a, const Value& b) const {
  if (a.get() == b.get()) return true;
  if (userKey(a) || userKey(b) || (a->kind == Kind::Range && b->kind == Kind::Range))
    if (VM* vm = currentVM()) return vmEquals(*vm, a, b);
  return nativeEquals(a, b);
}

int compareNumbers(const Value& a, const Value& b) {
  bool fa = a->kind == Kind::Float, fb = b->kind == Kind::Float;
  if (fa && fb) {
    double x = as<FloatObject>(a).v, y = as<FloatObject>(b).v;
    if (std::isnan(x) || std::isnan(y)) return 2;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (fa || fb) {
    // an int and a float: exactly, whatever their sizes (CPython's float_richcompare)
    const Value& i = fa ? b : a;
    double d = fa ? as<FloatObject>(a).v : as<FloatObject>(b).v;
    std::optional<int> c = toBigInt(i).compareWithDouble(d);
    if (!c) return 2;
    return fa ? -*c : *c;
  }
  if (isBigInt(a) || isBigInt(b)) {
    auto c = toBigInt(a) <=> toBigInt(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  int64_t x = asInt(a), y = asInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

bool nativeEquals(const Value& a, const Value& b) {
  if (a.get() == b.get()) return true;
  bool an = a->kind == Kind::Int || a->kind == Kind::Bool || a->kind == Kind::Float;
  bool bn = b->kind == Kind::Int || b->kind == Kind::Bool || b->kind == Kind::Float;
  if (an && bn) return compareNumbers(a, b) == 0;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case Kind::None:
      return true;
    case Kind::Str:
      return asStr(a) == asStr(b);
    case Kind::Bytes:
      return as<BytesObject>(a).v == as<BytesObject>(b).v;
    case Kind::Tuple: {
      const auto& x = as<TupleObject>(a).items;
      const auto& y = as<TupleObject>(b).items;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!KeyEq()(x[i], y[i])) return false;
      return true;
    }
    default:
      return false;
  }
}

Value DictObject::get(const Value& key) const {
  auto it = index.find(key);
  if (it == index.end()) return nullptr;
  return entries[it->second].second;
}

Value DictObject::getStr(std::string_view key) const {
  // Namespaces are looked up by name constantly; a temporary key keeps one hashing path.
  thread_local std::shared_ptr<StrObject> probe = std::make_shared<StrObject>("");
  probe->assign(key);
  return get(probe);
}

void DictObject::set(const Value& key, Value value) {
  if (class_dict) ++classDictEpoch();
  auto it = index.find(key);
  if (it != index.end()) {
    entries[it->second].second = std::move(value);
    return;
  }
  if (entries.size() > 16 && entries.size() > 2 * live) {
    std::vector<std::pair<Value, Value>> compact;
    compact.reserve(live + 1);
    index.clear();
    for (auto& e : entries)
      if (e.first) {
        index[e.first] = compact.size();
        compact.push_back(std::move(e));
      }
    entries = std::move(compact);
  }
  index[key] = entries.size();
  entries.emplace_back(key, std::move(value));
  ++live;
}

void DictObject::setStr(std::string_view key, Value value) {
  set(pyStr(std::string(key)), std::move(value));
}

bool DictObject::erase(const Value& key) {
  if (class_dict) ++classDictEpoch();
  auto it = index.find(key);
  if (it == index.end()) return false;
  entries[it->second].first = nullptr;
  entries[it->second].second = nullptr;
  index.erase(it);
  --live;
  return true;
}

void SetObject::add(const Value& v) {
  if (index.count(v)) return;
  index[v] = entries.size();
  entries.push_back(v);
  ++live;
}

bool SetObject::erase(const Value& v) {
  auto it = index.find(v);
  if (it == index.end()) return false;
  entries[it->second] = nullptr;
  index.erase(it);
  --live;
  return true;
}

Value ClassObject::lookup(std::string_view name) const {
  if (cache_epoch_ != classDictEpoch()) {
    cache_.clear();
    cache_epoch_ = classDictEpoch();
  }
  if (auto it = cache_.find(name); it != cache_.end()) return it->second;
  Value found;
  for (const auto& c : mro) {
    if (!c->dict) continue;
    if ((found = c->dict->getStr(name))) break;
  }
  cache_.emplace(std::string(name), found);
  return found;
}

bool ClassObject::isSubclassOf(const ClassObject* other) const {
  for (const auto& c : mro)
    if (c.get() == other) return true;
  return false;
}

}  // namespace gbc::interp
