// The matching engine: the state of one match or search over one subject (CPython's SRE_STATE)
// and the interpreter of compiled code, for subjects of 1-, 2- and 4-byte characters.
// Private to lib/native/sre: pattern.h is the interface.
//
// Like CPython's engine it never recurses on the C++ stack for backtracking: each place where
// CPython's sre_lib.h would call itself pushes a Frame on an explicit stack and jumps, and the
// frame's `resume` says where its owner continues when the callee returns. Group marks saved for
// backtracking live on a second stack, repeat contexts on a third; all three are strictly LIFO.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <vector>

#include "native/sre/charset.h"
#include "native/sre/constants.h"

namespace gbc::native::sre::detail {

/// What a match or search step returns: 1 found, 0 not found, negative an error (CPython's
/// SRE_ERROR_* values).
enum Status : int {
  kFound = 1,
  kNotFound = 0,
  kErrorIllegal = -1,      ///< an opcode the engine does not know
  kErrorState = -2,        ///< MAX_UNTIL/MIN_UNTIL without a REPEAT
  kErrorMemory = -9,       ///< the backtracking stacks outgrew EngineLimits::max_stack_bytes
  kErrorInterrupted = -10  ///< the interrupt hook asked to stop
};

/// Caller-supplied limits and hooks.
struct EngineLimits {
  /// Called every 4096 steps (as CPython checks signals); true stops the match with
  /// kErrorInterrupted.
  bool (*interrupted)(void* data) = nullptr;
  void* interrupt_data = nullptr;
  /// The most memory the backtracking stacks may take before the match fails with kErrorMemory
  /// (CPython's limit is what malloc gives).
  size_t max_stack_bytes = size_t{2} << 30;
  /// Behave as CPython 3.12's engine (see Dialect).
  bool python312 = false;
};

/// Where a frame continues when the frame it called returns (CPython's JUMP_* values).
enum class Resume : uint8_t {
  None,
  MaxUntil1,
  MaxUntil2,
  MaxUntil3,
  MinUntil1,
  MinUntil2,
  MinUntil3,
  Repeat,
  RepeatOneLiteral,
  RepeatOne,
  MinRepeatOne,
  Branch,
  Assert,
  AssertNot,
  PossessiveRepeat1,
  PossessiveRepeat2,
  AtomicGroup,
};

template <class C>
struct Frame {
  const Code* pc;   ///< where this frame's operation is, while a callee runs
  const C* ptr;     ///< its subject position then
  ptrdiff_t count;  ///< repetitions matched so far
  uint32_t chr;     ///< REPEAT_ONE: the literal that must follow
  int rep;          ///< MAX_UNTIL/MIN_UNTIL/REPEAT: index of the repeat context
  int lastmark;     ///< lastmark/lastindex to restore when a callee fails
  int lastindex;
  bool toplevel;  ///< whether SUCCESS here ends the whole match (fullmatch, must_advance)
  Resume resume;
};

/// A REPEAT's context: how many times its item has matched, and where the last try began.
template <class C>
struct RepeatContext {
  ptrdiff_t count;
  const Code* pattern;  ///< the REPEAT's operands: <skip> <min> <max> item
  const C* last_ptr;    ///< guards against an item that matches the empty string forever
  int prev;             ///< the enclosing repeat context, or -1
};

/// A stack of trivially copyable values in one malloc'ed block, grown with realloc (which can
/// move a large block's pages instead of copying them): the engine's stacks reach hundreds of
/// megabytes on long subjects, as CPython's data stack does.
template <class T>
class PodStack {
 public:
  PodStack() = default;
  PodStack(const PodStack&) = delete;
  PodStack& operator=(const PodStack&) = delete;
  ~PodStack() { std::free(data_); }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  T& back() { return data_[size_ - 1]; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* end() { return data_ + size_; }
  /// Makes room for `n` values; false when memory ran out.
  bool reserve(size_t n) {
    if (n <= capacity_) return true;
    void* grown = std::realloc(data_, n * sizeof(T));
    if (grown == nullptr) return false;
    data_ = static_cast<T*>(grown);
    capacity_ = n;
    return true;
  }
  /// Appends within the reserved room.
  void push(const T& value) { data_[size_++] = value; }
  void append(const T* values, size_t n) {
    std::memcpy(data_ + size_, values, n * sizeof(T));
    size_ += n;
  }
  void pop() { --size_; }
  void shrink(size_t n) { size_ = n; }
  void clear() { size_ = 0; }

 private:
  static_assert(std::is_trivially_copyable_v<T>);
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

/// One match or search over a subject of characters of type C.
template <class C>
class Engine {
 public:
  /// `code` must have passed validateCode for `groups`; [pos, endpos) has been clamped to
  /// [0, length] by the caller.
  Engine(const Code* code, const SetCache* sets, size_t groups, const C* data, ptrdiff_t length,
         ptrdiff_t pos, ptrdiff_t endpos, const EngineLimits& limits);

  /// Forgets the marks and stacks of the previous attempt (CPython's state_reset).
  void reset();
  /// Matches at `start` (match, fullmatch when match_all is set).
  int match();
  /// Finds the first match at or after `start`; on success `start` is where it begins.
  int search();

  // The state, as CPython's SRE_STATE has it; positions are pointers into the subject.
  const C* beginning;  ///< the subject's first character
  const C* limit;      ///< one past its last character
  const C* start;      ///< where the current attempt began
  const C* end;        ///< endpos
  const C* ptr;        ///< where the current attempt ended (after success)
  ptrdiff_t pos, endpos;
  bool match_all = false;      ///< fullmatch: SUCCESS only at `end`
  bool must_advance = false;   ///< after an empty match: SUCCESS not at `start`
  int lastmark = -1;           ///< highest mark slot set, -1 for none
  int lastindex = -1;          ///< group that closed last, -1 for none
  std::vector<const C*> mark;  ///< 2 slots per group: start and end; nullptr when unset

 private:
  int run(const Code* pattern, bool toplevel);
  ptrdiff_t count(const Code* item, Code maxcount);
  bool atPosition(const C* at_ptr, Code at) const;
  bool inSet(const Code* set, uint32_t ch) const;
  bool inSetLocaleIgnoringCase(const Code* set, uint32_t ch) const;
  bool firstCharMatches(const Code* op, uint32_t ch) const;
  bool pushFrame(const Code* pattern, bool toplevel);
  bool pushMarks(int upto);
  void popMarks(int upto, bool discard);
  void dropMarks(int upto);
  bool pushSaved(const C* value);
  bool pushRepeat(const Code* pattern);
  void popRepeat();
  template <class T>
  bool makeRoom(PodStack<T>& stack, size_t n);
  template <class T>
  bool grow(PodStack<T>& stack, size_t n);
  bool interrupted();

  const Code* code_;
  const SetCache* sets_;  ///< the code's sets for 0..255 (or nullptr)
  EngineLimits limits_;
  unsigned ticks_ = 0;
  int repeat_ = -1;  ///< the current repeat context, or -1
  PodStack<Frame<C>> frames_;
  PodStack<const C*> saved_;  ///< saved marks and last_ptr values
  PodStack<RepeatContext<C>> repeats_;
};

// Engine<uint8_t>, Engine<uint16_t> and Engine<uint32_t> are instantiated in engine.cpp and
// engine_run.cpp. (No `extern template` here: GCC would then not inline the helpers of
// engine_inline.h into the interpreter.)

}  // namespace gbc::native::sre::detail
