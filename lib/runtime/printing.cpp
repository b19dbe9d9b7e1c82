// torch/_tensor_str.py in C++ (NOTES.md section a), plus CPython's float repr.
#include "runtime/printing.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace gbc::runtime {

std::optional<PrintOptions> PrintOptions::profile(std::string_view name) {
  PrintOptions o;
  if (name == "default") return o;
  if (name == "short") {
    o.precision = 2;
    o.edgeitems = 2;
    return o;
  }
  if (name == "full") {
    o.threshold = std::numeric_limits<double>::infinity();
    return o;
  }
  return std::nullopt;
}

namespace {

/// Python's '{:.{p}f}' / '{:.{p}e}' (glibc printf rounds the same way; nan/inf spelled as
/// Python does).
std::string pyFormat(double v, int precision, char conv) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[512];
  char spec[8] = {'%', '.', '*', conv, 0};
  std::snprintf(buf, sizeof(buf), spec, precision, v);
  return buf;
}

std::string scalarStr(const Scalar& s) {
  if (const auto* b = std::get_if<bool>(&s)) return *b ? "True" : "False";
  if (const auto* i = std::get_if<int64_t>(&s)) return std::to_string(*i);
  return formatPythonFloat(std::get<double>(s));
}

/// torch's _Formatter: decides integer/scientific mode and the column width from the visible
/// values.
class Formatter {
 public:
  Formatter(bool floating, const std::vector<Scalar>& values, const PrintOptions& opt)
      : floating_(floating), precision_(opt.precision) {
    if (!floating) {
      for (const Scalar& v : values) width_ = std::max<size_t>(width_, scalarStr(v).size());
      return;
    }
    std::vector<double> nz;
    for (const Scalar& s : values) {
      double v = scalarToDouble(s);
      if (std::isfinite(v) && v != 0) nz.push_back(v);
    }
    if (!nz.empty()) {
      double lo = std::fabs(nz[0]), hi = lo;
      for (double v : nz) {
        lo = std::min(lo, std::fabs(v));
        hi = std::max(hi, std::fabs(v));
        if (v != std::ceil(v)) intMode_ = false;
      }
      if (intMode_) {
        sci_ = hi / lo > 1000.0 || hi > 1.0e8;
      } else {
        sci_ = hi / lo > 1000.0 || hi > 1.0e8 || lo < 1.0e-4;
      }
      if (opt.sciMode) sci_ = *opt.sciMode;
      for (double v : nz) {
        size_t len = sci_ ? pyFormat(v, precision_, 'e').size()
                          : (intMode_ ? pyFormat(v, 0, 'f').size() + 1
                                      : pyFormat(v, precision_, 'f').size());
        width_ = std::max(width_, len);
      }
    }
  }

  size_t width() const { return width_; }

  std::string format(const Scalar& s) const {
    std::string ret;
    if (floating_) {
      double v = scalarToDouble(s);
      if (sci_) {
        ret = pyFormat(v, precision_, 'e');
      } else if (intMode_) {
        ret = pyFormat(v, 0, 'f');
        if (!std::isinf(v) && !std::isnan(v)) ret += ".";
      } else {
        ret = pyFormat(v, precision_, 'f');
      }
    } else {
      ret = scalarStr(s);
    }
    if (ret.size() < width_) ret.insert(0, width_ - ret.size(), ' ');
    return ret;
  }

 private:
  bool floating_;
  int precision_;
  bool intMode_ = true;
  bool sci_ = false;
  size_t width_ = 1;
};

Scalar element(const Tensor& t, int64_t i) {
  Tensor v = *select(t, 0, i);
  return v.at({});
}

/// get_summarized_data: the values the formatter sees.
void summarizedValues(const Tensor& t, bool summarize, int e, std::vector<Scalar>& out) {
  if (t.dim() == 0) {
    out.push_back(t.at({}));
    return;
  }
  int64_t n = t.sizes()[0];
  if (t.dim() == 1) {
    if (summarize && n > 2 * e) {
      for (int64_t i = 0; i < e; ++i) out.push_back(element(t, i));
      // self[-0:] is the whole vector when edgeitems is 0.
      for (int64_t i = e == 0 ? 0 : n - e; i < n; ++i) out.push_back(element(t, i));
    } else {
      for (int64_t i = 0; i < n; ++i) out.push_back(element(t, i));
    }
    return;
  }
  if (summarize && e == 0) return;
  if (summarize && n > 2 * e) {
    for (int64_t i = 0; i < e; ++i) summarizedValues(*select(t, 0, i), summarize, e, out);
    for (int64_t i = n - e; i < n; ++i) summarizedValues(*select(t, 0, i), summarize, e, out);
  } else {
    for (int64_t i = 0; i < n; ++i) summarizedValues(*select(t, 0, i), summarize, e, out);
  }
}

std::string vectorStr(const Tensor& t, int indent, bool summarize, const Formatter& f,
                      const PrintOptions& opt) {
  const int64_t elementLength = static_cast<int64_t>(f.width()) + 2;
  const int64_t perLine = std::max<int64_t>(1, (opt.linewidth - indent) / elementLength);
  const int64_t n = t.sizes()[0];
  const int e = opt.edgeitems;
  std::vector<std::string> data;
  if (summarize && e == 0) {
    data.push_back("...");
  } else if (summarize && n > 2 * e) {
    for (int64_t i = 0; i < e; ++i) data.push_back(f.format(element(t, i)));
    data.push_back(" ...");
    for (int64_t i = n - e; i < n; ++i) data.push_back(f.format(element(t, i)));
  } else {
    for (int64_t i = 0; i < n; ++i) data.push_back(f.format(element(t, i)));
  }
  std::string out = "[";
  std::string lineSep = ",\n" + std::string(static_cast<size_t>(indent + 1), ' ');
  for (size_t i = 0; i < data.size(); ++i) {
    if (i > 0) out += (static_cast<int64_t>(i) % perLine == 0) ? lineSep : ", ";
    out += data[i];
  }
  return out + "]";
}

