// Operators as CPython dispatches them: binary operators (the in-place form first, a subclass's
// reflected method before its base's), unary operators, and rich comparisons (reflection,
// NotImplemented, == falling back to identity), with the native behaviour of builtin types
// (numbers, sequences, sets, dicts) and Dynamo's symbolic ints.
#include <cmath>

#include "interp/bytes_ops.h"
#include "interp/dynamo.h"
#include "interp/format.h"
#include "interp/memoryview.h"
#include "interp/native_errors.h"
#include "interp/range.h"
#include "interp/runtime_compat.h"
#include "interp/slicing.h"
#include "interp/str_ops.h"
#include "interp/torch_model.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

using syntax::BinOpKind;
using syntax::CmpOpKind;
using syntax::UnaryOpKind;

namespace {

const char* binOpSymbol(BinOpKind op) {
  switch (op) {
    case BinOpKind::Add:
      return "+";
    case BinOpKind::Sub:
      return "-";
    case BinOpKind::Mult:
      return "*";
    case BinOpKind::MatMult:
      return "@";
    case BinOpKind::Div:
      return "/";
    case BinOpKind::FloorDiv:
      return "//";
    case BinOpKind::Mod:
      return "%";
    case BinOpKind::Pow:
      return "** or pow()";
    case BinOpKind::LShift:
      return "<<";
    case BinOpKind::RShift:
      return ">>";
    case BinOpKind::BitOr:
      return "|";
    case BinOpKind::BitXor:
      return "^";
    case BinOpKind::BitAnd:
      return "&";
  }
  return "?";
}

bool isNumber(const Value& v) {
  return v->kind == Kind::Int || v->kind == Kind::Bool || v->kind == Kind::Float;
}

bool isUser(const Value& v) { return v->kind == Kind::Instance || v->sub; }

double pyFloorMod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  if (m == 0) m = std::copysign(0.0, b);
  return m;
}

/// a op b for ints of any size (the int64 path's overflow and big operands).
Value bigOp(VM& vm, BinOpKind op, const Value& a, const Value& b) {
  using native::BigInt;
  BigInt x = toBigInt(a), y = toBigInt(b);
  switch (op) {
    case BinOpKind::Add:
      return pyBigInt(x + y);
    case BinOpKind::Sub:
      return pyBigInt(x - y);
    case BinOpKind::Mult:
      return pyBigInt(x * y);
    case BinOpKind::Div:
      return pyFloat(unwrap(vm, native::trueDivide(x, y)));
    case BinOpKind::FloorDiv:
      return pyBigInt(unwrap(vm, native::floorDiv(x, y)));
    case BinOpKind::Mod:
      return pyBigInt(unwrap(vm, native::mod(x, y)));
    case BinOpKind::Pow:
      if (y.isNegative()) {
        if (x.isZero()) vm.raise(vm.b().zero_division_error, "zero to a negative power");
        return pyFloat(std::pow(asFloat(a), asFloat(b)));
      }
      return pyBigInt(unwrap(vm, native::pow(x, y)));
    case BinOpKind::LShift:
      return pyBigInt(unwrap(vm, native::lshift(x, y)));
    case BinOpKind::RShift:
      return pyBigInt(unwrap(vm, native::rshift(x, y)));
    case BinOpKind::BitOr:
      return pyBigInt(x | y);
    case BinOpKind::BitXor:
      return pyBigInt(x ^ y);
    case BinOpKind::BitAnd:
      return pyBigInt(x & y);
    case BinOpKind::MatMult:
      break;
  }
  return nullptr;
}

