// PEP 263 coding declarations: found as CPython's tokenizer finds them (Parser/tokenizer
// helpers: get_coding_spec, check_coding_spec), names normalised as encodings.normalize_encoding
// and the codec aliases do for the encodings gbc decodes.
#include "syntax/source_encoding.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace gbc::syntax {

namespace {

enum class Encoding { Utf8, Latin1, Cp1252, Other };

/// The declared name on `line`, or "" when the line declares none: a comment whose text matches
/// `coding[:=][ \t]*([-\w.]+)` and that has only whitespace before its `#`.
std::string codingSpec(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) ++i;
  if (i >= line.size() || line[i] != '#') return "";
  for (size_t at = line.find("coding", i); at != std::string_view::npos;
       at = line.find("coding", at + 1)) {
    size_t p = at + 6;
    if (p >= line.size() || (line[p] != ':' && line[p] != '=')) continue;
    ++p;
    while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
    size_t start = p;
    while (p < line.size() && (std::isalnum(static_cast<unsigned char>(line[p])) ||
                               line[p] == '-' || line[p] == '_' || line[p] == '.'))
      ++p;
    if (p > start) return std::string(line.substr(start, p - start));
  }
  return "";
}

/// Whether a line holds nothing but whitespace or a comment (line 2 is read only after such a
/// line 1).
bool blankOrComment(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f')) ++i;
  return i >= line.size() || line[i] == '#' || line[i] == '\r';
}

Encoding classify(std::string name) {
  // the tokenizer's own shortcut: "utf-8" / "latin-1" and their "-..." forms
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::replace(name.begin(), name.end(), '_', '-');
  auto is = [&](std::string_view base) {
    return name == base || (name.size() > base.size() && name.compare(0, base.size(), base) == 0 &&
                            name[base.size()] == '-');
  };
  if (is("utf-8") || name == "utf8" || name == "u8" || name == "utf" || name == "cp65001")
    return Encoding::Utf8;
  if (name == "ascii" || name == "us-ascii" || name == "646" || name == "us") return Encoding::Utf8;
  if (is("latin-1") || is("iso-8859-1") || is("iso-latin-1") || name == "latin1" ||
      name == "latin" || name == "l1" || name == "iso8859-1" || name == "8859" || name == "cp819" ||
      name == "iso-ir-100" || name == "csisolatin1")
    return Encoding::Latin1;
  if (name == "cp1252" || name == "windows-1252" || name == "1252") return Encoding::Cp1252;
  return Encoding::Other;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Windows-1252's 0x80-0x9F (0: undefined, an error in Python's codec).
constexpr std::array<uint16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::string location(const std::string& path, size_t line) {
  return path + ":" + std::to_string(line) + ":1: ";
}

}  // namespace

Result<std::string> decodeSource(const std::string& path, std::string_view source) {
  bool bom = source.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) source.remove_prefix(3);
  size_t end1 = source.find('\n');
  std::string_view line1 = source.substr(0, end1);
  std::string name = codingSpec(line1);
  size_t line = 1;
  if (name.empty() && end1 != std::string_view::npos && blankOrComment(line1)) {
    std::string_view rest = source.substr(end1 + 1);
    name = codingSpec(rest.substr(0, rest.find('\n')));
    line = 2;
  }
  if (name.empty()) return std::string(source);
  Encoding encoding = classify(name);
  if (bom && encoding != Encoding::Utf8)  // the tokenizer's normal name for Latin-1
    return Error{ErrorCode::Syntax,
                 location(path, line) + "syntax error: encoding problem: " +
                     (encoding == Encoding::Latin1 ? std::string("iso-8859-1") : name) +
                     " with BOM"};
  if (encoding == Encoding::Utf8) return std::string(source);
  if (encoding == Encoding::Other)
    return Error{ErrorCode::Unsupported,
                 location(path, line) + "source encoding '" + name +
                     "': gbc decodes UTF-8, ASCII, Latin-1 and cp1252 (Python may not know it "
                     "either: 'unknown encoding')"};
  std::string out;
  out.reserve(source.size() + source.size() / 8);
  size_t at_line = 1;
  for (char ch : source) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n') ++at_line;
    uint32_t cp = c;
    if (encoding == Encoding::Cp1252 && c >= 0x80 && c < 0xA0) {
      cp = kCp1252High[c - 0x80];
      if (cp == 0) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", c);
        return Error{ErrorCode::Syntax, location(path, at_line) +
                                            "syntax error: 'charmap' codec can't decode "
                                            "byte " +
                                            hex + ": character maps to <undefined>"};
      }
    }
    appendUtf8(out, cp);
  }
  return out;
}

}  // namespace gbc::syntax
