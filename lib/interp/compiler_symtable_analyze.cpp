// Pass 2 of the symbol tables: resolves every name's scope, following CPython 3.12's
// analyze_block / analyze_name / analyze_cells / update_symbols / inline_comprehension.
//
// One difference from CPython: an inlined comprehension keeps its own Scope (its iteration
// variables get hidden slots in the enclosing code, see compiler.h) instead of being merged into
// the enclosing scope's symbols. What inline_comprehension decides is kept: a name the
// comprehension reads from the enclosing function stays a plain local there (no cell) unless a
// real closure (lambda, genexpr, def) inside the comprehension captures it.
#include <set>
#include <string>

#include "interp/symtable.h"

namespace gbc::interp {

namespace {

using NameSet = std::set<std::string>;

[[noreturn]] void fail(const Symbol& sym, std::string msg) {
  throw CompileError{sym.span, std::move(msg)};
}

void analyzeName(const std::string& name, Symbol& sym, NameSet* bound, NameSet& local,
                 NameSet& free, NameSet& global, const Scope* class_entry) {
  uint32_t f = sym.flags;
  if (f & kDefGlobal) {
    if (f & kDefNonlocal) fail(sym, "name '" + name + "' is nonlocal and global");
    sym.scope = SymScope::GlobalExplicit;
    global.insert(name);
    if (bound) bound->erase(name);
    return;
  }
  if (f & kDefNonlocal) {
    if (!bound) fail(sym, "nonlocal declaration not allowed at module level");
    if (!bound->count(name)) fail(sym, "no binding for nonlocal '" + name + "' found");
    sym.scope = SymScope::Free;
    free.insert(name);
    return;
  }
  if (f & kDefBound) {
    sym.scope = SymScope::Local;
    local.insert(name);
    global.erase(name);
    return;
  }
  // An annotation scope that can see its class: a name the class binds is looked up in the
  // class namespace first (the compiler reads it through `__classdict__`), then globally.
  if (class_entry) {
    const Symbol* cs = class_entry->lookup(name);
    const uint32_t cf = cs ? cs->flags : 0;
    if (cf & kDefGlobal) {
      sym.scope = SymScope::GlobalExplicit;
      return;
    }
    if ((cf & kDefBound) && !(cf & kDefNonlocal)) {
      sym.scope = SymScope::GlobalImplicit;
      return;
    }
  }
  if (bound && bound->count(name)) {
    sym.scope = SymScope::Free;
    free.insert(name);
    return;
  }
  sym.scope = SymScope::GlobalImplicit;
}

/// Whether a real closure (not an inlined comprehension) inside `comp` captures `name`.
bool capturedByClosure(const Scope& comp, const std::string& name) {
  for (const auto& child : comp.children) {
    if (child->scopeOf(name) != SymScope::Free) continue;
    if (!child->isInlined() || capturedByClosure(*child, name)) return true;
  }
  return false;
}

void inlineComprehension(Scope& parent, Scope& comp, NameSet& comp_free) {
  for (auto& [name, sym] : comp.symbols) {
    if (sym.scope != SymScope::Free) continue;
    // __class__ is never free through a class scope (CPython's inline_comprehension).
    if (parent.kind == ScopeKind::Class && name == "__class__") {
      // A closure inside the comprehension still gets the class's cell (`[lambda: __class__
      // for _ in x]` in a class body), as in CPython.
      if (capturedByClosure(comp, name)) parent.needs_class_cell = true;
      comp_free.erase(name);
      sym.scope = SymScope::GlobalImplicit;
      continue;
    }
    const Symbol* existing = parent.lookup(name);
    if (existing && (existing->flags & kDefBound) && parent.kind != ScopeKind::Class &&
        !capturedByClosure(comp, name))
      comp_free.erase(name);
  }
}

void analyzeBlock(Scope& s, NameSet* bound, NameSet& free, NameSet& global,
                  const Scope* class_entry);

void analyzeChild(Scope& child, const NameSet& bound, const NameSet& global, NameSet& child_free,
                  const Scope* class_entry) {
  NameSet temp_bound = bound;
  NameSet temp_global = global;
  analyzeBlock(child, &temp_bound, child_free, temp_global, class_entry);
}

void analyzeBlock(Scope& s, NameSet* bound, NameSet& free, NameSet& global,
                  const Scope* class_entry) {
  NameSet local, newglobal, newfree, newbound;
  // A class namespace is invisible to nested functions: pass down what the class received.
  if (s.kind == ScopeKind::Class) {
    newglobal = global;
    if (bound) newbound = *bound;
  }
  for (auto& [name, sym] : s.symbols)
    analyzeName(name, sym, bound, local, free, global, class_entry);
  if (s.kind != ScopeKind::Class) {
    if (s.isFunctionLike()) newbound.insert(local.begin(), local.end());
    if (bound) newbound.insert(bound->begin(), bound->end());
    newglobal.insert(global.begin(), global.end());
  } else {
    newbound.insert("__class__");
    newbound.insert("__classdict__");
    newbound.insert("__conditional_annotations__");
  }
  for (auto& child : s.children) {
    NameSet child_free;
    const Scope* child_class =
        s.kind == ScopeKind::Class && child->can_see_class_scope ? &s : nullptr;
    analyzeChild(*child, newbound, newglobal, child_free, child_class);
    if (child->isInlined()) inlineComprehension(s, *child, child_free);
    newfree.insert(child_free.begin(), child_free.end());
  }
  if (s.isFunctionLike()) {
    // Locals that children capture become cells.
    for (auto& [name, sym] : s.symbols) {
      if (sym.scope == SymScope::Local && newfree.erase(name)) sym.scope = SymScope::Cell;
    }
  } else if (s.kind == ScopeKind::Class) {
    if (newfree.erase("__class__")) s.needs_class_cell = true;
    if (newfree.erase("__classdict__")) s.needs_classdict = true;
    if (newfree.erase("__conditional_annotations__")) s.has_conditional_annotations = true;
  }
  // Record free variables of children that pass through this scope.
  for (const std::string& name : newfree) {
    auto it = s.symbols.find(name);
    if (it != s.symbols.end()) {
      if (s.kind == ScopeKind::Class) it->second.flags |= kDefFreeClass;
      continue;
    }
    if (bound && !bound->count(name)) continue;  // a global
    Symbol sym;
    sym.scope = SymScope::Free;
    s.symbols.emplace(name, sym);
  }
  free.insert(newfree.begin(), newfree.end());
}

}  // namespace

void analyzeSymbols(Scope& module) {
  NameSet free, global;
  analyzeBlock(module, nullptr, free, global, nullptr);
}

}  // namespace gbc::interp
