// unicodedata's properties and normalization (ucd.h), after CPython's
// Modules/unicodedata.c: full decomposition (Hangul computed), canonical ordering, and the
// composition loop of nfc_nfkc with its blocking rule; Unicode 3.2.0 through the recorded
// differences and the normalization corrections made after 3.2.0.
#include "native/unicode/ucd.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "native/unicode/unicodedata_tables.h"

namespace gbc::native::unicode {

namespace {

namespace t = ucd_tables;

constexpr std::string_view kBidi[] = {"",    "L",   "R",   "AL",  "EN",  "ES",  "ET",  "AN",
                                      "CS",  "NSM", "BN",  "B",   "S",   "WS",  "ON",  "LRE",
                                      "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"};
constexpr std::string_view kEaw[] = {"N", "A", "H", "W", "F", "Na"};
constexpr std::string_view kTags[] = {
    "",           "<font>",   "<noBreak>", "<initial>",  "<medial>",   "<final>",
    "<isolated>", "<circle>", "<super>",   "<sub>",      "<vertical>", "<wide>",
    "<narrow>",   "<small>",  "<square>",  "<fraction>", "<compat>"};

constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount,
                   kSCount = kLCount * kNCount;

const t::UcdRecord& record(char32_t cp) {
  if (cp >= 0x110000) return t::kRecords[0];
  uint32_t mask = (1u << t::kShift) - 1;
  uint32_t block = t::kIndex1[cp >> t::kShift];
  return t::kRecords[t::kIndex2[(block << t::kShift) + (cp & mask)]];
}

/// The 3.2.0 record of a changed code point, or null.
const t::OldRecord* oldRecord(char32_t cp) {
  const t::OldRecord* begin = t::kOld32Changes;
  const t::OldRecord* end = begin + t::kOld32ChangeCount;
  const t::OldRecord* it =
      std::lower_bound(begin, end, cp, [](const t::OldRecord& r, char32_t c) { return r.cp < c; });
  return it != end && it->cp == cp ? it : nullptr;
}

/// The decomposition of `cp`: (tag, code points) or a null span.
struct Decomp {
  int tag = 0;
  const uint32_t* cps = nullptr;
  size_t size = 0;
};

Decomp decompOf(char32_t cp) {
  uint16_t off = record(cp).decomposition;
  if (off == 0) return {};
  uint32_t head = t::kDecompositions[off];
  return {static_cast<int>(head >> 8), &t::kDecompositions[off + 1], head & 0xFF};
}

/// The normalization corrections CPython applies to Unicode 3.2.0 (made in 4.0.0): these
/// decompose to the erroneous single character 3.2.0 had.
char32_t correction32(char32_t cp) {
  switch (cp) {
    case 0x2F868:
      return 0x2136A;
    case 0x2F874:
      return 0x5F33;
    case 0x2F91F:
      return 0x43AB;
    case 0x2F95F:
      return 0x7AAE;
    case 0x2F9BF:
      return 0x4D57;
    default:
      return 0;
  }
}

void decomposeInto(std::u32string& out, char32_t cp, bool compat, UcdVersion version) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    char32_t s = cp - kSBase;
    out += kLBase + s / kNCount;
    out += kVBase + (s % kNCount) / kTCount;
    if (s % kTCount) out += kTBase + s % kTCount;
    return;
  }
  if (version == UcdVersion::V3_2_0) {
    if (char32_t c = correction32(cp)) {
      decomposeInto(out, c, compat, version);
      return;
    }
    if (!assignedIn(cp, version)) {
      out += cp;
      return;
    }
  }
  Decomp d = decompOf(cp);
  if (d.size == 0 || (d.tag != 0 && !compat)) {
    out += cp;
    return;
  }
  for (size_t i = 0; i < d.size; ++i) decomposeInto(out, d.cps[i], compat, version);
}

/// The composite of first + second, or 0.
char32_t composePair(char32_t first, char32_t second) {
  const t::Composition* begin = t::kCompositions;
  const t::Composition* end = begin + t::kCompositionCount;
  auto it =
      std::lower_bound(begin, end, std::make_pair(first, second),
                       [](const t::Composition& c, std::pair<char32_t, char32_t> k) {
                         return c.first < k.first || (c.first == k.first && c.second < k.second);
                       });
  if (it != end && it->first == first && it->second == second) return it->composite;
  return 0;
}

bool isFirst(char32_t cp) {
  const t::Composition* begin = t::kCompositions;
  const t::Composition* end = begin + t::kCompositionCount;
  auto it = std::lower_bound(begin, end, cp,
                             [](const t::Composition& c, char32_t k) { return c.first < k; });
  return it != end && it->first == cp;
}

