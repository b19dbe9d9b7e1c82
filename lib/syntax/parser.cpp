// parseModule: validate the bytes, run tree-sitter, report its first error, lower the tree.
#include "syntax/parser.h"
#include "syntax/source_encoding.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "syntax/cst.h"
#include "syntax/lowering.h"
#include "syntax/nesting.h"
#include "syntax/repair.h"
#include "syntax/source.h"
#include "syntax/syntax_errors.h"
#include "syntax/ts_handles.h"

namespace gbc::syntax {

namespace {

std::string location(const std::string& path, uint32_t line, uint32_t col) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": ";
}

/// Length of the valid UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and code points
/// above U+10FFFF are invalid, as for CPython's decoder).
size_t utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char c1 = static_cast<unsigned char>(byte(i + 1));
    if (c == 0xE0 && c1 < 0xA0) return 0;
    if (c == 0xED && c1 >= 0xA0) return 0;
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char c1 = static_cast<unsigned char>(byte(i + 1));
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 >= 0x90) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

/// Whether none of the 8 bytes at p is NUL or non-ASCII.
bool plainAscii8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  return ((w | ((w - kOnes) & ~w)) & kHighs) == 0;  // no byte with its high bit set, none zero
}

/// The first invalid UTF-8 byte or NUL, as an Encoding error.
std::optional<Error> checkEncoding(const std::string& path, std::string_view s) {
  size_t i = 0;
  for (;;) {
    while (i + 8 <= s.size() && plainAscii8(s.data() + i)) i += 8;  // the common case
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '\0') break;
    size_t len = utf8SequenceLength(s, i);
    if (len == 0) break;
    i += len;
  }
  // The error's line and column (1-based, in bytes).
  size_t line_start = s.rfind('\n', i == 0 ? 0 : i - 1);
  line_start = line_start == std::string_view::npos || i == 0 ? 0 : line_start + 1;
  auto line = static_cast<uint32_t>(
      1 + std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
  std::string where = location(path, line, static_cast<uint32_t>(i - line_start + 1));
  if (s[i] == '\0')
    return Error{ErrorCode::Encoding, where + "source contains a NUL byte (binary file?)"};
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(s[i])));
  return Error{ErrorCode::Encoding, where + "invalid UTF-8 byte " + hex};
}

/// One tree-sitter parser per thread, reused (the caret lines of a traceback parse many small
/// segments; a directory's files are parsed one after another).
Result<TSParser*> threadParser() {
  thread_local ParserHandle parser;
  if (!parser) {
    const TSLanguage* language = Grammar::get().language();
    ParserHandle fresh(ts_parser_new());
    if (!fresh || !ts_parser_set_language(fresh.get(), language)) {
      return Error{ErrorCode::Internal, "tree-sitter runtime refuses the python grammar (ABI " +
                                            std::to_string(ts_language_version(language)) + ")"};
    }
    parser = std::move(fresh);
  }
  return parser.get();
}

/// The checks before tree-sitter sees the text: size, BOM, encoding. Returns the text to parse,
/// with lone "\r" line ends made "\n" (Python ends a line there, tree-sitter does not; same length,
/// so offsets hold).
Result<std::string> prepareSource(const std::string& path, std::string_view source) {
  if (source.size() > UINT32_MAX)
    return Error{ErrorCode::Unsupported,
                 path + ": source is larger than 4 GiB, tree-sitter's limit"};
  Result<std::string> decoded = decodeSource(path, source);  // a PEP 263 declaration
  if (!decoded) return decoded.error();
  std::string text = std::move(*decoded);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (auto error = checkEncoding(path, text)) return *error;
  for (size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1)) {
    if (i + 1 == text.size() || text[i + 1] != '\n') text[i] = '\n';
  }
  return text;
}

}  // namespace

Result<TreeHandle> parseTree(const std::string& path, const std::string& src) {
  Result<TSParser*> parser = threadParser();
  if (!parser) return parser.error();
  TreeHandle tree(
      ts_parser_parse_string(*parser, nullptr, src.data(), static_cast<uint32_t>(src.size())));
  if (!tree) return Error{ErrorCode::Internal, "tree-sitter returned no tree for '" + path + "'"};
  return tree;
}

