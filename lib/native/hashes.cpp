// MD5, SHA-1, SHA-2: the Merkle-Damgard driver (buffering, padding, length) shared by all, and
// each algorithm's compression function, written from RFC 1321 and FIPS 180-4.
#include "native/hashes.h"

#include "base/check.h"

#include <bit>
#include <cstring>

namespace gbc::native {

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

u32 load32be(const unsigned char* p) {
  return (u32{p[0]} << 24) | (u32{p[1]} << 16) | (u32{p[2]} << 8) | u32{p[3]};
}
u32 load32le(const unsigned char* p) {
  return (u32{p[3]} << 24) | (u32{p[2]} << 16) | (u32{p[1]} << 8) | u32{p[0]};
}
u64 load64be(const unsigned char* p) { return (u64{load32be(p)} << 32) | load32be(p + 4); }

// --- MD5 (RFC 1321) ----------------------------------------------------------------------
constexpr u32 kMd5Sines[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
constexpr int kMd5Shifts[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

void md5Compress(u64* state, const unsigned char* block) {
  u32 m[16];
  for (int i = 0; i < 16; ++i) m[i] = load32le(block + 4 * i);
  u32 a = static_cast<u32>(state[0]), b = static_cast<u32>(state[1]);
  u32 c = static_cast<u32>(state[2]), d = static_cast<u32>(state[3]);
  for (int i = 0; i < 64; ++i) {
    int round = i / 16;
    u32 f;
    int g;
    switch (round) {
      case 0:
        f = (b & c) | (~b & d), g = i;
        break;
      case 1:
        f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
        break;
      case 2:
        f = b ^ c ^ d, g = (3 * i + 5) % 16;
        break;
      default:
        f = c ^ (b | ~d), g = (7 * i) % 16;
        break;
    }
    u32 t = d;
    d = c;
    c = b;
    b = b + std::rotl(a + f + kMd5Sines[i] + m[g], kMd5Shifts[round][i % 4]);
    a = t;
  }
  state[0] = static_cast<u32>(state[0] + a);
  state[1] = static_cast<u32>(state[1] + b);
  state[2] = static_cast<u32>(state[2] + c);
  state[3] = static_cast<u32>(state[3] + d);
}

// --- SHA-1 (FIPS 180-4, 6.1) ------------------------------------------------------------
void sha1Compress(u64* state, const unsigned char* block) {
  u32 w[80];
  for (int i = 0; i < 16; ++i) w[i] = load32be(block + 4 * i);
  for (int i = 16; i < 80; ++i) w[i] = std::rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  u32 a = static_cast<u32>(state[0]), b = static_cast<u32>(state[1]);
  u32 c = static_cast<u32>(state[2]), d = static_cast<u32>(state[3]);
  u32 e = static_cast<u32>(state[4]);
  for (int i = 0; i < 80; ++i) {
    u32 f, k;
    if (i < 20) {
      f = (b & c) | (~b & d), k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d, k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d, k = 0xca62c1d6;
    }
    u32 t = std::rotl(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = std::rotl(b, 30);
    b = a;
    a = t;
  }
  u32 add[5] = {a, b, c, d, e};
  for (int i = 0; i < 5; ++i) state[i] = static_cast<u32>(state[i] + add[i]);
}

// --- SHA-256 (FIPS 180-4, 6.2) ------------------------------------------------------------
constexpr u32 kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

void sha256Compress(u64* state, const unsigned char* block) {
  u32 w[64];
  for (int i = 0; i < 16; ++i) w[i] = load32be(block + 4 * i);
  for (int i = 16; i < 64; ++i) {
    u32 s0 = std::rotr(w[i - 15], 7) ^ std::rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = std::rotr(w[i - 2], 17) ^ std::rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 v[8];
  for (int i = 0; i < 8; ++i) v[i] = static_cast<u32>(state[i]);
  for (int i = 0; i < 64; ++i) {
    u32 s1 = std::rotr(v[4], 6) ^ std::rotr(v[4], 11) ^ std::rotr(v[4], 25);
    u32 ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
    u32 t1 = v[7] + s1 + ch + kSha256K[i] + w[i];
    u32 s0 = std::rotr(v[0], 2) ^ std::rotr(v[0], 13) ^ std::rotr(v[0], 22);
    u32 maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    u32 t2 = s0 + maj;
    for (int j = 7; j > 0; --j) v[j] = v[j - 1];
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; ++i) state[i] = static_cast<u32>(state[i] + v[i]);
}

// --- SHA-512 (FIPS 180-4, 6.4) ------------------------------------------------------------
constexpr u64 kSha512K[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

void sha512Compress(u64* state, const unsigned char* block) {
  u64 w[80];
  for (int i = 0; i < 16; ++i) w[i] = load64be(block + 8 * i);
  for (int i = 16; i < 80; ++i) {
    u64 s0 = std::rotr(w[i - 15], 1) ^ std::rotr(w[i - 15], 8) ^ (w[i - 15] >> 7);
    u64 s1 = std::rotr(w[i - 2], 19) ^ std::rotr(w[i - 2], 61) ^ (w[i - 2] >> 6);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u64 v[8];
  for (int i = 0; i < 8; ++i) v[i] = state[i];
  for (int i = 0; i < 80; ++i) {
    u64 s1 = std::rotr(v[4], 14) ^ std::rotr(v[4], 18) ^ std::rotr(v[4], 41);
    u64 ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
    u64 t1 = v[7] + s1 + ch + kSha512K[i] + w[i];
    u64 s0 = std::rotr(v[0], 28) ^ std::rotr(v[0], 34) ^ std::rotr(v[0], 39);
    u64 maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    u64 t2 = s0 + maj;
    for (int j = 7; j > 0; --j) v[j] = v[j - 1];
    v[4] += t1;
    v[0] = t1 + t2;
  }
  for (int i = 0; i < 8; ++i) state[i] += v[i];
}

struct HashSpec {
  std::string_view name;
  std::size_t digest_size;
  std::size_t block_size;
  std::array<u64, 8> initial;
};

const HashSpec& specOf(HashKind kind) {
  static const HashSpec kMd5{"md5", 16, 64, {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}};
  static const HashSpec kSha1{
      "sha1", 20, 64, {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}};
  static const HashSpec kSha224{"sha224",
                                28,
                                64,
                                {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31,
                                 0x68581511, 0x64f98fa7, 0xbefa4fa4}};
  static const HashSpec kSha256{"sha256",
                                32,
                                64,
                                {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f,
                                 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}};
  static const HashSpec kSha384{
      "sha384",
      48,
      128,
      {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
       0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4}};
  static const HashSpec kSha512{
      "sha512",
      64,
      128,
      {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
       0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179}};
  switch (kind) {
    case HashKind::Md5:
      return kMd5;
    case HashKind::Sha1:
      return kSha1;
    case HashKind::Sha224:
      return kSha224;
    case HashKind::Sha256:
      return kSha256;
    case HashKind::Sha384:
      return kSha384;
    case HashKind::Sha512:
      return kSha512;
  }
  GBC_UNREACHABLE("hash kind");
}

}  // namespace

Hasher::Hasher(HashKind kind) : kind_(kind), state_(specOf(kind).initial) {}

std::optional<HashKind> Hasher::kindByName(std::string_view name) {
  for (HashKind kind : {HashKind::Md5, HashKind::Sha1, HashKind::Sha224, HashKind::Sha256,
                        HashKind::Sha384, HashKind::Sha512}) {
    if (specOf(kind).name == name) return kind;
  }
  return std::nullopt;
}

std::string_view Hasher::name() const { return specOf(kind_).name; }
std::size_t Hasher::digestSize() const { return specOf(kind_).digest_size; }
std::size_t Hasher::blockSize() const { return specOf(kind_).block_size; }

void Hasher::compress(const unsigned char* block) {
  switch (kind_) {
    case HashKind::Md5:
      return md5Compress(state_.data(), block);
    case HashKind::Sha1:
      return sha1Compress(state_.data(), block);
    case HashKind::Sha224:
    case HashKind::Sha256:
      return sha256Compress(state_.data(), block);
    case HashKind::Sha384:
    case HashKind::Sha512:
      return sha512Compress(state_.data(), block);
  }
  GBC_UNREACHABLE("hash kind");
}

void Hasher::update(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  const std::size_t block = blockSize();
  length_ += n;
  if (buffered_ > 0) {
    std::size_t take = std::min(n, block - buffered_);
    std::memcpy(buffer_.data() + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < block) return;
    compress(buffer_.data());
    buffered_ = 0;
  }
  for (; n >= block; p += block, n -= block) compress(p);
  if (n > 0) std::memcpy(buffer_.data(), p, n);
  buffered_ = n;
}

std::string Hasher::digest() const {
  // Finish on a copy: 0x80, zeros, then the bit length (64-bit little-endian for MD5, 64- or
  // 128-bit big-endian for SHA) filling the last block.
  Hasher h = *this;
  const std::size_t block = blockSize();
  const std::size_t length_bytes = block == 128 ? 16 : 8;
  std::string pad(1, '\x80');
  std::size_t used = (buffered_ + 1) % block;
  std::size_t zeros = (used <= block - length_bytes) ? block - length_bytes - used
                                                     : 2 * block - length_bytes - used;
  pad.append(zeros, '\0');
  u64 bits_lo = length_ << 3;
  u64 bits_hi = length_ >> 61;
  std::string tail(length_bytes, '\0');
  for (std::size_t i = 0; i < 8; ++i) {
    auto byte = static_cast<char>((bits_lo >> (8 * i)) & 0xff);
    if (kind_ == HashKind::Md5) {
      tail[i] = byte;
    } else {
      tail[length_bytes - 1 - i] = byte;
    }
  }
  if (length_bytes == 16) {
    for (std::size_t i = 0; i < 8; ++i)
      tail[7 - i] = static_cast<char>((bits_hi >> (8 * i)) & 0xff);
  }
  h.update(pad + tail);
  GBC_CHECK(h.buffered_ == 0, "padding ends on a block boundary");
  std::string out;
  const std::size_t size = digestSize();
  const bool wide = block == 128;
  for (std::size_t i = 0; out.size() < size; ++i) {
    if (wide) {
      for (int b = 7; b >= 0 && out.size() < size; --b) {
        out.push_back(static_cast<char>((h.state_[i] >> (8 * b)) & 0xff));
      }
    } else if (kind_ == HashKind::Md5) {
      for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((h.state_[i] >> (8 * b)) & 0xff));
    } else {
      for (int b = 3; b >= 0 && out.size() < size; --b) {
        out.push_back(static_cast<char>((h.state_[i] >> (8 * b)) & 0xff));
      }
    }
  }
  return out;
}

std::string Hasher::hexdigest() const {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (char c : digest()) {
    auto b = static_cast<unsigned char>(c);
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

std::string hashBytes(HashKind kind, std::string_view data) {
  Hasher h(kind);
  h.update(data);
  return h.digest();
}

}  // namespace gbc::native