std::u32string decompose(std::u32string_view s, bool compat, UcdVersion version) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) decomposeInto(out, c, compat, version);
  // canonical ordering: sort each run of non-starters by combining class, stably
  size_t i = 0;
  while (i < out.size()) {
    if (record(out[i]).combining == 0) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < out.size() && record(out[j]).combining != 0) ++j;
    std::stable_sort(
        out.begin() + static_cast<std::ptrdiff_t>(i), out.begin() + static_cast<std::ptrdiff_t>(j),
        [](char32_t a, char32_t b) { return record(a).combining < record(b).combining; });
    i = j;
  }
  return out;
}

std::u32string compose(std::u32string in) {
  std::u32string out;
  std::vector<bool> skipped(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (skipped[i]) continue;
    char32_t code = in[i];
    // Hangul: L V (T)
    if (code >= kLBase && code < kLBase + kLCount && i + 1 < in.size() && in[i + 1] >= kVBase &&
        in[i + 1] < kVBase + kVCount) {
      char32_t l = code - kLBase, v = in[i + 1] - kVBase;
      code = kSBase + (l * kVCount + v) * kTCount;
      ++i;
      if (i + 1 < in.size() && in[i + 1] > kTBase && in[i + 1] < kTBase + kTCount) {
        code += in[i + 1] - kTBase;
        ++i;
      }
      out += code;
      continue;
    }
    if (!isFirst(code)) {
      out += code;
      continue;
    }
    int comb = 0;
    for (size_t i1 = i + 1; i1 < in.size(); ++i1) {
      if (skipped[i1]) continue;
      char32_t code1 = in[i1];
      int comb1 = record(code1).combining;
      if (comb) {
        if (comb1 == 0) break;
        if (comb >= comb1) continue;  // blocked
      }
      char32_t composite = composePair(code, code1);
      if (!composite) {
        if (comb1 == 0) break;
        comb = comb1;
        continue;
      }
      code = composite;
      skipped[i1] = true;
      if (!isFirst(code)) break;
    }
    out += code;
  }
  return out;
}

}  // namespace

bool assignedIn(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::Current) return true;
  size_t lo = 0, hi = t::kOld32UnassignedCount;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (t::kOld32Unassigned[mid][1] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return !(lo < t::kOld32UnassignedCount && t::kOld32Unassigned[lo][0] <= cp);
}

Category categoryIn(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0) {
    if (!assignedIn(cp, version)) return Category::Cn;
    if (const auto* r = oldRecord(cp)) return static_cast<Category>(r->category);
  }
  return category(cp);
}

std::string_view bidirectional(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0) {
    if (!assignedIn(cp, version)) return "";
    if (const auto* r = oldRecord(cp)) return kBidi[r->bidirectional];
  }
  return kBidi[record(cp).bidirectional];
}

int combining(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0 && !assignedIn(cp, version)) return 0;
  return record(cp).combining;
}

std::string_view eastAsianWidth(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0) {
    if (!assignedIn(cp, version)) return "N";
    if (const auto* r = oldRecord(cp)) return kEaw[r->east_asian_width];
  }
  return kEaw[record(cp).east_asian_width];
}

bool mirrored(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0) {
    if (!assignedIn(cp, version)) return false;
    if (const auto* r = oldRecord(cp)) return r->mirrored != 0;
  }
  return record(cp).mirrored != 0;
}

std::string decomposition(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0 && !assignedIn(cp, version)) return "";
  char buf[16];
  std::string out;
  if (cp >= kSBase && cp < kSBase + kSCount) {
    std::u32string parts;
    decomposeInto(parts, cp, false, UcdVersion::Current);
    for (char32_t c : parts) {
      std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
      if (!out.empty()) out += ' ';
      out += buf;
    }
    return out;
  }
  Decomp d = decompOf(cp);
  if (d.size == 0) return "";
  out = kTags[d.tag];
  for (size_t i = 0; i < d.size; ++i) {
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(d.cps[i]));
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

int decimalIn(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0) {
    if (!assignedIn(cp, version)) return -1;
    if (const auto* r = oldRecord(cp)) return r->decimal;
  }
  return decimalValue(cp);
}

std::optional<double> numericIn(char32_t cp, UcdVersion version) {
  if (version == UcdVersion::V3_2_0) {
    if (!assignedIn(cp, version)) return std::nullopt;
    if (const auto* r = oldRecord(cp)) {
      if (r->numeric == -1.0) return std::nullopt;
      return r->numeric;
    }
  }
  return numericValue(cp);
}

std::u32string normalize(NormalForm form, std::u32string_view s, UcdVersion version) {
  bool compat = form == NormalForm::NFKC || form == NormalForm::NFKD;
  std::u32string d = decompose(s, compat, version);
  if (form == NormalForm::NFD || form == NormalForm::NFKD) return d;
  return compose(std::move(d));
}

}  // namespace gbc::native::unicode
