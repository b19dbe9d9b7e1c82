// The VM's operations on bytes and bytearray (bytes_ops.h): items and slices, bytearray's item
// and slice assignment, iteration, `in`, repr, and the buffer protocol's view of bytes-like
// objects.
#include "interp/bytes_ops.h"

#include <cstdio>

#include "interp/memoryview.h"
#include "interp/slicing.h"
#include "interp/vm.h"

namespace gbc::interp {

Value pyBytes(std::string s) { return std::make_shared<BytesObject>(std::move(s)); }
Value pyByteArray(std::string s) {
  return std::make_shared<BytesObject>(std::move(s), Kind::ByteArray);
}

std::optional<std::string_view> bufferView(VM& vm, const Value& v) {
  if (isBytesKind(v->kind)) return std::string_view(bytesOf(v));
  if (MemoryViewState* mv = memoryViewState(v)) {
    checkReleased(vm, *mv);
    if (!mv->contiguous()) return std::nullopt;
    return mv->bytes();
  }
  return std::nullopt;
}

std::string_view bufferArg(VM& vm, const Value& v) {
  if (auto view = bufferView(vm, v)) return *view;
  vm.raise(vm.b().type_error, "a bytes-like object is required, not '" + vm.typeOf(v)->name + "'");
}

Value bytesGetItem(VM& vm, const Value& b, const Value& key) {
  const std::string& s = bytesOf(b);
  bool array = b->kind == Kind::ByteArray;
  if (key->kind == Kind::Slice) {
    SliceBounds sb = sliceBounds(vm, as<SliceObject>(key), static_cast<int64_t>(s.size()));
    std::string out;
    if (sb.step == 1) {
      if (sb.length > 0)
        out = s.substr(static_cast<size_t>(sb.start), static_cast<size_t>(sb.length));
      if (!array && !b->sub && sb.length == static_cast<int64_t>(s.size())) return b;
    } else {
      out.reserve(static_cast<size_t>(std::max<int64_t>(sb.length, 0)));
      for (int64_t k = 0, i = sb.start; k < sb.length; ++k, i += sb.step)
        out += s[static_cast<size_t>(i)];
    }
    return array ? pyByteArray(std::move(out)) : pyBytes(std::move(out));
  }
  if (!hasIndex(vm, key))
    vm.raise(vm.b().type_error, std::string(array ? "bytearray" : "byte") +
                                    " indices must be integers or slices, not " +
                                    vm.typeOf(key)->name);
  int64_t i = indexValue(vm, key);
  int64_t n = static_cast<int64_t>(s.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n)
    vm.raise(vm.b().index_error, array ? "bytearray index out of range" : "index out of range");
  return pyInt(static_cast<uint8_t>(s[static_cast<size_t>(i)]));
}

void checkResizable(VM& vm, const Value& b) {
  if (as<BytesObject>(b).exports > 0)
    vm.raise(vm.b().by_name.at("BufferError"),
             "Existing exports of data: object cannot be re-sized");
}

namespace {

/// A byte value for bytearray item assignment.
char byteValue(VM& vm, const Value& v) {
  if (!hasIndex(vm, v))
    vm.raise(vm.b().type_error,
             "'" + vm.typeOf(v)->name + "' object cannot be interpreted as an integer");
  Value i = indexInt(vm, v);
  if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 255)
    vm.raise(vm.b().value_error, "byte must be in range(0, 256)");
  return static_cast<char>(asInt(i));
}

/// The bytes of the right-hand side of a bytearray slice assignment.
std::string assignedBytes(VM& vm, const Value& v) {
  if (auto view = bufferView(vm, v)) return std::string(*view);
  if (isInt(v) || v->kind == Kind::Str)
    vm.raise(vm.b().type_error,
             "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
  std::string out;
  for (const Value& item : vm.toVector(v)) out += byteValue(vm, item);
  return out;
}

}  // namespace

void byteArraySetItem(VM& vm, const Value& b, const Value& key, const Value& v) {
  std::string& s = as<BytesObject>(b).v;
  if (key->kind != Kind::Slice) {
    if (!hasIndex(vm, key))
      vm.raise(vm.b().type_error,
               "bytearray indices must be integers or slices, not " + vm.typeOf(key)->name);
    int64_t i = indexValue(vm, key);
    int64_t n = static_cast<int64_t>(s.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.raise(vm.b().index_error, "bytearray index out of range");
    s[static_cast<size_t>(i)] = byteValue(vm, v);
    return;
  }
  std::string repl = assignedBytes(vm, v);
  SliceBounds sb = sliceBounds(vm, as<SliceObject>(key), static_cast<int64_t>(s.size()));
  if (sb.step == 1) {
    int64_t stop = std::max(sb.stop, sb.start);
    if (static_cast<int64_t>(repl.size()) != stop - sb.start) checkResizable(vm, b);
    s.replace(static_cast<size_t>(sb.start), static_cast<size_t>(stop - sb.start), repl);
    return;
  }
  if (static_cast<int64_t>(repl.size()) != sb.length)
    vm.raise(vm.b().value_error, "attempt to assign bytes of size " + std::to_string(repl.size()) +
                                     " to extended slice of size " + std::to_string(sb.length));
  for (int64_t k = 0, i = sb.start; k < sb.length; ++k, i += sb.step)
    s[static_cast<size_t>(i)] = repl[static_cast<size_t>(k)];
}

void byteArrayDelItem(VM& vm, const Value& b, const Value& key) {
  std::string& s = as<BytesObject>(b).v;
  if (key->kind != Kind::Slice) {
    if (!hasIndex(vm, key))
      vm.raise(vm.b().type_error,
               "bytearray indices must be integers or slices, not " + vm.typeOf(key)->name);
    int64_t i = indexValue(vm, key);
    int64_t n = static_cast<int64_t>(s.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.raise(vm.b().index_error, "bytearray index out of range");
    checkResizable(vm, b);
    s.erase(static_cast<size_t>(i), 1);
    return;
  }
  SliceBounds sb = sliceBounds(vm, as<SliceObject>(key), static_cast<int64_t>(s.size()));
  if (sb.length <= 0) return;
  checkResizable(vm, b);
  if (sb.step == 1) {
    s.erase(static_cast<size_t>(sb.start), static_cast<size_t>(sb.length));
    return;
  }
  std::vector<bool> gone(s.size());
  for (int64_t k = 0, i = sb.start; k < sb.length; ++k, i += sb.step)
    gone[static_cast<size_t>(i)] = true;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    if (!gone[i]) out += s[i];
  s = std::move(out);
}

Value bytesIterator(const Value& b) {
  auto it = std::make_shared<IteratorObject>();
  it->source = IteratorObject::Source::Native;
  it->target = b;
  it->type_name = b->kind == Kind::ByteArray ? "bytearray_iterator" : "bytes_iterator";
  IteratorObject* self = it.get();
  it->next = [self](VM&) -> Value {
    if (!self->target) return nullptr;
    const std::string& s = bytesOf(self->target);
    if (self->index >= static_cast<int64_t>(s.size())) {
      self->target = nullptr;
      return nullptr;
    }
    return pyInt(static_cast<uint8_t>(s[static_cast<size_t>(self->index++)]));
  };
  return it;
}

bool bytesContains(VM& vm, const Value& b, const Value& item) {
  const std::string& s = bytesOf(b);
  if (hasIndex(vm, item) && !isBytesKind(item->kind)) {
    Value i = indexInt(vm, item);
    if (isBigInt(i) || asInt(i) < 0 || asInt(i) > 255)
      vm.raise(vm.b().value_error, "byte must be in range(0, 256)");
    return s.find(static_cast<char>(asInt(i))) != std::string::npos;
  }
  std::string_view sub = bufferArg(vm, item);
  return s.find(sub) != std::string::npos;
}

std::string bytesLiteral(std::string_view s, bool bytearray) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (unsigned char c : s) {
    // (bytearray's repr escapes a single quote whichever quote it chose)
    bool escape = c == static_cast<unsigned char>(quote) || c == '\\' || (bytearray && c == '\'');
    if (escape && !(bytearray && c == '"')) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

std::string bytesRepr(VM& vm, const Value& b) {
  if (b->kind == Kind::Bytes) return bytesLiteral(bytesOf(b));
  return vm.typeOf(b)->name + "(" + bytesLiteral(bytesOf(b), true) + ")";
}

}  // namespace gbc::interp
