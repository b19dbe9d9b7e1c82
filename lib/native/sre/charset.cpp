// The membership test of a character set (CPython 3.14, sre_lib.h SRE(charset)) and its cache.
#include "native/sre/charset.h"

#include "native/sre/chars.h"

namespace gbc::native::sre {

bool inCharset(const Code* set, uint32_t ch) {
  bool ok = true;
  for (;;) {
    switch (*set++) {
      case op::kFailure:
        return !ok;
      case op::kLiteral:
        if (ch == set[0]) return ok;
        set += 1;
        break;
      case op::kCategory:
        if (inCategory(set[0], ch)) return ok;
        set += 1;
        break;
      case op::kCharset:
        if (ch < 256 && (set[ch >> 5] & (1u << (ch & 31)))) return ok;
        set += 8;
        break;
      case op::kRange:
        if (set[0] <= ch && ch <= set[1]) return ok;
        set += 2;
        break;
      case op::kRangeUniIgnore: {
        // `ch` has been lowercased; its uppercase may be in the range instead.
        if (set[0] <= ch && ch <= set[1]) return ok;
        uint32_t upper = upperUnicode(ch);
        if (set[0] <= upper && upper <= set[1]) return ok;
        set += 2;
        break;
      }
      case op::kNegate:
        ok = !ok;
        break;
      case op::kBigCharset: {
        // <blocks> <256 block numbers, bytes packed little-endian in 64 words> <256-bit maps>
        Code blocks = *set++;
        if (ch < 0x10000) {
          uint32_t hi = ch >> 8;
          uint32_t block = (set[hi >> 2] >> (8 * (hi & 3))) & 0xFF;
          const Code* map = set + 64 + block * 8;
          if (map[(ch & 255) >> 5] & (1u << (ch & 31))) return ok;
        }
        set += 64 + blocks * 8;
        break;
      }
      default:
        return false;
    }
  }
}

SetCache::SetCache(std::span<const Code> code, std::span<const size_t> set_offsets)
    : slot_of_(code.size(), 0) {
  maps_.reserve(set_offsets.size());
  for (size_t offset : set_offsets) {
    std::array<uint64_t, 4> map{};
    for (uint32_t ch = 0; ch < 256; ++ch)
      if (inCharset(code.data() + offset, ch)) map[ch >> 6] |= uint64_t{1} << (ch & 63);
    maps_.push_back(map);
    slot_of_[offset] = static_cast<uint32_t>(maps_.size());
  }
}

}  // namespace gbc::native::sre