/// The syntax error of a tree with ERROR nodes. Blocks nested past the tokenizer's limit are
/// reported as CPython reports them, at their line: tree-sitter fails on them somewhere else.
static Error syntaxErrorOf(const std::string& path, const std::string& src, TSNode root) {
  if (uint32_t line = indentOverflowLine(src, kMaxBlockDepth)) {
    size_t at = 0;  // the line's first character after its indentation (the column lowering gives)
    for (uint32_t l = 1; l < line; ++l) at = src.find('\n', at) + 1;
    size_t text = src.find_first_not_of(" \t\f", at);
    return Error{ErrorCode::Syntax, path + ":" + std::to_string(line) + ":" +
                                        std::to_string(text - at + 1) +
                                        ": too many levels of indentation (gbc limit " +
                                        std::to_string(kMaxBlockDepth) + ")"};
  }
  return describeSyntaxError(path, src, root);
}

Result<Module> parseModule(const std::string& path, std::string_view source) {
  Result<std::string> text = prepareSource(path, source);
  if (!text) return text.error();
  auto source_text = std::make_shared<const SourceText>(std::move(*text));
  const std::string& src = source_text->text();
  Result<TreeHandle> tree = parseTree(path, src);
  if (!tree) return tree.error();
  TSNode root = ts_tree_root_node(tree->get());
  // Newer syntax the grammar lacks is masked in a copy of the text (repair.h) and read back.
  std::optional<Repair> repair;
  if (ts_node_has_error(root)) {
    repair = repairSource(src, root);
    if (repair) {
      Result<TreeHandle> repaired = parseTree(path, repair->text);
      if (repaired && !ts_node_has_error(ts_tree_root_node(repaired->get())))
        tree = std::move(repaired);
      else
        repair.reset();
    }
    if (!repair) return syntaxErrorOf(path, src, root);
    root = ts_tree_root_node(tree->get());
  }

  Lowerer lowerer(path, repair ? std::string_view(repair->text) : std::string_view(src), root);
  if (repair) lowerer.setRepair(&repair->edits, &src);
  Result<StmtList> body = lowerer.lowerModule();
  if (!body) return body.error();
  Module module;
  module.path = path;
  module.body = std::move(*body);
  module.source = std::move(source_text);
  return module;
}

std::optional<Error> checkSyntax(const std::string& path, std::string_view source) {
  Result<std::string> text = prepareSource(path, source);
  if (!text) return text.error();
  Result<TreeHandle> tree = parseTree(path, *text);
  if (!tree) return tree.error();
  TSNode root = ts_tree_root_node(tree->get());
  if (ts_node_has_error(root)) {
    // Newer syntax the grammar lacks (repair.h) is no error; parseModule checks the rest.
    auto repair = repairSource(*text, root);
    if (!repair) return syntaxErrorOf(path, *text, root);
    Result<TreeHandle> repaired = parseTree(path, repair->text);
    if (!repaired || ts_node_has_error(ts_tree_root_node(repaired->get())))
      return syntaxErrorOf(path, *text, root);
    return std::nullopt;
  }
  // Lowering adds the nesting limits (kMaxExprDepth, kMaxBlockDepth): a tree no deeper than the
  // smaller one cannot reach either. The lexical bound settles most files; the others are
  // measured, and the few deep ones lowered to find the exact error.
  const auto limit = static_cast<uint32_t>(std::min(kMaxExprDepth, kMaxBlockDepth));
  if (nestingBound(*text) > limit && treeDepth(root, limit) > limit) {
    Lowerer lowerer(path, *text, root);
    Result<StmtList> body = lowerer.lowerModule();
    if (!body && body.error().code != ErrorCode::Unsupported) return body.error();
  }
  return std::nullopt;
}

std::string dumpCst(std::string_view source) {
  Result<TreeHandle> tree = parseTree("<cst>", std::string(source));
  if (!tree) return tree.error().message;
  char* text = ts_node_string(ts_tree_root_node(tree->get()));
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

}  // namespace gbc::syntax
