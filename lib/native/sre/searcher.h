// One SRE_STATE whatever the subject's character width: the engine for 1-, 2- or 4-byte
// characters behind one interface, with the conversions of its marks into spans that
// pattern_new_match and state_getslice make. Private to lib/native/sre.
#pragma once

#include <variant>

#include "native/sre/engine.h"
#include "native/sre/pattern.h"

namespace gbc::native::sre::detail {

class Searcher {
 public:
  /// state_init: checks the subject's type against the pattern's and clamps the window.
  static Outcome<std::unique_ptr<Searcher>> make(const Pattern& pattern, const Subject& subject,
                                                 std::ptrdiff_t pos, std::ptrdiff_t endpos,
                                                 const MatchLimits& limits);

  void reset();
  /// One match at start() (fullmatch when `full`), or one search from start().
  int match(bool full);
  int search();

  /// Positions of the current attempt, as indices into the subject.
  std::ptrdiff_t start() const;
  std::ptrdiff_t ptr() const;
  std::ptrdiff_t endpos() const;
  bool exhausted() const;  ///< start() > endpos: no search can succeed
  /// The next search starts where this match ended and may not match empty there.
  void advance();

  /// pattern_new_match: the match just found.
  Outcome<Match> toMatch() const;
  /// state_getslice: group `group`'s span (1-based) to slice, or nothing when it did not take
  /// part.
  Outcome<std::optional<Span>> groupSpan(std::ptrdiff_t group) const;

  std::ptrdiff_t groups() const { return groups_; }

 private:
  template <class C>
  using EnginePtr = std::unique_ptr<Engine<C>>;
  using AnyEngine = std::variant<EnginePtr<uint8_t>, EnginePtr<uint16_t>, EnginePtr<uint32_t>>;

  Searcher(AnyEngine engine, std::ptrdiff_t groups) : engine_(std::move(engine)), groups_(groups) {}

  AnyEngine engine_;
  std::ptrdiff_t groups_;
};

/// The SreError for a negative engine status.
SreError engineError(int status);

}  // namespace gbc::native::sre::detail
