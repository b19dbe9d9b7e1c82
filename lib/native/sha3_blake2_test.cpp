// SHA-3, SHAKE and BLAKE2 against published vectors (FIPS 202 examples, RFC 7693 appendices) and
// against Python's hashlib (testdata/native/sha3_blake2_vectors.txt, from
// lib/native/tools/gen_sha3_blake2_vectors.py), whole and fed in pieces.
#include "native/blake2.h"
#include "native/sha3.h"

#include "native/test_vectors.h"

#include <catch2/catch.hpp>

namespace gbc::native {
namespace {

std::string sha3Hex(Sha3Kind kind, std::string_view data, std::size_t length = 0) {
  Sha3 h(kind);
  h.update(data);
  return test::encodeHex(h.isShake() ? h.digest(length) : h.digest());
}

TEST_CASE("SHA-3 and SHAKE give the published digests", "[native][sha3]") {
  CHECK(sha3Hex(Sha3Kind::Sha3_224, "") ==
        "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7");
  CHECK(sha3Hex(Sha3Kind::Sha3_256, "abc") ==
        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
  CHECK(sha3Hex(Sha3Kind::Sha3_384, "abc") ==
        "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
        "98d88cea927ac7f539f1edf228376d25");
  CHECK(sha3Hex(Sha3Kind::Sha3_512, "abc") ==
        "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
        "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0");
  CHECK(sha3Hex(Sha3Kind::Shake128, "", 32) ==
        "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26");
  CHECK(sha3Hex(Sha3Kind::Shake256, "", 16) == "46b9dd2b0ba88d13233b3feb743eeb24");
  Sha3 h(Sha3Kind::Sha3_256);
  CHECK(h.name() == "sha3_256");
  CHECK(h.digestSize() == 32);
  CHECK(h.blockSize() == 136);
  CHECK(h.capacityBits() == 512);
  CHECK(h.rateBits() == 1088);
  CHECK(Sha3(Sha3Kind::Shake128).suffix() == 0x1f);
  CHECK(Sha3::kindByName("shake_256") == Sha3Kind::Shake256);
  CHECK(!Sha3::kindByName("sha3"));
}

TEST_CASE("A SHA-3 digest leaves the state to update further", "[native][sha3]") {
  Sha3 h(Sha3Kind::Sha3_256);
  h.update("ab");
  std::string first = test::encodeHex(h.digest());
  h.update("c");
  CHECK(first == sha3Hex(Sha3Kind::Sha3_256, "ab"));
  CHECK(test::encodeHex(h.digest()) == sha3Hex(Sha3Kind::Sha3_256, "abc"));
}

TEST_CASE("BLAKE2 gives the published digests", "[native][blake2]") {
  // RFC 7693, appendices A and B: "abc"
  CHECK(Blake2(Blake2Variant::B, {}).hexdigest() ==
        "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
        "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
  Blake2 b(Blake2Variant::B, {});
  b.update("abc");
  CHECK(b.hexdigest() ==
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  Blake2 s(Blake2Variant::S, {});
  s.update("abc");
  CHECK(s.hexdigest() == "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982");
  CHECK(Blake2::maxDigestSize(Blake2Variant::S) == 32);
  CHECK(Blake2::saltSize(Blake2Variant::B) == 16);
  CHECK(Blake2::blockSize(Blake2Variant::S) == 64);
}

TEST_CASE("SHA-3, SHAKE and BLAKE2 agree with hashlib, whole and in pieces",
          "[native][sha3][blake2]") {
  auto lines = test::readVectors(GBC_NATIVE_TESTDATA "/sha3_blake2_vectors.txt");
  REQUIRE(lines.size() > 400);
  for (const auto& line : lines) {
    INFO("line " << line.number);
    const std::string& expected = line.expected.at(0);
    if (line.op == "sha3") {
      auto kind = Sha3::kindByName(line.args.at(0));
      REQUIRE(kind);
      std::string data = test::decodeHex(line.args.at(1));
      std::size_t length = std::stoul(line.args.at(2));
      for (std::size_t step :
           {std::size_t{1} << 20, std::size_t{1}, std::size_t{7}, std::size_t{136}}) {
        Sha3 h(*kind);
        for (std::size_t at = 0; at < data.size(); at += step)
          h.update(std::string_view(data).substr(at, step));
        std::string out = h.isShake() ? h.digest(length) : h.digest();
        CHECK(test::encodeHex(out) == expected);
      }
      continue;
    }
    REQUIRE(line.op == "blake2");
    Blake2Variant variant = line.args.at(0) == "b" ? Blake2Variant::B : Blake2Variant::S;
    Blake2Params p;
    p.digest_size = std::stoul(line.args.at(1));
    p.key = test::decodeHex(line.args.at(2));
    p.salt = test::decodeHex(line.args.at(3));
    p.person = test::decodeHex(line.args.at(4));
    p.fanout = static_cast<std::uint32_t>(std::stoul(line.args.at(5)));
    p.depth = static_cast<std::uint32_t>(std::stoul(line.args.at(6)));
    p.leaf_size = static_cast<std::uint32_t>(std::stoul(line.args.at(7)));
    p.node_offset = std::stoull(line.args.at(8));
    p.node_depth = static_cast<std::uint32_t>(std::stoul(line.args.at(9)));
    p.inner_size = static_cast<std::uint32_t>(std::stoul(line.args.at(10)));
    p.last_node = line.args.at(11) == "1";
    std::string data = test::decodeHex(line.args.at(12));
    for (std::size_t step : {std::size_t{1} << 20, std::size_t{1}, std::size_t{64}}) {
      Blake2 h(variant, p);
      for (std::size_t at = 0; at < data.size(); at += step)
        h.update(std::string_view(data).substr(at, step));
      CHECK(h.hexdigest() == expected);
    }
  }
}

}  // namespace
}  // namespace gbc::native
