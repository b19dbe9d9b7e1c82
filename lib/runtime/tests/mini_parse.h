// Test-only: the syntax tree of mini_eval's Python expressions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/mini_eval.h"

namespace gbc::runtime::testing {

struct Node {
  enum class K {
    Num,
    Str,
    Name,
    Attr,
    Call,
    Subscript,
    Unary,
    Binary,
    List,
    Tuple,
    Dict,
    Lambda,
    Slice,
    Ellipsis
  };
  K k = K::Num;
  std::string text;  // literal text, name, attribute, operator, lambda parameter
  std::vector<std::shared_ptr<Node>>
      kids;                          // Call: callee then positional args; Slice: 3 (maybe null)
  std::vector<std::string> kwnames;  // Call keyword names
  std::vector<std::shared_ptr<Node>> kwargs;
};
using NodePtr = std::shared_ptr<Node>;

NodePtr parseExpression(const std::string& code);

}  // namespace gbc::runtime::testing
