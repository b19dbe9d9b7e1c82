// The code checker. Every jump in compiled code is relative and forward, and jumps nest (a later
// jump never ends past an earlier one), so each construct can be checked as a block of known
// extent: its skip word says where it ends, and what lies inside is checked recursively.
#include "native/sre/validate.h"

namespace gbc::native::sre {

namespace {

// Deeper nesting than any pattern re._parser accepts (its own recursion stops far earlier).
constexpr int kMaxDepth = 10000;

enum class Inner { Bad, Ok, EndsWithJump };

class Validator {
 public:
  Validator(std::ptrdiff_t groups, const Code* base, std::vector<size_t>* sets)
      : groups_(static_cast<uint64_t>(groups)), base_(base), sets_(sets) {}

  // [code, end) is a sequence of operations.
  Inner block(const Code* code, const Code* end, int depth) {
    if (code > end || depth > kMaxDepth) return Inner::Bad;
    while (code < end) {
      Code op = *code++;
      switch (op) {
        case op::kMark:
          if (code >= end || *code >= 2 * groups_) return Inner::Bad;
          ++code;
          break;
        case op::kLiteral:
        case op::kNotLiteral:
        case op::kLiteralIgnore:
        case op::kNotLiteralIgnore:
        case op::kLiteralUniIgnore:
        case op::kNotLiteralUniIgnore:
        case op::kLiteralLocIgnore:
        case op::kNotLiteralLocIgnore:
          if (code >= end) return Inner::Bad;
          ++code;
          break;
        case op::kSuccess:
        case op::kFailure:
        case op::kAny:
        case op::kAnyAll:
          break;
        case op::kAt:
          if (code >= end || *code > at::kUniNonBoundary) return Inner::Bad;
          ++code;
          break;
        case op::kIn:
        case op::kInIgnore:
        case op::kInUniIgnore:
        case op::kInLocIgnore: {
          // <IN> <skip> set... FAILURE; the skip counts from its own word.
          Code skip = 0;
          if (!readSkip(code, end, skip) || skip < 2) return Inner::Bad;
          const Code* set_end = code + skip - 2;
          if (!charset(code, set_end) || *set_end != op::kFailure) return Inner::Bad;
          noteSet(code);
          code = set_end + 1;
          break;
        }
        case op::kInfo:
          if (!info(code, end)) return Inner::Bad;
          break;
        case op::kBranch:
          if (!branch(code, end, depth)) return Inner::Bad;
          break;
        case op::kRepeatOne:
        case op::kMinRepeatOne:
        case op::kPossessiveRepeatOne: {
          // <op> <skip> <min> <max> item SUCCESS tail
          Code skip = 0;
          if (!readSkip(code, end, skip) || skip < 4 || end - code < 2) return Inner::Bad;
          if (code[0] > code[1]) return Inner::Bad;
          const Code* item_end = code - 1 + skip - 1;
          if (block(code + 2, item_end, depth + 1) != Inner::Ok) return Inner::Bad;
          if (*item_end != op::kSuccess) return Inner::Bad;
          code = item_end + 1;
          break;
        }
        case op::kRepeat:
        case op::kPossessiveRepeat: {
          // <op> <skip> <min> <max> item (MAX_UNTIL | MIN_UNTIL | SUCCESS) tail
          Code skip = 0;
          if (!readSkip(code, end, skip) || skip < 3 || end - code < 2) return Inner::Bad;
          if (code[0] > code[1]) return Inner::Bad;
          const Code* item_end = code - 1 + skip;
          if (item_end >= end) return Inner::Bad;
          if (block(code + 2, item_end, depth + 1) != Inner::Ok) return Inner::Bad;
          Code until = *item_end;
          if (op == op::kPossessiveRepeat ? until != op::kSuccess
                                          : until != op::kMaxUntil && until != op::kMinUntil)
            return Inner::Bad;
          code = item_end + 1;
          break;
        }
        case op::kAtomicGroup: {
          // <ATOMIC_GROUP> <skip> item SUCCESS tail
          Code skip = 0;
          if (!readSkip(code, end, skip) || skip < 2) return Inner::Bad;
          const Code* item_end = code - 1 + skip - 1;
          if (block(code, item_end, depth + 1) != Inner::Ok) return Inner::Bad;
          if (*item_end != op::kSuccess) return Inner::Bad;
          code = item_end + 1;
          break;
        }
        case op::kGroupref:
        case op::kGrouprefIgnore:
        case op::kGrouprefUniIgnore:
        case op::kGrouprefLocIgnore:
          if (code >= end || *code >= groups_) return Inner::Bad;
          ++code;
          break;
        case op::kGrouprefExists:
          if (!grouprefExists(code, end, depth)) return Inner::Bad;
          break;
        case op::kAssert:
        case op::kAssertNot: {
          // <op> <skip> <back> item SUCCESS tail
          Code skip = 0;
          if (!readSkip(code, end, skip) || skip < 3 || code >= end) return Inner::Bad;
          const Code* item_end = code - 1 + skip - 1;
          if (block(code + 1, item_end, depth + 1) != Inner::Ok) return Inner::Bad;
          if (*item_end != op::kSuccess) return Inner::Bad;
          code = item_end + 1;
          break;
        }
        case op::kJump:
          // Only as the last operation of a block (a branch arm, the yes-arm of a
          // GROUPREF_EXISTS); its target is checked by the construct around it.
          if (code + 1 != end) return Inner::Bad;
          return Inner::EndsWithJump;
        default:
          return Inner::Bad;
      }
    }
    return Inner::Ok;
  }