Value numberOp(VM& vm, BinOpKind op, const Value& a, const Value& b) {
  bool fl = a->kind == Kind::Float || b->kind == Kind::Float;
  if (!fl) {
    if (isBigInt(a) || isBigInt(b)) return bigOp(vm, op, a, b);
    int64_t x = asInt(a), y = asInt(b);
    auto overflow = [&]() -> Value { return bigOp(vm, op, a, b); };
    switch (op) {
      case BinOpKind::Add: {
        int64_t r;
        if (__builtin_add_overflow(x, y, &r)) return overflow();
        return pyInt(r);
      }
      case BinOpKind::Sub: {
        int64_t r;
        if (__builtin_sub_overflow(x, y, &r)) return overflow();
        return pyInt(r);
      }
      case BinOpKind::Mult: {
        int64_t r;
        if (__builtin_mul_overflow(x, y, &r)) return overflow();
        return pyInt(r);
      }
      case BinOpKind::Div: {
        if (y == 0) vm.raise(vm.b().zero_division_error, "division by zero");
        // exact operands of a double divide exactly; beyond 2**53 the BigInt path rounds once
        const int64_t exact = int64_t{1} << 53;
        if (x > exact || x < -exact || y > exact || y < -exact) return overflow();
        return pyFloat(static_cast<double>(x) / static_cast<double>(y));
      }
      case BinOpKind::FloorDiv: {
        if (y == 0) vm.raise(vm.b().zero_division_error, "integer division or modulo by zero");
        if (x == INT64_MIN && y == -1) return overflow();
        int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
        return pyInt(q);
      }
      case BinOpKind::Mod: {
        if (y == 0) vm.raise(vm.b().zero_division_error, "integer modulo by zero");
        if (y == -1) return pyInt(0);
        int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) m += y;
        return pyInt(m);
      }
      case BinOpKind::Pow: {
        if (y < 0) {
          if (x == 0) vm.raise(vm.b().zero_division_error, "zero to a negative power");
          return pyFloat(std::pow(static_cast<double>(x), static_cast<double>(y)));
        }
        int64_t r = 1, base = x;
        for (int64_t e = y; e > 0; e >>= 1) {
          if (e & 1)
            if (__builtin_mul_overflow(r, base, &r)) return overflow();
          if (e > 1)
            if (__builtin_mul_overflow(base, base, &base)) return overflow();
        }
        return pyInt(r);
      }
      case BinOpKind::LShift:
        if (y < 0) vm.raise(vm.b().value_error, "negative shift count");
        if (x == 0) return pyInt(0);
        if (y >= 63 || (x > 0 ? x > (INT64_MAX >> y) : x < (INT64_MIN >> y))) return overflow();
        return pyInt(static_cast<int64_t>(static_cast<uint64_t>(x) << y));
      case BinOpKind::RShift:
        if (y < 0) vm.raise(vm.b().value_error, "negative shift count");
        return pyInt(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
      case BinOpKind::BitOr:
        if (a->kind == Kind::Bool && b->kind == Kind::Bool) return pyBool(x | y);
        return pyInt(x | y);
      case BinOpKind::BitXor:
        if (a->kind == Kind::Bool && b->kind == Kind::Bool) return pyBool(x ^ y);
        return pyInt(x ^ y);
      case BinOpKind::BitAnd:
        if (a->kind == Kind::Bool && b->kind == Kind::Bool) return pyBool(x & y);
        return pyInt(x & y);
      case BinOpKind::MatMult:
        break;
    }
    return nullptr;
  }
  double x = asFloat(a), y = asFloat(b);
  switch (op) {
    case BinOpKind::Add:
      return pyFloat(x + y);
    case BinOpKind::Sub:
      return pyFloat(x - y);
    case BinOpKind::Mult:
      return pyFloat(x * y);
    case BinOpKind::Div:
      if (y == 0) vm.raise(vm.b().zero_division_error, "float division by zero");
      return pyFloat(x / y);
    case BinOpKind::FloorDiv:
      if (y == 0) vm.raise(vm.b().zero_division_error, "float floor division by zero");
      return pyFloat(std::floor(x / y));
    case BinOpKind::Mod:
      if (y == 0) vm.raise(vm.b().zero_division_error, "float modulo by zero");
      return pyFloat(pyFloorMod(x, y));
    case BinOpKind::Pow:
      if (x == 0 && y < 0) vm.raise(vm.b().zero_division_error, "zero to a negative power");
      if (x < 0 && y != std::floor(y)) vm.unsupported("a complex result of float power");
      return pyFloat(std::pow(x, y));
    default:
      return nullptr;
  }
}

