// The shapes of the generated unicodedata tables (unicodedata_tables.cpp, made by
// lib/native/tools/gen_unicodedata_tables.py). Private to lib/native/unicode: use ucd.h and
// names.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gbc::native::unicode::ucd_tables {

/// unicodedata's properties of a set of code points.
struct UcdRecord {
  uint16_t decomposition;  ///< offset into kDecompositions (0: none)
  uint8_t bidirectional;   ///< index into the bidirectional class names (ucd.cpp)
  uint8_t combining;       ///< canonical combining class
  uint8_t east_asian_width;
  uint8_t mirrored;
};

/// A canonical composition: first + second -> composite.
struct Composition {
  uint32_t first, second, composite;
};

/// Code points whose name ends in their hex value: prefix + hex, first..last.
struct NameRange {
  const char* prefix;
  uint32_t first, last;
};

struct Alias {
  const char* name;
  uint32_t cp;
};

struct NamedSequence {
  const char* name;
  uint32_t cps[4];
  uint8_t size;
};

/// A code point's properties in Unicode 3.2.0 where they differ from today's.
struct OldRecord {
  uint32_t cp;
  uint8_t category, bidirectional, east_asian_width, mirrored;
  int8_t decimal;
  double numeric;  ///< -1.0: none
};

struct OldDecomposition {
  uint32_t cp;
  const char* decomposition;
};

extern const int kShift;
extern const UcdRecord kRecords[];
extern const uint16_t kIndex1[];
extern const uint16_t kIndex2[];
extern const uint32_t kDecompositions[];
extern const Composition kCompositions[];
extern const char* const kNameWords[];
extern const char kNameData[];
extern const uint32_t kNameOffsets[];
extern const uint32_t kNamedCodePoints[];
extern const NameRange kNameRanges[];
extern const Alias kAliases[];
extern const NamedSequence kNamedSequences[];
extern const uint32_t kOld32Unassigned[][2];
extern const OldRecord kOld32Changes[];
extern const OldDecomposition kOld32Decompositions[];
extern const size_t kRecordCount, kIndex2Size, kDecompositionSize, kCompositionCount,
    kNameWordCount, kNameDataSize, kNameCount, kNameRangeCount, kAliasCount, kNamedSequenceCount,
    kOld32UnassignedCount, kOld32ChangeCount, kOld32DecompositionCount;

}  // namespace gbc::native::unicode::ucd_tables
