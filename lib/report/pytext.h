// Python string helpers the formatters need to reproduce Dynamo's and CPython's layout byte for
// byte: str.strip/lstrip/rstrip, str.splitlines, textwrap.indent/dedent, linecache.getline.
// ASCII whitespace rules only (Python's Unicode whitespace beyond ASCII is not modelled).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::report::py {

/// str.isspace() for one ASCII character (includes \v, \f and the \x1c-\x1f separators).
bool isSpace(char c);

std::string_view strip(std::string_view s);
std::string_view lstrip(std::string_view s);
std::string_view rstrip(std::string_view s);

/// str.splitlines(keepends=True) for the ASCII line boundaries (\n, \r, \r\n, \v, \f, \x1c-\x1e).
std::vector<std::string_view> splitLinesKeepEnds(std::string_view s);

/// textwrap.indent(text, prefix): prefixes every line that is not whitespace-only.
std::string indent(std::string_view text, std::string_view prefix);

/// textwrap.indent(text, prefix, lambda line: True): prefixes every line.
std::string indentAll(std::string_view text, std::string_view prefix);

/// textwrap.dedent(text): removes the common leading whitespace of the non-blank lines and turns
/// whitespace-only lines into empty ones.
std::string dedent(std::string_view text);

/// textwrap.indent(part, "    ").lstrip(): the continuation layout of exc.py's gb messages.
std::string indentContinuation(std::string_view part);

/// Number of characters in UTF-8 text (code points; invalid bytes count one each).
std::size_t charCount(std::string_view utf8);

/// utils._fix_offset / CPython's _byte_offset_to_character_offset: characters in the first
/// `byte_offset` bytes of `line`.
std::size_t byteToCharOffset(std::string_view line, std::size_t byte_offset);

/// The source text of each file, as FileReport::sources holds it.
using SourceMap = std::map<std::string, std::shared_ptr<const std::string>>;

/// linecache.getline(file, n) without the line terminator: empty when the file has no source or
/// the line does not exist. Lines end at \n, \r\n or \r (universal newlines).
std::string_view sourceLine(const SourceMap& sources, std::string_view file, uint32_t n);

}  // namespace gbc::report::py