std::vector<Value> repeatItems(VM& vm, const std::vector<Value>& items, int64_t k) {
  std::vector<Value> out;
  if (k <= 0 || items.empty()) return out;
  if (items.size() * static_cast<size_t>(k) > (size_t{1} << 31))
    vm.raise(vm.b().by_name["MemoryError"], "");
  out.reserve(items.size() * static_cast<size_t>(k));
  for (int64_t i = 0; i < k; ++i) out.insert(out.end(), items.begin(), items.end());
  return out;
}

}  // namespace

Value VM::nativeBinary(BinOpKind op, const Value& a, const Value& b, bool inplace) {
  if (isNumber(a) && isNumber(b)) {
    Value r = numberOp(*this, op, a, b);
    bool sym = (a->kind == Kind::Int && as<IntObject>(a).symbolic()) ||
               (b->kind == Kind::Int && as<IntObject>(b).symbolic());
    if (r && sym && r->kind == Kind::Int && top_ && top_->trace) {
      static const char* names[] = {"add",      "sub", "mul", "matmul", "truediv",
                                    "floordiv", "mod", "pow", "lshift", "rshift",
                                    "or_",      "xor", "and_"};
      return dynamo_->symIntOp(*this, names[static_cast<int>(op)], a, b, asInt(r));
    }
    return r;
  }
  Kind ka = a->kind, kb = b->kind;
  if (op == BinOpKind::Add) {
    if (ka == Kind::Str && kb == Kind::Str) return strConcat(a, b);
    if (isBytesKind(ka))
      if (auto view = bufferView(*this, b)) {
        if (ka == Kind::ByteArray && inplace) {
          checkResizable(*this, a);
          as<BytesObject>(a).v += *view;
          return a;
        }
        std::string out = bytesOf(a);
        out += *view;
        return ka == Kind::ByteArray ? pyByteArray(std::move(out)) : pyBytes(std::move(out));
      }
    if (ka == Kind::List && kb == Kind::List) {
      if (inplace) {
        dynamo_->journalList(*this, a);
        auto& l = as<ListObject>(a).items;
        const auto src = as<ListObject>(b).items;
        l.insert(l.end(), src.begin(), src.end());
        return a;
      }
      auto items = as<ListObject>(a).items;
      items.insert(items.end(), as<ListObject>(b).items.begin(), as<ListObject>(b).items.end());
      return pyList(std::move(items));
    }
    if (ka == Kind::Tuple && kb == Kind::Tuple) {
      auto items = as<TupleObject>(a).items;
      items.insert(items.end(), as<TupleObject>(b).items.begin(), as<TupleObject>(b).items.end());
      auto t = std::make_shared<TupleObject>(std::move(items));
      t->is_size = as<TupleObject>(a).is_size;
      return t;
    }
    if (inplace && ka == Kind::List) {  // list += any iterable
      dynamo_->journalList(*this, a);
      for (Value& v : toVector(b)) as<ListObject>(a).items.push_back(v);
      return a;
    }
  }
  if (op == BinOpKind::Mult) {
    auto repeat = [&](const Value& seq, const Value& n) -> Value {
      Value count = indexInt(*this, n);
      if (isBigInt(count))
        raise(this->b().overflow_error,
              "cannot fit '" + typeOf(n)->name + "' into an index-sized integer");
      int64_t k = asInt(count);
      switch (seq->kind) {
        case Kind::Str:
          return strRepeat(*this, seq, k);
        case Kind::Bytes:
        case Kind::ByteArray: {
          const std::string& src = bytesOf(seq);
          if (k > 0 && !src.empty() && static_cast<uint64_t>(k) > (uint64_t{1} << 62) / src.size())
            raise(this->b().by_name["MemoryError"], "");
          std::string s;
          if (k > 0) s.reserve(src.size() * static_cast<size_t>(k));
          for (int64_t i = 0; i < k; ++i) s += src;
          if (seq->kind == Kind::ByteArray && inplace && seq == a) {
            if (s.size() != src.size()) checkResizable(*this, a);
            as<BytesObject>(a).v = std::move(s);
            return a;
          }
          return seq->kind == Kind::ByteArray ? pyByteArray(std::move(s)) : pyBytes(std::move(s));
        }
        case Kind::List:
          if (inplace && seq == a) {
            dynamo_->journalList(*this, a);
            as<ListObject>(a).items = repeatItems(*this, as<ListObject>(a).items, k);
            return a;
          }
          return pyList(repeatItems(*this, as<ListObject>(seq).items, k));
        default:
          return pyTuple(repeatItems(*this, as<TupleObject>(seq).items, k));
      }
    };
    auto isSeq = [](Kind k) {
      return k == Kind::Str || k == Kind::Bytes || k == Kind::ByteArray || k == Kind::List ||
             k == Kind::Tuple;
    };
    if (isSeq(ka) && hasIndex(*this, b) && !isSeq(kb)) return repeat(a, b);
    if (isSeq(kb) && hasIndex(*this, a) && !isSeq(ka)) return repeat(b, a);
  }
  if (op == BinOpKind::Mod && ka == Kind::Str) return percentFormatStr(*this, a, b);
  if (op == BinOpKind::Mod && isBytesKind(ka)) return percentFormatBytes(*this, a, b);
  if (ka == Kind::Set && kb == Kind::Set) {
    auto& x = as<SetObject>(a);
    auto& y = as<SetObject>(b);
    std::shared_ptr<SetObject> out;
    if (inplace && !x.frozen) {
      out = std::static_pointer_cast<SetObject>(a);
    } else {
      out = std::make_shared<SetObject>();
      out->frozen = x.frozen;
    }
    std::vector<Value> left;
    for (auto& v : x.entries)
      if (v) left.push_back(v);
    std::vector<Value> right;
    for (auto& v : y.entries)
      if (v) right.push_back(v);
    switch (op) {
      case BinOpKind::BitOr:
        for (auto& v : left) out->add(v);
        for (auto& v : right) out->add(v);
        return out;
      case BinOpKind::BitAnd:
        if (out.get() == &x) {
          for (auto& v : left)
            if (!y.contains(v)) x.erase(v);
          return out;
        }
        for (auto& v : left)
          if (y.contains(v)) out->add(v);
        return out;
      case BinOpKind::Sub:
        if (out.get() == &x) {
          for (auto& v : right) x.erase(v);
          return out;
        }
        for (auto& v : left)
          if (!y.contains(v)) out->add(v);
        return out;
      case BinOpKind::BitXor: {
        if (out.get() == &x) {
          for (auto& v : right)
            if (!x.erase(v)) x.add(v);
          return out;
        }
        for (auto& v : left)
          if (!y.contains(v)) out->add(v);
        for (auto& v : right)
          if (!x.contains(v)) out->add(v);
        return out;
      }
      default:
        return nullptr;
    }
  }
  if (ka == Kind::Dict && kb == Kind::Dict && op == BinOpKind::BitOr) {
    if (inplace) {
      std::vector<std::pair<Value, Value>> items;
      as<DictObject>(b).forEach([&](const Value& k, const Value& v) { items.emplace_back(k, v); });
      for (auto& [k, v] : items) setItemNative(a, k, v);
      return a;
    }
    auto out = newDict();
    as<DictObject>(a).forEach([&](const Value& k, const Value& v) { out->set(k, v); });
    as<DictObject>(b).forEach([&](const Value& k, const Value& v) { out->set(k, v); });
    return out;
  }
  if (inplace && ka == Kind::Dict && op == BinOpKind::BitOr) {  // d |= pairs
    for (const Value& kv : toVector(b)) {
      auto pair = toVector(kv);
      if (pair.size() != 2)
        raise(this->b().value_error, "dictionary update sequence element has wrong length");
      setItemNative(a, pair[0], pair[1]);
    }
    return a;
  }
  if (op == BinOpKind::BitOr && (ka == Kind::Class || kb == Kind::Class || isNone(a) || isNone(b)))
    if (Value u = builtinsDict()->getStr("__gbc_union__"))  // int | None: a union type
      return call(u, {a, b});
  return nullptr;
}

