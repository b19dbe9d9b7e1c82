// Decoding of the generated name table (tools/gen_unicode_names.py describes its encoding) into
// a map, once, when a `\N{...}` escape is first met; Hangul syllables and the names made from a
// code point are computed.
#include "syntax/unicode_names.h"

#include <cctype>
#include <string>
#include <unordered_map>

namespace gbc::syntax {

namespace {

#include "syntax/unicode_names_data.inc"

// The short names of the Hangul jamo (Unicode's Jamo.txt), for HANGUL SYLLABLE names.
constexpr const char* kLeading[] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                    "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
constexpr const char* kVowel[] = {"A",   "AE", "YA", "YAE", "EO", "E",  "YEO",
                                  "YE",  "O",  "WA", "WAE", "OE", "YO", "U",
                                  "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
constexpr const char* kTrailing[] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
                                     "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
                                     "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H"};

using NameMap = std::unordered_map<std::string, uint32_t>;

NameMap buildMap() {
  NameMap map;
  map.reserve(50000);
  std::string prev;
  uint32_t cp = 0;
  bool first = true;
  size_t i = 0;
  while (i < kNames.size()) {
    const size_t shared = kAlphabet.find(kNames[i++]);
    std::string name = prev.substr(0, shared);
    for (;;) {
      const char c = kNames[i];
      size_t word = kWordCodes.find(c);
      if (word != std::string_view::npos) {
        name += kWords[word];
        ++i;
        continue;
      }
      if (kGapCodes.find(c) != std::string_view::npos) break;
      name += c;
      ++i;
    }
    const size_t gap = kGapCodes.find(kNames[i++]);
    if (gap == 0) {
      cp = static_cast<uint32_t>(std::stoul(std::string(kNames.substr(i, 6)), nullptr, 16));
      i += 6;
    } else {
      cp = first ? static_cast<uint32_t>(gap) - 1 : cp + static_cast<uint32_t>(gap);
    }
    first = false;
    map.emplace(name, cp);
    prev = std::move(name);
  }
  for (size_t pos = 0; pos < kAliases.size();) {
    size_t end = kAliases.find('\n', pos);
    std::string_view line = kAliases.substr(pos, end - pos);
    size_t semi = line.find(';');
    map.emplace(std::string(line.substr(0, semi)),
                static_cast<uint32_t>(std::stoul(std::string(line.substr(semi + 1)), nullptr, 16)));
    pos = end + 1;
  }
  for (uint32_t s = 0; s < 11172; ++s)
    map.emplace(std::string("HANGUL SYLLABLE ") + kLeading[s / 588] + kVowel[(s % 588) / 28] +
                    kTrailing[s % 28],
                0xAC00 + s);
  return map;
}

}  // namespace

std::optional<uint32_t> lookupUnicodeName(std::string_view name) {
  std::string upper;
  upper.reserve(name.size());
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const NameRange& r : kRanges) {
    std::string_view prefix = r.prefix;
    if (upper.size() <= prefix.size() || upper.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view hex = std::string_view(upper).substr(prefix.size());
    if (hex.size() < 4 || hex.size() > 6 ||
        hex.find_first_not_of("0123456789ABCDEF") != std::string_view::npos)
      continue;
    const auto cp = static_cast<uint32_t>(std::stoul(std::string(hex), nullptr, 16));
    if (cp >= r.first && cp <= r.last) return cp;
  }
  static const NameMap map = buildMap();
  auto it = map.find(upper);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace gbc::syntax
