// The bytecode compiler: syntax::Module -> CodeObject (bytecode.h). The public entry points are
// compileModule and disassemble, declared in bytecode.h; this header is the compiler's internal
// interface, shared by compiler*.cpp only.
//
// Decisions where bytecode.h is silent, ambiguous or insufficient (CPython 3.12 behaviour chosen
// unless noted):
//
//  1. try/except handler match: `H: <type>; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE NEXT;
//     (STORE name | POP_TOP); <body>; POP_EXCEPT; (LOAD_CONST None; STORE name; DELETE name);
//     JUMP END` — no `COPY 1` and no extra `POP_TOP` before the store. CHECK_EXC_MATCH keeps the
//     exception ([exc, type] -> [exc, bool]), so with bytecode.h's `COPY 1` the stack would hold
//     an extra exception at NEXT and the next handler would see a different depth. This is exactly
//     CPython 3.12. The name is reset to None before the delete, as CPython does.
//  2. Inlined comprehensions (PEP 709): iteration variables get hidden slots named
//     "<name>@<line>:<col>" (line/col of the comprehension expression, col 0-based) in EVERY kind
//     of code object, module and class bodies included: LOAD_FAST/STORE_FAST on
//     code.varnames there too (CPython 3.12 also uses fast locals in module code for them). So
//     module and class frames must size `fast` to varnames.size(). If a lambda/genexpr/def inside
//     the comprehension captures the variable, the hidden slot is a cellvar instead
//     (LOAD_DEREF/STORE_DEREF/LOAD_CLOSURE), so module and class frames also need their
//     `cellvars` cells. One cell per code object: CPython makes a fresh cell per comprehension
//     run; here lambdas created by an earlier run of the same comprehension see later values
//     (rare; would need a MAKE_CELL opcode).
//     Names a comprehension reads from the enclosing function stay plain locals of it (no cell)
//     unless a real closure inside the comprehension captures them. Inside a class-body
//     comprehension, implicit globals are LOAD_GLOBAL (class variables are not visible), as in
//     CPython. kComprehensionInlined is set on every code object with an inlined comprehension.
//  3. `super()` / `__class__`: CPython's cell scheme plus bytecode.h's flag. A method that uses
//     them has "__class__" in freevars and uses_class_cell set (so does a nested function or
//     lambda that needs it); the class body has "__class__" in cellvars and passes that cell to
//     those methods with LOAD_CLOSURE. The class body keeps bytecode.h's `LOAD_CONST None;
//     RETURN_VALUE` ending (no CPython `__classcell__` store): __build_class__ sets the body
//     frame's "__class__" cell to the new class, and `__class__` reads are LOAD_DEREF.
//  4. Function code objects: consts[0] is the docstring (a str) or None, as CPython 3.12
//     (MAKE_FUNCTION takes __doc__ from there); lambdas always have None first. Module and class
//     bodies store a docstring with STORE_NAME __doc__.
//  5. Annotations follow the Python version (compiler_annotations.cpp): 3.14 compiles them into
//     `__annotate__` functions (PEP 649/749), 3.12 evaluates them at once into `__annotations__`,
//     and `from __future__ import annotations` stores their unparsed text (compiler_unparse.cpp).
//     `x: T` alone binds nothing but makes x local (as in CPython).
//  6. Return unwinding (CPython's compiler_unwind_fblock): crossing a for loop pops the iterator
//     (`SWAP 2; POP_TOP` when the value is kept), a try/except body `POP_BLOCK`, a try/finally
//     body `POP_BLOCK` + a copy of the finalbody, a `finally` handler (exception on the stack)
//     `[SWAP 2;] POP_TOP; POP_EXCEPT`, a with `POP_BLOCK; [SWAP 2;] WITH_EXIT`, an except handler
//     body `POP_EXCEPT` (+ reset/delete of the `as` name). A constant return value (or none) is
//     loaded after the unwinding, so `return g(x)` ends in `CALL; RETURN_VALUE` only when no
//     block is crossed. The implicit `return None` is omitted when the body's last statement is a
//     `return`.
//  7. Conditions compile like CPython's compiler_jump_if: `not`, `and`/`or`, `a if c else b`
//     and chained comparisons in an if/while/assert/comprehension-if test become jumps (each
//     POP_JUMP_IF_* positioned at its sub-expression). Constant tests are folded: `while True:`
//     has no test, `if False:` bodies are not compiled. `and`/`or` values use
//     JUMP_IF_FALSE_OR_POP / JUMP_IF_TRUE_OR_POP; chained comparisons as values use
//     `SWAP 2; COPY 2; COMPARE_OP; JUMP_IF_FALSE_OR_POP cleanup` and `cleanup: SWAP 2; POP_TOP`.
//     While loops test at the top and jump back with JUMP (no loop inversion).
//  8. Constant folding: tuples of constants become one Tuple constant, `-<number literal>` a
//     negative constant (CPython's AST optimizer); nothing else is folded.
//  9. Positions of compiler-generated instructions (jumps, POP_BLOCK, RERAISE, implicit
//     returns...) are the enclosing statement's (or with-item's / loop's) span, never line 0.
// 10. SyntaxErrors come back as gbc::Error{Syntax, "line:col: message"} with a 1-based column
//     and CPython's message ("'return' outside function", "no binding for nonlocal 'x' found").
// 11. The newer statements compile in files of their own: coroutines (compiler_async.cpp), match
//     (compiler_match.cpp), except* (compiler_block.cpp), PEP 695 (compiler_generic.cpp). The
//     UNSUPPORTED opcode remains for what gbc cannot model; the compiler no longer emits it.
// 12. Calls: no starred/`**` arguments -> CALL n / CALL_KW n with a const tuple of names; else
//     CALL_FUNCTION_EX, the positional tuple built as BUILD_TUPLE n without starred args or
//     BUILD_LIST k + LIST_EXTEND 1 / LIST_APPEND 1 + LIST_TO_TUPLE with them, the kwargs dict as
//     BUILD_MAP n (named runs) + DICT_MERGE 1 (`**m`, and named runs after a `**`). Classes use
//     the same code with the body function and the name as the first two arguments.
//  13. Generator expressions: <iter>; GET_ITER; [closure]; LOAD_CONST code; MAKE_FUNCTION; SWAP 2;
//     CALL 1 (bytecode.h's order). The genexpr body starts with LOAD_FAST .0 and ends with
//     LOAD_CONST None; RETURN_VALUE; each element is `YIELD_VALUE; POP_TOP`.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "interp/bytecode.h"
#include "interp/symtable.h"