/// The messages of CPython's sequence slots (sq_concat, sq_repeat) where + or * fails on a
/// sequence.
void VM::sequenceOpError(BinOpKind op, const Value& a, const Value& b) {
  auto seq = [](const Value& v) {
    Kind k = v->kind;
    return k == Kind::Str || k == Kind::Bytes || k == Kind::ByteArray || k == Kind::List ||
           k == Kind::Tuple;
  };
  if (op == BinOpKind::Add && seq(a)) {
    Kind k = a->kind;
    if (k == Kind::Bytes || k == Kind::ByteArray)
      raise(this->b().type_error, "can't concat " + typeOf(b)->name + " to " + typeOf(a)->name);
    const char* name = k == Kind::Str ? "str" : k == Kind::List ? "list" : "tuple";
    raise(this->b().type_error, std::string("can only concatenate ") + name + " (not \"" +
                                    typeOf(b)->name + "\") to " + name);
  }
  if (op == BinOpKind::Mult && (seq(a) || seq(b))) {
    const Value& other = seq(a) ? b : a;
    if (!hasIndex(*this, other) || (seq(a) && seq(b)))
      raise(this->b().type_error,
            "can't multiply sequence by non-int of type '" + typeOf(other)->name + "'");
  }
}

Value VM::binaryOp(BinOpKind op, const Value& a, const Value& b, bool inplace) {
  if (a->kind == Kind::Tensor || b->kind == Kind::Tensor) {
    if (Value r = tensorBinaryOp(*this, op, a, b, inplace)) return r;
  }
  if (!isUser(a) && !isUser(b)) {
    if (Value r = nativeBinary(op, a, b, inplace)) return r;
  } else {
    static const char* dunders[] = {"add",      "sub", "mul", "matmul", "truediv",
                                    "floordiv", "mod", "pow", "lshift", "rshift",
                                    "or",       "xor", "and"};
    std::string dn = dunders[static_cast<int>(op)];
    if (inplace)
      if (Value m = special(a, "__i" + dn + "__")) {
        Value r = callSpecial(m, a, {b});
        if (r->kind != Kind::NotImplemented) return r;
      }
    ClassPtr ta = typeOf(a), tb = typeOf(b);
    Value ma = special(a, "__" + dn + "__");
    Value mb = ta != tb ? special(b, "__r" + dn + "__") : nullptr;
    if (mb && tb->isSubclassOf(ta.get()) && mb != ma) {
      Value r = callSpecial(mb, b, {a});
      if (r->kind != Kind::NotImplemented) return r;
      mb = nullptr;
    }
    // a's method (a subclass of a builtin type without one: the builtin's), then b's reflected
    // one (for a builtin b: the same native operation)
    Value r = ma                          ? callSpecial(ma, a, {b})
              : a->kind != Kind::Instance ? nativeBinary(op, a, b, inplace)
                                          : nullptr;
    if (r && r->kind != Kind::NotImplemented) return r;
    if (mb)
      r = callSpecial(mb, b, {a});
    else if (ma && a->kind != Kind::Instance && b->kind != Kind::Instance)
      r = nativeBinary(op, a, b, false);
    if (r && r->kind != Kind::NotImplemented) return r;
  }
  sequenceOpError(op, a, b);
  raise(this->b().type_error, std::string("unsupported operand type(s) for ") + binOpSymbol(op) +
                                  (inplace ? "=" : "") + ": '" + typeOf(a)->name + "' and '" +
                                  typeOf(b)->name + "'");
}

