// The interpreter of compiled code: what CPython 3.14's sre_lib.h does in SRE(match) and
// SRE(count), with the same backtracking order, the same bookkeeping of marks (saved around
// every alternative tried inside a repeat, restored when it fails) and the same zero-width
// guards, so that group spans and lastindex come out as CPython's.
//
// Control flow: a "call" saves pc/ptr and a Resume tag in the caller's frame, pushes a frame for
// the callee and jumps to `enter`; a return (`done` with `ret` set) pops the frame and jumps to
// the label its caller's Resume tag names. Every local lives in a frame or is reloaded after a
// call, since the frame vector can move.
#include <algorithm>

#include "native/sre/engine_inline.h"

namespace gbc::native::sre::detail {

template <class C>
ptrdiff_t Engine<C>::count(const Code* item, Code maxcount) {
  const C* p = ptr;
  const C* stop = end;
  if (maxcount != kMaxRepeat && static_cast<ptrdiff_t>(maxcount) < stop - p) stop = p + maxcount;
  const Code chr = item[1];
  switch (item[0]) {
    case op::kIn:
      while (p < stop && inSet(item + 2, *p)) ++p;
      break;
    case op::kAny:
      while (p < stop && !isLinebreak(*p)) ++p;
      break;
    case op::kAnyAll:
      p = stop;
      break;
    case op::kLiteral:
      while (p < stop && static_cast<Code>(*p) == chr) ++p;
      break;
    case op::kLiteralIgnore:
      while (p < stop && lowerAscii(*p) == chr) ++p;
      break;
    case op::kLiteralUniIgnore:
      while (p < stop && lowerUnicode(*p) == chr) ++p;
      break;
    case op::kLiteralLocIgnore:
      while (p < stop && equalsLocaleIgnoringCase(chr, *p)) ++p;
      break;
    case op::kNotLiteral:
      while (p < stop && static_cast<Code>(*p) != chr) ++p;
      break;
    case op::kNotLiteralIgnore:
      while (p < stop && lowerAscii(*p) != chr) ++p;
      break;
    case op::kNotLiteralUniIgnore:
      while (p < stop && lowerUnicode(*p) != chr) ++p;
      break;
    case op::kNotLiteralLocIgnore:
      while (p < stop && !equalsLocaleIgnoringCase(chr, *p)) ++p;
      break;
    default: {
      // Any other one-character item: match it once at a time (it cannot call back into a
      // repeat, so this nests only as deep as the pattern does).
      while (ptr < stop) {
        int status = run(item, false);
        if (status < 0) return status;
        if (status == 0) break;
      }
      return ptr - p;
    }
  }
  return p - ptr;
}

template <class C>
int Engine<C>::run(const Code* pattern, bool toplevel) {
  const size_t base = frames_.size();
  const Code* pc = pattern;
  const C* p = nullptr;
  Frame<C>* f = nullptr;
  int ret = 0;
  ptrdiff_t n = 0;
  const C* group_start = nullptr;
  const C* group_end = nullptr;

  // Calls `target` as a new frame; the caller continues at RESUME's label when it returns.
#define SRE_CALL(RESUME, target, callee_toplevel)              \
  do {                                                         \
    f->pc = pc;                                                \
    f->ptr = p;                                                \
    f->resume = Resume::RESUME;                                \
    bool callee_top = (callee_toplevel);                       \
    pc = (target);                                             \
    if (!pushFrame(pc, callee_top)) return fail(kErrorMemory); \
    goto enter;                                                \
  } while (0)
#define SRE_FAIL \
  do {           \
    ret = 0;     \
    goto done;   \
  } while (0)
#define SRE_SUCCEED \
  do {              \
    ret = 1;        \
    goto done;      \
  } while (0)

  // An error abandons every frame this run pushed.
  auto fail = [&](int status) {
    frames_.shrink(base);
    return status;
  };
  auto saveLastmark = [&] {
    f->lastmark = lastmark;
    f->lastindex = lastindex;
  };
  auto restoreLastmark = [&] {
    lastmark = f->lastmark;
    lastindex = f->lastindex;
  };

  if (!pushFrame(pc, toplevel)) return kErrorMemory;

enter:
  f = &frames_.back();
  p = ptr;
  if (pc[0] == op::kInfo) {
    // <INFO> <skip> <flags> <min> ...: too few characters left cannot match.
    if (pc[3] != 0 && static_cast<size_t>(end - p) < pc[3]) SRE_FAIL;
    pc += pc[1] + 1;
  }

dispatch:
  if (interrupted()) return fail(kErrorInterrupted);
  switch (*pc++) {
    case op::kMark: {
      Code i = pc[0];
      if (i & 1) lastindex = static_cast<int>(i / 2 + 1);
      if (static_cast<int>(i) > lastmark) {
        // Slots between the old highest mark and this one were never set on this path.
        for (int j = lastmark + 1; j < static_cast<int>(i); ++j) mark[j] = nullptr;
        lastmark = static_cast<int>(i);
      }
      mark[i] = p;
      pc += 1;
      goto dispatch;
    }

    case op::kLiteral:
      if (p >= end || static_cast<Code>(*p) != pc[0]) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kNotLiteral:
      if (p >= end || static_cast<Code>(*p) == pc[0]) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kSuccess:
      if (f->toplevel && ((match_all && p != end) || (must_advance && p == start))) SRE_FAIL;
      ptr = p;
      SRE_SUCCEED;

    case op::kAt:
      if (!atPosition(p, pc[0])) SRE_FAIL;
      pc += 1;
      goto dispatch;

    case op::kCategory:
      if (p >= end || !inCategory(pc[0], *p)) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kAny:
      if (p >= end || isLinebreak(*p)) SRE_FAIL;
      p += 1;
      goto dispatch;

    case op::kAnyAll:
      if (p >= end) SRE_FAIL;
      p += 1;
      goto dispatch;

    case op::kIn:
      if (p >= end || !inSet(pc + 1, *p)) SRE_FAIL;
      pc += pc[0];
      p += 1;
      goto dispatch;

    case op::kLiteralIgnore:
      if (p >= end || lowerAscii(*p) != pc[0]) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kLiteralUniIgnore:
      if (p >= end || lowerUnicode(*p) != pc[0]) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kLiteralLocIgnore:
      if (p >= end || !equalsLocaleIgnoringCase(pc[0], *p)) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kNotLiteralIgnore:
      if (p >= end || lowerAscii(*p) == pc[0]) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kNotLiteralUniIgnore:
      if (p >= end || lowerUnicode(*p) == pc[0]) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kNotLiteralLocIgnore:
      if (p >= end || equalsLocaleIgnoringCase(pc[0], *p)) SRE_FAIL;
      pc += 1;
      p += 1;
      goto dispatch;

    case op::kInIgnore:
      if (p >= end || !inSet(pc + 1, lowerAscii(*p))) SRE_FAIL;
      pc += pc[0];
      p += 1;
      goto dispatch;

    case op::kInUniIgnore:
      if (p >= end || !inSet(pc + 1, lowerUnicode(*p))) SRE_FAIL;
      pc += pc[0];
      p += 1;
      goto dispatch;

    case op::kInLocIgnore:
      if (p >= end || !inSetLocaleIgnoringCase(pc + 1, *p)) SRE_FAIL;
      pc += pc[0];
      p += 1;
      goto dispatch;

    case op::kJump:
    case op::kInfo:
      pc += pc[0];
      goto dispatch;

    case op::kBranch:
      // <BRANCH> (<skip> arm <JUMP> <to end>)* <0>; pc is at the first arm's skip.
      saveLastmark();
      if (repeat_ >= 0 && !pushMarks(f->lastmark)) return fail(kErrorMemory);
      goto branch_try;

    case op::kRepeatOne:
      // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: take as many one-character items
      // as possible, then give them back one by one until the tail matches.
      if (static_cast<ptrdiff_t>(pc[1]) > end - p) SRE_FAIL;
      ptr = p;
      n = count(pc + 3, pc[2]);
      if (n < 0) return fail(static_cast<int>(n));
      f = &frames_.back();
      f->count = n;
      p += n;
      if (n < static_cast<ptrdiff_t>(pc[1])) SRE_FAIL;
      if (pc[pc[0]] == op::kSuccess && p == end && !(f->toplevel && must_advance && p == start)) {
        ptr = p;  // nothing follows: done
        SRE_SUCCEED;
      }
      saveLastmark();
      if (repeat_ >= 0 && !pushMarks(f->lastmark)) return fail(kErrorMemory);
      if (pc[pc[0]] == op::kLiteral) {
        // The tail starts with a literal: only positions before that character can work.
        f->chr = pc[pc[0] + 1];
        goto repeat_one_literal_try;
      }
      goto repeat_one_try;

    case op::kMinRepeatOne:
      // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: take the fewest items that
      // let the tail match.
      if (static_cast<ptrdiff_t>(pc[1]) > end - p) SRE_FAIL;
      ptr = p;
      if (pc[1] == 0) {
        f->count = 0;
      } else {
        n = count(pc + 3, pc[1]);
        if (n < 0) return fail(static_cast<int>(n));
        f = &frames_.back();
        if (n < static_cast<ptrdiff_t>(pc[1])) SRE_FAIL;
        f->count = n;
        p += n;
      }
      if (pc[pc[0]] == op::kSuccess &&
          !(f->toplevel && ((match_all && p != end) || (must_advance && p == start)))) {
        ptr = p;
        SRE_SUCCEED;
      }
      saveLastmark();
      if (repeat_ >= 0 && !pushMarks(f->lastmark)) return fail(kErrorMemory);
      goto min_repeat_one_try;

    case op::kPossessiveRepeatOne:
      // <POSSESSIVE_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: as many as possible,
      // never given back.
      if (static_cast<ptrdiff_t>(pc[1]) > end - p) SRE_FAIL;
      ptr = p;
      n = count(pc + 3, pc[2]);
      if (n < 0) return fail(static_cast<int>(n));
      f = &frames_.back();
      f->count = n;
      p += n;
      if (n < static_cast<ptrdiff_t>(pc[1])) SRE_FAIL;
      pc += pc[0];
      if (*pc == op::kSuccess && p == end && !(f->toplevel && must_advance && p == start)) {
        ptr = p;
        SRE_SUCCEED;
      }
      goto dispatch;

    case op::kRepeat: {
      // <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail: install a repeat context;
      // the UNTIL operation does the work.
      if (!pushRepeat(pc)) return fail(kErrorMemory);
      ptr = p;
      SRE_CALL(Repeat, pc + pc[0], f->toplevel);
    }

    case op::kMaxUntil: {
      // Greedy repeat: one more item if allowed (and the last one was not empty), else the tail.
      if (repeat_ < 0) return fail(kErrorState);
      f->rep = repeat_;
      RepeatContext<C>& rep = repeats_[f->rep];
      ptr = p;
      f->count = rep.count + 1;
      if (f->count < static_cast<ptrdiff_t>(rep.pattern[1])) {
        rep.count = f->count;  // not enough items yet
        SRE_CALL(MaxUntil1, rep.pattern + 3, f->toplevel);
      }
      if ((f->count < static_cast<ptrdiff_t>(rep.pattern[2]) || rep.pattern[2] == kMaxRepeat) &&
          ptr != rep.last_ptr) {
        rep.count = f->count;
        saveLastmark();
        if (!pushMarks(f->lastmark) || !pushSaved(rep.last_ptr)) return fail(kErrorMemory);
        repeats_[f->rep].last_ptr = ptr;
        SRE_CALL(MaxUntil2, repeats_[f->rep].pattern + 3, f->toplevel);
      }
      goto max_until_tail;
    }

    case op::kMinUntil: {
      // Lazy repeat: the tail first, then one more item.
      if (repeat_ < 0) return fail(kErrorState);
      f->rep = repeat_;
      RepeatContext<C>& rep = repeats_[f->rep];
      ptr = p;
      f->count = rep.count + 1;
      if (f->count < static_cast<ptrdiff_t>(rep.pattern[1])) {
        rep.count = f->count;
        SRE_CALL(MinUntil1, rep.pattern + 3, f->toplevel);
      }
      repeat_ = rep.prev;
      saveLastmark();
      if (repeat_ >= 0 && !pushMarks(f->lastmark)) return fail(kErrorMemory);
      SRE_CALL(MinUntil2, pc, f->toplevel);
    }

    case op::kPossessiveRepeat:
      // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail. Its own (empty) repeat
      // context makes the operations inside save marks when they backtrack, as inside any
      // repeat (CPython 3.14; 3.12 did not, and could keep marks of a failed alternative).
      ptr = p;
      if (!limits_.python312 && !pushRepeat(nullptr)) return fail(kErrorMemory);
      f->count = 0;
      goto possessive_min;

    case op::kAtomicGroup:
      // <ATOMIC_GROUP> <skip> item <SUCCESS> tail: the item's first match, never revisited.
      ptr = p;
      SRE_CALL(AtomicGroup, pc + 1, false);

    case op::kGroupref:
    case op::kGrouprefIgnore:
    case op::kGrouprefUniIgnore:
    case op::kGrouprefLocIgnore: {
      Code kind = pc[-1];
      int g = static_cast<int>(pc[0]) * 2;
      if (g >= lastmark) SRE_FAIL;
      group_start = mark[g];
      group_end = mark[g + 1];
      if (!group_start || !group_end || group_end < group_start) SRE_FAIL;
      for (; group_start < group_end; ++group_start, ++p) {
        if (p >= end) SRE_FAIL;
        uint32_t a = *p, b = *group_start;
        bool same = kind == op::kGroupref            ? a == b
                    : kind == op::kGrouprefIgnore    ? lowerAscii(a) == lowerAscii(b)
                    : kind == op::kGrouprefUniIgnore ? lowerUnicode(a) == lowerUnicode(b)
                                                     : lowerLocale(a) == lowerLocale(b);
        if (!same) SRE_FAIL;
      }
      pc += 1;
      goto dispatch;
    }

    case op::kGrouprefExists: {
      // <GROUPREF_EXISTS> <group> <skip> yes-arm [JUMP no-arm]
      int g = static_cast<int>(pc[0]) * 2;
      if (g >= lastmark || !mark[g] || !mark[g + 1] || mark[g + 1] < mark[g]) {
        pc += pc[1];
        goto dispatch;
      }
      pc += 2;
      goto dispatch;
    }

    case op::kAssert:
      // <ASSERT> <skip> <back> item <SUCCESS> tail (back > 0: a lookbehind)
      if (p - beginning < static_cast<ptrdiff_t>(pc[1])) SRE_FAIL;
      ptr = p - pc[1];
      SRE_CALL(Assert, pc + 2, false);

    case op::kAssertNot:
      if (p - beginning >= static_cast<ptrdiff_t>(pc[1])) {
        ptr = p - pc[1];
        saveLastmark();
        if (repeat_ >= 0 && !pushMarks(f->lastmark)) return fail(kErrorMemory);
        SRE_CALL(AssertNot, pc + 2, false);
      }
      pc += pc[0];
      goto dispatch;

    case op::kFailure:
      SRE_FAIL;

    default:
      // RANGE, NEGATE, CHARSET, ... belong inside sets; anything else is not an opcode.
      return fail(kErrorIllegal);
  }

  // ---- BRANCH: try each arm in turn; marks go back to their state before each retry.
branch_try:
  for (; pc[0] != 0; pc += pc[0]) {
    // Skip arms whose first character cannot match here.
    if (pc[1] == op::kLiteral && (p >= end || static_cast<Code>(*p) != pc[2])) continue;
    if (pc[1] == op::kIn && (p >= end || !inSet(pc + 3, *p))) continue;
    ptr = p;
    SRE_CALL(Branch, pc + 1, f->toplevel);
  }
  if (repeat_ >= 0) dropMarks(f->lastmark);
  SRE_FAIL;
branch_resume:
  if (ret != 0) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_SUCCEED;
  }
  if (repeat_ >= 0) popMarks(f->lastmark, false);
  restoreLastmark();
  pc += pc[0];
  goto branch_try;

