// Unicode character names (names.h) from the word-coded table of unicodedata_tables.cpp, with
// Hangul syllables and code-point names computed as CPython's unicodedata does.
#include "native/unicode/names.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "native/unicode/unicodedata_tables.h"

namespace gbc::native::unicode {

namespace {

namespace t = ucd_tables;

constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr int kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount;
constexpr int kSCount = kLCount * kNCount;

const char* const kJamoL[kLCount] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                     "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
const char* const kJamoV[kVCount] = {"A",   "AE", "YA", "YAE", "EO", "E",  "YEO",
                                     "YE",  "O",  "WA", "WAE", "OE", "YO", "U",
                                     "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
const char* const kJamoT[kTCount] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
                                     "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
                                     "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H"};

/// The name of entry `index` of the word-coded table.
std::string decodeName(size_t index) {
  size_t pos = t::kNameOffsets[index / 32];
  auto byte = [&]() { return static_cast<uint8_t>(t::kNameData[pos++]); };
  for (size_t skip = index % 32; skip > 0; --skip) {
    int words = byte();
    for (int w = 0; w < words; ++w)
      if (byte() & 0x80) ++pos;
  }
  std::string out;
  int words = byte();
  for (int w = 0; w < words; ++w) {
    unsigned k = byte();
    if (k & 0x80) k = ((k & 0x7F) << 8) | byte();
    if (w) out += ' ';
    out += t::kNameWords[k];
  }
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

/// Every table name and alias, upper-cased, by name (built on first use).
const std::unordered_map<std::string, char32_t>& nameIndex(bool aliases) {
  static const auto* names = [] {
    auto* m = new std::unordered_map<std::string, char32_t>();
    m->reserve(t::kNameCount);
    for (size_t i = 0; i < t::kNameCount; ++i) m->emplace(decodeName(i), t::kNamedCodePoints[i]);
    return m;
  }();
  static const auto* with_aliases = [] {
    auto* m = new std::unordered_map<std::string, char32_t>(*names);
    for (size_t i = 0; i < t::kAliasCount; ++i) m->emplace(t::kAliases[i].name, t::kAliases[i].cp);
    return m;
  }();
  return aliases ? *with_aliases : *names;
}

/// The longest jamo short name of `table` that `s` starts with at `pos`.
int matchJamo(std::string_view s, size_t& pos, const char* const* table, int count) {
  int best = -1;
  size_t best_len = 0;
  for (int i = 0; i < count; ++i) {
    std::string_view j = table[i];
    if (j.size() >= best_len && s.substr(pos, j.size()) == j && (best < 0 || j.size() > best_len)) {
      best = i;
      best_len = j.size();
    }
  }
  if (best >= 0) pos += best_len;
  return best;
}

std::optional<char32_t> computedName(const std::string& name) {
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  if (name.compare(0, kHangul.size(), kHangul) == 0) {
    std::string_view s = std::string_view(name).substr(kHangul.size());
    size_t pos = 0;
    int l = matchJamo(s, pos, kJamoL, kLCount);
    int v = matchJamo(s, pos, kJamoV, kVCount);
    int tt = matchJamo(s, pos, kJamoT, kTCount);
    if (l < 0 || v < 0 || tt < 0 || pos != s.size()) return std::nullopt;
    return kSBase + static_cast<char32_t>((l * kVCount + v) * kTCount + tt);
  }
  for (size_t i = 0; i < t::kNameRangeCount; ++i) {
    std::string_view prefix = t::kNameRanges[i].prefix;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view hex = std::string_view(name).substr(prefix.size());
    if (hex.size() != 4 && hex.size() != 5) return std::nullopt;
    char32_t v = 0;
    for (char c : hex) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<char32_t>(d);
    }
    for (size_t k = 0; k < t::kNameRangeCount; ++k)
      if (prefix == t::kNameRanges[k].prefix && v >= t::kNameRanges[k].first &&
          v <= t::kNameRanges[k].last)
        return v;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string characterName(char32_t cp) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    int s = static_cast<int>(cp - kSBase);
    return std::string("HANGUL SYLLABLE ") + kJamoL[s / kNCount] + kJamoV[(s % kNCount) / kTCount] +
           kJamoT[s % kTCount];
  }
  for (size_t i = 0; i < t::kNameRangeCount; ++i) {
    const auto& r = t::kNameRanges[i];
    if (cp >= r.first && cp <= r.last) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
      return std::string(r.prefix) + buf;
    }
  }
  const uint32_t* begin = t::kNamedCodePoints;
  const uint32_t* end = begin + t::kNameCount;
  const uint32_t* it = std::lower_bound(begin, end, static_cast<uint32_t>(cp));
  if (it == end || *it != cp) return "";
  return decodeName(static_cast<size_t>(it - begin));
}

std::optional<char32_t> lookupName(std::string_view name, bool aliases, bool fold_computed) {
  std::string key = upper(name);
  const auto& index = nameIndex(aliases);
  if (auto it = index.find(key); it != index.end()) return it->second;
  return computedName(fold_computed ? key : std::string(name));
}

std::optional<std::u32string> lookupNameOrSequence(std::string_view name, bool fold_computed) {
  if (auto cp = lookupName(name, true, fold_computed)) return std::u32string(1, *cp);
  std::string key = upper(name);
  for (size_t i = 0; i < t::kNamedSequenceCount; ++i) {
    const auto& seq = t::kNamedSequences[i];
    if (key == seq.name) {
      std::u32string out;
      for (uint8_t k = 0; k < seq.size; ++k) out += static_cast<char32_t>(seq.cps[k]);
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace gbc::native::unicode
