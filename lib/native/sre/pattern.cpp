// Pattern and Scanner: _sre's Pattern methods and the loops of findall, split and sub
// (CPython 3.14, Modules/_sre/sre.c). After each match the next search starts where it ended,
// and after an empty match must not match empty again there (CPython 3.7+).
#include "native/sre/pattern.h"

#include "native/sre/searcher.h"
#include "native/sre/validate.h"

namespace gbc::native::sre {

using detail::Searcher;

namespace {

enum Mode { kMatch, kFullmatch, kSearch };

}  // namespace

std::string_view SreError::pythonType() const {
  switch (kind) {
    case ErrorKind::InvalidCode:
    case ErrorKind::Internal:
      return "RuntimeError";
    case ErrorKind::Memory:
      return "MemoryError";
    case ErrorKind::WrongSpan:
      return "SystemError";
    case ErrorKind::TypeMismatch:
    case ErrorKind::InvalidTemplate:
      return "TypeError";
    case ErrorKind::NoSuchGroup:
      return "IndexError";
    case ErrorKind::Interrupted:
    case ErrorKind::Aborted:
      return "";
  }
  GBC_UNREACHABLE("unknown ErrorKind");
}

Outcome<Pattern> Pattern::compile(std::vector<Code> code, int flags, std::ptrdiff_t groups,
                                  PatternType type, Dialect dialect) {
  std::vector<size_t> set_offsets;
  if (!validateCode(code, groups, &set_offsets))
    return SreError{ErrorKind::InvalidCode, "invalid SRE code"};
  SetCache sets(code, set_offsets);
  return Pattern(std::move(code), std::move(sets), flags, groups, type, dialect);
}

Outcome<std::optional<Match>> Pattern::matchOrSearch(const Subject& subject, std::ptrdiff_t pos,
                                                     std::ptrdiff_t endpos,
                                                     const MatchLimits& limits, int mode) const {
  auto searcher = Searcher::make(*this, subject, pos, endpos, limits);
  if (!searcher) return searcher.error();
  Searcher& s = **searcher;
  int status = mode == kSearch ? s.search() : s.match(mode == kFullmatch);
  if (status < 0) return detail::engineError(status);
  if (status == 0) return std::optional<Match>();
  auto m = s.toMatch();
  if (!m) return m.error();
  return std::optional<Match>(std::move(*m));
}

Outcome<std::optional<Match>> Pattern::match(const Subject& subject, std::ptrdiff_t pos,
                                             std::ptrdiff_t endpos,
                                             const MatchLimits& limits) const {
  return matchOrSearch(subject, pos, endpos, limits, kMatch);
}

Outcome<std::optional<Match>> Pattern::fullmatch(const Subject& subject, std::ptrdiff_t pos,
                                                 std::ptrdiff_t endpos,
                                                 const MatchLimits& limits) const {
  return matchOrSearch(subject, pos, endpos, limits, kFullmatch);
}

Outcome<std::optional<Match>> Pattern::search(const Subject& subject, std::ptrdiff_t pos,
                                              std::ptrdiff_t endpos,
                                              const MatchLimits& limits) const {
  return matchOrSearch(subject, pos, endpos, limits, kSearch);
}

Outcome<std::vector<Span>> Pattern::findall(const Subject& subject, std::ptrdiff_t pos,
                                            std::ptrdiff_t endpos,
                                            const MatchLimits& limits) const {
  auto searcher = Searcher::make(*this, subject, pos, endpos, limits);
  if (!searcher) return searcher.error();
  Searcher& s = **searcher;
  std::vector<Span> out;
  while (!s.exhausted()) {
    s.reset();
    int status = s.search();
    if (status < 0) return detail::engineError(status);
    if (status == 0) break;
    if (groups_ == 0) {
      out.push_back({s.start(), s.ptr()});
    } else {
      for (std::ptrdiff_t g = 1; g <= groups_; ++g) {
        auto span = s.groupSpan(g);
        if (!span) return span.error();
        out.push_back(span->value_or(Span{0, 0}));  // a group that did not take part: ''
      }
    }
    s.advance();
  }
  return out;
}

Outcome<std::vector<Span>> Pattern::split(const Subject& subject, std::ptrdiff_t maxsplit,
                                          const MatchLimits& limits) const {
  auto searcher = Searcher::make(*this, subject, 0, kMaxPos, limits);
  if (!searcher) return searcher.error();
  Searcher& s = **searcher;
  std::vector<Span> out;
  std::ptrdiff_t last = s.start();
  for (std::ptrdiff_t n = 0; maxsplit == 0 || n < maxsplit; ++n) {
    s.reset();
    int status = s.search();
    if (status < 0) return detail::engineError(status);
    if (status == 0) break;
    out.push_back({last, s.start()});
    for (std::ptrdiff_t g = 1; g <= groups_; ++g) {
      auto span = s.groupSpan(g);
      if (!span) return span.error();
      out.push_back(span->value_or(Span{}));  // None
    }
    s.advance();
    last = s.start();
  }
  out.push_back({last, s.endpos()});
  return out;
}

Outcome<std::ptrdiff_t> Pattern::sub(const Subject& subject, std::ptrdiff_t count, SubSink& sink,
                                     const MatchLimits& limits) const {
  auto searcher = Searcher::make(*this, subject, 0, kMaxPos, limits);
  if (!searcher) return searcher.error();
  Searcher& s = **searcher;
  std::ptrdiff_t n = 0;
  std::ptrdiff_t copied_to = 0;
  while (count == 0 || n < count) {
    s.reset();
    int status = s.search();
    if (status < 0) return detail::engineError(status);
    if (status == 0) break;
    std::ptrdiff_t b = s.start();
    std::ptrdiff_t e = s.ptr();
    if (copied_to < b) sink.appendSlice(copied_to, b);
    auto m = s.toMatch();
    if (!m) return m.error();
    if (!sink.appendReplacement(*m)) return SreError{ErrorKind::Aborted, ""};
    copied_to = e;
    ++n;
    s.advance();
  }
  if (copied_to < s.endpos()) sink.appendSlice(copied_to, s.endpos());
  return n;
}

Outcome<Scanner> Scanner::make(const Pattern& pattern, const Subject& subject, std::ptrdiff_t pos,
                               std::ptrdiff_t endpos, const MatchLimits& limits) {
  auto searcher = Searcher::make(pattern, subject, pos, endpos, limits);
  if (!searcher) return searcher.error();
  return Scanner(std::move(*searcher));
}

Scanner::Scanner(std::unique_ptr<Searcher> searcher) : searcher_(std::move(searcher)) {}
Scanner::Scanner(Scanner&&) noexcept = default;
Scanner& Scanner::operator=(Scanner&&) noexcept = default;
Scanner::~Scanner() = default;

Outcome<std::optional<Match>> Scanner::search() { return next(true); }
Outcome<std::optional<Match>> Scanner::match() { return next(false); }

Outcome<std::optional<Match>> Scanner::next(bool search) {
  if (exhausted_) return std::optional<Match>();
  Searcher& s = *searcher_;
  s.reset();
  int status = search ? s.search() : s.match(false);
  if (status < 0) return detail::engineError(status);
  if (status == 0) {
    exhausted_ = true;
    return std::optional<Match>();
  }
  auto m = s.toMatch();
  if (!m) return m.error();
  s.advance();
  return std::optional<Match>(std::move(*m));
}

}  // namespace gbc::native::sre
