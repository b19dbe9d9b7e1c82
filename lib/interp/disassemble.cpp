// A readable listing of code objects, in the spirit of CPython's `dis`: one line per
// instruction with its index, position, opcode, argument and what the argument means.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "interp/bytecode.h"

namespace gbc::interp {

std::string pyStringRepr(std::string_view s, bool bytes) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char q = (has_single && !has_double) ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += q;
  for (unsigned char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c == static_cast<unsigned char>(q)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += q;
  return out;
}

namespace {

std::string floatRepr(double d) {
  char buf[32];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eni") == std::string::npos) s += ".0";
  return s;
}

std::string constRepr(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::Code:
      return "<code object " + c.code->name + ", line " + std::to_string(c.code->firstlineno) + ">";
    case Constant::Kind::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < c.tuple.size(); ++i) {
        if (i) out += ", ";
        out += constRepr(c.tuple[i]);
      }
      if (c.tuple.size() == 1) out += ",";
      return out + ")";
    }
    case Constant::Kind::Value:
      break;
  }
  using K = syntax::ConstantValue::Kind;
  const auto& v = c.value;
  switch (v.kind) {
    case K::None:
      return "None";
    case K::Bool:
      return v.b ? "True" : "False";
    case K::Int:
      return std::to_string(v.i);
    case K::BigInt:
      return v.str;
    case K::Float:
      return floatRepr(v.f);
    case K::Complex:
      return floatRepr(v.f) + "j";
    case K::Str:
      return pyStringRepr(v.str, false);
    case K::Bytes:
      return pyStringRepr(v.str, true);
    case K::Ellipsis:
      return "Ellipsis";
  }
  return "?";
}

const char* binOpSymbol(int k) {
  static const char* const symbols[] = {"+",  "-",  "*",  "@", "/", "//", "%",
                                        "**", "<<", ">>", "|", "^", "&"};
  return k >= 0 && k < 13 ? symbols[k] : "?";
}

std::string argMeaning(const CodeObject& code, const Instr& in) {
  auto at = [](const std::vector<std::string>& v, int i) -> std::string {
    return i >= 0 && static_cast<size_t>(i) < v.size() ? v[static_cast<size_t>(i)]
                                                       : std::string("?");
  };
  auto cell = [&](int i) {
    size_t n = code.cellvars.size();
    return static_cast<size_t>(i) < n ? at(code.cellvars, i)
                                      : at(code.freevars, i - static_cast<int>(n));
  };
  if (hasJumpTarget(in.op)) return "to " + std::to_string(in.arg);
  switch (in.op) {
    case Op::LOAD_CONST:
      return in.arg >= 0 && static_cast<size_t>(in.arg) < code.consts.size()
                 ? constRepr(code.consts[static_cast<size_t>(in.arg)])
                 : "?";
    case Op::LOAD_FAST:
    case Op::STORE_FAST:
    case Op::DELETE_FAST:
      return at(code.varnames, in.arg);
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::DELETE_DEREF:
    case Op::LOAD_CLOSURE:
    case Op::LOAD_FROM_DICT_OR_DEREF:
      return cell(in.arg);
    case Op::LOAD_GLOBAL:
    case Op::STORE_GLOBAL:
    case Op::DELETE_GLOBAL:
    case Op::LOAD_NAME:
    case Op::STORE_NAME:
    case Op::DELETE_NAME:
    case Op::LOAD_ATTR:
    case Op::STORE_ATTR:
    case Op::DELETE_ATTR:
    case Op::IMPORT_NAME:
    case Op::IMPORT_FROM:
    case Op::UNSUPPORTED:
    case Op::LOAD_FROM_DICT_OR_GLOBALS:
    case Op::LOAD_TYPING:
      return at(code.names, in.arg);
    case Op::GET_AWAITABLE: {
      static const char* const where[] = {"", "after __aenter__", "after __aexit__"};
      return in.arg > 0 && in.arg < 3 ? where[in.arg] : "";
    }
    case Op::SET_FUNCTION_ATTRIBUTE:
      return in.arg == kFnAnnotations  ? "annotations"
             : in.arg == kFnAnnotate   ? "annotate"
             : in.arg == kFnTypeParams ? "type_params"
                                       : "?";
    case Op::BUILD_INTERPOLATION: {
      std::string s;
      int conv = in.arg & 0xff;
      if (conv) s = std::string("!") + static_cast<char>(conv);
      if (in.arg & 0x100) s += s.empty() ? "with spec" : ", with spec";
      return s;
    }
    case Op::BINARY_OP:
      return std::string(binOpSymbol(in.arg & 0xff)) + ((in.arg & 0x100) ? "=" : "");
    case Op::UNARY_OP: {
      static const char* const ops[] = {"not", "-", "+", "~"};
      return in.arg >= 0 && in.arg < 4 ? ops[in.arg] : "?";
    }
    case Op::COMPARE_OP: {
      static const char* const ops[] = {"==", "!=", "<", "<=", ">", ">="};
      return in.arg >= 0 && in.arg < 6 ? ops[in.arg] : "?";
    }
    case Op::IS_OP:
      return in.arg ? "is not" : "is";
    case Op::CONTAINS_OP:
      return in.arg ? "not in" : "in";
    case Op::FORMAT_VALUE: {
      std::string s;
      int conv = in.arg & 0xff;
      if (conv) s = std::string("!") + static_cast<char>(conv);
      if (in.arg & 0x100) s += s.empty() ? "with spec" : ", with spec";
      return s;
    }
    case Op::MAKE_FUNCTION: {
      std::string s;
      auto add = [&](const char* f) { s += s.empty() ? f : std::string(", ") + f; };
      if (in.arg & kHasDefaults) add("defaults");
      if (in.arg & kHasKwDefaults) add("kwdefaults");
      if (in.arg & kHasClosure) add("closure");
      return s;
    }
    case Op::UNPACK_EX:
      return std::to_string(in.arg & 0xff) + " before, " + std::to_string(in.arg >> 8) + " after";
    default:
      return {};
  }
}

