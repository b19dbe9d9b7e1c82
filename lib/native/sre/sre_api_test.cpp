// Tests of lib/native/sre's interface beyond the recorded cases: _sre's helper functions, code
// validation, the errors CPython raises, templates, limits and hooks, long subjects, and the
// width of the subject's characters. Code arrays are what re._compiler makes (CPython 3.14).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "native/sre/chars.h"
#include "native/sre/pattern.h"
#include "native/sre/template.h"
#include "native/sre/validate.h"

namespace sre = gbc::native::sre;
using namespace sre::op;

namespace {

constexpr sre::Code kMax = sre::kMaxRepeat;

// re._compiler's code for (?:ab|cd)*x
const std::vector<sre::Code> kAbCdStarX = {
    kInfo,    4,        0,     1,        kMax,     kRepeat,   19,       0,   kMax,     kBranch,
    7,        kLiteral, 'a',   kLiteral, 'b',      kJump,     9,        7,   kLiteral, 'c',
    kLiteral, 'd',      kJump, 2,        kFailure, kMaxUntil, kLiteral, 'x', kSuccess};
// (a)|b
const std::vector<sre::Code> kGroupOrB = {
    kInfo, 4, 0,     1, 1, kBranch,  9,   kMark, 0, kLiteral, 'a',
    kMark, 1, kJump, 7, 5, kLiteral, 'b', kJump, 2, kFailure, kSuccess};
// a
const std::vector<sre::Code> kA = {kInfo, 8, 3, 1, 1, 1, 1, 'a', 0, kLiteral, 'a', kSuccess};

sre::Pattern compile(std::vector<sre::Code> code, std::ptrdiff_t groups,
                     sre::PatternType type = sre::PatternType::Str) {
  auto p = sre::Pattern::compile(std::move(code), 0, groups, type);
  REQUIRE(p.has_value());
  return std::move(*p);
}

sre::Subject text(const std::u32string& s) { return sre::Subject::ucs4(s.data(), s.size()); }

}  // namespace

TEST_CASE("the helpers _sre exports answer as CPython's do", "[native][sre]") {
  CHECK(sre::getCodeSize() == 4);
  CHECK(sre::kMaxRepeat == 4294967295u);
  CHECK(sre::kMaxGroups == 1073741823u);
  CHECK(sre::isSupportedMagic(20230612));
  CHECK(sre::isSupportedMagic(20221023));
  CHECK(!sre::isSupportedMagic(20171005));
  CHECK(sre::asciiIsCased('a'));
  CHECK(!sre::asciiIsCased('1'));
  CHECK(!sre::asciiIsCased(0xE9));
  CHECK(sre::unicodeIsCased(0xE9));
  CHECK(sre::unicodeIsCased(0x1F80));  // lowercase with a two-character uppercase
  CHECK(!sre::unicodeIsCased(0x4E00));
  CHECK(sre::asciiToLower('A') == 'a');
  CHECK(sre::asciiToLower(0xC9) == 0xC9);
  CHECK(sre::asciiToLower(-5) == -5);
  CHECK(sre::unicodeToLower(0xC9) == 0xE9);
  CHECK(sre::unicodeToLower(0x130) == 'i');  // the first character of its full lowercase
  CHECK(sre::unicodeToLower(0x212A) == 'k');
  CHECK(sre::unicodeToLower(0x110000) == 0x110000);
}

TEST_CASE("malformed code is refused as CPython's validator refuses it", "[native][sre]") {
  auto refused = [](std::vector<sre::Code> code, std::ptrdiff_t groups) {
    auto p = sre::Pattern::compile(std::move(code), 0, groups, sre::PatternType::Str);
    if (p.has_value()) return false;
    CHECK(p.error().kind == sre::ErrorKind::InvalidCode);
    CHECK(p.error().message == "invalid SRE code");
    CHECK(p.error().pythonType() == "RuntimeError");
    return true;
  };
  CHECK(sre::validateCode(kA, 0));
  CHECK(refused({}, 0));
  CHECK(refused({kLiteral, 'a'}, 0));                    // no final SUCCESS
  CHECK(refused({kLiteral, kSuccess}, 0));               // LITERAL without its argument
  CHECK(refused({kMark, 0, kSuccess}, 0));               // a mark beyond the groups
  CHECK(refused({kGroupref, 1, kSuccess}, 1));           // a reference beyond the groups
  CHECK(refused({kIn, 5, kLiteral, 'a', kSuccess}, 0));  // a set without FAILURE
  CHECK(refused({kIn, 99, kFailure, kSuccess}, 0));      // a skip past the end
  CHECK(refused({kAt, 12, kSuccess}, 0));                // no such AT code
  CHECK(refused({kRange, 1, 2, kSuccess}, 0));           // a set item outside a set
  CHECK(refused({kRepeatOne, 6, 3, 2, kLiteral, 'a', kSuccess, kSuccess}, 0));  // min > max
  CHECK(refused({kJump, 2, kSuccess}, 0));        // a JUMP not ending a branch
  CHECK(refused({kLiteral, 'a', kSuccess}, -1));  // negative group count
  CHECK(refused({kMaxUntil, kSuccess}, 0));       // an UNTIL without its REPEAT
  CHECK(!refused(kGroupOrB, 1));
}

