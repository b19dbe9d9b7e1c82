// compile(), exec() and eval(): source text (str, or bytes decoded per PEP 263) compiled by
// gbc's own front end and compiler for the VM's Python version, run in the given (or the
// caller's) namespaces. Syntax errors are SyntaxError instances with CPython's attributes
// (msg, filename, lineno, offset, text, end_lineno, end_offset). namedtuple (eval of a lambda)
// and dataclasses (exec of generated defs) are built on these.
#include <cstdlib>

#include "interp/ast_export.h"
#include "interp/gen_objects.h"
#include "interp/native_args.h"
#include "interp/text_args.h"
#include "syntax/parser.h"
#include "syntax/source_encoding.h"

namespace gbc::interp {

namespace {

// CPython's PyCF_* compile() flags.
constexpr int64_t kOnlyAst = 0x400;
constexpr int64_t kTypeComments = 0x1000;
constexpr int64_t kAllowTopLevelAwait = 0x2000;
constexpr int64_t kDontImplyDedent = 0x200;
constexpr int64_t kAllowIncompleteInput = 0x4000;
constexpr int64_t kOptimizedAst = 0x8000 | kOnlyAst;
// The CO_FUTURE_* flags compile() accepts (division .. annotations).
constexpr int64_t kFutureFlags =
    0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 | 0x800000 | 0x1000000;

ClassPtr syntaxErrorClass(VM& vm) { return vm.b().by_name["SyntaxError"]; }

/// A SyntaxError as CPython raises it from compile().
[[noreturn]] void raiseSyntaxError(VM& vm, const std::string& msg, const std::string& filename,
                                   uint32_t line, uint32_t col, const std::string& source) {
  std::string text;
  if (line > 0) {
    size_t pos = 0;
    for (uint32_t l = 1; l < line && pos != std::string::npos; ++l) {
      pos = source.find('\n', pos);
      if (pos != std::string::npos) ++pos;
    }
    if (pos != std::string::npos && pos <= source.size()) {
      size_t end = source.find('\n', pos);
      text = source.substr(pos, end == std::string::npos ? std::string::npos : end - pos + 1);
    }
  }
  // (SyntaxError's constructor sets msg, filename, lineno, ... from the details: exceptions.cpp)
  Value lineno = pyInt(line), offset = line ? pyInt(col) : none();
  Value text_v = text.empty() ? none() : pyStr(text);
  Value exc =
      vm.call(syntaxErrorClass(vm),
              std::vector<Value>{
                  pyStr(msg), pyTuple({pyStr(filename), lineno, offset, text_v, lineno, offset})});
  throw PyRaise{exc};
}

/// Splits gbc's "[<filename>:]<line>:<col>: <message>" into its parts.
void parseLocated(const std::string& message, const std::string& filename, uint32_t& line,
                  uint32_t& col, std::string& msg) {
  std::string rest = message;
  if (rest.rfind(filename + ":", 0) == 0) rest = rest.substr(filename.size() + 1);
  line = col = 0;
  char* end = nullptr;
  unsigned long l = std::strtoul(rest.c_str(), &end, 10);
  if (end && *end == ':') {
    char* end2 = nullptr;
    unsigned long c = std::strtoul(end + 1, &end2, 10);
    if (end2 && end2[0] == ':' && end2[1] == ' ') {
      line = static_cast<uint32_t>(l);
      col = static_cast<uint32_t>(c);
      rest = std::string(end2 + 2);
    }
  }
  if (rest.rfind("syntax error: ", 0) == 0) rest = rest.substr(14);
  msg = rest;
}

/// compile(): the code object of `source` for the VM's Python version; with PyCF_ONLY_AST in
/// `flags`, null and the `_ast` tree in *ast (ast_export.h).
std::shared_ptr<CodeObject> compileSource(VM& vm, const Value& source, const std::string& filename,
                                          const std::string& mode, int64_t flags, bool dont_inherit,
                                          Value* ast = nullptr) {
  std::string text;
  if (source->kind == Kind::Str) {
    text = asStr(source);
  } else if (source->kind == Kind::Bytes) {
    auto decoded = syntax::decodeSource(filename, as<BytesObject>(source).v);
    if (!decoded) {
      uint32_t line = 0, col = 0;
      std::string msg;
      parseLocated(decoded.error().message, filename, line, col, msg);
      raiseSyntaxError(vm, msg, filename, line, col, "");
    }
    text = std::move(*decoded);
  } else {
    // An ast.AST node (gbc's _ast, lib/interp/pylib/_ast.py): gbc compiles only from its own
    // syntax tree, so turning a Python-built AST back into code is a gap, not a TypeError.
    if (Value m = vm.findModule("_ast"); m && m->kind == Kind::Module) {
      Value cls = as<ModuleObject>(m).dict->getStr("AST");
      if (cls && cls->kind == Kind::Class && vm.isInstance(source, &as<ClassObject>(cls)))
        vm.unsupported("compile() of an AST object (turning ast nodes back into code)");
    }
    vm.raise(vm.b().type_error, "compile() arg 1 must be a string, bytes or AST object");
  }
  if (text.find('\0') != std::string::npos)
    raiseSyntaxError(vm, "source code string cannot contain null bytes", filename, 0, 0, "");
  CompileOptions options = CompileOptions::forPython(vm.target().python);
  if (mode == "exec") {
    options.mode = CompileOptions::Mode::Exec;
  } else if (mode == "eval") {
    options.mode = CompileOptions::Mode::Eval;
  } else if (mode == "single") {
    options.mode = CompileOptions::Mode::Single;
  } else if (mode == "func_type") {
    vm.unsupported("compile() mode 'func_type' (it makes an AST)");
  } else {
    vm.raise(vm.b().value_error, "compile() mode must be 'exec', 'eval' or 'single'");
  }
  if (flags & ~(kFutureFlags | kOnlyAst | kTypeComments | kAllowTopLevelAwait | kDontImplyDedent |
                kAllowIncompleteInput | kOptimizedAst))
    vm.raise(vm.b().value_error, "compile(): unrecognised flags");
  // (PyCF_OPTIMIZED_AST's constant folding is not modelled: the tree is the parser's)
  if ((flags & kOptimizedAst) == kOptimizedAst)
    vm.unsupported("compile() with PyCF_OPTIMIZED_AST (an AST with constants folded)");
  if (flags & kAllowTopLevelAwait) vm.unsupported("compile() with top-level await");
  if (flags & kCoFutureAnnotations) options.future_annotations = true;
  if (!dont_inherit && vm.top() && (vm.top()->code->co_flags & kCoFutureAnnotations))
    options.future_annotations = true;
  auto module = syntax::parseModule(filename, text);
  if (!module) {
    if (module.error().code == ErrorCode::Unsupported) vm.unsupported(module.error().message);
    uint32_t line = 0, col = 0;
    std::string msg;
    parseLocated(module.error().message, filename, line, col, msg);
    raiseSyntaxError(vm, msg, filename, line, col, text);
  }
  if (flags & kOnlyAst) {
    GBC_CHECK(ast != nullptr, "an AST was asked for where only code can go");
    *ast = astToPython(vm, *module, mode, filename);
    return nullptr;
  }
  auto code = compileModule(*module, filename, options);
  if (!code) {
    uint32_t line = 0, col = 0;
    std::string msg;
    parseLocated(code.error().message, filename, line, col, msg);
    raiseSyntaxError(vm, msg, filename, line, col, text);
  }
  if (!vm.sources.count(filename)) vm.sources[filename] = std::make_shared<const std::string>(text);
  return *code;
}

/// The namespaces exec()/eval() run in: the given ones, or the caller's.
void namespaces(VM& vm, const char* who, Value globals, Value locals, DictPtr& g, DictPtr& l) {
  if (globals && !isNone(globals)) {
    if (globals->kind != Kind::Dict)
      vm.raise(vm.b().type_error,
               std::string(who) + "() globals must be a dict, not " + vm.typeOf(globals)->name);
    g = std::static_pointer_cast<DictObject>(globals);
    if (!g->getStr("__builtins__"))
      g->setStr("__builtins__",
                vm.findModule("builtins") ? vm.findModule("builtins") : Value(vm.builtinsDict()));
    l = g;
  } else {
    Frame* caller = vm.top();
    if (!caller) vm.raise(vm.b().runtime_error, std::string(who) + "(): no current frame");
    g = caller->globals;
    if (caller->locals) {
      l = caller->locals;
    } else if (caller->func) {
      // A function's locals: a snapshot (writes do not reach the function, as in CPython 3.12).
      l = newDict();
      const CodeObject& code = *caller->code;
      for (size_t i = 0; i < code.varnames.size() && i < caller->fast.size(); ++i)
        if (caller->fast[i] && code.varnames[i].find('@') == std::string::npos)
          l->setStr(code.varnames[i], caller->fast[i]);
      for (size_t i = 0; i < caller->cells.size(); ++i) {
        const std::string& n =
            i < code.cellvars.size() ? code.cellvars[i] : code.freevars[i - code.cellvars.size()];
        if (caller->cells[i]->v) l->setStr(n, caller->cells[i]->v);
      }
    } else {
      l = g;
    }
  }
  if (locals && !isNone(locals)) {
    if (locals->kind != Kind::Dict)
      vm.unsupported(std::string(who) + "() with a locals mapping that is not a dict");
    l = std::static_pointer_cast<DictObject>(locals);
  }
}

Value runCode(VM& vm, const std::shared_ptr<CodeObject>& code, const DictPtr& globals,
              const DictPtr& locals, const Value& closure) {
  auto f = std::make_shared<Frame>();
  f->code = code;
  f->name = code->name;
  f->globals = globals;
  f->locals = locals;
  f->fast.assign(code->varnames.size(), nullptr);
  for (size_t i = 0; i < code->cellvars.size(); ++i)
    f->cells.push_back(std::make_shared<CellObject>());
  const size_t nfree = code->freevars.size();
  if (nfree) {
    if (!closure || isNone(closure) || closure->kind != Kind::Tuple ||
        as<TupleObject>(closure).items.size() != nfree)
      vm.raise(vm.b().type_error,
               "code object requires a closure of exactly length " + std::to_string(nfree));
    for (const Value& c : as<TupleObject>(closure).items) {
      if (c->kind != Kind::Cell) vm.raise(vm.b().type_error, "closure can only contain cells");
      f->cells.push_back(std::static_pointer_cast<CellObject>(c));
    }
  } else if (closure && !isNone(closure)) {
    vm.raise(vm.b().type_error, "cannot use a closure with this code object");
  }
  Value r = vm.eval(*f);
  return r ? r : none();
}

Value builtinFn(const std::string& name, NativeFn fn) {
  return std::make_shared<BuiltinObject>(name, std::move(fn));
}

/// exec/eval's code: a code object as it is, or source compiled in `mode`.
std::shared_ptr<CodeObject> codeArg(VM& vm, const Value& source, const char* mode,
                                    const char* who) {
  if (source->kind == Kind::Code) return as<CodeValue>(source).code;
  if (source->kind != Kind::Str && source->kind != Kind::Bytes)
    vm.raise(vm.b().type_error,
             std::string(who) + "() arg 1 must be a string, bytes or code object");
  Value src = source;
  if (std::string(mode) == "eval") {
    // eval() ignores leading spaces and tabs.
    const std::string& s = source->kind == Kind::Str ? asStr(source) : as<BytesObject>(source).v;
    size_t i = s.find_first_not_of(" \t");
    src = source->kind == Kind::Str
              ? pyStr(i == std::string::npos ? "" : s.substr(i))
              : Value(std::make_shared<BytesObject>(i == std::string::npos ? "" : s.substr(i)));
  }
  return compileSource(vm, src, "<string>", mode, 0, false);
}

}  // namespace

void installExecBuiltins(VM& vm) {
  auto builtins = vm.builtinsDict();
  builtins->setStr("compile", builtinFn("compile", [](VM& vm, CallArgs& a) -> Value {
                     static const ArgSpec spec{"compile",
                                               {"source", "filename", "mode", "flags",
                                                "dont_inherit", "optimize", "_feature_version"},
                                               3,
                                               0,
                                               1};
                     std::vector<Value> v = bindArgs(vm, a, spec);
                     Value filename = fspath(vm, v[1]);
                     std::string file = filename->kind == Kind::Str ? asStr(filename)
                                                                    : as<BytesObject>(filename).v;
                     const std::string& mode = strArg(vm, v[2], "compile", "'mode'");
                     int64_t flags = v[3] ? intArgOf(vm, v[3]) : 0;
                     bool dont_inherit = v[4] && intArgOf(vm, v[4]) != 0;
                     if (v[5]) intArgOf(vm, v[5]);  // (optimize: gbc keeps asserts and docstrings)
                     Value ast;
                     auto code = compileSource(vm, v[0], file, mode, flags, dont_inherit, &ast);
                     if (!code) return ast;
                     return std::make_shared<CodeValue>(code);
                   }));
  builtins->setStr(
      "exec", builtinFn("exec", [](VM& vm, CallArgs& a) -> Value {
        static const ArgSpec spec{"exec", {"source", "globals", "locals", "closure"}, 1, 1, 1};
        std::vector<Value> v = bindArgs(vm, a, spec);
        if (v[3] && !isNone(v[3]) && v[0]->kind != Kind::Code)
          vm.raise(vm.b().type_error, "closure can only be used when source is a code object");
        DictPtr g, l;
        namespaces(vm, "exec", v[1], v[2], g, l);
        auto code = codeArg(vm, v[0], "exec", "exec");
        runCode(vm, code, g, l, v[3]);
        return none();
      }));
  builtins->setStr("eval", builtinFn("eval", [](VM& vm, CallArgs& a) -> Value {
                     static const ArgSpec spec{"eval", {"source", "globals", "locals"}, 1, 1, 0};
                     std::vector<Value> v = bindArgs(vm, a, spec);
                     DictPtr g, l;
                     namespaces(vm, "eval", v[1], v[2], g, l);
                     auto code = codeArg(vm, v[0], "eval", "eval");
                     return runCode(vm, code, g, l, nullptr);
                   }));
}

}  // namespace gbc::interp
