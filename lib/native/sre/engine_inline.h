// The engine's small per-character helpers (position assertions, set membership) and its stack
// operations, inline for engine.cpp and engine_run.cpp. Private to lib/native/sre.
#pragma once

#include <algorithm>

#include "base/check.h"
#include "native/sre/chars.h"
#include "native/sre/engine.h"

namespace gbc::native::sre::detail {

template <class C>
inline bool Engine<C>::atPosition(const C* p, Code at) const {
  // The word boundaries look one character back and forward, but never past [beginning, end).
  // (Before 3.14 an empty window had no boundaries at all, so \B did not match there.)
  auto boundary = [&](auto is_word) {
    bool before = p > beginning && is_word(static_cast<uint32_t>(p[-1]));
    bool after = p < end && is_word(static_cast<uint32_t>(p[0]));
    return before != after ? 1 : 0;
  };
  switch (at) {
    case at::kBeginning:
    case at::kBeginningString:
      return p == beginning;
    case at::kBeginningLine:
      return p == beginning || isLinebreak(p[-1]);
    case at::kEnd:
      return (end - p == 1 && isLinebreak(p[0])) || p == end;
    case at::kEndLine:
      // With pos > endpos the position can lie past `end`; CPython then reads the character
      // there, or the string's terminating NUL at its very end.
      return p == end || (p < limit && isLinebreak(p[0]));
    case at::kEndString:
      return p == end;
    case at::kBoundary:
      return boundary(isAsciiWord) == 1;
    case at::kNonBoundary:
      return boundary(isAsciiWord) == 0;
    case at::kLocBoundary:
      return boundary(isLocaleWord) == 1;
    case at::kLocNonBoundary:
      return boundary(isLocaleWord) == 0;
    case at::kUniBoundary:
      return boundary(isUnicodeWord) == 1;
    case at::kUniNonBoundary:
      return boundary(isUnicodeWord) == 0;
    default:
      return false;
  }
}

// Whether `ch` is in the set at `set` (items up to FAILURE; NEGATE flips the answer).
template <class C>
inline bool Engine<C>::inSet(const Code* set, uint32_t ch) const {
  bool ok = true;
  for (;;) {
    switch (*set++) {
      case op::kFailure:
        return !ok;
      case op::kLiteral:
        if (ch == set[0]) return ok;
        set += 1;
        break;
      case op::kCategory:
        if (inCategory(set[0], ch)) return ok;
        set += 1;
        break;
      case op::kCharset:
        if (ch < 256 && (set[ch >> 5] & (1u << (ch & 31)))) return ok;
        set += 8;
        break;
      case op::kRange:
        if (set[0] <= ch && ch <= set[1]) return ok;
        set += 2;
        break;
      case op::kRangeUniIgnore: {
        // `ch` has been lowercased; its uppercase may be in the range instead.
        if (set[0] <= ch && ch <= set[1]) return ok;
        uint32_t upper = upperUnicode(ch);
        if (set[0] <= upper && upper <= set[1]) return ok;
        set += 2;
        break;
      }
      case op::kNegate:
        ok = !ok;
        break;
      case op::kBigCharset: {
        // <blocks> <256 block numbers, bytes packed little-endian in 64 words> <256-bit maps>
        Code blocks = *set++;
        if (ch < 0x10000) {
          uint32_t hi = ch >> 8;
          uint32_t block = (set[hi >> 2] >> (8 * (hi & 3))) & 0xFF;
          const Code* map = set + 64 + block * 8;
          if (map[(ch & 255) >> 5] & (1u << (ch & 31))) return ok;
        }
        set += 64 + blocks * 8;
        break;
      }
      default:
        return false;
    }
  }
}

// IN_LOC_IGNORE: `ch` is in the set when its lowercase or its uppercase is; a leading NEGATE
// negates that answer (so [^ab] excludes 'A' too), as CPython 3.14 does.
template <class C>
inline bool Engine<C>::inSetLocaleIgnoringCase(const Code* set, uint32_t ch) const {
  bool negated = false;
  while (*set == op::kNegate) {
    negated = !negated;
    ++set;
  }
  uint32_t lower = lowerLocale(ch);
  uint32_t upper = upperLocale(ch);
  bool in = inSet(set, lower) || (upper != lower && inSet(set, upper));
  return in != negated;
}

template <class C>
inline bool Engine<C>::stacksTooBig() const {
  size_t bytes = frames_.capacity() * sizeof(Frame<C>) + saved_.capacity() * sizeof(const C*) +
                 repeats_.capacity() * sizeof(RepeatContext<C>);
  return bytes > limits_.max_stack_bytes;
}

template <class C>
inline bool Engine<C>::pushFrame(const Code* pattern, bool toplevel) {
  if (frames_.size() == frames_.capacity()) {
    frames_.reserve(frames_.size() * 2 + 64);
    if (stacksTooBig()) return false;
  }
  frames_.push_back(Frame<C>{pattern, nullptr, 0, 0, -1, -1, -1, toplevel, Resume::None});
  return true;
}

template <class C>
inline bool Engine<C>::pushSaved(const C* value) {
  if (saved_.size() == saved_.capacity()) {
    saved_.reserve(saved_.size() * 2 + 64);
    if (stacksTooBig()) return false;
  }
  saved_.push_back(value);
  return true;
}

// Saves mark[0..upto] (nothing when upto is -1), as CPython's MARK_PUSH.
template <class C>
inline bool Engine<C>::pushMarks(int upto) {
  if (upto < 0) return true;
  size_t n = static_cast<size_t>(upto) + 1;
  if (saved_.size() + n > saved_.capacity()) {
    saved_.reserve((saved_.size() + n) * 2 + 64);
    if (stacksTooBig()) return false;
  }
  saved_.insert(saved_.end(), mark.begin(), mark.begin() + n);
  return true;
}

// Restores mark[0..upto] from the top of the saved stack, dropping it or not (MARK_POP,
// MARK_POP_KEEP).
template <class C>
inline void Engine<C>::popMarks(int upto, bool discard) {
  if (upto < 0) return;
  size_t n = static_cast<size_t>(upto) + 1;
  std::copy(saved_.end() - n, saved_.end(), mark.begin());
  if (discard) saved_.resize(saved_.size() - n);
}

template <class C>
inline void Engine<C>::dropMarks(int upto) {
  if (upto < 0) return;
  saved_.resize(saved_.size() - (static_cast<size_t>(upto) + 1));
}

// Installs a repeat context for the current frame (the last one pushed) and makes it current.
template <class C>
inline bool Engine<C>::pushRepeat(const Code* pattern) {
  if (repeats_.size() == repeats_.capacity()) {
    repeats_.reserve(repeats_.size() * 2 + 16);
    if (stacksTooBig()) return false;
  }
  repeats_.push_back(RepeatContext<C>{-1, pattern, nullptr, repeat_});
  repeat_ = static_cast<int>(repeats_.size()) - 1;
  frames_.back().rep = repeat_;
  return true;
}

// Removes the current frame's repeat context, the innermost one (they are strictly nested).
template <class C>
inline void Engine<C>::popRepeat() {
  GBC_CHECK(frames_.back().rep == static_cast<int>(repeats_.size()) - 1,
            "repeat contexts end in the order they began");
  repeat_ = repeats_.back().prev;
  repeats_.pop_back();
}

template <class C>
inline bool Engine<C>::interrupted() {
  if ((++ticks_ & 0xFFF) != 0 || limits_.interrupted == nullptr) return false;
  return limits_.interrupted(limits_.interrupt_data);
}

}  // namespace gbc::native::sre::detail
