// parseModule: validate the bytes, run tree-sitter, report its first error, lower the tree.
#include "syntax/parser.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "syntax/cst.h"
#include "syntax/lowering.h"
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

/// The first invalid UTF-8 byte or NUL, as an Encoding error.
std::optional<Error> checkEncoding(const std::string& path, std::string_view s) {
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    }
    if (c == '\0') {
      return Error{ErrorCode::Encoding, location(path, line, static_cast<uint32_t>(i - line_start + 1)) +
                                            "source contains a NUL byte (binary file?)"};
    }
    size_t len = utf8SequenceLength(s, i);
    if (len == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      return Error{ErrorCode::Encoding,
                   location(path, line, static_cast<uint32_t>(i - line_start + 1)) + "invalid UTF-8 byte " + hex};
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace

Result<Module> parseModule(const std::string& path, std::string_view source) {
  if (source.size() > UINT32_MAX)
    return Error{ErrorCode::Unsupported, path + ": source is larger than 4 GiB, tree-sitter's limit"};
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  if (auto error = checkEncoding(path, source)) return *error;

  // A lone "\r" ends a line for Python but not for tree-sitter; same length, so offsets hold.
  std::string text(source);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) text[i] = '\n';
  }
  auto source_text = std::make_shared<const SourceText>(std::move(text));
  const std::string& src = source_text->text();

  // One parser per thread, reused: the caret lines of a traceback parse many small segments.
  thread_local ParserHandle parser;
  const TSLanguage* language = Grammar::get().language();
  if (!parser) {
    ParserHandle fresh(ts_parser_new());
    if (!fresh || !ts_parser_set_language(fresh.get(), language)) {
      return Error{ErrorCode::Internal, "tree-sitter runtime refuses the python grammar (ABI " +
                                            std::to_string(ts_language_version(language)) + ")"};
    }
    parser = std::move(fresh);
  }
  TreeHandle tree(ts_parser_parse_string(parser.get(), nullptr, src.data(), static_cast<uint32_t>(src.size())));
  if (!tree) return Error{ErrorCode::Internal, "tree-sitter returned no tree for '" + path + "'"};
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root)) return describeSyntaxError(path, src, root);

  Lowerer lowerer(path, src, root);
  Result<StmtList> body = lowerer.lowerModule();
  if (!body) return body.error();
  Module module;
  module.path = path;
  module.body = std::move(*body);
  module.source = std::move(source_text);
  return module;
}

}  // namespace gbc::syntax
