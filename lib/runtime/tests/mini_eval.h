// Test-only: evaluates the small Python/torch expressions of the reference files (printing.json
// and ops.json `code` fields) on top of the runtime, so each recorded entry is rebuilt from its
// own source text. Not an interpreter: just enough Python for these one-liners.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/ops.h"
#include "runtime/printing.h"
#include "runtime/random.h"

namespace gbc::runtime::testing {

/// A torch error raised while evaluating (the entry records it as an exception).
struct TorchException {
  TorchError error;
};
/// The entry uses something the runtime (or this evaluator) does not model.
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Node;
struct Val;
using ValPtr = std::shared_ptr<Val>;

struct Module {
  std::string kind;  // "Linear", "ReLU", "GELU", "LayerNorm"
  Tensor weight, bias;
  int64_t in = 0, out = 0;
  Shape normalizedShape;
};

struct Val {
  enum class Kind {
    None,
    Int,
    Float,
    Bool,
    Str,
    Tensor,
    List,
    Tuple,
    Dict,
    DType,
    Size,
    Device,
    ReturnTypes,
    Module,
    Lambda,
    Func,    // a torch function or namespace: s = qualified name ("torch.zeros")
    Method,  // a bound method: s = name, items[0] = self
  };
  Kind kind = Kind::None;
  int64_t i = 0;
  double f = 0;
  bool b = false;
  std::string s;  // Str, ReturnTypes name, Lambda parameter
  Tensor t;
  bool parameter = false;         // nn.Parameter
  std::vector<ValPtr> items;      // List, Tuple, ReturnTypes, Dict values
  std::vector<std::string> keys;  // Dict keys
  DType dtype = DType::Float32;
  Shape size;
  std::shared_ptr<Module> module;
  std::shared_ptr<const Node> body;  // Lambda
};

ValPtr makeTensor(Tensor t);
ValPtr makeInt(int64_t v);
ValPtr makeFloat(double v);
ValPtr makeBool(bool v);

/// Evaluates `code` with the given variables. Throws TorchException or Unsupported.
ValPtr evaluate(const std::string& code, const std::map<std::string, ValPtr>& vars = {});
/// str(v) as print() shows it.
std::string strOf(const Val& v, const PrintOptions& opt);

/// The print options in effect while evaluating (set_printoptions for printing.json).
PrintOptions& currentPrintOptions();

}  // namespace gbc::runtime::testing
