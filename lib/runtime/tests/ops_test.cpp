// ops.json: every case rebuilt from its code; values bit-exact, dtype, shape, strides, printed text
// and error type and message as torch recorded them.
#include <cmath>
#include <cstdio>
#include <cstring>

#include <catch2/catch.hpp>

#include "runtime/printing.h"
#include "runtime/random.h"
#include "tests/mini_eval.h"
#include "tests/reference.h"

namespace gbc::runtime {
namespace {

using nlohmann::json;
using testing::Unsupported;
using testing::Val;
using testing::ValPtr;

/// Cases that are not the runtime's to build, with the reason.
const std::map<std::string, std::string>& allowList() {
  static const std::map<std::string, std::string> list = {
      // 1e6 makes SLEEF reduce the whole 8-lane vector with its Payne-Hanek table (rempitab),
      // which is not reproduced; |x| < 125 everywhere else matches bit for bit.
      {"torch.sin(a)|torch.tensor([3.14159265, 1e6, 100.0])", "SLEEF large-argument sin reduction"},
      // torch 2.14's float GELU (erf form) differs from both glibc erff and the
      // Abramowitz-Stegun Vectorized<float>::erf of older releases by a few ulp of erf; the kernel
      // has not been identified. The tanh form and values away from the tails match.
      {"F.gelu(a)|torch.tensor([-3.0, -1.5, -0.5, 0.0, 0.5, 1.5, 3.0])",
       "GELU erf kernel not identified"},
      {"F.gelu(a)|torch.linspace(-4., 4., 17)", "GELU erf kernel not identified"},
      {"F.gelu(torch.randn(20))|", "GELU erf kernel not identified"},
  };
  return list;
}

/// The allow-list key of a case: code, then the first input's code.
std::string caseKey(const json& c) {
  std::string key = c["code"].get<std::string>() + "|";
  if (c.contains("inputs") && !c["inputs"].empty())
    key += c["inputs"].begin().value()["code"].get<std::string>();
  return key;
}

Tensor decodeTensor(const json& v) {
  auto dtype = parseDType(v["dtype"].get<std::string>());
  if (!dtype) throw Unsupported("dtype " + v["dtype"].get<std::string>());
  Shape shape = v["shape"].get<Shape>();
  Shape stride = v["stride"].get<Shape>();
  std::vector<json> flat;
  testing::flattenJson(v["values"], flat);
  int64_t extent = 1;
  for (size_t d = 0; d < shape.size(); ++d) extent += (shape[d] - 1) * stride[d];
  if (shapeNumel(shape) == 0) extent = 0;
  Tensor base = Tensor::empty({extent}, *dtype);
  Tensor t = base.asStrided(shape, stride, 0);
  for (int64_t i = 0; i < static_cast<int64_t>(flat.size()); ++i) {
    int64_t rest = i, off = 0;
    for (size_t d = shape.size(); d-- > 0;) {
      off += (rest % shape[d]) * stride[d];
      rest /= shape[d];
    }
    dispatchDType(*dtype, [&](auto tag) {
      using T = decltype(tag);
      T* p = base.data<T>() + off;
      if constexpr (std::is_same_v<T, bool>)
        *p = flat[i].get<bool>();
      else if constexpr (std::is_floating_point_v<T>)
        *p = static_cast<T>(testing::hexValue(flat[i]));
      else
        *p = static_cast<T>(flat[i].get<int64_t>());
    });
  }
  if (v["requires_grad"].get<bool>()) t.setRequiresGrad(true);
  return t;
}

/// Bit-identical, except that any NaN matches any NaN (float.hex() drops a NaN's sign).
bool sameBits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

std::string describeScalar(const Scalar& s) {
  if (const auto* d = std::get_if<double>(&s)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%a", *d);
    return buf;
  }
  return formatScalar(s);
}

/// "" when got matches the encoded value, else what differs.
std::string compareValue(const Val& got, const json& want) {
  const std::string kind = want["kind"].get<std::string>();
  if (kind == "tensor") {
    if (got.kind != Val::Kind::Tensor) return "not a tensor";
    const Tensor& t = got.t;
    if (dtypeName(t.dtype()) != want["dtype"].get<std::string>()) {
      return "dtype " + std::string(dtypeName(t.dtype())) +
             " != " + want["dtype"].get<std::string>();
    }
    if (t.sizes() != want["shape"].get<Shape>()) return "shape " + formatSize(t.sizes());
    if (t.numel() > 1 && t.strides() != want["stride"].get<Shape>()) {
      Shape ws = want["stride"].get<Shape>();
      // Strides of size-1 dims do not matter.
      for (size_t d = 0; d < ws.size(); ++d) {
        if (t.sizes()[d] != 1 && ws[d] != t.strides()[d]) return "strides differ";
      }
    }
    std::vector<json> flat;
    testing::flattenJson(want["values"], flat);
    for (int64_t i = 0; i < t.numel(); ++i) {
      Scalar s = t.flatAt(i);
      bool ok = std::visit(
          [&](auto v) {
            using V = decltype(v);
            if constexpr (std::is_same_v<V, bool>)
              return flat[i].is_boolean() && flat[i].get<bool>() == v;
            else if constexpr (std::is_same_v<V, double>)
              return sameBits(v, testing::hexValue(flat[i]));
            else
              return flat[i].is_number_integer() && flat[i].get<int64_t>() == v;
          },
          s);
      if (!ok)
        return "element " + std::to_string(i) + ": got " + describeScalar(s) + " want " +
               flat[i].dump();
    }
    return "";
  }
  if (kind == "float") {
    if (got.kind != Val::Kind::Float || !sameBits(got.f, testing::hexValue(want["value"])))
      return "float differs";
    return "";
  }
  if (kind == "int")
    return got.kind == Val::Kind::Int && got.i == want["value"].get<int64_t>() ? "" : "int differs";
  if (kind == "bool")
    return got.kind == Val::Kind::Bool && got.b == want["value"].get<bool>() ? "" : "bool differs";
  if (kind == "size")
    return got.kind == Val::Kind::Size && got.size == want["value"].get<Shape>() ? "" : "size";
  if (kind == "tuple" || kind == "list") {
    const auto& items = want["items"];
    if (got.items.size() != items.size()) return "item count";
    for (size_t k = 0; k < items.size(); ++k) {
      std::string why = compareValue(*got.items[k], items[k]);
      if (!why.empty()) return "item " + std::to_string(k) + ": " + why;
    }
    return "";
  }
  return "unknown kind " + kind;
}

/// grad_fn=<Name> of the recorded text, applied to the result so its printed suffix matches
/// (autograd is the interpreter's; the runtime prints what it is given).
void applyGradFn(Val& v, const std::string& text) {
  auto p = text.rfind("grad_fn=<");
  if (v.kind != Val::Kind::Tensor || p == std::string::npos) return;
  v.t.setGradFn(text.substr(p + 9, text.find('>', p) - p - 9));
}

}  // namespace

TEST_CASE("ops.json: every buildable case matches torch") {
  auto ref = testing::loadReference("ops.json");
  int passed = 0, allowed = 0, failed = 0, allowedButPassing = 0;
  for (const auto& c : ref["cases"]) {
    const std::string code = c["code"].get<std::string>();
    const std::string key = caseKey(c);
    std::string problem;
    try {
      if (c.contains("seed") && !c["seed"].is_null()) manualSeed(c["seed"].get<uint64_t>());
      std::map<std::string, ValPtr> vars;
      const json inputs = c.value("inputs", json::object());
      for (const auto& [name, input] : inputs.items()) {
        if (input["value"]["kind"] == "tensor") {
          vars[name] = testing::makeTensor(decodeTensor(input["value"]));
        } else {
          vars[name] = testing::evaluate(input["code"].get<std::string>(), vars);
        }
      }
      ValPtr got;
      try {
        got = testing::evaluate(code, vars);
      } catch (const testing::TorchException& e) {
        if (!c.contains("error")) {
          problem = "raised " + std::string(errorKindName(e.error.kind)) + ": " + e.error.message;
        } else if (errorKindName(e.error.kind) != c["error"]["type"].get<std::string>() ||
                   e.error.message != c["error"]["message"].get<std::string>()) {
          problem = "raised " + std::string(errorKindName(e.error.kind)) + ": " + e.error.message +
                    "\n  want " + c["error"]["type"].get<std::string>() + ": " +
                    c["error"]["message"].get<std::string>();
        }
      }
      if (got) {
        if (c.contains("error")) {
          problem = "did not raise " + c["error"]["message"].get<std::string>();
        } else {
          problem = compareValue(*got, c["result"]);
          if (problem.empty() && c.contains("str")) {
            const std::string want = c["str"].get<std::string>();
            applyGradFn(*got, want);
            std::string text = testing::strOf(*got, PrintOptions{});
            if (text != want) problem = "printed\n" + text + "\n  want\n" + want;
          }
        }
      }
    } catch (const Unsupported& e) {
      problem = std::string("unsupported: ") + e.what();
    } catch (const std::exception& e) {
      problem = std::string("exception: ") + e.what();
    } catch (const testing::TorchException& e) {
      problem = "input raised " + e.error.message;
    }
    const auto allow = allowList().find(key);
    if (problem.empty()) {
      ++passed;
      if (allow != allowList().end()) ++allowedButPassing;
      continue;
    }
    if (allow != allowList().end()) {
      ++allowed;
      continue;
    }
    ++failed;
    UNSCOPED_INFO("case: " << key << "\n  " << problem);
  }
  INFO("ops.json: " << passed << " match, " << allowed << " allow-listed, " << failed << " failed");
  CHECK(failed == 0);
  CHECK(allowedButPassing == 0);
  CHECK(passed + allowed == 357);
}

}  // namespace gbc::runtime
