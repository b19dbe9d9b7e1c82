// One SRE_STATE over a subject of any character width (CPython 3.14, sre.c: state_init,
// pattern_new_match, state_getslice, pattern_error).
#include "native/sre/searcher.h"

#include <algorithm>

namespace gbc::native::sre::detail {

namespace {

constexpr const char* kWrongSpan =
    "The span of capturing group is wrong, please report a bug for the re module.";

template <class C>
std::unique_ptr<Engine<C>> makeEngine(const Pattern& pattern, const Subject& subject,
                                      std::ptrdiff_t pos, std::ptrdiff_t endpos,
                                      const MatchLimits& limits) {
  EngineLimits engine_limits;
  engine_limits.interrupted = limits.interrupted;
  engine_limits.interrupt_data = limits.interrupt_data;
  engine_limits.max_stack_bytes = limits.max_stack_bytes;
  engine_limits.python312 = pattern.dialect() == Dialect::Python312;
  return std::make_unique<Engine<C>>(
      pattern.code().data(), &pattern.sets(), static_cast<size_t>(pattern.groups()),
      static_cast<const C*>(subject.data), subject.length, pos, endpos, engine_limits);
}

}  // namespace

SreError engineError(int status) {
  switch (status) {
    case kErrorMemory:
      return {ErrorKind::Memory, ""};
    case kErrorInterrupted:
      return {ErrorKind::Interrupted, ""};
    default:
      return {ErrorKind::Internal, "internal error in regular expression engine"};
  }
}

Outcome<std::unique_ptr<Searcher>> Searcher::make(const Pattern& pattern, const Subject& subject,
                                                  std::ptrdiff_t pos, std::ptrdiff_t endpos,
                                                  const MatchLimits& limits) {
  if (subject.is_bytes && pattern.type() == PatternType::Str)
    return SreError{ErrorKind::TypeMismatch, "cannot use a string pattern on a bytes-like object"};
  if (!subject.is_bytes && pattern.type() == PatternType::Bytes)
    return SreError{ErrorKind::TypeMismatch, "cannot use a bytes pattern on a string-like object"};
  GBC_CHECK(subject.length >= 0 && (subject.data != nullptr || subject.length == 0),
            "a subject's characters must exist");
  // An empty subject may come without storage; the engine needs a valid pointer.
  static const char32_t kEmpty[1] = {0};
  Subject s = subject;
  if (s.data == nullptr) s.data = kEmpty;
  pos = std::clamp<std::ptrdiff_t>(pos, 0, s.length);
  endpos = std::clamp<std::ptrdiff_t>(endpos, 0, s.length);
  AnyEngine engine;
  switch (s.charsize) {
    case 1:
      engine = makeEngine<uint8_t>(pattern, s, pos, endpos, limits);
      break;
    case 2:
      engine = makeEngine<uint16_t>(pattern, s, pos, endpos, limits);
      break;
    case 4:
      engine = makeEngine<uint32_t>(pattern, s, pos, endpos, limits);
      break;
    default:
      GBC_UNREACHABLE("a subject's characters are 1, 2 or 4 bytes wide");
  }
  return std::unique_ptr<Searcher>(new Searcher(std::move(engine), pattern.groups()));
}

void Searcher::reset() {
  std::visit([](auto& e) { e->reset(); }, engine_);
}

int Searcher::match(bool full) {
  return std::visit(
      [full](auto& e) {
        e->match_all = full;
        return e->match();
      },
      engine_);
}

int Searcher::search() {
  return std::visit([](auto& e) { return e->search(); }, engine_);
}

std::ptrdiff_t Searcher::start() const {
  return std::visit([](auto& e) -> std::ptrdiff_t { return e->start - e->beginning; }, engine_);
}

std::ptrdiff_t Searcher::ptr() const {
  return std::visit([](auto& e) -> std::ptrdiff_t { return e->ptr - e->beginning; }, engine_);
}

std::ptrdiff_t Searcher::endpos() const {
  return std::visit([](auto& e) { return e->endpos; }, engine_);
}

bool Searcher::exhausted() const {
  return std::visit([](auto& e) { return e->start > e->end; }, engine_);
}

void Searcher::advance() {
  std::visit(
      [](auto& e) {
        e->must_advance = e->ptr == e->start;
        e->start = e->ptr;
      },
      engine_);
}

Outcome<Match> Searcher::toMatch() const {
  return std::visit(
      [this](auto& e) -> Outcome<Match> {
        Match m;
        m.groups.resize(static_cast<size_t>(groups_) + 1);
        m.groups[0] = {e->start - e->beginning, e->ptr - e->beginning};
        for (std::ptrdiff_t i = 0; i < groups_; ++i) {
          std::ptrdiff_t j = 2 * i;
          if (j + 1 <= e->lastmark && e->mark[j] && e->mark[j + 1]) {
            Span span{e->mark[j] - e->beginning, e->mark[j + 1] - e->beginning};
            if (span.start > span.end) return SreError{ErrorKind::WrongSpan, kWrongSpan};
            m.groups[i + 1] = span;
          }
        }
        m.lastindex = e->lastindex;
        m.pos = e->pos;
        m.endpos = e->endpos;
        return m;
      },
      engine_);
}

Outcome<std::optional<Span>> Searcher::groupSpan(std::ptrdiff_t group) const {
  return std::visit(
      [group](auto& e) -> Outcome<std::optional<Span>> {
        std::ptrdiff_t index = (group - 1) * 2;
        if (index >= e->lastmark || !e->mark[index] || !e->mark[index + 1])
          return std::optional<Span>();
        Span span{e->mark[index] - e->beginning, e->mark[index + 1] - e->beginning};
        if (span.start > span.end) return SreError{ErrorKind::WrongSpan, kWrongSpan};
        return std::optional<Span>(span);
      },
      engine_);
}

}  // namespace gbc::native::sre::detail
