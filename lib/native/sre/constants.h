// The code words of CPython's regular-expression engine: opcodes, AT and CATEGORY arguments,
// flags and limits, numbered as re/_constants.py numbers them. CPython 3.12 (MAGIC 20221023) and
// 3.14 (MAGIC 20230612) number every opcode, AT code and category alike (compared in
// re/_constants.py of both), so one table serves both; only MAGIC differs.
#pragma once

#include <cstdint>
#include <optional>

namespace gbc::native::sre {

/// One word of compiled code (_sre.CODESIZE bytes).
using Code = uint32_t;

inline constexpr Code kMagic = 20230612;            ///< _sre.MAGIC of CPython 3.13 and 3.14
inline constexpr Code kMagic312 = 20221023;         ///< _sre.MAGIC of CPython 3.11 and 3.12
inline constexpr int kCodeSize = 4;                 ///< _sre.CODESIZE, _sre.getcodesize()
inline constexpr Code kMaxRepeat = 0xFFFFFFFF;      ///< _sre.MAXREPEAT: "no upper bound"
inline constexpr Code kMaxGroups = 0x7FFFFFFF / 2;  ///< _sre.MAXGROUPS

/// True for the MAGIC of a re package whose code this engine runs.
constexpr bool isSupportedMagic(Code magic) { return magic == kMagic || magic == kMagic312; }

/// Whose engine to behave as. The code is the same; CPython 3.13 changed three behaviours of the
/// engine itself:
///  - \b and \B in an empty window: 3.12 matches neither, 3.14 \B (3.14 changelog: "\B now
///    matches the empty string");
///  - inside a possessive repeat of a group, 3.14 saves and restores marks around each branch
///    tried, so a failed alternative leaves no half-set group behind; 3.12 does not
///    ((?:(a)|(b)){1,2}+c on 'abc' gives ('', 'b') in 3.12, ('a', 'b') in 3.14);
///  - a negated set under LOCALE|IGNORECASE: 3.12 accepts a byte when either case of it is
///    outside the set ([^ab] matches 'A'), 3.14 when neither case is in it.
enum class Dialect { Python312, Python314 };

/// The dialect of a re package by its _constants.MAGIC; nothing when it is neither.
constexpr std::optional<Dialect> dialectForMagic(Code magic) {
  if (magic == kMagic) return Dialect::Python314;
  if (magic == kMagic312) return Dialect::Python312;
  return std::nullopt;
}

namespace op {
enum : Code {
  kFailure = 0,
  kSuccess = 1,
  kAny = 2,
  kAnyAll = 3,
  kAssert = 4,
  kAssertNot = 5,
  kAt = 6,
  kBranch = 7,
  kCategory = 8,
  kCharset = 9,
  kBigCharset = 10,
  kGroupref = 11,
  kGrouprefExists = 12,
  kIn = 13,
  kInfo = 14,
  kJump = 15,
  kLiteral = 16,
  kMark = 17,
  kMaxUntil = 18,
  kMinUntil = 19,
  kNotLiteral = 20,
  kNegate = 21,
  kRange = 22,
  kRepeat = 23,
  kRepeatOne = 24,
  kSubpattern = 25,
  kMinRepeatOne = 26,
  kAtomicGroup = 27,
  kPossessiveRepeat = 28,
  kPossessiveRepeatOne = 29,
  kGrouprefIgnore = 30,
  kInIgnore = 31,
  kLiteralIgnore = 32,
  kNotLiteralIgnore = 33,
  kGrouprefLocIgnore = 34,
  kInLocIgnore = 35,
  kLiteralLocIgnore = 36,
  kNotLiteralLocIgnore = 37,
  kGrouprefUniIgnore = 38,
  kInUniIgnore = 39,
  kLiteralUniIgnore = 40,
  kNotLiteralUniIgnore = 41,
  kRangeUniIgnore = 42,
};
}  // namespace op

namespace at {
enum : Code {
  kBeginning = 0,
  kBeginningLine = 1,
  kBeginningString = 2,
  kBoundary = 3,
  kNonBoundary = 4,
  kEnd = 5,
  kEndLine = 6,
  kEndString = 7,
  kLocBoundary = 8,
  kLocNonBoundary = 9,
  kUniBoundary = 10,
  kUniNonBoundary = 11,
};
}  // namespace at

namespace category {
enum : Code {
  kDigit = 0,
  kNotDigit = 1,
  kSpace = 2,
  kNotSpace = 3,
  kWord = 4,
  kNotWord = 5,
  kLinebreak = 6,
  kNotLinebreak = 7,
  kLocWord = 8,
  kLocNotWord = 9,
  kUniDigit = 10,
  kUniNotDigit = 11,
  kUniSpace = 12,
  kUniNotSpace = 13,
  kUniWord = 14,
  kUniNotWord = 15,
  kUniLinebreak = 16,
  kUniNotLinebreak = 17,
};
}  // namespace category

/// Pattern flags (re.IGNORECASE ...), as the Pattern object keeps them.
namespace flag {
enum : int {
  kIgnoreCase = 2,
  kLocale = 4,
  kMultiline = 8,
  kDotAll = 16,
  kUnicode = 32,
  kVerbose = 64,
  kDebug = 128,
  kAscii = 256,
};
}  // namespace flag

/// Flags of the INFO block.
namespace info {
enum : Code {
  kPrefix = 1,
  kLiteral = 2,
  kCharset = 4,
};
}  // namespace info

}  // namespace gbc::native::sre
