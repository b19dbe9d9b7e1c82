// memoryview: a native type (builtins.memoryview) over the bytes of a bytes or bytearray (or of
// another memoryview's exporter), one-dimensional, with an item format of the native single
// character kind (B b c h H i I l L q Q n N f d e ? P) as cast() makes them. A view of a
// bytearray counts as an export: the bytearray cannot change size until it is released (or
// dropped). Multi-dimensional casts are a gap of gbc.
#pragma once

#include <string>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

struct MemoryViewState : NativeState {
  Value obj;           ///< the exporter: a bytes or bytearray
  int64_t offset = 0;  ///< byte offset of item 0
  int64_t length = 0;  ///< items
  int64_t stride = 1;  ///< bytes from one item to the next (negative for reversed slices)
  std::string format = "B";
  int64_t itemsize = 1;
  bool readonly = true;
  bool released = false;
  bool exported = false;  ///< counted in the bytearray's exports

  ~MemoryViewState() override;
  void release();
  bool contiguous() const { return stride == itemsize || length <= 1; }
  /// The bytes of a contiguous view.
  std::string_view bytes() const;
  /// The bytes of any view, gathered in item order (tobytes).
  std::string gather() const;
};

/// The state of a memoryview, or null for any other value.
MemoryViewState* memoryViewState(const Value& v);
/// ValueError "operation forbidden on released memoryview object" for a released view.
void checkReleased(VM& vm, const MemoryViewState& mv);
/// memoryview(obj).
Value newMemoryView(VM& vm, const Value& obj);
/// Makes builtins.memoryview (B.memoryview).
void installMemoryView(VM& vm);

}  // namespace gbc::interp