  // ---- REPEAT_ONE with a literal after it.
repeat_one_literal_try:
  while (f->count >= static_cast<ptrdiff_t>(pc[1]) &&
         (p >= end || static_cast<Code>(*p) != f->chr)) {
    --p;
    --f->count;
  }
  if (f->count < static_cast<ptrdiff_t>(pc[1])) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    SRE_FAIL;
  }
  ptr = p;
  SRE_CALL(RepeatOneLiteral, pc + pc[0], f->toplevel);
repeat_one_literal_resume:
  if (ret != 0) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_SUCCEED;
  }
  if (repeat_ >= 0) popMarks(f->lastmark, false);
  restoreLastmark();
  --p;
  --f->count;
  goto repeat_one_literal_try;

  // ---- REPEAT_ONE, general tail.
repeat_one_try:
  if (f->count < static_cast<ptrdiff_t>(pc[1])) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    SRE_FAIL;
  }
  ptr = p;
  SRE_CALL(RepeatOne, pc + pc[0], f->toplevel);
repeat_one_resume:
  if (ret != 0) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_SUCCEED;
  }
  if (repeat_ >= 0) popMarks(f->lastmark, false);
  restoreLastmark();
  --p;
  --f->count;
  goto repeat_one_try;

  // ---- MIN_REPEAT_ONE: the tail, then one more item, while the maximum allows.