std::string joinNames(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    out += v[i];
  }
  return out;
}

std::string flagNames(uint32_t flags) {
  static const std::pair<uint32_t, const char*> table[] = {
      {kVarargs, "VARARGS"},
      {kVarkw, "VARKEYWORDS"},
      {kGenerator, "GENERATOR"},
      {kModule, "MODULE"},
      {kClassBody, "CLASS_BODY"},
      {kLambda, "LAMBDA"},
      {kComprehensionInlined, "COMPREHENSION_INLINED"},
      {kCoroutine, "COROUTINE"},
      {kAsyncGenerator, "ASYNC_GENERATOR"}};
  std::string out;
  for (const auto& [bit, name] : table) {
    if (!(flags & bit)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out.empty() ? "none" : out;
}

void disassembleInto(const CodeObject& code, std::string& out) {
  out += "Disassembly of " + code.qualname + " (name " + code.name + ", file " + code.filename +
         ", line " + std::to_string(code.firstlineno) + ")\n";
  out += "  flags: " + flagNames(code.flags) + (code.uses_class_cell ? " [uses class cell]" : "") +
         "\n";
  out += "  argcount " + std::to_string(code.argcount) + ", posonly " +
         std::to_string(code.posonlyargcount) + ", kwonly " + std::to_string(code.kwonlyargcount) +
         "\n";
  if (!code.varnames.empty()) out += "  varnames: " + joinNames(code.varnames) + "\n";
  if (!code.cellvars.empty()) out += "  cellvars: " + joinNames(code.cellvars) + "\n";
  if (!code.freevars.empty()) out += "  freevars: " + joinNames(code.freevars) + "\n";
  if (!code.names.empty()) out += "  names: " + joinNames(code.names) + "\n";
  if (!code.consts.empty()) {
    std::vector<std::string> consts;
    for (const Constant& c : code.consts) consts.push_back(constRepr(c));
    out += "  consts: " + joinNames(consts) + "\n";
  }
  for (size_t i = 0; i < code.code.size(); ++i) {
    const Instr& in = code.code[i];
    char head[96];
    std::snprintf(head, sizeof head, "%5zu  %4u:%-3u-%4u:%-3u  %-21s %d", i, in.pos.line,
                  in.pos.col, in.pos.end_line, in.pos.end_col, opName(in.op), in.arg);
    out += head;
    std::string meaning = argMeaning(code, in);
    if (!meaning.empty()) out += " (" + meaning + ")";
    out += "\n";
  }
  for (const Constant& c : code.consts) {
    if (c.kind != Constant::Kind::Code) continue;
    out += "\n";
    disassembleInto(*c.code, out);
  }
}

}  // namespace

std::string disassemble(const CodeObject& code) {
  std::string out;
  disassembleInto(code, out);
  return out;
}

}  // namespace gbc::interp
