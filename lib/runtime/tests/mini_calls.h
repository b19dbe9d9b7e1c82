// Test-only: function and method calls of mini_eval.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "tests/mini_eval.h"

namespace gbc::runtime::testing {

struct Args {
  std::vector<ValPtr> pos;
  std::map<std::string, ValPtr> kw;
};

ValPtr makeKind(Val::Kind k, std::string s);
/// A tensor result; marks it with gradFn when an input requires grad.
ValPtr gradResult(Tensor r, std::initializer_list<const Tensor*> inputs, const char* gradFn);
/// a op b where at least one side is a tensor.
ValPtr tensorBinary(const std::string& op, const ValPtr& a, const ValPtr& b);
/// Calls a Func, Method or Module value.
ValPtr callValue(const ValPtr& callee, const Args& args);

}  // namespace gbc::runtime::testing