TEST_CASE("subjects of the other type are refused with CPython's messages", "[native][sre]") {
  auto str_pattern = compile(kA, 0, sre::PatternType::Str);
  auto bytes_pattern = compile(kA, 0, sre::PatternType::Bytes);
  auto none_pattern = compile(kA, 0, sre::PatternType::None);
  const uint8_t bytes[] = {'a'};
  std::u32string s = U"a";
  auto r1 = str_pattern.match(sre::Subject::bytes(bytes, 1));
  REQUIRE(!r1.has_value());
  CHECK(r1.error().pythonType() == "TypeError");
  CHECK(r1.error().message == "cannot use a string pattern on a bytes-like object");
  auto r2 = bytes_pattern.search(text(s));
  REQUIRE(!r2.has_value());
  CHECK(r2.error().message == "cannot use a bytes pattern on a string-like object");
  // A pattern compiled from None (code handed to _sre.compile directly) takes either.
  CHECK(none_pattern.match(sre::Subject::bytes(bytes, 1)).has_value());
  CHECK(none_pattern.match(text(s)).has_value());
}

TEST_CASE("match windows are clamped to the string as CPython clamps them", "[native][sre]") {
  auto p = compile(kA, 0);
  std::u32string s = U"xaa";
  auto m = p.search(text(s), -10, 100);
  REQUIRE(m.has_value());
  REQUIRE(m->has_value());
  CHECK((*m)->groups[0] == sre::Span{1, 2});
  CHECK((*m)->pos == 0);
  CHECK((*m)->endpos == 3);
  auto none = p.search(text(s), 3, 1);
  REQUIRE(none.has_value());
  CHECK(!none->has_value());
}

TEST_CASE("lastindex and unset groups come out as in CPython's Match", "[native][sre]") {
  auto p = compile(kGroupOrB, 1);
  std::u32string s = U"b";
  auto m = p.match(text(s));
  REQUIRE(m.has_value());
  REQUIRE(m->has_value());
  CHECK((*m)->lastindex == -1);
  CHECK(!(*m)->groups[1].matched());
  std::u32string a = U"a";
  auto ma = p.match(text(a));
  REQUIRE(ma->has_value());
  CHECK((*ma)->lastindex == 1);
  CHECK((*ma)->groups[1] == sre::Span{0, 1});
}

TEST_CASE("a scanner stops for good after its first miss", "[native][sre]") {
  auto p = compile(kA, 0);
  std::u32string s = U"aab";
  auto scanner = sre::Scanner::make(p, text(s));
  REQUIRE(scanner.has_value());
  auto m1 = scanner->match();
  REQUIRE((m1.has_value() && m1->has_value()));
  CHECK((*m1)->groups[0] == sre::Span{0, 1});
  auto m2 = scanner->match();
  REQUIRE((m2.has_value() && m2->has_value()));
  CHECK((*m2)->groups[0] == sre::Span{1, 2});
  auto m3 = scanner->match();
  REQUIRE((m3.has_value() && !m3->has_value()));
  auto m4 = scanner->search();
  REQUIRE((m4.has_value() && !m4->has_value()));
}

TEST_CASE("templates are checked and expanded as _sre.template's are", "[native][sre]") {
  auto bad = sre::Template::make({-1}, {false, false});
  REQUIRE(!bad.has_value());
  CHECK(bad.error().pythonType() == "TypeError");
  CHECK(bad.error().message == "invalid template");
  CHECK(!sre::Template::make({1}, {false}).has_value());

  struct Sink : sre::TemplateSink {
    std::string out;
    void appendLiteral(size_t index) override { out += "L" + std::to_string(index); }
    void appendGroup(sre::Span span) override {
      out += "G" + std::to_string(span.start) + "-" + std::to_string(span.end);
    }
  };
  sre::Match m;
  m.groups = {{0, 3}, {1, 2}, {}};
  auto t = sre::Template::make({1, 2, 0}, {true, false, true, false});
  REQUIRE(t.has_value());
  CHECK(t->groupCount() == 3);
  Sink sink;
  REQUIRE(t->expand(m, sink).has_value());
  CHECK(sink.out == "L0G1-2L1G0-3L3");  // group 2 did not take part; empty literal 2 skipped
  auto beyond = sre::Template::make({3}, {false, false});
  REQUIRE(beyond.has_value());
  Sink sink2;
  auto failed = beyond->expand(m, sink2);
  REQUIRE(!failed.has_value());
  CHECK(failed.error().pythonType() == "IndexError");
  CHECK(failed.error().message == "no such group");
}