namespace gbc::interp::compiler_detail {

using syntax::Expr;
using syntax::Span;
using syntax::Stmt;

enum class NameCtx { Load, Store, Del };

/// A frame block the compiler tracks for break/continue/return unwinding (CPython's fblockinfo).
struct FBlock {
  enum class Kind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    HandlerCleanup,
    PopValue,
    AsyncWith,       // unwinding awaits __aexit__(None, None, None)
    ExceptStarBody,  // an except* handler body: POP_BLOCK (the body's own Try block)
  };
  Kind kind;
  int start = -1;              // loops: the `continue` target
  int exit = -1;               // loops: the `break` target
  const Stmt* stmt = nullptr;  // FinallyTry: the try statement whose finalbody is copied
  std::string name;            // HandlerCleanup: the `as` name ("" for none)
  Span pos;
};

/// One code object being compiled.
struct Unit {
  std::shared_ptr<CodeObject> code;
  Scope* scope = nullptr;
  Unit* parent = nullptr;
  std::vector<int> labels;  // label -> instruction index, -1 while unbound
  std::vector<FBlock> fblocks;
  std::vector<Scope*> comps;  // inlined comprehensions being compiled, innermost last
  std::map<std::string, int> const_index, name_index, varname_index, cell_index;
  bool has_docstring = false;  // a def with a docstring (CO_HAS_DOCSTRING)
};

class Compiler {
 public:
  Compiler(SymbolTable& st, std::string filename, CompileOptions options = {})
      : st_(st), filename_(std::move(filename)), options_(options) {
    future_annotations_ = options.future_annotations;
  }
  /// Throws CompileError.
  std::shared_ptr<CodeObject> compileModule(const syntax::Module& module);

  // ---- units, emission (compiler.cpp) ----
  void enterUnit(Scope& scope, std::string name, uint32_t firstlineno);
  std::shared_ptr<CodeObject> leaveUnit();
  int emit(Op op, int32_t arg, const Span& pos);
  int newLabel();
  void bind(int label);
  void emitJump(Op op, int label, const Span& pos) { emit(op, label, pos); }
  int addConst(const Constant& c);
  void loadConst(const syntax::ConstantValue& v, const Span& pos);
  void loadNone(const Span& pos);
  int addName(const std::string& name);
  void emitUnsupported(const std::string& what, const Span& pos);
  std::string mangled(const std::string& name) const;
  Scope& currentScope() const;
  CodeObject& currentUnitCode() { return *u_->code; }
  [[noreturn]] static void error(const Span& pos, std::string message);

