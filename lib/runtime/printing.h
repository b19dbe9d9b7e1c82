// Printing exactly as torch 2.14 prints (torch/_tensor_str.py) and as CPython formats numbers.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/tensor.h"

namespace gbc::runtime {

/// torch.set_printoptions state.
struct PrintOptions {
  int precision = 4;
  double threshold = 1000;  ///< summarise when numel > threshold (infinity for "full")
  int edgeitems = 3;
  int linewidth = 80;
  std::optional<bool> sciMode;  ///< None: automatic

  /// set_printoptions(profile=...): "default", "short" (precision 2, edgeitems 2) or "full"
  /// (threshold infinity); nullopt for another name.
  static std::optional<PrintOptions> profile(std::string_view name);
};

/// str(t) == repr(t): "tensor([1., 2.])", with torch's widths, wrapping, summarisation and
/// size=/dtype=/grad_fn=/requires_grad= suffixes.
std::string formatTensor(const Tensor& t, const PrintOptions& options = {});
/// str(nn.Parameter): "Parameter containing:\n" + the tensor (which shows requires_grad=True).
std::string formatParameter(const Tensor& t, const PrintOptions& options = {});
/// "torch.Size([2, 3])".
std::string formatSize(const Shape& sizes);
/// CPython repr of a float: shortest round-trip ("0.1", "1e-05", "1.0", "inf", "nan").
std::string formatPythonFloat(double v);
/// Python repr of a scalar: "3", "0.10000000149011612", "True".
std::string formatScalar(const Scalar& s);
/// Python repr of tolist() output: "[[1.0, 2.0], [3.0, 4.0]]".
std::string formatNested(const Nested& n);
/// torch.return_types.<name>(\nvalues=tensor(...),\nindices=tensor(...)).
std::string formatReturnTypes(std::string_view name, const Tensor& values, const Tensor& indices,
                              const PrintOptions& options = {});

}  // namespace gbc::runtime
