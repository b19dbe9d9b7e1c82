// Match statements (PEP 634), compiled as CPython 3.12 does (compiler_match and the
// compiler_pattern_* family). The subject is copied for every case but the last; a pattern
// consumes its subject and either falls through (matched) or jumps to a "fail_pop" label that
// pops what it left on the stack. Captured values stay on the stack, below the items the
// pattern still works on, and are stored all at once when the whole pattern has matched (a
// failed case binds nothing). Or-patterns rotate their captures into the first alternative's
// order.
#include <algorithm>
#include <set>

#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;
using syntax::Pattern;
using syntax::PatternKind;

namespace {

struct PatternContext {
  std::vector<std::string> stores;  // names captured so far, in stack order (see storeName)
  bool allow_irrefutable = false;
  std::vector<int> fail_pop;  // fail_pop[n]: pops n items, then goes to the failure target
  int on_top = 0;             // items above the captures that the pattern still needs
};

bool isWildcard(const Pattern& p) {
  return p.kind == PatternKind::MatchAs && !p.pattern && !p.name;
}
bool isStarWildcard(const Pattern& p) { return p.kind == PatternKind::MatchStar && !p.name; }

class MatchCompiler {
 public:
  explicit MatchCompiler(Compiler& c) : c_(c) {}

  void pattern(const Pattern& p, PatternContext& pc);
  void subpattern(const Pattern& p, PatternContext& pc) {
    bool saved = pc.allow_irrefutable;
    pc.allow_irrefutable = true;
    pattern(p, pc);
    pc.allow_irrefutable = saved;
  }
  /// Jumps (conditionally with `op`) to the label that pops everything the pattern holds.
  void jumpToFailPop(PatternContext& pc, Op op, const syntax::Span& pos) {
    size_t pops = static_cast<size_t>(pc.on_top) + pc.stores.size();
    ensureFailPop(pc, pops);
    c_.emitJump(op, pc.fail_pop[pops], pos);
  }
  void ensureFailPop(PatternContext& pc, size_t n) {
    while (pc.fail_pop.size() <= n) pc.fail_pop.push_back(c_.newLabel());
  }
  void emitAndResetFailPop(PatternContext& pc, const syntax::Span& pos) {
    if (pc.fail_pop.empty()) return;
    for (size_t i = pc.fail_pop.size(); i-- > 1;) {
      c_.bind(pc.fail_pop[i]);
      c_.emit(Op::POP_TOP, 0, pos);
    }
    c_.bind(pc.fail_pop[0]);
    pc.fail_pop.clear();
  }

 private:
  void rotate(int count, const syntax::Span& pos) {
    while (count > 1) c_.emit(Op::SWAP, count--, pos);
  }
  void storeName(const std::optional<std::string>& name, PatternContext& pc,
                 const syntax::Span& pos) {
    if (!name) {
      c_.emit(Op::POP_TOP, 0, pos);
      return;
    }
    if (*name == "__debug__") Compiler::error(pos, "cannot assign to __debug__");
    for (const std::string& s : pc.stores)
      if (s == *name)
        Compiler::error(pos, "multiple assignments to name '" + *name + "' in pattern");
    rotate(pc.on_top + static_cast<int>(pc.stores.size()) + 1, pos);
    pc.stores.push_back(*name);
  }
  void loadInt(int64_t v, const syntax::Span& pos) {
    syntax::ConstantValue c;
    c.kind = syntax::ConstantValue::Kind::Int;
    c.i = v;
    c_.loadConst(c, pos);
  }
  void sequence(const Pattern& p, PatternContext& pc);
  void mapping(const Pattern& p, PatternContext& pc);
  void classPattern(const Pattern& p, PatternContext& pc);
  void orPattern(const Pattern& p, PatternContext& pc);