Value VM::unaryOp(UnaryOpKind op, const Value& a) {
  if (op == UnaryOpKind::Not) return pyBool(!truthy(a));
  if (a->kind == Kind::Tensor) return tensorUnaryOp(*this, op, a);
  const char* n = op == UnaryOpKind::USub   ? "__neg__"
                  : op == UnaryOpKind::UAdd ? "__pos__"
                                            : "__invert__";
  if (Value m = special(a, n)) return callSpecial(m, a, {});
  if (isBigInt(a)) {
    const native::BigInt& x = *as<IntObject>(a).big;
    return pyBigInt(op == UnaryOpKind::USub ? -x : op == UnaryOpKind::UAdd ? x : ~x);
  }
  if (a->kind == Kind::Int || a->kind == Kind::Bool) {
    int64_t x = asInt(a);
    if (op == UnaryOpKind::USub) {
      if (x == INT64_MIN) return pyBigInt(-native::BigInt(x));
      if (as<IntObject>(a).symbolic() && top_ && top_->trace && a->kind == Kind::Int)
        return dynamo_->symIntOp(*this, "neg", a, pyInt(0), -x);
      return pyInt(-x);
    }
    if (op == UnaryOpKind::UAdd) return a->kind == Kind::Bool || a->sub ? pyInt(x) : a;
    return pyInt(~x);
  }
  if (a->kind == Kind::Float) {
    double x = as<FloatObject>(a).v;
    if (op == UnaryOpKind::USub) return pyFloat(-x);
    if (op == UnaryOpKind::UAdd) return a->sub ? pyFloat(x) : a;
  }
  const char* sym = op == UnaryOpKind::USub   ? "unary -"
                    : op == UnaryOpKind::UAdd ? "unary +"
                                              : "unary ~";
  raiseTypeErrorOrGap(a,
                      op == UnaryOpKind::USub   ? "__neg__"
                      : op == UnaryOpKind::UAdd ? "__pos__"
                                                : "__invert__",
                      std::string("bad operand type for ") + sym + ": '" + typeOf(a)->name + "'");
}

