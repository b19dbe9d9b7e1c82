// Lookups in the generated Unicode tables: one record per code point through two index loads
// (one for Latin-1), then a field or flag of it.
#include "native/unicode/unicode.h"

#include "native/unicode/unicode_tables.h"

namespace gbc::native::unicode {

namespace {

using tables::CharRecord;

// The flag bits of CharRecord::flags, in the generator's FLAG_NAMES order.
enum Flag : uint16_t {
  kAlpha = 1 << 0,
  kDecimal = 1 << 1,
  kDigit = 1 << 2,
  kNumeric = 1 << 3,
  kLower = 1 << 4,
  kUpper = 1 << 5,
  kTitle = 1 << 6,
  kSpace = 1 << 7,
  kLinebreak = 1 << 8,
  kPrintable = 1 << 9,
  kXidStart = 1 << 10,
  kXidContinue = 1 << 11,
  kCased = 1 << 12,
  kCaseIgnorable = 1 << 13,
};

inline const CharRecord& record(char32_t cp) {
  if (cp < 256) return tables::kRecords[tables::kLatin1[cp]];
  if (cp >= tables::kCodePoints) return tables::kRecords[0];
  constexpr uint32_t kMask = (1u << tables::kShift) - 1;
  uint32_t block = tables::kIndex1[cp >> tables::kShift];
  return tables::kRecords[tables::kIndex2[(block << tables::kShift) + (cp & kMask)]];
}

inline bool has(char32_t cp, uint16_t flag) { return (record(cp).flags & flag) != 0; }

inline char32_t shifted(char32_t cp, int32_t delta) {
  return static_cast<char32_t>(static_cast<int64_t>(cp) + delta);
}

CaseMapping mapping(const tables::MappedChars& chars) {
  CaseMapping out;
  out.size = static_cast<uint8_t>(chars.size);
  for (uint16_t i = 0; i < chars.size && i < 3; ++i)
    out.chars[i] = tables::kCaseChars[chars.offset + i];
  return out;
}

CaseMapping single(char32_t cp) {
  CaseMapping out;
  out.chars[0] = cp;
  out.size = 1;
  return out;
}

constexpr std::string_view kCategoryNames[] = {
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
};

}  // namespace

std::string_view unicodeVersion() { return tables::kUnicodeVersion; }

Category category(char32_t cp) { return static_cast<Category>(record(cp).category); }

std::string_view categoryName(Category category) {
  return kCategoryNames[static_cast<uint8_t>(category)];
}

bool isAlpha(char32_t cp) { return has(cp, kAlpha); }
bool isDecimal(char32_t cp) { return has(cp, kDecimal); }
bool isDigit(char32_t cp) { return has(cp, kDigit); }
bool isNumeric(char32_t cp) { return has(cp, kNumeric); }
bool isAlnum(char32_t cp) { return has(cp, kAlpha | kDecimal | kDigit | kNumeric); }
bool isLower(char32_t cp) { return has(cp, kLower); }
bool isUpper(char32_t cp) { return has(cp, kUpper); }
bool isTitle(char32_t cp) { return has(cp, kTitle); }
bool isSpace(char32_t cp) { return has(cp, kSpace); }
bool isLinebreak(char32_t cp) { return has(cp, kLinebreak); }
bool isPrintable(char32_t cp) { return has(cp, kPrintable); }
bool isXidStart(char32_t cp) { return has(cp, kXidStart); }
bool isXidContinue(char32_t cp) { return has(cp, kXidContinue); }
bool isCased(char32_t cp) { return has(cp, kCased); }
bool isCaseIgnorable(char32_t cp) { return has(cp, kCaseIgnorable); }

int decimalValue(char32_t cp) { return record(cp).decimal; }
int digitValue(char32_t cp) { return record(cp).digit; }

std::optional<double> numericValue(char32_t cp) {
  uint8_t index = record(cp).numeric;
  if (index == 0) return std::nullopt;
  return tables::kNumericValues[index];
}

char32_t toLower(char32_t cp) { return shifted(cp, record(cp).lower); }
char32_t toUpper(char32_t cp) { return shifted(cp, record(cp).upper); }
char32_t toTitle(char32_t cp) { return shifted(cp, record(cp).title); }

CaseMapping lowerFull(char32_t cp) {
  const CharRecord& r = record(cp);
  if (r.special == 0) return single(shifted(cp, r.lower));
  return mapping(tables::kSpecialCases[r.special].lower);
}

CaseMapping upperFull(char32_t cp) {
  const CharRecord& r = record(cp);
  if (r.special == 0) return single(shifted(cp, r.upper));
  return mapping(tables::kSpecialCases[r.special].upper);
}

CaseMapping titleFull(char32_t cp) {
  const CharRecord& r = record(cp);
  if (r.special == 0) return single(shifted(cp, r.title));
  return mapping(tables::kSpecialCases[r.special].title);
}

CaseMapping foldFull(char32_t cp) {
  const CharRecord& r = record(cp);
  // Without a special casing the folding is the lowercase (the generator checked it).
  if (r.special == 0) return single(shifted(cp, r.lower));
  return mapping(tables::kSpecialCases[r.special].fold);
}

}  // namespace gbc::native::unicode
