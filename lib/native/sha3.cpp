// SHA-3 and SHAKE (sha3.h): Keccak-f[1600] as FIPS 202 specifies it (theta, rho, pi, chi, iota
// over little-endian lanes), the sponge's absorb and pad10*1 with the domain suffix.
#include "native/sha3.h"

#include <cstring>

namespace gbc::native {

namespace {

constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

// rho's rotation of lane (x, y), indexed x + 5y
constexpr int kRotations[25] = {0,  1,  62, 28, 27, 36, 44, 6,  55, 20, 3,  10, 43,
                                25, 39, 41, 45, 15, 21, 8,  18, 2,  61, 56, 14};

std::uint64_t rotl(std::uint64_t v, int n) { return n == 0 ? v : (v << n) | (v >> (64 - n)); }

std::uint64_t loadLane(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

void keccakF1600(std::array<std::uint64_t, 25>& a) {
  for (std::uint64_t rc : kRoundConstants) {
    std::uint64_t c[5], d[5], b[25];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; ++i) a[i] ^= d[i % 5];
    // rho and pi: lane (x, y) moves to (y, 2x + 3y)
    for (int x = 0; x < 5; ++x)
      for (int y = 0; y < 5; ++y)
        b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], kRotations[x + 5 * y]);
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 5; ++x)
        a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
    a[0] ^= rc;
  }
}

Sha3::Sha3(Sha3Kind kind) : kind_(kind) {
  switch (kind) {
    case Sha3Kind::Sha3_224:
      rate_ = 144;
      break;
    case Sha3Kind::Sha3_256:
      rate_ = 136;
      break;
    case Sha3Kind::Sha3_384:
      rate_ = 104;
      break;
    case Sha3Kind::Sha3_512:
      rate_ = 72;
      break;
    case Sha3Kind::Shake128:
      rate_ = 168;
      break;
    case Sha3Kind::Shake256:
      rate_ = 136;
      break;
  }
}

std::optional<Sha3Kind> Sha3::kindByName(std::string_view name) {
  if (name == "sha3_224") return Sha3Kind::Sha3_224;
  if (name == "sha3_256") return Sha3Kind::Sha3_256;
  if (name == "sha3_384") return Sha3Kind::Sha3_384;
  if (name == "sha3_512") return Sha3Kind::Sha3_512;
  if (name == "shake_128") return Sha3Kind::Shake128;
  if (name == "shake_256") return Sha3Kind::Shake256;
  return std::nullopt;
}

std::string_view Sha3::name() const {
  switch (kind_) {
    case Sha3Kind::Sha3_224:
      return "sha3_224";
    case Sha3Kind::Sha3_256:
      return "sha3_256";
    case Sha3Kind::Sha3_384:
      return "sha3_384";
    case Sha3Kind::Sha3_512:
      return "sha3_512";
    case Sha3Kind::Shake128:
      return "shake_128";
    case Sha3Kind::Shake256:
      return "shake_256";
  }
  return "";
}

std::size_t Sha3::digestSize() const {
  switch (kind_) {
    case Sha3Kind::Sha3_224:
      return 28;
    case Sha3Kind::Sha3_256:
      return 32;
    case Sha3Kind::Sha3_384:
      return 48;
    case Sha3Kind::Sha3_512:
      return 64;
    case Sha3Kind::Shake128:
    case Sha3Kind::Shake256:
      return 0;
  }
  return 0;
}

void Sha3::absorbBlock(const unsigned char* block) {
  for (std::size_t i = 0; i < rate_ / 8; ++i) state_[i] ^= loadLane(block + 8 * i);
  keccakF1600(state_);
}

void Sha3::update(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  if (buffered_) {
    std::size_t take = std::min(n, rate_ - buffered_);
    std::memcpy(buffer_.data() + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < rate_) return;
    absorbBlock(buffer_.data());
    buffered_ = 0;
  }
  for (; n >= rate_; p += rate_, n -= rate_) absorbBlock(p);
  std::memcpy(buffer_.data(), p, n);
  buffered_ = n;
}

std::string Sha3::digest(std::size_t length) const {
  // pad10*1 after the domain suffix, on a copy of the state
  std::array<std::uint64_t, 25> state = state_;
  std::array<unsigned char, 168> last{};
  std::memcpy(last.data(), buffer_.data(), buffered_);
  last[buffered_] ^= suffix();
  last[rate_ - 1] ^= 0x80;
  for (std::size_t i = 0; i < rate_ / 8; ++i) state[i] ^= loadLane(last.data() + 8 * i);
  keccakF1600(state);
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    for (std::size_t i = 0; i < rate_ && out.size() < length; ++i)
      out.push_back(static_cast<char>(state[i / 8] >> (8 * (i % 8))));
    if (out.size() < length) keccakF1600(state);
  }
  return out;
}

}  // namespace gbc::native