min_repeat_one_try:
  if (pc[2] != kMaxRepeat && f->count > static_cast<ptrdiff_t>(pc[2])) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    SRE_FAIL;
  }
  // A tail that starts with a literal cannot match before another character (CPython calls it
  // and fails at once, with nothing to undo).
  if (pc[pc[0]] == op::kLiteral && (p >= end || static_cast<Code>(*p) != pc[pc[0] + 1]))
    goto min_repeat_one_next;
  ptr = p;
  SRE_CALL(MinRepeatOne, pc + pc[0], f->toplevel);
min_repeat_one_resume:
  if (ret != 0) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_SUCCEED;
  }
  if (repeat_ >= 0) popMarks(f->lastmark, false);
  restoreLastmark();
min_repeat_one_next:
  ptr = p;
  n = count(pc + 3, 1);
  if (n < 0) return fail(static_cast<int>(n));
  f = &frames_.back();
  if (n == 0) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    SRE_FAIL;
  }
  ++p;
  ++f->count;
  goto min_repeat_one_try;

  // ---- REPEAT: the context goes when the item (and everything after it) returns.
repeat_resume:
  popRepeat();
  if (ret < 0) return fail(ret);
  if (ret != 0) SRE_SUCCEED;
  SRE_FAIL;

  // ---- MAX_UNTIL