  // ---- names and closures (compiler.cpp) ----
  void nameOp(const std::string& name, NameCtx ctx, const Span& pos);
  int closureIndex(const std::string& name);
  void makeClosure(const std::shared_ptr<CodeObject>& code, int32_t flags, const Span& pos);
  std::string qualnameFor(const std::string& name, bool function_or_class) const;

  // ---- definitions (compiler_stmt.cpp) ----
  void compileBody(const syntax::StmtList& body, bool module_or_class);
  void compileFunctionDef(const Stmt& s);
  void compileClassDef(const Stmt& s);
  void compileLambda(const Expr& e);
  int32_t compileDefaults(const syntax::Parameters& p, const Span& pos);
  void setArgCounts(const syntax::Parameters& p);
  void emitImplicitReturn(const syntax::StmtList& body, const Span& fallback);

  // ---- statements (compiler_stmt.cpp, compiler_block.cpp) ----
  void compileStmt(const Stmt& s);
  void compileStmts(const syntax::StmtList& body);
  void compileAssign(const Stmt& s);
  void compileAugAssign(const Stmt& s);
  void compileDelete(const Expr& e);
  void compileImport(const Stmt& s);
  void compileImportFrom(const Stmt& s);
  void compileIf(const Stmt& s);
  void compileWhile(const Stmt& s);
  void compileFor(const Stmt& s);
  void compileTry(const Stmt& s);
  void compileTryExcept(const Stmt& s);
  void compileTryFinally(const Stmt& s);
  void compileWith(const Stmt& s, size_t item);
  void compileReturn(const Stmt& s);
  void compileBreakContinue(const Stmt& s, bool is_break);
  void compileAssert(const Stmt& s);
  void unwindBlock(const FBlock& fb, bool preserve_tos, const Span& pos);
  /// Unwinds fblocks innermost first; stops at (and returns) the innermost loop when
  /// `stop_at_loop`, else unwinds all. Returns -1 when no loop was found.
  int unwindBlocks(bool preserve_tos, bool stop_at_loop, const Span& pos);

  // ---- expressions (compiler_expr.cpp) ----
  void compileExpr(const Expr& e);
  void compileStore(const Expr& target);
  void compileJumpIf(const Expr& e, int label, bool cond);
  void compileBoolOp(const Expr& e);
  void compileCompare(const Expr& e);
  void emitCompareOp(syntax::CmpOpKind op, const Span& pos);
  void compileJoinedStr(const Expr& e);
  void compileFormattedValue(const Expr& e);
  void compileSequence(const Expr& e);
  void compileDict(const Expr& e);
  void compileUnpack(const syntax::ExprList& elts, const Span& pos);
  bool compileConstTuple(const Expr& e);
  void compileComprehension(const Expr& e);
  void compileGenExpr(const Expr& e);
  void compileCompGenerator(const Expr& e, size_t index, int depth);
  /// The rest of a comprehension after clause `index`'s target and conditions.
  void compileCompElement(const Expr& e, size_t index, int depth);

  // ---- async (compiler_async.cpp) ----
  /// await <e>: <e>; GET_AWAITABLE where; YIELD_FROM 1.
  void emitAwait(int where, const Span& pos);
  void compileAsyncFor(const Stmt& s);
  void compileAsyncWith(const Stmt& s, size_t item);
  /// Calls the `exit` below TOS with three Nones and awaits the result (async with's exit).
  void emitAsyncWithExit(const Span& pos);
  void compileAsyncCompGenerator(const Expr& e, size_t index, int depth);

  // ---- match statements (compiler_match.cpp) ----
  void compileMatch(const Stmt& s);

  // ---- except* (compiler_block.cpp) ----
  void compileTryStar(const Stmt& s);

