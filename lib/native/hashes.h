// Message digests behind hashlib and _md5/_sha1/_sha2: MD5 (RFC 1321), SHA-1, SHA-224/256 and
// SHA-384/512 (FIPS 180-4), streaming. random.seed(str) uses SHA-512 (random.py, version 2).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gbc::native {

enum class HashKind { Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };

/// One running digest, as a hashlib object: update() any number of times; digest() does not
/// disturb the state (hashlib allows update after digest); copying the object is copy().
class Hasher {
 public:
  explicit Hasher(HashKind kind);

  /// The kind for a hashlib name ("md5", "sha1", "sha224", "sha256", "sha384", "sha512").
  static std::optional<HashKind> kindByName(std::string_view name);

  void update(std::string_view data);
  /// The raw digest bytes.
  std::string digest() const;
  /// The digest as lowercase hex.
  std::string hexdigest() const;

  HashKind kind() const { return kind_; }
  /// hashlib's name, digest_size and block_size.
  std::string_view name() const;
  std::size_t digestSize() const;
  std::size_t blockSize() const;

 private:
  void compress(const unsigned char* block);

  HashKind kind_;
  std::array<std::uint64_t, 8> state_{};  // 32-bit words for MD5, SHA-1, SHA-256
  std::array<unsigned char, 128> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

/// One-shot digest of data.
std::string hashBytes(HashKind kind, std::string_view data);

}  // namespace gbc::native
