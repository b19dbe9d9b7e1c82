// BLAKE2b and BLAKE2s (blake2.h): the parameter block XORed into the IV, a key padded to a full
// first block, and the compression function G over 12 (b) or 10 (s) rounds. The last block is
// held back until digest(), which compresses it with the final flags (f0, and f1 for a last
// node) on a copy of the state.
#include "native/blake2.h"

#include <cstring>

namespace gbc::native {

namespace {

constexpr std::uint64_t kIvB[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
constexpr std::uint32_t kIvS[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint8_t kSigma[12][16] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                                         {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
                                         {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
                                         {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
                                         {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
                                         {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
                                         {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
                                         {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
                                         {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
                                         {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
                                         {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                                         {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

template <class W>
W rotr(W v, int n) {
  constexpr int bits = 8 * sizeof(W);
  return (v >> n) | (v << (bits - n));
}

template <class W>
W load(const unsigned char* p) {
  W v = 0;
  for (int i = static_cast<int>(sizeof(W)) - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void storeLe(unsigned char* p, std::uint64_t v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

/// One compression of BLAKE2 with words W (uint64_t: b, uint32_t: s).
template <class W>
void compressWords(std::array<std::uint64_t, 8>& h_store, const unsigned char* block,
                   std::uint64_t t0, std::uint64_t t1, bool f0, bool f1) {
  constexpr bool is_b = sizeof(W) == 8;
  constexpr int rounds = is_b ? 12 : 10;
  constexpr int r1 = is_b ? 32 : 16, r2 = is_b ? 24 : 12, r3 = is_b ? 16 : 8, r4 = is_b ? 63 : 7;
  W h[8], m[16], v[16];
  for (int i = 0; i < 8; ++i) h[i] = static_cast<W>(h_store[i]);
  for (int i = 0; i < 16; ++i) m[i] = load<W>(block + i * sizeof(W));
  for (int i = 0; i < 8; ++i) {
    v[i] = h[i];
    v[i + 8] = is_b ? static_cast<W>(kIvB[i]) : static_cast<W>(kIvS[i]);
  }
  v[12] ^= static_cast<W>(t0);
  v[13] ^= static_cast<W>(t1);
  if (f0) v[14] = ~v[14];
  if (f1) v[15] = ~v[15];
  auto g = [&](int a, int b, int c, int d, W x, W y) {
    v[a] = v[a] + v[b] + x;
    v[d] = rotr<W>(v[d] ^ v[a], r1);
    v[c] = v[c] + v[d];
    v[b] = rotr<W>(v[b] ^ v[c], r2);
    v[a] = v[a] + v[b] + y;
    v[d] = rotr<W>(v[d] ^ v[a], r3);
    v[c] = v[c] + v[d];
    v[b] = rotr<W>(v[b] ^ v[c], r4);
  };
  for (int r = 0; r < rounds; ++r) {
    const std::uint8_t* s = kSigma[r];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]);
    g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]);
    g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]);
    g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]);
    g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (int i = 0; i < 8; ++i) h_store[i] = static_cast<W>(h[i] ^ v[i] ^ v[i + 8]);
}

}  // namespace

Blake2::Blake2(Blake2Variant variant, const Blake2Params& params)
    : variant_(variant),
      digest_size_(params.digest_size ? params.digest_size : maxDigestSize(variant)),
      last_node_(params.last_node) {
  const bool is_b = variant == Blake2Variant::B;
  // the parameter block: 64 bytes for b, 32 for s
  unsigned char p[64] = {};
  p[0] = static_cast<unsigned char>(digest_size_);
  p[1] = static_cast<unsigned char>(params.key.size());
  p[2] = static_cast<unsigned char>(params.fanout);
  p[3] = static_cast<unsigned char>(params.depth);
  storeLe(p + 4, params.leaf_size, 4);
  if (is_b) {
    storeLe(p + 8, params.node_offset, 8);
    p[16] = static_cast<unsigned char>(params.node_depth);
    p[17] = static_cast<unsigned char>(params.inner_size);
    std::memcpy(p + 32, params.salt.data(), params.salt.size());
    std::memcpy(p + 48, params.person.data(), params.person.size());
  } else {
    storeLe(p + 8, params.node_offset, 6);
    p[14] = static_cast<unsigned char>(params.node_depth);
    p[15] = static_cast<unsigned char>(params.inner_size);
    std::memcpy(p + 16, params.salt.data(), params.salt.size());
    std::memcpy(p + 24, params.person.data(), params.person.size());
  }
  for (int i = 0; i < 8; ++i)
    h_[i] =
        is_b ? kIvB[i] ^ load<std::uint64_t>(p + 8 * i) : kIvS[i] ^ load<std::uint32_t>(p + 4 * i);
  if (!params.key.empty()) {
    std::string block(blockSize(variant), '\0');
    std::memcpy(block.data(), params.key.data(), params.key.size());
    update(block);
  }
}

void Blake2::compress(const unsigned char* block, bool last) {
  bool f1 = last && last_node_;
  if (variant_ == Blake2Variant::B)
    compressWords<std::uint64_t>(h_, block, t0_, t1_, last, f1);
  else
    compressWords<std::uint32_t>(h_, block, t0_, t0_ >> 32, last, f1);
}

void Blake2::update(std::string_view data) {
  const std::size_t bs = blockSize(variant_);
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  while (n > 0) {
    // a full buffer is compressed only once more data follows (the last block waits)
    if (buffered_ == bs) {
      t0_ += bs;
      if (variant_ == Blake2Variant::B && t0_ < bs) ++t1_;
      compress(buffer_.data(), false);
      buffered_ = 0;
    }
    std::size_t take = std::min(n, bs - buffered_);
    std::memcpy(buffer_.data() + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
  }
}

std::string Blake2::digest() const {
  Blake2 copy = *this;
  const std::size_t bs = blockSize(variant_);
  copy.t0_ += copy.buffered_;
  if (variant_ == Blake2Variant::B && copy.t0_ < copy.buffered_) ++copy.t1_;
  std::memset(copy.buffer_.data() + copy.buffered_, 0, bs - copy.buffered_);
  copy.compress(copy.buffer_.data(), true);
  std::string out;
  const std::size_t word = variant_ == Blake2Variant::B ? 8 : 4;
  for (std::size_t i = 0; i < digest_size_; ++i)
    out.push_back(static_cast<char>(copy.h_[i / word] >> (8 * (i % word))));
  return out;
}

std::string Blake2::hexdigest() const {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : digest()) {
    out += kDigits[static_cast<unsigned char>(c) >> 4];
    out += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

}  // namespace gbc::native