  // ---- annotation scopes: PEP 695 and PEP 649 (compiler_generic.cpp, compiler_annotations.cpp)
  /// Opens the code unit of an annotation scope (a function taking `format` in 3.14).
  void enterAnnotationScope(Scope& scope, const std::string& name, const Span& pos,
                            bool takes_format, const std::string& format_name);
  /// `if format > 2: raise NotImplementedError` (CPython 3.14's annotate prologue).
  void emitFormatCheck(const Span& pos);
  /// Makes the TypeVar/ParamSpec/TypeVarTuple objects of `tps`, stores each in its name and
  /// leaves their tuple on the stack.
  void compileTypeParams(const std::vector<syntax::TypeParam>& tps);
  void compileTypeAlias(const Stmt& s);
  /// The def or class of a generic definition, compiled inside its TypeParams scope.
  void compileGenericFunction(const Stmt& s);
  void compileGenericClass(const Stmt& s);
  /// The function object of a def (everything but decorators and the store); leaves it on the
  /// stack. `defaults_loaded`: the defaults are the TypeParams scope's .defaults/.kwdefaults.
  void compileFunctionObject(const Stmt& s, bool in_type_params);
  /// The class object (everything but decorators and the store).
  void compileClassObject(const Stmt& s, bool generic);
  /// Function annotations: sets `__annotations__` (eager) or `__annotate__` on the function on
  /// TOS.
  void compileFunctionAnnotations(const Stmt& s);
  /// An annotated assignment's annotation in a module or class body.
  void compileAnnAssign(const Stmt& s);
  /// Module or class body: the `__annotate__` function of its deferred annotations (3.14).
  void compileDeferredAnnotations(const Span& pos);
  /// An annotation's value: the expression, or its source text as CPython unparses it under
  /// `from __future__ import annotations`.
  void compileAnnotationValue(const Expr& annotation);
  bool futureAnnotations() const { return future_annotations_; }
  /// Loads the cell of the innermost class body's `__classdict__` and emits a dict-or-globals
  /// / dict-or-deref load of `name` (annotation scopes that can see their class).
  bool classdictLoad(const std::string& name, SymScope scope, const Span& pos);

  // ---- template strings (compiler_expr.cpp) ----
  void compileTemplateStr(const Expr& e);

  // ---- calls (compiler_call.cpp) ----
  void compileCall(const Expr& e);
  /// Arguments of a call whose callable and `prefix` leading positional values are on the stack.
  void compileCallArgs(int prefix, const syntax::ExprList& args,
                       const std::vector<syntax::Keyword>& keywords, const Span& pos);
  void compileCallArgs(int prefix, const std::vector<const Expr*>& args,
                       const std::vector<syntax::Keyword>& keywords, const Span& pos);
  void compileStarredList(int prefix, const syntax::ExprList& elts, Op build, Op extend, Op add,
                          const Span& pos);
  void compileStarredList(int prefix, const std::vector<const Expr*>& elts, Op build, Op extend,
                          Op add, const Span& pos);

 private:
  std::string hiddenName(const Scope& comp, const std::string& name) const;
  void collectCells(const Scope& scope, std::vector<std::string>& cells) const;

  SymbolTable& st_;
  std::string filename_;
  CompileOptions options_;
  std::vector<std::unique_ptr<Unit>> units_;
  Unit* u_ = nullptr;
  bool future_annotations_ = false;
  std::vector<const Stmt*> future_statements_;  // a later `from __future__` is a SyntaxError
  /// Module/class bodies being compiled: the (target, annotation) pairs of their annotated
  /// names, for the `__annotate__` function compiled at the end of the body (3.14).
  struct DeferredAnnotation {
    const Stmt* stmt;       // an AnnAssign of a simple name
    int conditional_index;  // -1 unless the body tracks `__conditional_annotations__`
  };
  std::vector<std::vector<DeferredAnnotation>> deferred_;
};

/// The `from __future__ import` features of a module, checked as CPython's future.c does
/// (placement, known names); throws CompileError. `annotations` tells whether that one is on.
struct FutureFeatures {
  bool annotations = false;
  std::vector<const syntax::Stmt*> statements;  // the valid `from __future__` imports
};
FutureFeatures checkFutureImports(const syntax::Module& module);

/// `e` as source text, as CPython's ast_unparse writes annotations under
/// `from __future__ import annotations` (compiler_unparse.cpp).
std::string unparseExpr(const syntax::Expr& e);

/// CPython's co_flags for a finished code object (CpythonCodeFlags).
uint32_t cpythonCodeFlags(const CodeObject& code, const Scope& scope, const CompileOptions& o,
                          bool future_annotations, bool has_docstring);

/// Truthiness of a literal (for constant-test folding): 1, 0, or -1 if not a literal.
int constantTruth(const Expr& e);
/// Folds a literal, `-<number>` or a tuple of those into one constant; false if not foldable.
bool foldConstant(const Expr& e, Constant& out);
/// A statement after which control never falls through (return, raise, break, continue).
bool isTerminator(const Stmt& s);

}  // namespace gbc::interp::compiler_detail
