// The engine's small per-character helpers (position assertions, set membership) and its stack
// operations, inline for engine.cpp and engine_run.cpp. Private to lib/native/sre.
#pragma once

#include <algorithm>

#include "base/check.h"
#include "native/sre/chars.h"
#include "native/sre/charset.h"
#include "native/sre/engine.h"

namespace gbc::native::sre::detail {

// The helpers below run once per character or per operation: GCC does not inline them into the
// big interpreter loop on its own.
#define GBC_SRE_HOT [[gnu::always_inline]] inline

template <class C>
inline bool Engine<C>::atPosition(const C* p, Code at) const {
  // The word boundaries look one character back and forward, but never past [beginning, end).
  // CPython 3.12 has neither a boundary nor a non-boundary in an empty window.
  auto boundary = [&](auto is_word) {
    if (limits_.python312 && beginning == end) return -1;
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

// Whether `ch` is in the set at `set`: one bit test for 0..255 when the pattern's cache knows the
// set (it knows every set validation found), the set's items otherwise.
template <class C>
GBC_SRE_HOT bool Engine<C>::inSet(const Code* set, uint32_t ch) const {
  if (ch < 256 && sets_ != nullptr) {
    if (const uint64_t* map = sets_->find(code_, set)) return (map[ch >> 6] >> (ch & 63)) & 1;
  }
  return inCharset(set, ch);
}

// Whether the one-character operation at `op` (see firstCharOperation) accepts `ch`.
template <class C>
inline bool Engine<C>::firstCharMatches(const Code* op, uint32_t ch) const {
  switch (op[0]) {
    case op::kLiteral:
      return ch == op[1];
    case op::kNotLiteral:
      return ch != op[1];
    case op::kLiteralIgnore:
      return lowerAscii(ch) == op[1];
    case op::kNotLiteralIgnore:
      return lowerAscii(ch) != op[1];
    case op::kLiteralUniIgnore:
      return lowerUnicode(ch) == op[1];
    case op::kNotLiteralUniIgnore:
      return lowerUnicode(ch) != op[1];
    case op::kLiteralLocIgnore:
      return equalsLocaleIgnoringCase(op[1], ch);
    case op::kNotLiteralLocIgnore:
      return !equalsLocaleIgnoringCase(op[1], ch);
    case op::kIn:
      return inSet(op + 2, ch);
    case op::kInIgnore:
      return inSet(op + 2, lowerAscii(ch));
    case op::kInUniIgnore:
      return inSet(op + 2, lowerUnicode(ch));
    case op::kInLocIgnore:
      return inSetLocaleIgnoringCase(op + 2, ch);
    case op::kCategory:
      return inCategory(op[1], ch);
    default:
      return true;
  }
}

// IN_LOC_IGNORE: `ch` is in the set when its lowercase or its uppercase is; a leading NEGATE
// negates that answer (so [^ab] excludes 'A' too), as CPython 3.14 does. CPython 3.12 tests the
// two cases against the negated set, so [^ab] accepts 'A' there.
template <class C>
inline bool Engine<C>::inSetLocaleIgnoringCase(const Code* set, uint32_t ch) const {
  if (limits_.python312) {
    uint32_t lower = lowerLocale(ch);
    if (inSet(set, lower)) return true;
    uint32_t upper = upperLocale(ch);
    return upper != lower && inSet(set, upper);
  }
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

// Makes room for `n` more values on one of the stacks, within max_stack_bytes for all three.
template <class C>
template <class T>
GBC_SRE_HOT bool Engine<C>::makeRoom(PodStack<T>& stack, size_t n) {
  if (stack.size() + n <= stack.capacity()) return true;
  return grow(stack, n);
}

template <class C>
template <class T>
[[gnu::noinline]] bool Engine<C>::grow(PodStack<T>& stack, size_t n) {
  size_t wanted = (stack.size() + n) * 2 + 64;
  size_t others = frames_.capacity() * sizeof(Frame<C>) + saved_.capacity() * sizeof(const C*) +
                  repeats_.capacity() * sizeof(RepeatContext<C>) - stack.capacity() * sizeof(T);
  if (others + wanted * sizeof(T) > limits_.max_stack_bytes) return false;
  return stack.reserve(wanted);
}

template <class C>
GBC_SRE_HOT bool Engine<C>::pushFrame(const Code* pattern, bool toplevel) {
  if (!makeRoom(frames_, 1)) return false;
  frames_.push(Frame<C>{pattern, nullptr, 0, 0, -1, -1, -1, toplevel, Resume::None});
  return true;
}

template <class C>
GBC_SRE_HOT bool Engine<C>::pushSaved(const C* value) {
  if (!makeRoom(saved_, 1)) return false;
  saved_.push(value);
  return true;
}

// Saves mark[0..upto] (nothing when upto is -1), as CPython's MARK_PUSH.
template <class C>
GBC_SRE_HOT bool Engine<C>::pushMarks(int upto) {
  if (upto < 0) return true;
  size_t n = static_cast<size_t>(upto) + 1;
  if (!makeRoom(saved_, n)) return false;
  saved_.append(mark.data(), n);
  return true;
}

// Restores mark[0..upto] from the top of the saved stack, dropping it or not (MARK_POP,
// MARK_POP_KEEP).
template <class C>
GBC_SRE_HOT void Engine<C>::popMarks(int upto, bool discard) {
  if (upto < 0) return;
  size_t n = static_cast<size_t>(upto) + 1;
  std::memcpy(mark.data(), saved_.end() - n, n * sizeof(const C*));
  if (discard) saved_.shrink(saved_.size() - n);
}

template <class C>
GBC_SRE_HOT void Engine<C>::dropMarks(int upto) {
  if (upto < 0) return;
  saved_.shrink(saved_.size() - (static_cast<size_t>(upto) + 1));
}

// Installs a repeat context for the current frame (the last one pushed) and makes it current.
template <class C>
inline bool Engine<C>::pushRepeat(const Code* pattern) {
  if (!makeRoom(repeats_, 1)) return false;
  repeats_.push(RepeatContext<C>{-1, pattern, nullptr, repeat_});
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
  repeats_.pop();
}

template <class C>
GBC_SRE_HOT bool Engine<C>::interrupted() {
  if ((++ticks_ & 0xFFF) != 0 || limits_.interrupted == nullptr) return false;
  return limits_.interrupted(limits_.interrupt_data);
}

#undef GBC_SRE_HOT

}  // namespace gbc::native::sre::detail