  Compiler& c_;
};

bool isLiteralValue(const syntax::Expr& e) {
  // A literal as the parser gives it: a constant, -constant, or real +/- imaginary.
  switch (e.kind) {
    case ExprKind::Constant:
    case ExprKind::Attribute:
      return true;
    case ExprKind::UnaryOp:
      return e.operand->kind == ExprKind::Constant;
    case ExprKind::BinOp:
      return isLiteralValue(*e.left) && e.right->kind == ExprKind::Constant;
    default:
      return false;
  }
}

void MatchCompiler::pattern(const Pattern& p, PatternContext& pc) {
  const syntax::Span& pos = p.span;
  switch (p.kind) {
    case PatternKind::MatchValue:
      if (!isLiteralValue(*p.value))
        Compiler::error(pos, "patterns may only match literals and attribute lookups");
      c_.compileExpr(*p.value);
      c_.emit(Op::COMPARE_OP, static_cast<int32_t>(syntax::CmpOpKind::Eq), pos);
      return jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
    case PatternKind::MatchSingleton:
      c_.loadConst(p.singleton, pos);
      c_.emit(Op::IS_OP, 0, pos);
      return jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
    case PatternKind::MatchSequence:
      return sequence(p, pc);
    case PatternKind::MatchMapping:
      return mapping(p, pc);
    case PatternKind::MatchClass:
      return classPattern(p, pc);
    case PatternKind::MatchStar:
      return storeName(p.name, pc, pos);
    case PatternKind::MatchAs:
      if (!p.pattern) {
        if (!pc.allow_irrefutable) {
          if (p.name)
            Compiler::error(pos,
                            "name capture '" + *p.name + "' makes remaining patterns unreachable");
          Compiler::error(pos, "wildcard makes remaining patterns unreachable");
        }
        return storeName(p.name, pc, pos);
      }
      // A copy to store if the inner pattern matches.
      ++pc.on_top;
      c_.emit(Op::COPY, 1, pos);
      pattern(*p.pattern, pc);
      --pc.on_top;
      return storeName(p.name, pc, pos);
    case PatternKind::MatchOr:
      return orPattern(p, pc);
  }
  GBC_UNREACHABLE("pattern kind");
}

void MatchCompiler::sequence(const Pattern& p, PatternContext& pc) {
  const syntax::Span& pos = p.span;
  const auto& pats = p.patterns;
  const int size = static_cast<int>(pats.size());
  int star = -1;
  bool only_wildcard = true, star_wildcard = false;
  for (int i = 0; i < size; ++i) {
    const Pattern& sub = *pats[static_cast<size_t>(i)];
    if (sub.kind == PatternKind::MatchStar) {
      if (star >= 0) Compiler::error(pos, "multiple starred names in sequence pattern");
      star_wildcard = isStarWildcard(sub);
      only_wildcard = only_wildcard && star_wildcard;
      star = i;
      continue;
    }
    only_wildcard = only_wildcard && isWildcard(sub);
  }
  // The subject stays on top during the type and length checks.
  ++pc.on_top;
  c_.emit(Op::MATCH_SEQUENCE, 0, pos);
  jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  if (star < 0) {
    c_.emit(Op::GET_LEN, 0, pos);
    loadInt(size, pos);
    c_.emit(Op::COMPARE_OP, static_cast<int32_t>(syntax::CmpOpKind::Eq), pos);
    jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  } else if (size > 1) {
    c_.emit(Op::GET_LEN, 0, pos);
    loadInt(size - 1, pos);
    c_.emit(Op::COMPARE_OP, static_cast<int32_t>(syntax::CmpOpKind::GtE), pos);
    jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  }
  --pc.on_top;
  if (only_wildcard) {
    c_.emit(Op::POP_TOP, 0, pos);  // [], [_], [*_], [_, *_]...: nothing more to look at
    return;
  }
  if (star_wildcard) {
    // Index the items instead of unpacking them all (`[a, *_, b]` on a long sequence).
    ++pc.on_top;
    for (int i = 0; i < size; ++i) {
      const Pattern& sub = *pats[static_cast<size_t>(i)];
      if (isWildcard(sub) || i == star) continue;
      c_.emit(Op::COPY, 1, pos);
      if (i < star) {
        loadInt(i, pos);
      } else {
        // A non-negative index: the subject may not support negative ones.
        c_.emit(Op::GET_LEN, 0, pos);
        loadInt(size - i, pos);
        c_.emit(Op::BINARY_OP, binaryOpArg(syntax::BinOpKind::Sub, false), pos);
      }
      c_.emit(Op::BINARY_SUBSCR, 0, pos);
      subpattern(sub, pc);
    }
    --pc.on_top;
    c_.emit(Op::POP_TOP, 0, pos);
    return;
  }
  if (star < 0) {
    c_.emit(Op::UNPACK_SEQUENCE, size, pos);
  } else {
    c_.emit(Op::UNPACK_EX, star | ((size - star - 1) << 8), pos);
  }
  pc.on_top += size;
  for (int i = 0; i < size; ++i) {
    --pc.on_top;
    subpattern(*pats[static_cast<size_t>(i)], pc);
  }
}

/// A key for CPython's compile-time duplicate check (Python equality of constants: 1, 1.0 and
/// True are the same key), or "" when the key is not a constant.
std::string constantKey(const syntax::Expr& e, std::string& shown) {
  Constant folded;
  if (!foldConstant(e, folded) || folded.kind != Constant::Kind::Value) return {};
  const syntax::ConstantValue& v = folded.value;
  using K = syntax::ConstantValue::Kind;
  switch (v.kind) {
    case K::None:
      shown = "None";
      return "N";
    case K::Bool:
      shown = v.b ? "True" : "False";
      return "n" + std::to_string(v.b ? 1 : 0);
    case K::Int:
      shown = std::to_string(v.i);
      return "n" + std::to_string(v.i);
    case K::BigInt:
      shown = v.str;
      return "n" + v.str;
    case K::Float:
      shown = std::to_string(v.f);
      if (v.f == static_cast<double>(static_cast<int64_t>(v.f)))
        return "n" + std::to_string(static_cast<int64_t>(v.f));
      return "f" + std::to_string(v.f);
    case K::Complex:
      shown = std::to_string(v.f) + "j";
      return "j" + std::to_string(v.f);
    case K::Str:
      shown = pyStringRepr(v.str, false);
      return "s" + v.str;
    case K::Bytes:
      shown = pyStringRepr(v.str, true);
      return "b" + v.str;
    case K::Ellipsis:
      shown = "Ellipsis";
      return "E";
  }
  return {};
}

void MatchCompiler::mapping(const Pattern& p, PatternContext& pc) {
  const syntax::Span& pos = p.span;
  const int size = static_cast<int>(p.keys.size());
  ++pc.on_top;
  c_.emit(Op::MATCH_MAPPING, 0, pos);
  jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  if (size == 0 && !p.rest) {
    --pc.on_top;
    c_.emit(Op::POP_TOP, 0, pos);  // `{}` matches any mapping
    return;
  }
  if (size > 0) {
    c_.emit(Op::GET_LEN, 0, pos);
    loadInt(size, pos);
    c_.emit(Op::COMPARE_OP, static_cast<int32_t>(syntax::CmpOpKind::GtE), pos);
    jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  }
  std::set<std::string> seen;
  for (const auto& key : p.keys) {
    std::string shown;
    std::string k = constantKey(*key, shown);
    if (!k.empty()) {
      if (!seen.insert(k).second)
        Compiler::error(pos, "mapping pattern checks duplicate key (" + shown + ")");
    } else if (key->kind != ExprKind::Attribute && !isLiteralValue(*key)) {
      Compiler::error(pos, "mapping pattern keys may only match literals and attribute lookups");
    }
    c_.compileExpr(*key);
  }
  c_.emit(Op::BUILD_TUPLE, size, pos);
  c_.emit(Op::MATCH_KEYS, 0, pos);
  // The keys and the values (or None) are now on top of the subject.
  pc.on_top += 2;
  c_.emit(Op::COPY, 1, pos);
  c_.loadNone(pos);
  c_.emit(Op::IS_OP, 1, pos);
  jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  c_.emit(Op::UNPACK_SEQUENCE, size, pos);
  pc.on_top += size - 1;
  for (int i = 0; i < size; ++i) {
    --pc.on_top;
    subpattern(*p.patterns[static_cast<size_t>(i)], pc);
  }
  pc.on_top -= 2;
  if (p.rest) {
    // rest = dict(subject); for key in keys: del rest[key]
    c_.emit(Op::BUILD_MAP, 0, pos);    // [subject, keys, {}]
    c_.emit(Op::SWAP, 3, pos);         // [{}, keys, subject]
    c_.emit(Op::DICT_UPDATE, 2, pos);  // [rest, keys]
    c_.emit(Op::UNPACK_SEQUENCE, size, pos);
    for (int n = size; n > 0; --n) {
      c_.emit(Op::COPY, 1 + n, pos);
      c_.emit(Op::SWAP, 2, pos);
      c_.emit(Op::DELETE_SUBSCR, 0, pos);
    }
    storeName(p.rest, pc, pos);
  } else {
    c_.emit(Op::POP_TOP, 0, pos);  // the keys
    c_.emit(Op::POP_TOP, 0, pos);  // the subject
  }
}

void MatchCompiler::classPattern(const Pattern& p, PatternContext& pc) {
  const syntax::Span& pos = p.span;
  const int nargs = static_cast<int>(p.patterns.size());
  const int nattrs = static_cast<int>(p.kwd_attrs.size());
  for (int i = 0; i < nattrs; ++i) {
    const std::string& a = p.kwd_attrs[static_cast<size_t>(i)];
    if (a == "__debug__") Compiler::error(pos, "cannot assign to __debug__");
    for (int j = i + 1; j < nattrs; ++j)
      if (p.kwd_attrs[static_cast<size_t>(j)] == a)
        Compiler::error(p.kwd_patterns[static_cast<size_t>(j)]->span,
                        "attribute name repeated in class pattern: " + a);
  }
  c_.compileExpr(*p.cls);
  Constant names;
  names.kind = Constant::Kind::Tuple;
  for (const std::string& a : p.kwd_attrs) {
    Constant n;
    n.value.kind = syntax::ConstantValue::Kind::Str;
    n.value.str = a;
    names.tuple.push_back(n);
  }
  c_.emit(Op::LOAD_CONST, c_.addConst(names), pos);
  c_.emit(Op::MATCH_CLASS, nargs, pos);
  c_.emit(Op::COPY, 1, pos);
  c_.loadNone(pos);
  c_.emit(Op::IS_OP, 1, pos);
  // The tuple of attributes (or None) is on top.
  ++pc.on_top;
  jumpToFailPop(pc, Op::POP_JUMP_IF_FALSE, pos);
  c_.emit(Op::UNPACK_SEQUENCE, nargs + nattrs, pos);
  pc.on_top += nargs + nattrs - 1;
  for (int i = 0; i < nargs + nattrs; ++i) {
    --pc.on_top;
    const Pattern& sub = i < nargs ? *p.patterns[static_cast<size_t>(i)]
                                   : *p.kwd_patterns[static_cast<size_t>(i - nargs)];
    if (isWildcard(sub)) {
      c_.emit(Op::POP_TOP, 0, pos);
      continue;
    }
    subpattern(sub, pc);
  }
}

void MatchCompiler::orPattern(const Pattern& p, PatternContext& pc) {
  const syntax::Span& pos = p.span;
  int end = c_.newLabel();
  const size_t size = p.patterns.size();
  PatternContext old = pc;
  std::vector<std::string> control;
  for (size_t i = 0; i < size; ++i) {
    const Pattern& alt = *p.patterns[i];
    pc.stores.clear();
    // An irrefutable alternative must come last, if allowed at all.
    pc.allow_irrefutable = i == size - 1 && old.allow_irrefutable;
    pc.fail_pop.clear();
    pc.on_top = 0;
    c_.emit(Op::COPY, 1, alt.span);
    pattern(alt, pc);
    const size_t nstores = pc.stores.size();
    if (i == 0) {
      control = pc.stores;
    } else if (nstores != control.size()) {
      Compiler::error(pos, "alternative patterns bind different names");
    } else if (nstores > 0) {
      // Reorder the captures on the stack into the first alternative's order.
      for (size_t icontrol = nstores; icontrol-- > 0;) {
        const std::string& name = control[icontrol];
        auto it = std::find(pc.stores.begin(), pc.stores.end(), name);
        if (it == pc.stores.end())
          Compiler::error(pos, "alternative patterns bind different names");
        size_t istores = static_cast<size_t>(it - pc.stores.begin());
        if (icontrol == istores) continue;
        size_t rotations = istores + 1;
        std::vector<std::string> rotated(pc.stores.begin(),
                                         pc.stores.begin() + static_cast<long>(rotations));
        pc.stores.erase(pc.stores.begin(), pc.stores.begin() + static_cast<long>(rotations));
        pc.stores.insert(pc.stores.begin() + static_cast<long>(icontrol - istores), rotated.begin(),
                         rotated.end());
        while (rotations--) rotate(static_cast<int>(icontrol) + 1, alt.span);
      }
    }
    c_.emitJump(Op::JUMP, end, alt.span);
    emitAndResetFailPop(pc, alt.span);
  }
  pc = old;
  // No alternative matched: pop the remaining copy of the subject and fail.
  c_.emit(Op::POP_TOP, 0, pos);
  jumpToFailPop(pc, Op::JUMP, pos);
  c_.bind(end);
  const int nrots =
      static_cast<int>(control.size()) + 1 + pc.on_top + static_cast<int>(pc.stores.size());
  for (const std::string& name : control) {
    rotate(nrots, pos);
    for (const std::string& s : pc.stores)
      if (s == name) Compiler::error(pos, "multiple assignments to name '" + name + "' in pattern");
    pc.stores.push_back(name);
  }
  c_.emit(Op::POP_TOP, 0, pos);  // the copy of the subject
}

}  // namespace

