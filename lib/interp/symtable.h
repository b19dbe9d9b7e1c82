// Symbol tables of a module, as CPython's symtable.c builds them: one Scope per module, class,
// function, lambda, generator expression and (inlined) comprehension, each name classified as
// local, global (explicit or implicit), free or cell. The compiler (compiler*.cpp) reads them to
// choose between *_FAST, *_DEREF, *_GLOBAL and *_NAME instructions.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "syntax/ast.h"

namespace gbc::interp {

enum class ScopeKind {
  Module,
  Class,
  Function,
  Lambda,
  GenExpr,
  Comprehension,  // list/set/dict comprehension: inlined into the enclosing code (PEP 709)
  Annotation,     // an annotation scope (PEP 695/649): see AnnotationKind
};

/// What an annotation scope evaluates. Each is compiled as a function.
enum class AnnotationKind : uint8_t {
  None,
  TypeParams,  // `<generic parameters of f>`: makes the type parameters, then the def/class
  TypeAlias,   // the lazily evaluated value of `type X = ...`
  Bound,       // a TypeVar's bound or constraints
  Default,     // a type parameter's default (PEP 696)
  Annotate,    // `__annotate__(format)` of a function, class or module (PEP 649)
};

/// Where a name lives, as CPython's symtable says (LOCAL, GLOBAL_EXPLICIT, ...).
enum class SymScope : uint8_t { Unknown, Local, GlobalExplicit, GlobalImplicit, Free, Cell };

/// How a name is used in one scope (CPython's DEF_* flags).
enum SymFlags : uint32_t {
  kDefGlobal = 1,
  kDefLocal = 2,
  kDefParam = 4,
  kDefNonlocal = 8,
  kUse = 16,
  kDefFreeClass = 32,  // free in a method, and also bound or used in the class itself
  kDefImport = 64,
  kDefCompIter = 128,  // a comprehension's iteration variable
  kDefAnnot = 256,
  kDefTypeParam = 512,
  kDefBound = kDefLocal | kDefParam | kDefImport,
};

struct Symbol {
  uint32_t flags = 0;
  SymScope scope = SymScope::Unknown;
  syntax::Span span;  // first mention, or the global/nonlocal statement (for SyntaxErrors)
};

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  std::string name;            // "top", the class / function name, "lambda", "genexpr", "listcomp"
  const void* node = nullptr;  // the Stmt or Expr that opens it (null for the module)
  syntax::Span span;
  Scope* parent = nullptr;
  std::vector<std::unique_ptr<Scope>> children;
  std::map<std::string, Symbol> symbols;  // keyed by the mangled name
  std::vector<std::string> params;        // in varnames order (".0" for a genexpr)
  std::string private_name;  // class name used for mangling `__x` (empty outside classes)
  bool is_generator = false;
  bool needs_class_cell = false;  // class: a method uses super() or __class__
  bool is_async = false;          // an `async def` (or a lambda inside one: never)
  bool is_coroutine = false;      // awaits or iterates asynchronously (CPython's ste_coroutine)
  AnnotationKind annotation = AnnotationKind::None;
  /// An annotation scope directly inside a class: free names look in the class namespace
  /// first (through the `__classdict__` cell).
  bool can_see_class_scope = false;
  bool needs_classdict = false;  // class: an annotation scope uses `__classdict__`
  /// Module or class: annotations sit in conditional blocks, so `__annotate__` tests the
  /// `__conditional_annotations__` set (module annotations always count as conditional).
  bool has_conditional_annotations = false;
  /// Module, class or function: the `__annotate__` scope of its annotations (PEP 649).
  Scope* annotation_block = nullptr;
  /// Function (3.12 eager annotations, or a `def` with type parameters): its TypeParams scope.
  Scope* type_params_block = nullptr;

  bool isFunctionLike() const { return kind != ScopeKind::Module && kind != ScopeKind::Class; }
  bool isAnnotation() const { return kind == ScopeKind::Annotation; }
  bool isInlined() const { return kind == ScopeKind::Comprehension; }
  /// The symbol of a (mangled) name, or null.
  const Symbol* lookup(const std::string& name) const;
  SymScope scopeOf(const std::string& name) const;
};

class SymbolTable {
 public:
  Scope& module() { return *module_; }
  /// The scope opened by a FunctionDef/ClassDef statement or a Lambda/comprehension
  /// expression; aborts if there is none (a compiler bug).
  Scope& scopeFor(const void* node) const;

 private:
  friend class SymtableBuilder;
  friend Result<std::unique_ptr<SymbolTable>> buildSymbolTable(const syntax::Module& module);
  std::unique_ptr<Scope> module_;
  std::unordered_map<const void*, Scope*> by_node_;
};

/// A SyntaxError found while building symbol tables or compiling (internal to the compiler:
/// caught in compileModule and turned into a gbc::Error).
struct CompileError {
  syntax::Span span;
  std::string message;  // CPython's SyntaxError text, e.g. "'return' outside function"
};

/// How annotations are compiled, which decides how the symbol tables see them.
struct SymtableOptions {
  /// Python 3.14 (PEP 649/749): annotations live in `__annotate__` scopes. 3.12: evaluated
  /// where they stand (function annotations in the enclosing scope).
  bool deferred_annotations = true;
  /// `from __future__ import annotations`: annotations are strings, never evaluated.
  bool future_annotations = false;
};

/// Builds the symbol tables of a module and resolves every name's scope.
/// Errors: gbc::Error{Syntax, "line:col: message"} (col 1-based, as CPython prints offsets).
Result<std::unique_ptr<SymbolTable>> buildSymbolTable(const syntax::Module& module,
                                                      const SymtableOptions& options = {});

/// CPython's private-name mangling: `__x` inside class `_C` becomes `_C__x`.
std::string mangle(const std::string& private_name, const std::string& name);

/// Resolves the scopes of all names (CPython's analyze_block); throws CompileError.
/// Implemented in compiler_symtable_analyze.cpp.
void analyzeSymbols(Scope& module);

/// "line:col: message" as compileModule reports SyntaxErrors.
std::string formatCompileError(const CompileError& e);

}  // namespace gbc::interp