TEST_CASE("a long subject backtracks without deep C++ recursion", "[native][sre]") {
  auto p = compile(kAbCdStarX, 0);
  std::u32string s;
  for (int i = 0; i < 200000; ++i) s += U"ab";
  auto m = p.match(text(s));
  REQUIRE(m.has_value());
  CHECK(!m->has_value());
  s += U"x";
  auto hit = p.match(text(s));
  REQUIRE((hit.has_value() && hit->has_value()));
  CHECK((*hit)->groups[0] == sre::Span{0, 400001});
}

TEST_CASE("the stack limit turns runaway backtracking into MemoryError", "[native][sre]") {
  auto p = compile(kAbCdStarX, 0);
  std::u32string s;
  for (int i = 0; i < 100000; ++i) s += U"cd";
  sre::MatchLimits limits;
  limits.max_stack_bytes = 1 << 20;
  auto m = p.match(text(s), 0, sre::kMaxPos, limits);
  REQUIRE(!m.has_value());
  CHECK(m.error().kind == sre::ErrorKind::Memory);
  CHECK(m.error().pythonType() == "MemoryError");
}

TEST_CASE("the interrupt hook stops a long match", "[native][sre]") {
  auto p = compile(kAbCdStarX, 0);
  std::u32string s;
  for (int i = 0; i < 100000; ++i) s += U"ab";
  int calls = 0;
  sre::MatchLimits limits;
  limits.interrupted = [](void* data) { return ++*static_cast<int*>(data) >= 3; };
  limits.interrupt_data = &calls;
  auto m = p.match(text(s), 0, sre::kMaxPos, limits);
  REQUIRE(!m.has_value());
  CHECK(m.error().kind == sre::ErrorKind::Interrupted);
  CHECK(calls == 3);
  // The same pattern works again afterwards.
  std::u32string ok = U"abx";
  auto again = p.match(text(ok));
  REQUIRE((again.has_value() && again->has_value()));
}

TEST_CASE("a str gives the same results at every width", "[native][sre]") {
  // [^\u0100]+ : IN NEGATE LITERAL 0x100
  auto p = compile({kInfo, 4, 0, 1, kMax, kRepeatOne, 10, 1, kMax, kIn, 5, kNegate, kLiteral, 0x100,
                    kFailure, kSuccess, kSuccess},
                   0);
  sre::TextBuffer narrow(U"abc\u00e9");
  CHECK(narrow.width() == 1);
  sre::TextBuffer wide(U"ab\u0100c\U0001F600");
  CHECK(wide.width() == 4);
  sre::TextBuffer middle;
  REQUIRE(
      middle.assignUtf8("ab\xc4\x80"
                        "c"));
  CHECK(middle.width() == 2);
  CHECK(middle.size() == 4);
  CHECK(!middle.assignUtf8("\xff"));
  REQUIRE(
      middle.assignUtf8("ab\xc4\x80"
                        "c"));
  auto a = p.findall(narrow.subject());
  auto b = p.findall(wide.subject());
  auto c = p.findall(middle.subject());
  REQUIRE((a.has_value() && b.has_value() && c.has_value()));
  CHECK(*a == std::vector<sre::Span>{{0, 4}});
  CHECK(*b == std::vector<sre::Span>{{0, 2}, {3, 5}});
  CHECK(*c == std::vector<sre::Span>{{0, 2}, {3, 4}});
  // A lone surrogate, as the VM may hold one.
  sre::TextBuffer surrogate;
  REQUIRE(surrogate.assignUtf8("a\xed\xa0\x80"));
  CHECK(surrogate.width() == 2);
}

TEST_CASE("sub stops when a replacement fails", "[native][sre]") {
  auto p = compile(kA, 0);
  struct Failing : sre::SubSink {
    int calls = 0;
    void appendSlice(std::ptrdiff_t, std::ptrdiff_t) override {}
    bool appendReplacement(const sre::Match&) override { return ++calls < 2; }
  };
  std::u32string s = U"aaaa";
  Failing sink;
  auto n = p.sub(text(s), 0, sink);
  REQUIRE(!n.has_value());
  CHECK(n.error().kind == sre::ErrorKind::Aborted);
  CHECK(sink.calls == 2);
  struct Counting : sre::SubSink {
    void appendSlice(std::ptrdiff_t, std::ptrdiff_t) override {}
    bool appendReplacement(const sre::Match&) override { return true; }
  };
  Counting counting;
  auto none = p.sub(text(s), -1, counting);  // a negative count replaces nothing
  REQUIRE(none.has_value());
  CHECK(*none == 0);
}
