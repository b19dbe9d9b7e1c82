// Annotations, compiled as each Python version does:
// - 3.12 (and any version under `from __future__ import annotations`): eager. A module or class
//   body with annotated names starts with SETUP_ANNOTATIONS 1; `x: T = v` stores v, then
//   `__annotations__['x'] = T`. A def gets `__annotations__` (SET_FUNCTION_ATTRIBUTE 4). Under
//   the future import every annotation is its source text (unparseExpr).
// - 3.14 (PEP 649/749): deferred. A def gets `__annotate__(format)` (SET_FUNCTION_ATTRIBUTE
//   16), a function returning the dict. A class body ends with `__annotate_func__ = <function>`
//   (CPython's name in the class namespace); a module starts with `__annotate__ = <function>`
//   and `__conditional_annotations__ = set()`, and each executed annotation adds its index to
//   that set (modules always; classes when an annotation sits in a conditional block), so the
//   function returns only the annotations that ran.
// Annotations of other targets (`a.b: T`, `a[i]: T`) only evaluate the target's parts when
// there is no value, and the annotation itself in module and class bodies, as CPython does.
#include "interp/compiler.h"

namespace gbc::interp::compiler_detail {

using syntax::ExprKind;

static syntax::ConstantValue strValue(const std::string& s) {
  syntax::ConstantValue v;
  v.kind = syntax::ConstantValue::Kind::Str;
  v.str = s;
  return v;
}

void Compiler::compileAnnotationValue(const Expr& annotation) {
  if (future_annotations_) return loadConst(strValue(unparseExpr(annotation)), annotation.span);
  if (annotation.kind == ExprKind::Starred) {
    // `*args: *Ts` (PEP 646): the annotation is the one item of the unpacked value.
    compileExpr(*annotation.value);
    emit(Op::UNPACK_SEQUENCE, 1, annotation.span);
    return;
  }
  compileExpr(annotation);
}

// CPython's check_ann_subscr: every part of a subscript target is evaluated (and dropped).
static void evaluateSubscriptParts(Compiler& c, const Expr& e) {
  if (e.kind == ExprKind::Slice) {
    for (const Expr* part : {e.lower.get(), e.upper.get(), e.step.get()}) {
      if (!part) continue;
      c.compileExpr(*part);
      c.emit(Op::POP_TOP, 0, part->span);
    }
    return;
  }
  if (e.kind == ExprKind::Tuple) {
    for (const auto& elt : e.elts) evaluateSubscriptParts(c, *elt);
    return;
  }
  c.compileExpr(e);
  c.emit(Op::POP_TOP, 0, e.span);
}

void Compiler::compileAnnAssign(const Stmt& s) {
  const Expr& t = *s.target;
  if (s.value) {
    compileExpr(*s.value);
    compileStore(t);
  }
  const ScopeKind k = u_->scope->kind;
  const bool module_or_class =
      (k == ScopeKind::Module || k == ScopeKind::Class) && u_->comps.empty();
  const bool deferred = options_.deferred_annotations && !future_annotations_;
  switch (t.kind) {
    case ExprKind::Name:
      if (t.id == "__debug__") error(t.span, "cannot assign to __debug__");
      if (!s.simple || !module_or_class) break;
      if (deferred) {
        // Record that this annotation ran (3.14's __conditional_annotations__).
        for (const DeferredAnnotation& d : deferred_.back()) {
          if (d.stmt != &s || d.conditional_index < 0) continue;
          if (k == ScopeKind::Module) {
            nameOp("__conditional_annotations__", NameCtx::Load, s.span);
          } else {
            emit(Op::LOAD_DEREF, u_->cell_index.at("__conditional_annotations__"), s.span);
          }
          syntax::ConstantValue idx;
          idx.kind = syntax::ConstantValue::Kind::Int;
          idx.i = d.conditional_index;
          loadConst(idx, s.span);
          emit(Op::SET_ADD, 1, s.span);
          emit(Op::POP_TOP, 0, s.span);
        }
        break;
      }
      compileAnnotationValue(*s.annotation);
      emit(Op::LOAD_NAME, addName("__annotations__"), s.span);
      loadConst(strValue(mangled(t.id)), s.span);
      emit(Op::STORE_SUBSCR, 0, s.span);
      break;
    case ExprKind::Attribute:
      if (!s.value) {
        compileExpr(*t.value);
        emit(Op::POP_TOP, 0, t.span);
      }
      break;
    case ExprKind::Subscript:
      if (!s.value) {
        compileExpr(*t.value);
        emit(Op::POP_TOP, 0, t.span);
        evaluateSubscriptParts(*this, *t.slice);
      }
      break;
    default:
      error(t.span, "invalid node type for annotated assignment");
  }
  // Annotations of complex targets are evaluated in module and class bodies (not as strings).
  if (!s.simple && !future_annotations_ && module_or_class) {
    compileExpr(*s.annotation);
    emit(Op::POP_TOP, 0, s.span);
  }
}

namespace {

struct NamedAnnotation {
  std::string name;
  const Expr* annotation;
};

/// A def's annotations in CPython's order: args, posonlyargs, *args, kwonly, **kwargs, return.
std::vector<NamedAnnotation> defAnnotations(const Stmt& s) {
  std::vector<NamedAnnotation> out;
  const syntax::Parameters& p = *s.params;
  auto add = [&](const syntax::Arg& a) {
    if (a.annotation) out.push_back({a.name, a.annotation.get()});
  };
  for (const auto& a : p.args) add(a);
  for (const auto& a : p.posonlyargs) add(a);
  if (p.vararg) add(*p.vararg);
  for (const auto& a : p.kwonlyargs) add(a);
  if (p.kwarg) add(*p.kwarg);
  if (s.returns) out.push_back({"return", s.returns.get()});
  return out;
}

}  // namespace

void Compiler::compileFunctionAnnotations(const Stmt& s) {
  std::vector<NamedAnnotation> anns = defAnnotations(s);
  if (anns.empty()) return;
  const bool deferred = options_.deferred_annotations && !future_annotations_;
  if (!deferred) {
    for (const NamedAnnotation& a : anns) {
      loadConst(strValue(mangled(a.name)), a.annotation->span);
      compileAnnotationValue(*a.annotation);
    }
    emit(Op::BUILD_MAP, static_cast<int32_t>(anns.size()), s.span);
    emit(Op::SET_FUNCTION_ATTRIBUTE, kFnAnnotations, s.span);
    return;
  }
  const std::string qualname = qualnameFor(s.name, true) + ".__annotate__";
  enterAnnotationScope(st_.scopeFor(s.params.get()), "__annotate__", s.span, true, "format");
  u_->code->qualname = qualname;
  emitFormatCheck(s.span);
  for (const NamedAnnotation& a : anns) {
    loadConst(strValue(mangled(a.name)), a.annotation->span);
    compileAnnotationValue(*a.annotation);
  }
  emit(Op::BUILD_MAP, static_cast<int32_t>(anns.size()), s.span);
  emit(Op::RETURN_VALUE, 0, s.span);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, 0, s.span);
  emit(Op::SET_FUNCTION_ATTRIBUTE, kFnAnnotate, s.span);
}