max_until_1_resume:
  if (ret < 0) return fail(ret);
  if (ret != 0) SRE_SUCCEED;
  repeats_[f->rep].count = f->count - 1;
  ptr = p;
  SRE_FAIL;
max_until_2_resume:
  repeats_[f->rep].last_ptr = saved_.back();
  saved_.pop();
  if (ret != 0) {
    dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_SUCCEED;
  }
  popMarks(f->lastmark, true);
  restoreLastmark();
  repeats_[f->rep].count = f->count - 1;
  ptr = p;
max_until_tail:
  // No more items here: the tail must match, outside this repeat.
  repeat_ = repeats_[f->rep].prev;
  SRE_CALL(MaxUntil3, pc, f->toplevel);
max_until_3_resume:
  repeat_ = f->rep;
  if (ret < 0) return fail(ret);
  if (ret != 0) SRE_SUCCEED;
  ptr = p;
  SRE_FAIL;

  // ---- MIN_UNTIL
min_until_1_resume:
  if (ret < 0) return fail(ret);
  if (ret != 0) SRE_SUCCEED;
  repeats_[f->rep].count = f->count - 1;
  ptr = p;
  SRE_FAIL;
min_until_2_resume : {
  int repeat_of_tail = repeat_;
  repeat_ = f->rep;
  if (ret != 0) {
    if (repeat_of_tail >= 0) dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_SUCCEED;
  }
  if (repeat_of_tail >= 0) popMarks(f->lastmark, true);
  restoreLastmark();
  ptr = p;
  RepeatContext<C>& rep = repeats_[f->rep];
  if ((f->count >= static_cast<ptrdiff_t>(rep.pattern[2]) && rep.pattern[2] != kMaxRepeat) ||
      ptr == rep.last_ptr)
    SRE_FAIL;
  rep.count = f->count;
  if (!pushSaved(rep.last_ptr)) return fail(kErrorMemory);
  repeats_[f->rep].last_ptr = ptr;
  SRE_CALL(MinUntil3, repeats_[f->rep].pattern + 3, f->toplevel);
}
min_until_3_resume:
  repeats_[f->rep].last_ptr = saved_.back();
  saved_.pop();
  if (ret < 0) return fail(ret);
  if (ret != 0) SRE_SUCCEED;
  repeats_[f->rep].count = f->count - 1;
  ptr = p;
  SRE_FAIL;

  // ---- POSSESSIVE_REPEAT: the minimum first, each a separate match.
