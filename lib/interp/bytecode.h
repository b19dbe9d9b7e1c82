// gbc's bytecode: a stack machine modelled on CPython 3.12-3.14, so that the Dynamo simulation
// can reason the way Dynamo does (which instruction breaks, what is on the operand stack, whether
// a RETURN_VALUE follows, whether a jump goes backwards, which try/with blocks are active).
// The compiler (compiler.h) produces it from the AST; the VM (vm.h) executes it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "syntax/ast.h"

namespace gbc::interp {

// Stack effects are written [before] -> [after], top of stack rightmost.
// `arg` is the instruction's integer operand. Jump targets are absolute instruction indices.
#define GBC_OPCODES(X)                                                                             \
  X(NOP)             /* [] -> [] */                                                                \
  X(POP_TOP)         /* [a] -> [] */                                                               \
  X(COPY)            /* arg=n: [.. a(n-th from top) ..] -> [.. a .. a]; COPY 1 duplicates TOS */   \
  X(SWAP)            /* arg=n: swaps TOS with the n-th item from the top (n>=2) */                 \
  X(LOAD_CONST)      /* arg=consts index: [] -> [c] */                                             \
  X(LOAD_FAST)       /* arg=varnames index: [] -> [v]; UnboundLocalError if unset */               \
  X(STORE_FAST)      /* arg=varnames index: [v] -> [] */                                           \
  X(DELETE_FAST)     /* arg=varnames index */                                                      \
  X(LOAD_DEREF)      /* arg=cell index (cellvars then freevars): [] -> [v] */                      \
  X(STORE_DEREF)     /* arg=cell index: [v] -> [] */                                               \
  X(DELETE_DEREF)    /* arg=cell index */                                                          \
  X(LOAD_CLOSURE)    /* arg=cell index: [] -> [cell] (the cell itself, for MAKE_FUNCTION) */       \
  X(LOAD_GLOBAL)     /* arg=names index: globals, then builtins: [] -> [v] */                      \
  X(STORE_GLOBAL)    /* arg=names index: [v] -> [] */                                              \
  X(DELETE_GLOBAL)   /* arg=names index */                                                         \
  X(LOAD_NAME)       /* arg=names index: locals dict, globals, builtins (module/class body) */     \
  X(STORE_NAME)      /* arg=names index: [v] -> [] into the locals dict */                         \
  X(DELETE_NAME)     /* arg=names index */                                                         \
  X(LOAD_ATTR)       /* arg=names index: [obj] -> [obj.name] */                                    \
  X(STORE_ATTR)      /* arg=names index: [value, obj] -> []   (obj.name = value) */                \
  X(DELETE_ATTR)     /* arg=names index: [obj] -> [] */                                            \
  X(BINARY_SUBSCR)   /* [obj, key] -> [obj[key]] */                                                \
  X(STORE_SUBSCR)    /* [value, obj, key] -> []   (obj[key] = value) */                            \
  X(DELETE_SUBSCR)   /* [obj, key] -> [] */                                                        \
  X(BUILD_SLICE)     /* arg=2|3: [lo, hi(, step)] -> [slice] (absent parts are None consts) */     \
  X(BINARY_OP)       /* arg=BinaryOpArg: [a, b] -> [a op b] (in-place forms try __iop__) */        \
  X(UNARY_OP)        /* arg=syntax::UnaryOpKind: [a] -> [op a] */                                  \
  X(COMPARE_OP)      /* arg=syntax::CmpOpKind, only Eq..GtE: [a, b] -> [a op b] */                 \
  X(IS_OP)           /* arg=0 `is`, 1 `is not`: [a, b] -> [bool] */                                \
  X(CONTAINS_OP)     /* arg=0 `in`, 1 `not in`: [a, b] -> [bool]  (a in b) */                      \
  X(BUILD_TUPLE)     /* arg=n: [x1..xn] -> [tuple] */                                              \
  X(BUILD_LIST)      /* arg=n: [x1..xn] -> [list] */                                               \
  X(BUILD_SET)       /* arg=n: [x1..xn] -> [set] */                                                \
  X(BUILD_MAP)       /* arg=n: [k1, v1, .. kn, vn] -> [dict] */                                    \
  X(LIST_APPEND)     /* arg=i: [.. list(i-th from top, after pop) .. v] -> [.. list ..] */         \
  X(SET_ADD)         /* arg=i: like LIST_APPEND */                                                 \
  X(MAP_ADD)         /* arg=i: [.. dict .. k, v] -> [.. dict ..]; dict is i-th after popping */    \
  X(LIST_EXTEND)     /* arg=i: [.. list .. iterable] -> [.. list ..] */                            \
  X(SET_UPDATE)      /* arg=i: [.. set .. iterable] -> [.. set ..] */                              \
  X(DICT_UPDATE)     /* arg=i: [.. dict .. mapping] -> [.. dict ..] ({**m}) */                     \
  X(DICT_MERGE)      /* arg=i: like DICT_UPDATE but duplicate keys raise TypeError (f(**m)) */     \
  X(LIST_TO_TUPLE)   /* [list] -> [tuple] */                                                       \
  X(UNPACK_SEQUENCE) /* arg=n: [seq] -> [xn .. x1] (x1 on top) */                                  \
  X(UNPACK_EX)    /* arg=before | (after << 8): [seq] -> [after.. list before..] (first on top) */ \
  X(FORMAT_VALUE) /* arg=conversion (0,'s','r','a') | 0x100 if a spec is on the stack: [v(, spec)] \
                     -> [str] */                                                                   \
  X(BUILD_STRING) /* arg=n: [s1..sn] -> [s1+..+sn] */                                              \
  X(JUMP)         /* arg=target (forward or backward) */                                           \
  X(POP_JUMP_IF_FALSE)    /* arg=target: [v] -> []; jumps when not truthy */                       \
  X(POP_JUMP_IF_TRUE)     /* arg=target: [v] -> []; jumps when truthy */                           \
  X(JUMP_IF_FALSE_OR_POP) /* arg=target: falsy: keep v and jump; else pop (for `and`) */           \
  X(JUMP_IF_TRUE_OR_POP)  /* arg=target: truthy: keep v and jump; else pop (for `or`) */           \
  X(GET_ITER)             /* [obj] -> [iter(obj)] */                                               \
  X(FOR_ITER)             /* arg=target: [it] -> [it, next(it)], or on exhaustion pop it, jump */  \
  X(CALL)                 /* arg=n: [callable, a1..an] -> [result] */                              \
  X(CALL_KW)          /* arg=n (all args): [callable, a1..an, kwnames tuple] -> [result]; the last \
                         len(kwnames) args are keywords */                                         \
  X(CALL_FUNCTION_EX) /* arg=1 if a kwargs dict is present: [callable, args tuple(, kwargs dict)]  \
                         -> [result] */                                                            \
  X(MAKE_FUNCTION)    /* arg=MakeFunctionFlags: [(defaults tuple)(, kwdefaults dict)(, closure     \
                         tuple), code] -> [function]; code is a LOAD_CONST of a CodeObject */      \
  X(LOAD_BUILD_CLASS) /* [] -> [builtins.__build_class__] */                                       \
  X(RETURN_VALUE)     /* [v] -> returns v */                                                       \
  X(YIELD_VALUE)      /* [v] -> [sent value] (suspends the generator frame) */                     \
  X(YIELD_FROM)       /* [iterable] -> [result of the delegation] (whole `yield from`) */          \
  X(RAISE_VARARGS)    /* arg=0 re-raise current, 1 [exc], 2 [exc, cause] */                        \
  X(SETUP_FINALLY)    /* arg=handler: pushes a Try block; on exception the stack is cut to the     \
                         block's depth, the exception pushed, and control goes to handler */       \
  X(SETUP_WITH) /* arg=handler: [ctxmgr] -> [exit, enter_result]; pushes a With block (depth below \
                   exit+1... see vm) */                                                            \
  X(POP_BLOCK)  /* pops the innermost block (Try or With) */                                       \
  X(POP_EXCEPT) /* ends an except handler: restores the previously handled exception */            \
  X(CHECK_EXC_MATCH) /* [exc, type] -> [exc, bool] */                                              \
  X(RERAISE)         /* [exc] -> raises exc again (keeps its traceback) */                         \
  X(WITH_EXIT)       /* [exit] -> [] : normal exit, calls exit(None, None, None) */                \
  X(WITH_EXCEPT)     /* [exit, exc] -> [exit, exc, suppress_bool]: calls exit(type, exc, tb) */    \
  X(IMPORT_NAME) /* arg=names index (dotted module), [level const, fromlist const] -> [module] */  \
  X(IMPORT_FROM) /* arg=names index: [module] -> [module, module.name] */                          \
  X(IMPORT_STAR) /* [module] -> [] */                                                              \
  X(LOAD_ASSERTION_ERROR) /* [] -> [AssertionError] */                                             \
  X(SETUP_ANNOTATIONS)    /* arg=1: `__annotations__ = {}` in the locals unless there (eager       \
                             annotations); arg=0: nothing */                                       \
  X(UNSUPPORTED) /* arg=names index of a description: raises gbc's "cannot model" error */         \
  /* ---- coroutines and async generators (eval_async.cpp) ---- */                                 \
  X(GET_AWAITABLE)     /* arg=0 await, 1 after __aenter__, 2 after __aexit__: [obj] -> [iterator   \
                          to delegate to] (YIELD_FROM 1 then awaits it) */                         \
  X(GET_AITER)         /* [obj] -> [obj.__aiter__()] */                                            \
  X(GET_ANEXT)         /* [aiter] -> [aiter, awaitable iterator of aiter.__anext__()] */           \
  X(END_ASYNC_FOR)     /* [aiter, exc] -> []: StopAsyncIteration ends the loop (POP_EXCEPT         \
                          included), anything else is raised again */                              \
  X(BEFORE_ASYNC_WITH) /* [mgr] -> [bound mgr.__aexit__, mgr.__aenter__()] */                      \
  X(SETUP_ASYNC_WITH)  /* arg=handler: [exit, r] -> [exit, r]; pushes a With block whose depth     \
                          keeps `exit` (the handler sees [exit, exc]) */                           \
  X(ASYNC_WITH_EXCEPT) /* [exit, exc] -> [exit, exc, exit(type, exc, tb)] (then awaited) */        \
  X(ASYNC_GEN_WRAP)    /* [v] -> [v marked as an async generator's own yield] */                   \
  /* ---- match statements (eval_match.cpp) ---- */                                                \
  X(MATCH_MAPPING)  /* [subj] -> [subj, bool]: a mapping for pattern matching */                   \
  X(MATCH_SEQUENCE) /* [subj] -> [subj, bool]: a sequence (not str/bytes/bytearray) */             \
  X(MATCH_KEYS)     /* [subj, keys tuple] -> [subj, keys, values tuple | None] */                  \
  X(MATCH_CLASS)    /* arg=n positional: [subj, cls, kwnames] -> [attributes tuple | None] */      \
  X(GET_LEN)        /* [obj] -> [obj, len(obj)] */                                                 \
  /* ---- except* (eval_except_star.cpp) ---- */                                                   \
  X(CHECK_EG_MATCH)    /* [exc, type] -> [rest | None, match | None] */                            \
  X(PREP_RERAISE_STAR) /* [orig, list of raised] -> [exception to raise | None] */                 \
  /* ---- annotation scopes, PEP 695, PEP 649 (eval_scopes.cpp) ---- */                            \
  X(LOAD_LOCALS)               /* [] -> [the frame's locals mapping] */                            \
  X(LOAD_FROM_DICT_OR_GLOBALS) /* arg=names index: [mapping] -> [mapping[name], else global or     \
                                  builtin] */                                                      \
  X(LOAD_FROM_DICT_OR_DEREF)   /* arg=cell index: [mapping] -> [mapping[name], else the cell] */   \
  X(LOAD_TYPING) /* arg=names index: [] -> [_typing.<name>] (module imported by the VM) */         \
  X(SET_FUNCTION_ATTRIBUTE) /* arg=FunctionAttribute: [func, value] -> [func] */                   \
  /* ---- template strings (eval_template.cpp) ---- */                                             \
  X(BUILD_INTERPOLATION) /* arg=conversion | 0x100 with a spec: [value, expression text(, spec)]   \
                            -> [Interpolation] */                                                  \
  X(BUILD_TEMPLATE)      /* [strings tuple, interpolations tuple] -> [Template] */                 \
  /* ---- compile(mode='single') ---- */                                                           \
  X(PRINT_EXPR) /* [v] -> []: sys.displayhook(v) */

enum class Op : uint8_t {
#define GBC_OP_ENUM(name) name,
  GBC_OPCODES(GBC_OP_ENUM)
#undef GBC_OP_ENUM
};

/// The number of opcodes (one past the last Op).
inline constexpr unsigned kOpCount = 0
#define GBC_OP_COUNT(name) +1
    GBC_OPCODES(GBC_OP_COUNT)
#undef GBC_OP_COUNT
    ;

/// Name of an opcode, e.g. "CALL_KW".
const char* opName(Op op);

/// BINARY_OP's operand: the operator plus whether it is the augmented (in-place) form.
constexpr int32_t binaryOpArg(syntax::BinOpKind k, bool inplace) {
  return static_cast<int32_t>(k) | (inplace ? 0x100 : 0);
}

enum MakeFunctionFlags : int32_t {
  kHasDefaults = 1,
  kHasKwDefaults = 2,
  kHasClosure = 8,
};

/// SET_FUNCTION_ATTRIBUTE's operand: which attribute of the function the value sets.
enum FunctionAttribute : int32_t {
  kFnAnnotations = 4,  // `__annotations__`: a dict (3.12 eager annotations, or strings)
  kFnAnnotate = 16,    // `__annotate__`: the PEP 649 function
  kFnTypeParams = 32,  // `__type_params__`: a tuple (PEP 695)
};

/// One instruction with the source position CPython would give it (the expression or
/// statement it comes from); `pos.line == 0` means "no position" (compiler-internal code).
/// Ops whose arg is an instruction index: the jumps, FOR_ITER's exit and the handlers of
/// SETUP_FINALLY / SETUP_WITH.
inline bool hasJumpTarget(Op op) {
  switch (op) {
    case Op::JUMP:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
    case Op::FOR_ITER:
    case Op::SETUP_FINALLY:
    case Op::SETUP_WITH:
    case Op::SETUP_ASYNC_WITH:
      return true;
    default:
      return false;
  }
}

struct Instr {
  Op op = Op::NOP;
  int32_t arg = 0;
  syntax::Span pos;
};

struct CodeObject;

/// A constant of a code object: a literal, a tuple of constants (kwnames, defaults of
/// literals), or a nested code object (function bodies, lambdas, class bodies, genexprs).
struct Constant {
  enum class Kind { Value, Tuple, Code };
  Kind kind = Kind::Value;
  syntax::ConstantValue value;
  std::vector<Constant> tuple;
  std::shared_ptr<CodeObject> code;
};

enum CodeFlags : uint32_t {
  kVarargs = 1,     // has *args
  kVarkw = 2,       // has **kwargs
  kGenerator = 4,   // contains yield
  kModule = 8,      // module body (LOAD_NAME/STORE_NAME on the globals dict)
  kClassBody = 16,  // class body (LOAD_NAME/STORE_NAME on the class namespace)
  kLambda = 32,
  kComprehensionInlined = 64,
  kCoroutine = 128,       // `async def` without yield: calling it makes a coroutine
  kAsyncGenerator = 256,  // `async def` with yield (or an async generator expression)
};

/// CPython's co_flags bits (inspect.CO_*), as CodeObject::co_flags carries them.
enum CpythonCodeFlags : uint32_t {
  kCoOptimized = 0x1,
  kCoNewLocals = 0x2,
  kCoVarargs = 0x4,
  kCoVarKeywords = 0x8,
  kCoNested = 0x10,
  kCoGenerator = 0x20,
  kCoNoFree = 0x40,
  kCoCoroutine = 0x80,
  kCoIterableCoroutine = 0x100,  // set at run time by types.coroutine
  kCoAsyncGenerator = 0x200,
  kCoFutureAnnotations = 0x1000000,  // `from __future__ import annotations` (compile() inherits)
  kCoHasDocstring = 0x4000000,       // 3.14
  kCoMethod = 0x8000000,             // 3.14: a function defined directly in a class body
};

struct CodeObject {
  std::string name;      // co_name: "fn", "<lambda>", "<module>", "<genexpr>", class name
  std::string qualname;  // "Cls.method", "f.<locals>.g"
  std::string filename;  // path as the interpreter should print it
  uint32_t firstlineno = 0;
  uint32_t def_line = 0;  // the `def`/`class` line (f_lineno when the frame starts)
  uint32_t flags = 0;
  int argcount = 0;  // positional parameters, posonly included
  int posonlyargcount = 0;
  int kwonlyargcount = 0;
  std::vector<std::string>
      varnames;  // parameters first (args, kwonly, *args, **kwargs), then locals
  std::vector<std::string>
      cellvars;  // locals captured by inner functions (a parameter may be one too)
  std::vector<std::string> freevars;  // names captured from enclosing functions
  std::vector<std::string> names;     // global / attribute / import names
  std::vector<Constant> consts;
  std::vector<Instr> code;
  /// For each cellvar that is also a parameter: its index in varnames (else -1).
  std::vector<int> cell2arg;
  /// Set when the body uses `super()` or `__class__`: the function needs its defining class.
  bool uses_class_cell = false;
  /// CPython's co_flags (CpythonCodeFlags), for `code.co_flags` and inspect.
  uint32_t co_flags = 0;
  /// The evaluator's converted constants (owned by the code object so they die with it).
  mutable std::shared_ptr<void> runtime_consts;
};

// Block and exception protocols (the VM implements exactly these; the compiler relies on them).
//
// Blocks. A frame has a block stack. SETUP_FINALLY pushes a Try block {handler, depth = current
// stack size}. SETUP_WITH pops the context manager, pushes its bound `__exit__`, calls
// `__enter__`, pushes a With block {handler, depth = stack size with `exit` on it}, then pushes
// the `__enter__` result. POP_BLOCK pops the innermost block (Try or With), leaving the operand
// stack alone.
//
// Raising. When an exception is raised in a frame, the VM pops the innermost block (if none, the
// exception leaves the frame), truncates the operand stack to the block's depth, pushes the
// exception object, records it as the "handled" exception (for bare `raise` and implicit
// chaining) and jumps to the block's handler.
//
// try/except:        SETUP_FINALLY H; <body>; POP_BLOCK; JUMP ELSE
//                H:  COPY 1; <type expr>; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE NEXT; POP_TOP;
//                    (STORE_FAST/STORE_NAME name | POP_TOP); <handler body>; POP_EXCEPT;
//                    (delete name); JUMP END
//             NEXT:  ... next handler, finally: RERAISE (the exception is on the stack)
//             ELSE:  <orelse>  END:
//   A bare `except:` skips the match test. POP_EXCEPT ends the handling (restores the previous
//   handled exception); the exception object itself must already be popped from the stack.
//   Handler bodies that can raise are NOT wrapped in another SETUP_FINALLY unless the source has
//   a nested try; an exception raised inside a handler body propagates to outer blocks (the VM
//   restores the handled-exception state when unwinding past a handler).
// try/finally:       SETUP_FINALLY H; <body>; POP_BLOCK; <finalbody>; JUMP END
//                H:  <finalbody>; RERAISE       (the exception is on the stack during finalbody)
//   `return`/`break`/`continue` crossing a finally emit POP_BLOCK and a copy of <finalbody>
//   first (CPython does the same).
// with:              <ctx expr>; SETUP_WITH H; (store target | POP_TOP); <body>; POP_BLOCK;
//                    WITH_EXIT; JUMP END
//                H:  WITH_EXCEPT; POP_JUMP_IF_TRUE S; RERAISE
//                S:  POP_TOP (exc); POP_TOP (exit); POP_EXCEPT; JUMP END
//   `with a, b:` nests two withs. `return v` inside a with: <v>; POP_BLOCK; SWAP 2; WITH_EXIT;
//   ... RETURN_VALUE (for each enclosing block, innermost first). `break`/`continue` inside a
//   with: POP_BLOCK; WITH_EXIT.
// for:               <iter expr>; GET_ITER; L: FOR_ITER END; <store target>; <body>; JUMP L;
//                    END: <orelse>.  `break` inside the loop body (no blocks between) is
//                    POP_TOP (the iterator) + JUMP past the orelse; `continue` is JUMP L.
// Returning from inside an except handler body: the exception was already popped, so only
//   POP_EXCEPT is needed before the return.
// Comprehensions (list/set/dict) are inlined into the enclosing code as CPython 3.12+ does:
//   BUILD_LIST 0; <iter>; GET_ITER; L: FOR_ITER E; <store>; <ifs: POP_JUMP_IF_FALSE L>;
//   <elt>; LIST_APPEND 2; JUMP L; E:   — their targets use hidden local slots (in a function)
//   named "<name>@<line>:<col>" so they do not leak, or real names in module/class scope
//   saved and restored is not modelled. Generator expressions are separate code objects with
//   kGenerator set, called immediately with the first iterable: <iter>; GET_ITER; MAKE_FUNCTION;
//   SWAP 2; CALL 1 (the genexpr's parameter is named ".0").
// Lambdas are code objects named "<lambda>" with kLambda and body `<expr>; RETURN_VALUE`.
// Classes: LOAD_BUILD_CLASS; MAKE_FUNCTION (class body code, kClassBody); LOAD_CONST name;
//   <bases>; (kwnames) CALL / CALL_KW. The body code stores `__module__`, `__qualname__`, then
//   executes the statements, then `LOAD_CONST None; RETURN_VALUE`.
// Decorators: evaluated before the def (outermost first), applied innermost first with CALL 1.
// Positions: every instruction carries the span of the AST node it implements (the Call node for
//   CALL, the whole BinOp for BINARY_OP, the Subscript for BINARY_SUBSCR, the Compare for
//   COMPARE_OP, the `if` test expression for its POP_JUMP_IF_*, the statement for STORE_* of an
//   assignment target's node); RETURN_VALUE carries the return statement's span.

/// Compiles a parsed module. The returned code object's filename is `filename`.
/// Errors (a SyntaxError CPython's compiler would raise: `return` outside a function, `nonlocal`
/// at module level, ...) come back as gbc::Error with code Syntax and a `line:col: ` prefix.
/// How the bytecode differs between the CPython versions gbc models.
struct CompileOptions {
  /// CPython 3.12 tests a `while` condition at the top and again at the bottom of the loop (a
  /// forward POP_JUMP_IF_FALSE out, then a JUMP back to the body); 3.13+ jump back to the test.
  /// Dynamo's "graph break in loop" looks for backward jumps, so the layout decides it.
  bool while_test_at_bottom = false;
  /// PEP 649/749 (3.14): annotations compile to `__annotate__` functions; 3.12 evaluates them
  /// eagerly into `__annotations__`.
  bool deferred_annotations = true;
  /// 3.14 code objects: co_flags carries CO_HAS_DOCSTRING / CO_METHOD.
  bool python314 = true;
  /// `from __future__ import annotations` in force before the module's own imports (compile()
  /// inheriting its caller's flags).
  bool future_annotations = false;
  /// compile()'s mode: "exec" (a module), "eval" (one expression, its value returned) or
  /// "single" (one statement; expression statements print their value via sys.displayhook).
  enum class Mode { Exec, Eval, Single };
  Mode mode = Mode::Exec;

  static CompileOptions forPython(std::string_view version) {
    CompileOptions o;
    o.while_test_at_bottom = version == "3.12";
    o.deferred_annotations = version != "3.12";
    o.python314 = version != "3.12";
    return o;
  }
};

Result<std::shared_ptr<CodeObject>> compileModule(const syntax::Module& module,
                                                  const std::string& filename,
                                                  const CompileOptions& options = {});

/// repr() of a str (or, with `bytes`, of a bytes object: b'...', bytes >= 0x80 as \xNN).
std::string pyStringRepr(std::string_view s, bool bytes);

/// A readable listing of a code object and its nested code objects (tests, --dump-bytecode).
std::string disassemble(const CodeObject& code);

}  // namespace gbc::interp
