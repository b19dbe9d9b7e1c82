// Pass 1 of the symbol tables, continued: annotation scopes (CPython's TypeParametersBlock,
// TypeAliasBlock, TypeVariableBlock and AnnotationBlock), match patterns and the rules that
// only hold in annotation scopes. Follows CPython 3.14's symtable.c; 3.12 evaluates
// annotations where they stand (SymtableOptions::deferred_annotations off).
#include <algorithm>
#include <memory>

#include "interp/symtable_builder.h"

namespace gbc::interp {

using syntax::Expr;
using syntax::ExprKind;
using syntax::PatternKind;
using syntax::Span;
using syntax::Stmt;
using syntax::TypeParam;

void SymtableBuilder::checkNotInAnnotationScope(const char* what, const Span& span) const {
  if (!cur_->isAnnotation()) return;
  const std::string w = what;
  switch (cur_->annotation) {
    case AnnotationKind::Annotate:
      fail(span, w + " cannot be used within an annotation");
    case AnnotationKind::TypeAlias:
      fail(span, w + " cannot be used within a type alias");
    case AnnotationKind::TypeParams:
      fail(span, w + " cannot be used within the definition of a generic");
    case AnnotationKind::Bound:
    case AnnotationKind::Default:
      fail(span, w + " cannot be used within " + (scope_info_ ? scope_info_ : "an annotation"));
    case AnnotationKind::None:
      return;
  }
}

void SymtableBuilder::enterTypeParamsBlock(const std::string& name, const void* key,
                                           const Span& span, bool is_class, bool has_defaults,
                                           bool has_kwdefaults) {
  const bool in_class = cur_->kind == ScopeKind::Class;
  Scope* tp = enter(ScopeKind::Annotation, name, key, span);
  tp->annotation = AnnotationKind::TypeParams;
  if (in_class) {
    tp->can_see_class_scope = true;
    addDef("__classdict__", kUse, span);
  }
  if (is_class) {
    // The tuple of parameters, stored once and read by the class body and the bases.
    addDef(".type_params", kDefLocal | kUse, span);
    addDef(".generic_base", kDefLocal | kUse, span);
  }
  if (has_defaults) addDef(".defaults", kDefParam, span);
  if (has_kwdefaults) addDef(".kwdefaults", kDefParam, span);
}

void SymtableBuilder::visitTypeParams(const std::vector<TypeParam>& tps) {
  for (const TypeParam& tp : tps) {
    addDef(tp.name, kDefTypeParam | kDefLocal, tp.span);
    if (tp.bound)
      visitTypeParamExpr(
          tp.bound.get(), tp.name, &tp,
          tp.bound->kind == ExprKind::Tuple ? "a TypeVar constraint" : "a TypeVar bound",
          AnnotationKind::Bound);
    const char* info = tp.kind == TypeParam::Kind::TypeVar     ? "a TypeVar default"
                       : tp.kind == TypeParam::Kind::ParamSpec ? "a ParamSpec default"
                                                               : "a TypeVarTuple default";
    if (tp.default_value)
      visitTypeParamExpr(tp.default_value.get(), tp.name, &tp.default_value, info,
                         AnnotationKind::Default);
  }
}

void SymtableBuilder::visitTypeParamExpr(const Expr* e, const std::string& name, const void* key,
                                         const char* scope_info, AnnotationKind kind) {
  const bool in_class = cur_->can_see_class_scope;
  Scope* sc = enter(ScopeKind::Annotation, name, key, e->span);
  sc->annotation = kind;
  sc->can_see_class_scope = in_class;
  if (in_class) addDef("__classdict__", kUse, e->span);
  if (options_.deferred_annotations) addDef(".format", kDefParam, e->span);
  const char* saved = scope_info_;
  scope_info_ = scope_info;
  visitExpr(*e);
  scope_info_ = saved;
  leave();
}

void SymtableBuilder::visitTypeAlias(const Stmt& s) {
  visitExpr(*s.target, Ctx::Store);
  const bool in_class = cur_->kind == ScopeKind::Class;
  const std::string& name = s.target->id;
  if (!s.type_params.empty()) {
    enterTypeParamsBlock(name, &s.type_params, s.span, false, false, false);
    visitTypeParams(s.type_params);
  }
  Scope* sc = enter(ScopeKind::Annotation, name, &s, s.span);
  sc->annotation = AnnotationKind::TypeAlias;
  sc->can_see_class_scope = in_class;
  if (in_class) addDef("__classdict__", kUse, s.value->span);
  if (options_.deferred_annotations) addDef(".format", kDefParam, s.span);
  visitExpr(*s.value);
  leave();
  if (!s.type_params.empty()) leave();
}

namespace {

/// The annotation expressions of a def, in CPython's order (parameters, then the return).
std::vector<const Expr*> functionAnnotations(const Stmt& s) {
  std::vector<const Expr*> out;
  const syntax::Parameters& p = *s.params;
  auto add = [&](const syntax::Arg& a) {
    if (a.annotation) out.push_back(a.annotation.get());
  };
  for (const auto& a : p.posonlyargs) add(a);
  for (const auto& a : p.args) add(a);
  if (p.vararg) add(*p.vararg);
  for (const auto& a : p.kwonlyargs) add(a);
  if (p.kwarg) add(*p.kwarg);
  if (s.returns) out.push_back(s.returns.get());
  return out;
}

}  // namespace

void SymtableBuilder::visitFunctionAnnotations(const Stmt& s) {
  std::vector<const Expr*> anns = functionAnnotations(s);
  if (anns.empty()) return;
  if (options_.future_annotations || !options_.deferred_annotations) {
    if (!options_.future_annotations) {
      for (const Expr* a : anns) visitExpr(*a);  // 3.12: evaluated where the def stands
      return;
    }
    // Strings, never evaluated: checked in a scope of their own.
    auto detached = std::make_unique<Scope>();
    detached->kind = ScopeKind::Annotation;
    detached->annotation = AnnotationKind::Annotate;
    detached->parent = cur_;
    detached->private_name = cur_->private_name;
    cur_ = detached.get();
    for (const Expr* a : anns) visitExpr(*a);
    cur_ = detached->parent;
    detached_.push_back(std::move(detached));
    return;
  }
  const bool in_class = cur_->can_see_class_scope || cur_->kind == ScopeKind::Class;
  Scope* sc = enter(ScopeKind::Annotation, "__annotate__", s.params.get(), s.span);
  sc->annotation = AnnotationKind::Annotate;
  if (in_class) {
    sc->can_see_class_scope = true;
    addDef("__classdict__", kUse, s.span);
  }
  addDef("format", kDefParam, s.span);
  for (const Expr* a : anns) visitExpr(*a);
  leave();
}

void SymtableBuilder::visitAnnAssign(const Stmt& s) {
  const Expr& t = *s.target;
  if (t.kind == ExprKind::Name) {
    uint32_t f = lookupFlags(t.id);
    if ((f & (kDefGlobal | kDefNonlocal)) && cur_->kind != ScopeKind::Module && s.simple)
      fail(t.span,
           "annotated name '" + t.id + "' can't be " + ((f & kDefGlobal) ? "global" : "nonlocal"));
    if (s.simple)
      addDef(t.id, kDefAnnot | kDefLocal, t.span);
    else if (s.value)
      addDef(t.id, kDefLocal, t.span);
  } else {
    visitExpr(t, Ctx::Store);
  }
  visitAnnotation(*s.annotation, s.span);
  if (s.value) visitExpr(*s.value);
}

void SymtableBuilder::visitAnnotation(const Expr& annotation, const Span& stmt_span) {
  const bool deferred = options_.deferred_annotations && !options_.future_annotations;
  if (!deferred && !options_.future_annotations) {
    visitExpr(annotation);  // 3.12: in the current scope (evaluated in module and class bodies)
    return;
  }
  if (!deferred || cur_->isFunctionLike()) {
    // Never evaluated (a string, or a function-local annotation): checked on its own.
    auto detached = std::make_unique<Scope>();
    detached->kind = ScopeKind::Annotation;
    detached->annotation = AnnotationKind::Annotate;
    detached->parent = cur_;
    detached->private_name = cur_->private_name;
    cur_ = detached.get();
    visitExpr(annotation);
    cur_ = detached->parent;
    detached_.push_back(std::move(detached));
    return;
  }
  // Module annotations always count as conditional: a module may run partially.
  if (((cur_->kind == ScopeKind::Class && in_conditional_block_) ||
       cur_->kind == ScopeKind::Module) &&
      !cur_->has_conditional_annotations) {
    cur_->has_conditional_annotations = true;
    addDef("__conditional_annotations__", kUse, annotation.span);
  }
  Scope* owner = cur_;
  if (!owner->annotation_block) {
    const bool in_class = owner->kind == ScopeKind::Class;
    Scope* sc = enter(ScopeKind::Annotation, "__annotate__", &owner->annotation_block, stmt_span);
    sc->annotation = AnnotationKind::Annotate;
    owner->annotation_block = sc;
    if (in_class) {
      sc->can_see_class_scope = true;
      addDef("__classdict__", kUse, annotation.span);
    }
    addDef("format", kDefParam, stmt_span);
  } else {
    cond_stack_.push_back(in_conditional_block_);
    in_conditional_block_ = false;
    cur_ = owner->annotation_block;
  }
  // A class's __annotate__ reads the set of annotations that ran (its cell).
  if (owner->has_conditional_annotations) addDef("__conditional_annotations__", kUse, stmt_span);
  visitExpr(annotation);
  leave();
}

void SymtableBuilder::visitPattern(const syntax::Pattern& p) {
  switch (p.kind) {
    case PatternKind::MatchValue:
      visitExpr(*p.value);
      return;
    case PatternKind::MatchSingleton:
      return;
    case PatternKind::MatchSequence:
    case PatternKind::MatchOr:
      for (const auto& sub : p.patterns) visitPattern(*sub);
      return;
    case PatternKind::MatchStar:
      if (p.name) addDef(*p.name, kDefLocal, p.span);
      return;
    case PatternKind::MatchMapping:
      visitExprs(p.keys);
      for (const auto& sub : p.patterns) visitPattern(*sub);
      if (p.rest) addDef(*p.rest, kDefLocal, p.span);
      return;
    case PatternKind::MatchClass:
      visitExpr(*p.cls);
      for (const auto& sub : p.patterns) visitPattern(*sub);
      for (const auto& sub : p.kwd_patterns) visitPattern(*sub);
      return;
    case PatternKind::MatchAs:
      if (p.pattern) visitPattern(*p.pattern);
      if (p.name) addDef(*p.name, kDefLocal, p.span);
      return;
  }
  GBC_UNREACHABLE("pattern kind");
}

}  // namespace gbc::interp