possessive_min:
  if (f->count < static_cast<ptrdiff_t>(pc[1])) SRE_CALL(PossessiveRepeat1, pc + 3, false);
  // Then more while they match and move forward. p is the start of the last item tried; it
  // starts as nullptr so that the loop is entered.
  p = nullptr;
  goto possessive_more;
possessive_1_resume:
  if (ret < 0) return fail(ret);
  if (ret == 0) {
    ptr = p;
    if (!limits_.python312) popRepeat();
    SRE_FAIL;
  }
  ++f->count;
  goto possessive_min;
possessive_more:
  if ((f->count < static_cast<ptrdiff_t>(pc[2]) || pc[2] == kMaxRepeat) && ptr != p) {
    saveLastmark();
    if (!pushMarks(f->lastmark)) return fail(kErrorMemory);
    p = ptr;
    SRE_CALL(PossessiveRepeat2, pc + 3, false);
  }
  goto possessive_tail;
possessive_2_resume:
  if (ret != 0) {
    dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    ++f->count;
    goto possessive_more;
  }
  popMarks(f->lastmark, true);
  restoreLastmark();
  ptr = p;
possessive_tail:
  if (!limits_.python312) popRepeat();
  pc += pc[0] + 1;
  p = ptr;
  goto dispatch;

  // ---- ATOMIC_GROUP
