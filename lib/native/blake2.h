// BLAKE2b and BLAKE2s (RFC 7693, with the BLAKE2 paper's tree parameters) behind _blake2 and
// hashlib: keyed hashing, salt, personalization, and the tree fields (fanout, depth, leaf size,
// node offset and depth, inner size, last node). The caller (the VM) checks the parameters'
// ranges with CPython's messages; here they are assumed valid. Streaming; a digest does not
// disturb the running state.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gbc::native {

enum class Blake2Variant { B, S };

/// The parameter block of a BLAKE2 hash (defaults: a plain sequential hash of the full size).
struct Blake2Params {
  std::size_t digest_size = 0;  // 0: the variant's maximum (64 for b, 32 for s)
  std::string key, salt, person;
  std::uint32_t fanout = 1, depth = 1, leaf_size = 0;
  std::uint64_t node_offset = 0;
  std::uint32_t node_depth = 0, inner_size = 0;
  bool last_node = false;
};

class Blake2 {
 public:
  Blake2(Blake2Variant variant, const Blake2Params& params);

  /// The limits of a variant: digest and key sizes, salt and person sizes, block size.
  static std::size_t maxDigestSize(Blake2Variant v) { return v == Blake2Variant::B ? 64 : 32; }
  static std::size_t maxKeySize(Blake2Variant v) { return maxDigestSize(v); }
  static std::size_t saltSize(Blake2Variant v) { return v == Blake2Variant::B ? 16 : 8; }
  static std::size_t personSize(Blake2Variant v) { return saltSize(v); }
  static std::size_t blockSize(Blake2Variant v) { return v == Blake2Variant::B ? 128 : 64; }

  void update(std::string_view data);
  std::string digest() const;
  std::string hexdigest() const;

  Blake2Variant variant() const { return variant_; }
  std::size_t digestSize() const { return digest_size_; }

 private:
  void compress(const unsigned char* block, bool last);

  Blake2Variant variant_;
  std::size_t digest_size_;
  bool last_node_;
  std::array<std::uint64_t, 8> h_{};  // 32-bit words for BLAKE2s
  std::uint64_t t0_ = 0, t1_ = 0;     // bytes compressed so far (128-bit for b, 64-bit for s)
  std::array<unsigned char, 128> buffer_{};
  std::size_t buffered_ = 0;
};

}  // namespace gbc::native
