// Character sets of compiled code (the items of IN and of the INFO block, up to FAILURE): their
// membership test, and a cache of it for the characters 0..255, made once per pattern, that
// turns the engine's set tests on narrow characters into one bit test.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "native/sre/constants.h"

namespace gbc::native::sre {

/// Whether `ch` is in the set at `set` (CPython's SRE(charset)): the items up to FAILURE, a
/// NEGATE flipping the answer. An unknown item makes the answer false.
bool inCharset(const Code* set, uint32_t ch);

/// The membership of 0..255 in every set of one pattern's code.
class SetCache {
 public:
  SetCache() = default;
  /// `set_offsets`: where in `code` each set begins.
  SetCache(std::span<const Code> code, std::span<const size_t> set_offsets);

  /// The 256-bit map of the set beginning at `set` (a pointer into the code this cache was made
  /// for, whose first word is at `code`), or nullptr when the set is not known.
  const uint64_t* find(const Code* code, const Code* set) const {
    auto offset = static_cast<size_t>(set - code);
    if (offset >= slot_of_.size() || slot_of_[offset] == 0) return nullptr;
    return maps_[slot_of_[offset] - 1].data();
  }

 private:
  std::vector<uint32_t> slot_of_;  ///< by code offset: 1 + index into maps_, or 0
  std::vector<std::array<uint64_t, 4>> maps_;
};

}  // namespace gbc::native::sre
