// The engine's entry points: state set-up, match, and search with CPython's shortcuts (a literal
// prefix or a first-character set from the INFO block, the anchored-at-start early exit).
// CPython 3.14, Modules/_sre/sre_lib.h SRE(search) and sre.c state_init.
#include "native/sre/engine.h"

#include <algorithm>
#include <cstring>

#include "native/sre/engine_inline.h"

namespace gbc::native::sre::detail {

template <class C>
Engine<C>::Engine(const Code* code, const SetCache* sets, size_t groups, const C* data,
                  ptrdiff_t length, ptrdiff_t pos_in, ptrdiff_t endpos_in,
                  const EngineLimits& limits)
    : beginning(data),
      limit(data + length),
      start(data + pos_in),
      end(data + endpos_in),
      ptr(start),
      pos(pos_in),
      endpos(endpos_in),
      mark(2 * groups, nullptr),
      code_(code),
      sets_(sets),
      limits_(limits) {}

template <class C>
void Engine<C>::reset() {
  lastmark = -1;
  lastindex = -1;
  repeat_ = -1;
  frames_.clear();
  saved_.clear();
  repeats_.clear();
}

template <class C>
int Engine<C>::match() {
  ptr = start;
  return run(code_, true);
}

namespace {

// The first position at or after `from` where `prefix` (whose characters all fit in C) occurs
// wholly before `to`, or nullptr.
template <class C>
const C* findPrefix(const C* from, const C* to, const Code* prefix, size_t len) {
  const C first = static_cast<C>(prefix[0]);
  while (to - from >= static_cast<ptrdiff_t>(len)) {
    const C* last_start = to - len;
    if constexpr (sizeof(C) == 1) {
      from = static_cast<const C*>(std::memchr(from, first, last_start - from + 1));
      if (from == nullptr) return nullptr;
    } else {
      while (from <= last_start && *from != first) ++from;
      if (from > last_start) return nullptr;
    }
    size_t i = 1;
    while (i < len && static_cast<Code>(from[i]) == prefix[i]) ++i;
    if (i == len) return from;
    ++from;
  }
  return nullptr;
}

// The operation that must match the first character of any match of `pc`, when there is one: a
// one-character operation, or the item of a repeat of one-character items that needs at least
// one. The general search skips the positions where it fails (CPython tries them, and fails).
const Code* firstCharOperation(const Code* pc) {
  switch (pc[0]) {
    case op::kLiteral:
    case op::kNotLiteral:
    case op::kLiteralIgnore:
    case op::kNotLiteralIgnore:
    case op::kLiteralUniIgnore:
    case op::kNotLiteralUniIgnore:
    case op::kLiteralLocIgnore:
    case op::kNotLiteralLocIgnore:
    case op::kIn:
    case op::kInIgnore:
    case op::kInUniIgnore:
    case op::kInLocIgnore:
    case op::kCategory:
      return pc;
    case op::kRepeatOne:
    case op::kMinRepeatOne:
    case op::kPossessiveRepeatOne:
      // <op> <skip> <min> <max> item: the item is one of the operations above or ANY(_ALL).
      if (pc[2] >= 1 && pc[4] != op::kAny && pc[4] != op::kAnyAll)
        return firstCharOperation(pc + 4);
      return nullptr;
    default:
      return nullptr;
  }
}

template <class C>
bool fitsIn(Code ch) {
  return static_cast<Code>(static_cast<C>(ch)) == ch;
}

}  // namespace

template <class C>
int Engine<C>::search() {
  const C* p = start;
  const C* stop = end;
  if (p > stop) return kNotFound;

  const Code* pc = code_;
  Code flags = 0;
  size_t prefix_len = 0;
  size_t prefix_skip = 0;
  const Code* prefix = nullptr;
  const Code* charset = nullptr;
  if (pc[0] == op::kInfo) {
    // <INFO> <skip> <flags> <min> <max> [<prefix_len> <prefix_skip> prefix overlap | charset]
    flags = pc[2];
    Code min = pc[3];
    if (min != 0 && stop - p < static_cast<ptrdiff_t>(min)) return kNotFound;
    // A match cannot start in the last min-1 characters (the general scan below uses this).
    if (min > 1) stop = std::max(p, stop - (min - 1));
    if (flags & info::kPrefix) {
      prefix_len = pc[5];
      prefix_skip = pc[6];
      prefix = pc + 7;
    } else if (flags & info::kCharset) {
      charset = pc + 5;
    }
    pc += 1 + pc[1];
  }

  if (prefix_len >= 1) {
    // The pattern starts with a literal string: look for it, then match the rest after the
    // part of it (prefix_skip characters) that its code need not check again.
    for (size_t i = 0; i < prefix_len; ++i)
      if (!fitsIn<C>(prefix[i])) return kNotFound;
    const Code* rest = pc + 2 * prefix_skip;
    for (;;) {
      const C* found = findPrefix(p, end, prefix, prefix_len);
      if (found == nullptr) return kNotFound;
      must_advance = false;
      start = found;
      ptr = found + prefix_skip;
      if (flags & info::kLiteral) return kFound;  // the prefix is the whole pattern
      int status = run(rest, false);
      if (status != kNotFound) return status;
      p = found + 1;
      lastmark = lastindex = -1;
    }
  }

  if (charset != nullptr) {
    // The pattern starts with a character from a known set.
    must_advance = false;
    for (;;) {
      while (p < end && !inSet(charset, *p)) ++p;
      if (p >= end) return kNotFound;
      start = p;
      ptr = p;
      int status = run(pc, false);
      if (status != kNotFound) return status;
      ++p;
      lastmark = lastindex = -1;
    }
  }

  // The general case: try every position. Only the first try can be at `start` itself, so only
  // it runs as top level (the empty-match rule of must_advance).
  start = ptr = p;
  int status = run(pc, true);
  must_advance = false;
  if (status == kNotFound && pc[0] == op::kAt &&
      (pc[1] == at::kBeginning || pc[1] == at::kBeginningString)) {
    start = ptr = stop;  // anchored at the beginning: no other position can match
    return kNotFound;
  }
  const Code* first = firstCharOperation(pc);
  while (status == kNotFound && p < stop) {
    ++p;
    if (first != nullptr)
      while (p < stop && !firstCharMatches(first, *p)) ++p;
    lastmark = lastindex = -1;
    start = ptr = p;
    status = run(pc, false);
  }
  return status;
}

template class Engine<uint8_t>;
template class Engine<uint16_t>;
template class Engine<uint32_t>;

}  // namespace gbc::native::sre::detail
