#include "report/json_writer.h"

#include <charconv>

namespace gbc::report {
namespace {

/// Length of the valid UTF-8 sequence at `s[i]` (lead byte >= 0x80), or 0 when it is invalid
/// (overlong forms, surrogates and code points past U+10FFFF included).
size_t utf8Length(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c == 0xE0) return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(i + 1) && cont(i + 2) ? 3 : 0;
  if (c == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;
  if (c == 0xF0) return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;
}

template <typename Json>
class Writer {
 public:
  Writer(std::string& out, int indent) : out_(out), indent_(indent) {}

  void value(const Json& j, int level) {
    using T = nlohmann::json::value_t;
    switch (j.type()) {
      case T::object: {
        if (j.empty()) {
          out_ += "{}";
          return;
        }
        out_ += '{';
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
          if (!first) out_ += ',';
          first = false;
          newline(level + 1);
          appendJsonString(out_, it.key());
          out_ += indent_ >= 0 ? ": " : ":";
          value(it.value(), level + 1);
        }
        newline(level);
        out_ += '}';
        return;
      }
      case T::array: {
        if (j.empty()) {
          out_ += "[]";
          return;
        }
        out_ += '[';
        bool first = true;
        for (const auto& item : j) {
          if (!first) out_ += ',';
          first = false;
          newline(level + 1);
          value(item, level + 1);
        }
        newline(level);
        out_ += ']';
        return;
      }
      case T::string:
        appendJsonString(out_, j.template get_ref<const std::string&>());
        return;
      case T::boolean:
        out_ += j.template get<bool>() ? "true" : "false";
        return;
      case T::number_integer:
        number(j.template get<int64_t>());
        return;
      case T::number_unsigned:
        number(j.template get<uint64_t>());
        return;
      case T::null:
      case T::discarded:
        out_ += "null";
        return;
      case T::number_float:
      case T::binary:
        // Rare here: nlohmann's own shortest round-trip format (and its null for NaN).
        out_ += j.dump();
        return;
    }
  }

 private:
  template <typename N>
  void number(N n) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, r.ptr);
  }

  void newline(int level) {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(static_cast<size_t>(level) * static_cast<size_t>(indent_), ' ');
  }

  std::string& out_;
  int indent_;
};

}  // namespace

void appendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = utf8Length(s, i)) {
        i += n;
        continue;
      }
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += "\xEF\xBF\xBD";  // an invalid UTF-8 byte: U+FFFD
        }
    }
    ++i;
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

std::string dumpJson(const nlohmann::ordered_json& j, int indent) {
  std::string out;
  out.reserve(4096);
  Writer<nlohmann::ordered_json>(out, indent).value(j, 0);
  return out;
}

std::string dumpJson(const nlohmann::json& j, int indent) {
  std::string out;
  out.reserve(4096);
  Writer<nlohmann::json>(out, indent).value(j, 0);
  return out;
}

}  // namespace gbc::report