void Compiler::compileMatch(const Stmt& s) {
  compileExpr(*s.value);
  MatchCompiler mc(*this);
  int end = newLabel();
  const size_t cases = s.cases.size();
  const bool has_default = isWildcard(*s.cases.back().pattern) && cases > 1;
  for (size_t i = 0; i < cases - (has_default ? 1 : 0); ++i) {
    const syntax::MatchCase& m = s.cases[i];
    const bool last = i == cases - (has_default ? 1 : 0) - 1;
    if (!last) emit(Op::COPY, 1, m.pattern->span);  // every case but the last gets a copy
    PatternContext pc;
    // Irrefutable cases must be guarded, last, or both.
    pc.allow_irrefutable = m.guard != nullptr || i == cases - 1;
    mc.pattern(*m.pattern, pc);
    GBC_CHECK(pc.on_top == 0, "pattern left items on the stack");
    for (const std::string& name : pc.stores) nameOp(name, NameCtx::Store, m.pattern->span);
    if (m.guard) {
      mc.ensureFailPop(pc, 0);
      compileJumpIf(*m.guard, pc.fail_pop[0], false);
    }
    if (!last) emit(Op::POP_TOP, 0, m.pattern->span);  // done with the subject
    compileStmts(m.body);
    emitJump(Op::JUMP, end, s.span);
    mc.emitAndResetFailPop(pc, m.pattern->span);
  }
  if (has_default) {
    const syntax::MatchCase& m = s.cases.back();
    emit(Op::NOP, 0, m.pattern->span);
    if (m.guard) compileJumpIf(*m.guard, end, false);
    compileStmts(m.body);
  }
  bind(end);
}

}  // namespace gbc::interp::compiler_detail