namespace {

CmpOpKind reflected(CmpOpKind op) {
  switch (op) {
    case CmpOpKind::Lt:
      return CmpOpKind::Gt;
    case CmpOpKind::LtE:
      return CmpOpKind::GtE;
    case CmpOpKind::Gt:
      return CmpOpKind::Lt;
    case CmpOpKind::GtE:
      return CmpOpKind::LtE;
    default:
      return op;
  }
}

const char* cmpDunder(CmpOpKind op) {
  switch (op) {
    case CmpOpKind::Eq:
      return "__eq__";
    case CmpOpKind::NotEq:
      return "__ne__";
    case CmpOpKind::Lt:
      return "__lt__";
    case CmpOpKind::LtE:
      return "__le__";
    case CmpOpKind::Gt:
      return "__gt__";
    default:
      return "__ge__";
  }
}

const char* cmpSymbol(CmpOpKind op) {
  switch (op) {
    case CmpOpKind::Lt:
      return "<";
    case CmpOpKind::LtE:
      return "<=";
    case CmpOpKind::Gt:
      return ">";
    default:
      return ">=";
  }
}

bool ordered(CmpOpKind op, int c) {
  switch (op) {
    case CmpOpKind::Eq:
      return c == 0;
    case CmpOpKind::NotEq:
      return c != 0;
    case CmpOpKind::Lt:
      return c < 0;
    case CmpOpKind::LtE:
      return c <= 0;
    case CmpOpKind::Gt:
      return c > 0;
    default:
      return c >= 0;
  }
}

}  // namespace

