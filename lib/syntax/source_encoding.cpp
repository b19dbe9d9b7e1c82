// Source decoding (PEP 263): a Python file's bytes to the UTF-8 text the parser reads, following
// the `coding` cookie of its first two lines as CPython's tokenizer does.
#include "syntax/source_encoding.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <utility>

namespace gbc::syntax {

namespace {

// KOI8-R bytes 0x80..0xFF (Python's koi8_r codec).
constexpr uint16_t kKoi8R[128] = {
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580,
    0x2584, 0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248,
    0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550, 0x2551, 0x2552, 0x0451,
    0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E,
    0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565, 0x2566, 0x2567, 0x2568, 0x2569,
    0x256A, 0x256B, 0x256C, 0x00A9, 0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433,
    0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x044F, 0x0440, 0x0441,
    0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,
    0x042E, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A,
    0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412,
    0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A,
};
// cp1252 bytes 0x80..0x9F; 0 where the codec has no character (the rest is Latin-1).
constexpr uint16_t kCp1252[32] = {
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x0000, 0x017D, 0x0000, 0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
};
// ISO-8859-15 differs from Latin-1 at eight bytes.
constexpr std::pair<uint8_t, uint16_t> kLatin9[] = {{0xA4, 0x20AC}, {0xA6, 0x0160}, {0xA8, 0x0161},
                                                    {0xB4, 0x017D}, {0xB8, 0x017E}, {0xBC, 0x0152},
                                                    {0xBD, 0x0153}, {0xBE, 0x0178}};

enum class Codec { Utf8, Latin1, Ascii, Latin9, Cp1252, Koi8R };

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

/// The cookie's encoding name on one line, if the line is a comment carrying one
/// (`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`).
std::optional<std::string> cookieOnLine(std::string_view line) {
  size_t i = line.find_first_not_of(" \t\f");
  if (i == std::string_view::npos || line[i] != '#') return std::nullopt;
  for (size_t at = line.find("coding", i); at != std::string_view::npos;
       at = line.find("coding", at + 1)) {
    size_t k = at + 6;
    if (k >= line.size() || (line[k] != ':' && line[k] != '=')) continue;
    ++k;
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    size_t start = k;
    while (k < line.size() && (std::isalnum(static_cast<unsigned char>(line[k])) ||
                               line[k] == '-' || line[k] == '_' || line[k] == '.'))
      ++k;
    if (k > start) return std::string(line.substr(start, k - start));
  }
  return std::nullopt;
}

/// Whether a line holds only blanks and maybe a comment (then the cookie may be on line 2).
bool blankOrComment(std::string_view line) {
  size_t i = line.find_first_not_of(" \t\f\r");
  return i == std::string_view::npos || line[i] == '#';
}

std::optional<std::string> findCookie(std::string_view bytes) {
  size_t end1 = bytes.find('\n');
  std::string_view line1 = bytes.substr(0, end1);
  if (auto c = cookieOnLine(line1)) return c;
  if (end1 == std::string_view::npos || !blankOrComment(line1)) return std::nullopt;
  std::string_view rest = bytes.substr(end1 + 1);
  return cookieOnLine(rest.substr(0, rest.find('\n')));
}

/// CPython's tokenizer normalisation (get_normal_name) then the codec registry's aliases.
std::optional<Codec> codecFor(const std::string& name, std::string& normal) {
  std::string lower;
  for (char c : name) lower += c == '_' ? '-' : static_cast<char>(std::tolower(c));
  auto is = [&](std::string_view base) {
    return lower == base || lower.rfind(std::string(base) + "-", 0) == 0;
  };
  if (is("utf-8")) return normal = "utf-8", Codec::Utf8;
  if (is("latin-1") || is("iso-8859-1") || is("iso-latin-1"))
    return normal = "iso-8859-1", Codec::Latin1;
  normal = name;
  std::string key;  // encodings.normalize_encoding + the alias table's spelling
  for (char c : lower) key += (c == '-' || c == ' ') ? '_' : c;
  static constexpr std::pair<std::string_view, Codec> kAliases[] = {
      {"utf8", Codec::Utf8},         {"u8", Codec::Utf8},
      {"utf", Codec::Utf8},          {"latin1", Codec::Latin1},
      {"l1", Codec::Latin1},         {"latin", Codec::Latin1},
      {"iso8859_1", Codec::Latin1},  {"cp819", Codec::Latin1},
      {"8859", Codec::Latin1},       {"ascii", Codec::Ascii},
      {"us_ascii", Codec::Ascii},    {"646", Codec::Ascii},
      {"iso8859_15", Codec::Latin9}, {"iso_8859_15", Codec::Latin9},
      {"latin9", Codec::Latin9},     {"l9", Codec::Latin9},
      {"cp1252", Codec::Cp1252},     {"windows_1252", Codec::Cp1252},
      {"koi8_r", Codec::Koi8R},
  };
  for (const auto& [alias, codec] : kAliases)
    if (key == alias) return codec;
  return std::nullopt;
}

}  // namespace

std::string sourceEncoding(std::string_view bytes) {
  auto cookie = findCookie(bytes);
  if (!cookie) return "utf-8";
  std::string normal;
  return codecFor(*cookie, normal) ? normal : std::string();
}

Result<std::string> decodeSource(const std::string& path, std::string_view bytes) {
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
  auto cookie = findCookie(bom ? bytes.substr(3) : bytes);
  if (!cookie) return std::string(bytes);
  std::string normal;
  auto codec = codecFor(*cookie, normal);
  if (!codec) return Error{ErrorCode::Syntax, path + ": unknown encoding: " + *cookie};
  // With a BOM only a cookie CPython's tokenizer normalises to "utf-8" is accepted ("utf8" is
  // not).
  if (bom && normal != "utf-8")
    return Error{ErrorCode::Syntax, path + ": encoding problem: " + *cookie + " with BOM"};
  if (*codec == Codec::Utf8) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      out += static_cast<char>(b);
      continue;
    }
    uint32_t cp = b;
    switch (*codec) {
      case Codec::Utf8:
      case Codec::Latin1:
        break;
      case Codec::Ascii:
        cp = 0;
        break;
      case Codec::Latin9:
        for (const auto& [byte, mapped] : kLatin9)
          if (byte == b) cp = mapped;
        break;
      case Codec::Cp1252:
        if (b < 0xA0) cp = kCp1252[b - 0x80];
        break;
      case Codec::Koi8R:
        cp = kKoi8R[b - 0x80];
        break;
    }
    if (cp == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(b));
      return Error{ErrorCode::Syntax, path + ": (unicode error) '" + normal +
                                          "' codec can't decode byte " + hex + " in position " +
                                          std::to_string(i)};
    }
    appendUtf8(out, cp);
  }
  return out;
}

}  // namespace gbc::syntax