 private:
  // Reads the skip word at `code` (which counts from its own position) and moves past it; the
  // skip must not reach beyond `end`.
  static bool readSkip(const Code*& code, const Code* end, Code& skip) {
    if (code >= end) return false;
    skip = *code;
    if (skip > static_cast<uint64_t>(end - code)) return false;
    ++code;
    return true;
  }

  // The items of a character set, [code, end).
  static bool charset(const Code* code, const Code* end) {
    while (code < end) {
      switch (*code++) {
        case op::kNegate:
          break;
        case op::kLiteral:
          if (end - code < 1) return false;
          code += 1;
          break;
        case op::kRange:
        case op::kRangeUniIgnore:
          if (end - code < 2) return false;
          code += 2;
          break;
        case op::kCharset:
          if (end - code < 8) return false;  // a 256-bit map
          code += 8;
          break;
        case op::kBigCharset: {
          // <BIGCHARSET> <blocks> <256 block numbers, one byte each> <blocks 256-bit maps>
          if (end - code < 1 + 64) return false;
          Code blocks = *code++;
          for (int i = 0; i < 256; ++i)
            if (((code[i / 4] >> (8 * (i % 4))) & 0xFF) >= blocks) return false;
          code += 64;
          if (static_cast<uint64_t>(end - code) < uint64_t{blocks} * 8) return false;
          code += blocks * 8;
          break;
        }
        case op::kCategory:
          if (end - code < 1 || *code > category::kUniNotLinebreak) return false;
          code += 1;
          break;
        default:
          return false;
      }
    }
    return true;
  }

  // <INFO> <skip> <flags> <min> <max> [<prefix_len> <prefix_skip> prefix overlap | charset]
  bool info(const Code*& code, const Code* end) {
    Code skip = 0;
    if (!readSkip(code, end, skip) || skip < 4) return false;
    const Code* next = code - 1 + skip;
    Code flags = code[0];
    code += 3;
    if ((flags & ~(info::kPrefix | info::kLiteral | info::kCharset)) != 0) return false;
    if ((flags & info::kPrefix) && (flags & info::kCharset)) return false;
    if ((flags & info::kLiteral) && !(flags & info::kPrefix)) return false;
    if (flags & info::kPrefix) {
      if (next - code < 2) return false;
      Code prefix_len = code[0];
      Code prefix_skip = code[1];
      code += 2;
      if (prefix_len > static_cast<uint64_t>(next - code) / 2) return false;
      code += prefix_len;  // the prefix
      for (Code i = 0; i < prefix_len; ++i)
        if (code[i] >= prefix_len) return false;  // the overlap table
      code += prefix_len;
      // The search starts matching after prefix_skip LITERALs that it has already seen.
      if (prefix_skip > prefix_len) return false;
      if (static_cast<uint64_t>(end - next) < uint64_t{prefix_skip} * 2) return false;
      for (Code i = 0; i < prefix_skip; ++i)
        if (next[2 * i] != op::kLiteral) return false;
    }
    if (flags & info::kCharset) {
      if (next <= code || !charset(code, next - 1) || next[-1] != op::kFailure) return false;
      noteSet(code);
      code = next;
    }
    return code == next;
  }

  // <BRANCH> (<skip> arm <JUMP> <skip to the end>)* <0>
  bool branch(const Code*& code, const Code* end, int depth) {
    const Code* target = nullptr;
    for (;;) {
      Code skip = 0;
      if (!readSkip(code, end, skip)) return false;
      if (skip == 0) break;
      if (skip < 3) return false;
      const Code* arm_end = code - 1 + skip - 2;
      if (block(code, arm_end, depth + 1) != Inner::Ok) return false;
      code = arm_end;
      if (*code++ != op::kJump) return false;
      Code jump = 0;
      if (!readSkip(code, end, jump)) return false;
      const Code* jump_target = code - 1 + jump;
      if (target == nullptr)
        target = jump_target;
      else if (jump_target != target)
        return false;
    }
    return code == target;
  }

  // <GROUPREF_EXISTS> <group> <skip> yes-arm [<JUMP> <skip> no-arm]; the first skip counts
  // from the group word.
  bool grouprefExists(const Code*& code, const Code* end, int depth) {
    if (end - code < 2 || code[0] >= groups_) return false;
    const Code* group_word = code;
    Code skip = code[1];
    if (skip < 2 || skip > static_cast<uint64_t>(end - group_word)) return false;
    const Code* yes_end = group_word + skip;
    Inner yes = block(group_word + 2, yes_end, depth + 1);
    if (yes == Inner::Bad) return false;
    if (yes == Inner::Ok) {
      code = yes_end;
      return true;
    }
    // The yes-arm ended with JUMP <skip>: its skip word is the last word of the arm.
    const Code* jump_word = yes_end - 1;
    Code jump = *jump_word;
    if (jump < 1 || jump > static_cast<uint64_t>(end - jump_word)) return false;
    const Code* no_end = jump_word + jump;
    if (block(yes_end, no_end, depth + 1) != Inner::Ok) return false;
    code = no_end;
    return true;
  }

  void noteSet(const Code* set) {
    if (sets_ != nullptr) sets_->push_back(static_cast<size_t>(set - base_));
  }

  uint64_t groups_;
  const Code* base_;
  std::vector<size_t>* sets_;
};

}  // namespace

bool validateCode(std::span<const Code> code, std::ptrdiff_t groups,
                  std::vector<size_t>* set_offsets) {
  if (groups < 0 || static_cast<uint64_t>(groups) > kMaxGroups) return false;
  if (code.empty() || code.back() != op::kSuccess) return false;
  Validator validator(groups, code.data(), set_offsets);
  return validator.block(code.data(), code.data() + code.size() - 1, 0) == Inner::Ok;
}

}  // namespace gbc::native::sre
