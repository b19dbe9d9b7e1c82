// Object model basics: constructors, dict/set storage, hashing, equality, truthiness.
#include "interp/value.h"

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

static size_t hashCombine(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

size_t KeyHash::operator()(const Value& v) const {
  switch (v->kind) {
    case Kind::None:
      return 0x5eed;
    case Kind::Bool:
    case Kind::Int:
      return std::hash<int64_t>()(asInt(v));
    case Kind::Float: {
      double d = as<FloatObject>(v).v;
      if (std::floor(d) == d && std::fabs(d) < 9.2e18)
        return std::hash<int64_t>()(static_cast<int64_t>(d));
      return std::hash<double>()(d);
    }
    case Kind::Str:
      return std::hash<std::string>()(asStr(v));
    case Kind::Bytes:
      return std::hash<std::string>()(as<BytesObject>(v).v) ^ 0xb;
    case Kind::Tuple: {
      size_t h = 0x7u;
      for (const Value& x : as<TupleObject>(v).items) h = hashCombine(h, (*this)(x));
      return h;
    }
    default:
      return std::hash<const void*>()(v.get());
  }
}

bool KeyEq::operator()(const Value& a, const Value& b) const {
  if (a.get() == b.get()) return true;
  bool an = a->kind == Kind::Int || a->kind == Kind::Bool || a->kind == Kind::Float;
  bool bn = b->kind == Kind::Int || b->kind == Kind::Bool || b->kind == Kind::Float;
  if (an && bn) {
    if (a->kind == Kind::Float || b->kind == Kind::Float) return asFloat(a) == asFloat(b);
    return asInt(a) == asInt(b);
  }
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
        if (!(*this)(x[i], y[i])) return false;
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
  probe->v.assign(key.data(), key.size());
  return get(probe);
}

void DictObject::set(const Value& key, Value value) {
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

int64_t RangeObject::length() const {
  if (step > 0 && start < stop) return (stop - start + step - 1) / step;
  if (step < 0 && start > stop) return (start - stop - step - 1) / (-step);
  return 0;
}

Value ClassObject::lookup(std::string_view name) const {
  for (const auto& c : mro) {
    if (!c->dict) continue;
    if (Value v = c->dict->getStr(name)) return v;
  }
  return nullptr;
}

bool ClassObject::isSubclassOf(const ClassObject* other) const {
  for (const auto& c : mro)
    if (c.get() == other) return true;
  return false;
}

}  // namespace gbc::interp