Value VM::nativeCompare(CmpOpKind op, const Value& a, const Value& b) {
  bool eqop = op == CmpOpKind::Eq || op == CmpOpKind::NotEq;
  auto result = [&](bool r) { return pyBool(r); };
  if (isNumber(a) && isNumber(b)) {
    int c = compareNumbers(a, b);
    if (c == 2) return result(op == CmpOpKind::NotEq);  // NaN
    return result(ordered(op, c));
  }
  Kind ka = a->kind, kb = b->kind;
  if (ka == Kind::Str && kb == Kind::Str) return result(ordered(op, asStr(a).compare(asStr(b))));
  if (isBytesKind(ka) && isBytesKind(kb))
    return result(ordered(op, as<BytesObject>(a).v.compare(as<BytesObject>(b).v)));
  if (ka == Kind::ByteArray && memoryViewState(b))  // bytearray compares with any buffer
    if (auto view = bufferView(*this, b))
      return result(ordered(op, std::string_view(as<BytesObject>(a).v).compare(*view)));
  if ((ka == Kind::Tuple && kb == Kind::Tuple) || (ka == Kind::List && kb == Kind::List)) {
    const auto& x = ka == Kind::List ? as<ListObject>(a).items : as<TupleObject>(a).items;
    const auto& y = kb == Kind::List ? as<ListObject>(b).items : as<TupleObject>(b).items;
    size_t n = std::min(x.size(), y.size());
    for (size_t i = 0; i < n; ++i) {
      if (x[i].get() == y[i].get() || equals(x[i], y[i])) continue;
      if (op == CmpOpKind::Eq) return result(false);
      if (op == CmpOpKind::NotEq) return result(true);
      return compare(op, x[i], y[i]);
    }
    int c = x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    return result(ordered(op, c));
  }
  if (ka == Kind::Set && kb == Kind::Set) {
    auto& x = as<SetObject>(a);
    auto& y = as<SetObject>(b);
    auto subset = [](const SetObject& p, const SetObject& q) {
      if (p.live > q.live) return false;
      for (const Value& v : p.entries)
        if (v && !q.contains(v)) return false;
      return true;
    };
    switch (op) {
      case CmpOpKind::Eq:
        return result(x.live == y.live && subset(x, y));
      case CmpOpKind::NotEq:
        return result(!(x.live == y.live && subset(x, y)));
      case CmpOpKind::LtE:
        return result(subset(x, y));
      case CmpOpKind::Lt:
        return result(x.live < y.live && subset(x, y));
      case CmpOpKind::GtE:
        return result(subset(y, x));
      default:
        return result(y.live < x.live && subset(y, x));
    }
  }
  if (ka == Kind::Dict && kb == Kind::Dict && eqop) {
    auto& x = as<DictObject>(a);
    auto& y = as<DictObject>(b);
    bool eq = x.size() == y.size();
    if (eq) {
      std::vector<std::pair<Value, Value>> items;
      x.forEach([&](const Value& k, const Value& v) { items.emplace_back(k, v); });
      for (auto& [k, v] : items) {
        Value w = y.get(k);
        if (!w || !(w.get() == v.get() || equals(v, w))) {
          eq = false;
          break;
        }
      }
    }
    return result(op == CmpOpKind::Eq ? eq : !eq);
  }
  if (ka == Kind::Range && kb == Kind::Range && eqop) {
    bool eq = rangeEquals(as<RangeObject>(a), as<RangeObject>(b));
    return result(op == CmpOpKind::Eq ? eq : !eq);
  }
  if (ka == Kind::Instance && op == CmpOpKind::NotEq) {
    // object.__ne__: the inverse of __eq__ unless that is NotImplemented
    if (Value m = special(a, "__eq__")) {
      Value r = callSpecial(m, a, {b});
      if (r->kind == Kind::NotImplemented) return r;
      return result(!truthy(r));
    }
  }
  if (eqop && ka != Kind::Instance && kb != Kind::Instance && ka == kb &&
      (ka == Kind::DType || ka == Kind::None || ka == Kind::Ellipsis || ka == Kind::Slice)) {
    bool eq = ka == Kind::DType   ? as<DTypeObject>(a).d == as<DTypeObject>(b).d
              : ka == Kind::Slice ? equals(as<SliceObject>(a).start, as<SliceObject>(b).start) &&
                                        equals(as<SliceObject>(a).stop, as<SliceObject>(b).stop) &&
                                        equals(as<SliceObject>(a).step, as<SliceObject>(b).step)
                                  : true;
    return result(op == CmpOpKind::Eq ? eq : !eq);
  }
  if (ka == Kind::BoundMethod && kb == Kind::BoundMethod && eqop) {
    auto& x = as<BoundMethodObject>(a);
    auto& y = as<BoundMethodObject>(b);
    bool eq = x.self.get() == y.self.get() && equals(x.func, y.func);
    return result(op == CmpOpKind::Eq ? eq : !eq);
  }
  if (ka == Kind::Builtin && kb == Kind::Builtin && eqop) {
    auto& x = as<BuiltinObject>(a);
    auto& y = as<BuiltinObject>(b);
    bool eq = a.get() == b.get() || (!x.id.empty() && x.id == y.id && x.self.get() == y.self.get());
    return result(op == CmpOpKind::Eq ? eq : !eq);
  }
  return notImplemented();
}