atomic_group_resume:
  if (ret < 0) return fail(ret);
  if (ret == 0) {
    ptr = p;
    SRE_FAIL;
  }
  pc += pc[0];
  p = ptr;
  goto dispatch;

  // ---- ASSERT, ASSERT_NOT
assert_resume:
  if (ret < 0) return fail(ret);
  if (ret == 0) SRE_FAIL;
  pc += pc[0];
  goto dispatch;
assert_not_resume:
  if (ret != 0) {
    if (repeat_ >= 0) dropMarks(f->lastmark);
    if (ret < 0) return fail(ret);
    SRE_FAIL;
  }
  if (repeat_ >= 0) popMarks(f->lastmark, true);
  restoreLastmark();
  pc += pc[0];
  goto dispatch;

  // ---- Return from the current frame to its caller.
done:
  frames_.pop();
  if (frames_.size() == base) return ret;
  f = &frames_.back();
  pc = f->pc;
  p = f->ptr;
  switch (f->resume) {
    case Resume::Branch:
      goto branch_resume;
    case Resume::RepeatOneLiteral:
      goto repeat_one_literal_resume;
    case Resume::RepeatOne:
      goto repeat_one_resume;
    case Resume::MinRepeatOne:
      goto min_repeat_one_resume;
    case Resume::Repeat:
      goto repeat_resume;
    case Resume::MaxUntil1:
      goto max_until_1_resume;
    case Resume::MaxUntil2:
      goto max_until_2_resume;
    case Resume::MaxUntil3:
      goto max_until_3_resume;
    case Resume::MinUntil1:
      goto min_until_1_resume;
    case Resume::MinUntil2:
      goto min_until_2_resume;
    case Resume::MinUntil3:
      goto min_until_3_resume;
    case Resume::PossessiveRepeat1:
      goto possessive_1_resume;
    case Resume::PossessiveRepeat2:
      goto possessive_2_resume;
    case Resume::AtomicGroup:
      goto atomic_group_resume;
    case Resume::Assert:
      goto assert_resume;
    case Resume::AssertNot:
      goto assert_not_resume;
    case Resume::None:
      break;
  }
  GBC_UNREACHABLE("a frame returned to a caller that was not waiting");

#undef SRE_CALL
#undef SRE_FAIL
#undef SRE_SUCCEED
}

template ptrdiff_t Engine<uint8_t>::count(const Code*, Code);
template ptrdiff_t Engine<uint16_t>::count(const Code*, Code);
template ptrdiff_t Engine<uint32_t>::count(const Code*, Code);
template int Engine<uint8_t>::run(const Code*, bool);
template int Engine<uint16_t>::run(const Code*, bool);
template int Engine<uint32_t>::run(const Code*, bool);

}  // namespace gbc::native::sre::detail
