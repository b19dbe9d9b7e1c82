// Python's str case methods (CPython 3.14, Objects/unicodeobject.c: do_lower, do_title, ...).
#include "native/unicode/str_case.h"

#include "native/unicode/unicode.h"

namespace gbc::native::unicode {

namespace {

constexpr char32_t kCapitalSigma = 0x3A3;
constexpr char32_t kSmallSigma = 0x3C3;
constexpr char32_t kFinalSigma = 0x3C2;

// A capital sigma lowercases to the final form when a cased letter precedes it (case-ignorable
// characters between are passed over) and none follows it the same way.
char32_t lowerSigma(std::u32string_view s, size_t i) {
  size_t j = i;
  char32_t c = 0;
  while (j > 0) {
    c = s[j - 1];
    if (!isCaseIgnorable(c)) break;
    --j;
  }
  bool final_sigma = j > 0 && isCased(c);
  if (final_sigma) {
    size_t k = i + 1;
    while (k < s.size()) {
      c = s[k];
      if (!isCaseIgnorable(c)) break;
      ++k;
    }
    final_sigma = k == s.size() || !isCased(c);
  }
  return final_sigma ? kFinalSigma : kSmallSigma;
}

void appendLower(std::u32string& out, std::u32string_view s, size_t i) {
  if (s[i] == kCapitalSigma) {
    out += lowerSigma(s, i);
    return;
  }
  out += lowerFull(s[i]).view();
}

}  // namespace

std::u32string strLower(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) appendLower(out, s, i);
  return out;
}

std::u32string strUpper(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) out += upperFull(c).view();
  return out;
}

std::u32string strCasefold(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) out += foldFull(c).view();
  return out;
}

std::u32string strTitle(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  bool previous_is_cased = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (previous_is_cased)
      appendLower(out, s, i);
    else
      out += titleFull(s[i]).view();
    previous_is_cased = isCased(s[i]);
  }
  return out;
}

std::u32string strCapitalize(std::u32string_view s) {
  std::u32string out;
  if (s.empty()) return out;
  out.reserve(s.size());
  out += titleFull(s[0]).view();
  for (size_t i = 1; i < s.size(); ++i) appendLower(out, s, i);
  return out;
}

std::u32string strSwapcase(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (isUpper(c))
      appendLower(out, s, i);
    else if (isLower(c))
      out += upperFull(c).view();
    else
      out += c;
  }
  return out;
}

bool strIsLower(std::u32string_view s) {
  bool cased = false;
  for (char32_t c : s) {
    if (isUpper(c) || isTitle(c)) return false;
    if (isLower(c)) cased = true;
  }
  return cased;
}

bool strIsUpper(std::u32string_view s) {
  bool cased = false;
  for (char32_t c : s) {
    if (isLower(c) || isTitle(c)) return false;
    if (isUpper(c)) cased = true;
  }
  return cased;
}

bool strIsTitle(std::u32string_view s) {
  bool cased = false;
  bool previous_is_cased = false;
  for (char32_t c : s) {
    if (isUpper(c) || isTitle(c)) {
      if (previous_is_cased) return false;
      previous_is_cased = cased = true;
    } else if (isLower(c)) {
      if (!previous_is_cased) return false;
      previous_is_cased = cased = true;
    } else {
      previous_is_cased = false;
    }
  }
  return cased;
}

bool strIsIdentifier(std::u32string_view s) {
  if (s.empty()) return false;
  if (!isXidStart(s[0]) && s[0] != U'_') return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (!isXidContinue(s[i])) return false;
  return true;
}

}  // namespace gbc::native::unicode