Value VM::compare(CmpOpKind op, const Value& a, const Value& b) {
  checkStack();
  if (a->kind == Kind::Tensor || b->kind == Kind::Tensor) return tensorCompare(*this, op, a, b);
  if (top_ && top_->trace && op >= CmpOpKind::Eq && op <= CmpOpKind::GtE &&
      ((a->kind == Kind::Int && as<IntObject>(a).unbacked()) ||
       (b->kind == Kind::Int && as<IntObject>(b).unbacked()))) {
    int64_t x = asInt(a), y = asInt(b);
    bool r = op == CmpOpKind::Eq      ? x == y
             : op == CmpOpKind::NotEq ? x != y
             : op == CmpOpKind::Lt    ? x < y
             : op == CmpOpKind::LtE   ? x <= y
             : op == CmpOpKind::Gt    ? x > y
                                      : x >= y;
    if (Value sym = dynamo_->unbackedCompare(*this, op, a, b, r)) return sym;
  }
  Value r;
  if (!isUser(a) && !isUser(b)) {
    r = nativeCompare(op, a, b);
  } else {
    // CPython's do_richcompare
    ClassPtr ta = typeOf(a), tb = typeOf(b);
    CmpOpKind rop = reflected(op);
    Value mb = ta != tb ? special(b, cmpDunder(rop)) : nullptr;
    bool checked_reverse = false;
    if (mb && tb->isSubclassOf(ta.get())) {
      checked_reverse = true;
      r = callSpecial(mb, b, {a});
    }
    if (!r || r->kind == Kind::NotImplemented) {
      Value ma = special(a, cmpDunder(op));
      r = ma ? callSpecial(ma, a, {b}) : nativeCompare(op, a, b);
    }
    if (r->kind == Kind::NotImplemented && !checked_reverse) {
      if (mb)
        r = callSpecial(mb, b, {a});
      else if (b->sub || (b->kind == Kind::Instance && rop == CmpOpKind::NotEq))
        r = nativeCompare(rop, b, a);
    }
  }
  if (r->kind == Kind::NotImplemented) {
    if (op == CmpOpKind::Eq) return pyBool(a.get() == b.get());
    if (op == CmpOpKind::NotEq) return pyBool(a.get() != b.get());
    raise(this->b().type_error, std::string("'") + cmpSymbol(op) +
                                    "' not supported between instances of '" + typeOf(a)->name +
                                    "' and '" + typeOf(b)->name + "'");
  }
  if (top_ && top_->trace && r->kind == Kind::Bool &&
      ((a->kind == Kind::Int && as<IntObject>(a).symbolic()) ||
       (b->kind == Kind::Int && as<IntObject>(b).symbolic())))
    dynamo_->symIntCompare(*this, op, a, b, as<BoolObject>(r).v);
  return r;
}

bool VM::equals(const Value& a, const Value& b) {
  checkStack();
  if (a.get() == b.get()) return true;
  if (a->kind == Kind::Tensor || b->kind == Kind::Tensor)
    return truthy(tensorCompare(*this, CmpOpKind::Eq, a, b));
  if (!isUser(a) && !isUser(b) && a->kind != b->kind && !(isNumber(a) && isNumber(b))) return false;
  return truthy(compare(CmpOpKind::Eq, a, b));
}

}  // namespace gbc::interp
