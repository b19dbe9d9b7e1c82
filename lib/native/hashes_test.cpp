// Hashes against published vectors (RFC 1321, FIPS 180-4 examples) and against Python's
// hashlib (testdata/native/hash_vectors.txt, from lib/native/tools/gen_hash_vectors.py).
#include "native/hashes.h"

#include "native/test_vectors.h"

#include <catch2/catch.hpp>

namespace gbc::native {
namespace {

std::string hexOf(HashKind kind, std::string_view data) {
  Hasher h(kind);
  h.update(data);
  return h.hexdigest();
}

TEST_CASE("Hashes give the published digests", "[native][hashes]") {
  CHECK(hexOf(HashKind::Md5, "") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hexOf(HashKind::Md5, "message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(hexOf(HashKind::Sha1, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(hexOf(HashKind::Sha224, "abc") ==
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  CHECK(hexOf(HashKind::Sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hexOf(HashKind::Sha384, "abc") ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        "8086072ba1e7cc2358baeca134c825a7");
  CHECK(hexOf(HashKind::Sha512, "abc") ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  // One million 'a' fed in uneven pieces.
  Hasher h(HashKind::Sha256);
  std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed < 1000000) {
    std::size_t n = std::min(piece.size(), 1000000 - fed);
    h.update(std::string_view(piece).substr(0, n));
    fed += n;
  }
  CHECK(h.hexdigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Hashes agree with hashlib for every length and any split into updates",
          "[native][hashes]") {
  auto lines = test::readVectors(GBC_NATIVE_TESTDATA "/hash_vectors.txt");
  REQUIRE(lines.size() > 100);
  for (const auto& line : lines) {
    auto kind = Hasher::kindByName(line.args[0]);
    REQUIRE(kind);
    std::string data = test::decodeHex(line.args[1]);
    INFO(line.args[0] << " of " << data.size() << " bytes");
    CHECK(hexOf(*kind, data) == line.expected[0]);
    for (std::size_t step : {1, 3, 64, 100}) {
      Hasher h(*kind);
      for (std::size_t at = 0; at < data.size(); at += step) {
        h.update(std::string_view(data).substr(at, step));
      }
      CHECK(h.hexdigest() == line.expected[0]);
    }
  }
}

TEST_CASE("A digest leaves the hasher usable, as hashlib objects are", "[native][hashes]") {
  Hasher h(HashKind::Sha1);
  h.update("ab");
  std::string first = h.hexdigest();
  CHECK(h.hexdigest() == first);
  Hasher copy = h;
  h.update("c");
  CHECK(h.hexdigest() == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(copy.hexdigest() == first);
  CHECK(h.name() == "sha1");
  CHECK(h.digestSize() == 20);
  CHECK(h.blockSize() == 64);
  CHECK(Hasher(HashKind::Sha384).blockSize() == 128);
  CHECK(!Hasher::kindByName("sha3_256"));
  CHECK(hashBytes(HashKind::Md5, "").size() == 16);
}

}  // namespace
}  // namespace gbc::native
