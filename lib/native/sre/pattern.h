// The engine behind CPython's `_sre` module, over plain C++ types: a compiled Pattern (the code
// list re._compiler makes, as _sre.compile receives it), its match/fullmatch/search over a
// [pos, endpos) window, a Scanner for finditer and Pattern.scanner, and the loops of findall,
// split and sub, all with CPython 3.14's results: the same spans for every group, the same
// lastindex, the same rule for empty matches (a search after an empty match must advance).
//
// The VM keeps the Python objects (pattern string, groupindex, indexgroup, the Match object) and
// calls these; results are character positions for it to slice its own string with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "native/sre/charset.h"
#include "native/sre/constants.h"
#include "native/sre/outcome.h"
#include "native/sre/subject.h"

namespace gbc::native::sre {

namespace detail {
class Searcher;
}

/// A half-open range of character positions; (-1, -1) for a group that did not take part.
struct Span {
  std::ptrdiff_t start = -1;
  std::ptrdiff_t end = -1;
  bool matched() const { return start >= 0; }
  friend bool operator==(const Span&, const Span&) = default;
};

/// What CPython's Match object holds.
struct Match {
  std::vector<Span> groups;  ///< [0] the whole match, then group 1, 2, ... (Pattern::groups())
  int lastindex = -1;        ///< Match.lastindex; -1 for None
  std::ptrdiff_t pos = 0;    ///< Match.pos, Match.endpos: the window, clamped to the string
  std::ptrdiff_t endpos = 0;
};

/// Limits and hooks for one operation (see detail::EngineLimits).
struct MatchLimits {
  /// Called now and then during a long match; true stops it with ErrorKind::Interrupted (the
  /// VM's pending KeyboardInterrupt, say).
  bool (*interrupted)(void* data) = nullptr;
  void* interrupt_data = nullptr;
  /// The most memory backtracking may use before MemoryError.
  size_t max_stack_bytes = size_t{2} << 30;
};

/// What the pattern was compiled from (CPython's isbytes: -1, 0, 1), which decides which
/// subjects it accepts.
enum class PatternType { None, Str, Bytes };

/// Receives the pieces of sub()'s result in order.
class SubSink {
 public:
  virtual ~SubSink() = default;
  /// subject[start:end], a stretch between matches.
  virtual void appendSlice(std::ptrdiff_t start, std::ptrdiff_t end) = 0;
  /// The replacement for one match (a literal, an expanded Template, or what the callable
  /// returned, None adding nothing). False when that failed: sub stops with Aborted.
  virtual bool appendReplacement(const Match& match) = 0;
};

/// The largest pos/endpos (sys.maxsize).
inline constexpr std::ptrdiff_t kMaxPos = std::numeric_limits<std::ptrdiff_t>::max();

class Pattern {
 public:
  /// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup): checks the code as
  /// CPython's validator does (ErrorKind::InvalidCode). `groups` counts the capturing groups;
  /// `dialect` is the CPython whose engine to behave as (dialectForMagic of its re package).
  static Outcome<Pattern> compile(std::vector<Code> code, int flags, std::ptrdiff_t groups,
                                  PatternType type, Dialect dialect = Dialect::Python314);

  const std::vector<Code>& code() const { return code_; }
  int flags() const { return flags_; }
  std::ptrdiff_t groups() const { return groups_; }
  PatternType type() const { return type_; }
  Dialect dialect() const { return dialect_; }
  /// Its character sets' membership of 0..255, for the engine.
  const SetCache& sets() const { return sets_; }

  /// Pattern.match / fullmatch / search: the match, or nothing.
  Outcome<std::optional<Match>> match(const Subject& subject, std::ptrdiff_t pos = 0,
                                      std::ptrdiff_t endpos = kMaxPos,
                                      const MatchLimits& limits = {}) const;
  Outcome<std::optional<Match>> fullmatch(const Subject& subject, std::ptrdiff_t pos = 0,
                                          std::ptrdiff_t endpos = kMaxPos,
                                          const MatchLimits& limits = {}) const;
  Outcome<std::optional<Match>> search(const Subject& subject, std::ptrdiff_t pos = 0,
                                       std::ptrdiff_t endpos = kMaxPos,
                                       const MatchLimits& limits = {}) const;

  /// Pattern.findall: per match, max(groups, 1) spans to slice: the whole match when the
  /// pattern has no groups, else each group's, a group that did not take part giving the empty
  /// span (0, 0) as CPython gives ''. The VM makes a string of each (one group) or a tuple.
  Outcome<std::vector<Span>> findall(const Subject& subject, std::ptrdiff_t pos = 0,
                                     std::ptrdiff_t endpos = kMaxPos,
                                     const MatchLimits& limits = {}) const;

  /// Pattern.split: the pieces in order, the stretches of the subject between matches and, after
  /// each, every group's span; (-1, -1) stands for None (a group that did not take part).
  /// maxsplit 0 splits everywhere; a negative maxsplit not at all.
  Outcome<std::vector<Span>> split(const Subject& subject, std::ptrdiff_t maxsplit = 0,
                                   const MatchLimits& limits = {}) const;

  /// Pattern.sub/subn's loop: hands `sink` the pieces of the result and returns the number of
  /// replacements. count 0 replaces all; a negative count none.
  Outcome<std::ptrdiff_t> sub(const Subject& subject, std::ptrdiff_t count, SubSink& sink,
                              const MatchLimits& limits = {}) const;

 private:
  Pattern(std::vector<Code> code, SetCache sets, int flags, std::ptrdiff_t groups, PatternType type,
          Dialect dialect)
      : code_(std::move(code)),
        sets_(std::move(sets)),
        flags_(flags),
        groups_(groups),
        type_(type),
        dialect_(dialect) {}

  Outcome<std::optional<Match>> matchOrSearch(const Subject& subject, std::ptrdiff_t pos,
                                              std::ptrdiff_t endpos, const MatchLimits& limits,
                                              int mode) const;

  std::vector<Code> code_;
  SetCache sets_;
  int flags_;
  std::ptrdiff_t groups_;
  PatternType type_;
  Dialect dialect_;
};

/// CPython's SRE_Scanner (Pattern.scanner, and what finditer iterates): successive matches over
/// one window, each search starting where the previous match ended and not accepting an empty
/// match there. The pattern and the subject's characters must outlive it.
class Scanner {
 public:
  static Outcome<Scanner> make(const Pattern& pattern, const Subject& subject,
                               std::ptrdiff_t pos = 0, std::ptrdiff_t endpos = kMaxPos,
                               const MatchLimits& limits = {});
  Scanner(Scanner&&) noexcept;
  Scanner& operator=(Scanner&&) noexcept;
  ~Scanner();

  /// SRE_Scanner.search / match: the next match, or nothing (and nothing ever after).
  Outcome<std::optional<Match>> search();
  Outcome<std::optional<Match>> match();

 private:
  explicit Scanner(std::unique_ptr<detail::Searcher> searcher);
  Outcome<std::optional<Match>> next(bool search);

  std::unique_ptr<detail::Searcher> searcher_;
  bool exhausted_ = false;
};

}  // namespace gbc::native::sre