std::string tensorStr(const Tensor& t, int indent, bool summarize, const Formatter& f,
                      const PrintOptions& opt) {
  if (t.dim() == 0) return f.format(t.at({}));
  if (t.dim() == 1) return vectorStr(t, indent, summarize, f, opt);
  const int64_t n = t.sizes()[0];
  const int e = opt.edgeitems;
  std::vector<std::string> slices;
  if (summarize && n > 2 * e) {
    for (int64_t i = 0; i < e; ++i)
      slices.push_back(tensorStr(*select(t, 0, i), indent + 1, summarize, f, opt));
    slices.push_back("...");
    for (int64_t i = n - e; i < n; ++i)
      slices.push_back(tensorStr(*select(t, 0, i), indent + 1, summarize, f, opt));
  } else {
    for (int64_t i = 0; i < n; ++i)
      slices.push_back(tensorStr(*select(t, 0, i), indent + 1, summarize, f, opt));
  }
  std::string sep = "," + std::string(static_cast<size_t>(t.dim() - 1), '\n') +
                    std::string(static_cast<size_t>(indent + 1), ' ');
  std::string out = "[";
  for (size_t i = 0; i < slices.size(); ++i) {
    if (i > 0) out += sep;
    out += slices[i];
  }
  return out + "]";
}

std::string pyTuple(const Shape& s) {
  if (s.size() == 1) return fmt::format("({},)", s[0]);
  return fmt::format("({})", fmt::join(s, ", "));
}

}  // namespace

std::string formatTensor(const Tensor& t, const PrintOptions& opt) {
  const std::string prefix = "tensor(";
  const int indent = static_cast<int>(prefix.size());
  std::vector<std::string> suffixes;
  std::string body;
  if (t.numel() == 0) {
    body = "[]";
    if (t.dim() != 1) suffixes.push_back("size=" + pyTuple(t.sizes()));
    if (t.dtype() != kDefaultFloat)
      suffixes.push_back(fmt::format("dtype={}", dtypeName(t.dtype())));
  } else {
    if (opt.edgeitems == 0) suffixes.push_back("size=" + pyTuple(t.sizes()));
    if (t.dtype() != kDefaultFloat && t.dtype() != DType::Int64 && t.dtype() != DType::Bool) {
      suffixes.push_back(fmt::format("dtype={}", dtypeName(t.dtype())));
    }
    const bool summarize = static_cast<double>(t.numel()) > opt.threshold;
    std::vector<Scalar> visible;
    summarizedValues(t, summarize, opt.edgeitems, visible);
    Formatter f(isFloating(t.dtype()), visible, opt);
    body = tensorStr(t, indent, summarize, f, opt);
  }
  if (!t.gradFn().empty()) {
    suffixes.push_back(fmt::format("grad_fn=<{}>", t.gradFn()));
  } else if (t.requiresGrad()) {
    suffixes.push_back("requires_grad=True");
  }
  std::string out = prefix + body;
  // _add_suffixes: the last line's length, over-counted by two as torch does.
  int64_t last = static_cast<int64_t>(out.size()) - static_cast<int64_t>(out.rfind('\n')) + 1;
  if (out.rfind('\n') == std::string::npos) last = static_cast<int64_t>(out.size()) + 2;
  for (const std::string& s : suffixes) {
    const auto len = static_cast<int64_t>(s.size());
    if (last + len + 2 > opt.linewidth) {
      out += ",\n" + std::string(static_cast<size_t>(indent), ' ') + s;
      last = indent + len;
    } else {
      out += ", " + s;
      last += len + 2;
    }
  }
  return out + ")";
}

std::string formatParameter(const Tensor& t, const PrintOptions& options) {
  return "Parameter containing:\n" + formatTensor(t, options);
}

std::string formatSize(const Shape& sizes) {
  return fmt::format("torch.Size([{}])", fmt::join(sizes, ", "));
}

std::string formatPythonFloat(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci = [-]d[.ddd]e[+-]XX
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t epos = sci.find('e');
  int exp10 = std::stoi(sci.substr(epos + 1));
  std::string digits;
  for (size_t i = 0; i < epos; ++i) {
    if (sci[i] != '.') digits += sci[i];
  }
  std::string out;
  if (exp10 < -4 || exp10 >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exp10 < 0 ? '-' : '+', std::abs(exp10));
  } else if (exp10 < 0) {
    out = "0." + std::string(static_cast<size_t>(-exp10 - 1), '0') + digits;
  } else {
    const auto intDigits = static_cast<size_t>(exp10 + 1);
    if (digits.size() <= intDigits) {
      out = digits + std::string(intDigits - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, intDigits) + "." + digits.substr(intDigits);
    }
  }
  return negative ? "-" + out : out;
}

std::string formatScalar(const Scalar& s) { return scalarStr(s); }

std::string formatNested(const Nested& n) {
  if (!n.isList()) return scalarStr(n.scalar());
  std::string out = "[";
  for (size_t i = 0; i < n.list().size(); ++i) {
    if (i > 0) out += ", ";
    out += formatNested(n.list()[i]);
  }
  return out + "]";
}

std::string formatReturnTypes(std::string_view name, const Tensor& values, const Tensor& indices,
                              const PrintOptions& options) {
  return fmt::format("torch.return_types.{}(\nvalues={},\nindices={})", name,
                     formatTensor(values, options), formatTensor(indices, options));
}

}  // namespace gbc::runtime
