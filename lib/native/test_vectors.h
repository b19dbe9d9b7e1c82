// Test-only helpers shared by lib/native's tests: reading the generated vector files under
// testdata/native (one case a line: op, arguments, '=>', expected results) and their notations.
#pragma once

#include "native/py_result.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gbc::native::test {

struct VectorLine {
  int number = 0;
  std::string op;
  std::vector<std::string> args;
  std::vector<std::string> expected;
};

/// Every non-empty line of a vector file; an unreadable file yields no lines.
inline std::vector<VectorLine> readVectors(const std::string& path) {
  std::vector<VectorLine> lines;
  std::ifstream in(path);
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    std::istringstream tokens(text);
    VectorLine line;
    line.number = number;
    if (!(tokens >> line.op)) continue;
    std::string token;
    bool after_arrow = false;
    while (tokens >> token) {
      if (token == "=>") {
        after_arrow = true;
      } else {
        (after_arrow ? line.expected : line.args).push_back(token);
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

/// Bytes from hex ("-" is empty).
inline std::string decodeHex(const std::string& hex) {
  std::string out;
  if (hex == "-") return out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

/// Hex of bytes ("-" for none).
inline std::string encodeHex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out.empty() ? "-" : out;
}

inline const char* kindName(PyErrorKind kind) {
  switch (kind) {
    case PyErrorKind::ValueError:
      return "ValueError";
    case PyErrorKind::OverflowError:
      return "OverflowError";
    case PyErrorKind::ZeroDivisionError:
      return "ZeroDivisionError";
    case PyErrorKind::MemoryError:
      return "MemoryError";
    case PyErrorKind::StructError:
      return "error";
  }
  return "?";
}

/// An exception as the generators write it: '!Type:' and the hex of the message.
inline std::string errorToken(const PyError& error) {
  return std::string("!") + kindName(error.kind) + ":" + encodeHex(error.message);
}

}  // namespace gbc::native::test