void Compiler::compileDeferredAnnotations(const Span& pos) {
  Scope* block = u_->scope->annotation_block;
  GBC_CHECK(block != nullptr, "deferred annotations without an annotation scope");
  const bool module = u_->scope->kind == ScopeKind::Module;
  const std::string qualname = qualnameFor("__annotate__", false);
  enterAnnotationScope(*block, "__annotate__", pos, true, "format");
  u_->code->qualname = qualname;
  emitFormatCheck(pos);
  emit(Op::BUILD_MAP, 0, pos);
  for (const DeferredAnnotation& d : deferred_.back()) {
    const Stmt& s = *d.stmt;
    int skip = -1;
    if (d.conditional_index >= 0) {
      skip = newLabel();
      syntax::ConstantValue idx;
      idx.kind = syntax::ConstantValue::Kind::Int;
      idx.i = d.conditional_index;
      loadConst(idx, s.span);
      if (module) {
        emit(Op::LOAD_GLOBAL, addName("__conditional_annotations__"), s.span);
      } else {
        nameOp("__conditional_annotations__", NameCtx::Load, s.span);
      }
      emit(Op::CONTAINS_OP, 0, s.span);
      emitJump(Op::POP_JUMP_IF_FALSE, skip, s.span);
    }
    compileExpr(*s.annotation);
    emit(Op::COPY, 2, s.span);
    loadConst(strValue(mangled(s.target->id)), s.span);
    emit(Op::STORE_SUBSCR, 0, s.span);
    if (skip >= 0) bind(skip);
  }
  emit(Op::RETURN_VALUE, 0, pos);
  std::shared_ptr<CodeObject> code = leaveUnit();
  makeClosure(code, 0, pos);
}

}  // namespace gbc::interp::compiler_detail
