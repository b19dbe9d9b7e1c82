// binascii (Modules/binascii.c): base64, hex, uuencode and quoted-printable codecs, crc32 (zlib's
// CRC-32) and crc_hqx (CRC-CCITT), with CPython 3.14's rules for malformed input (strict and
// lenient base64, the uu and qp corner cases) and its messages. The a2b_* functions take bytes or
// an ASCII str; the rest take bytes (gbc's only bytes-like object).
#include "interp/clinic_args.h"
#include "interp/native_modules.h"

#include <array>
#include <cstdint>

namespace gbc::interp {

namespace {

struct Binascii {
  ClassPtr error, incomplete;
};

Value bytesOf(std::string s) { return std::make_shared<BytesObject>(std::move(s)); }

/// A bytes argument (Py_buffer).
const std::string& binaryArg(VM& vm, const Value& v) {
  if (v->kind != Kind::Bytes)
    vm.raise(vm.b().type_error, "a bytes-like object is required, not '" + typeName(vm, v) + "'");
  return as<BytesObject>(v).v;
}

/// An "ascii data" argument: bytes, or a str of ASCII characters only.
std::string asciiArg(VM& vm, const Value& v) {
  if (v->kind == Kind::Bytes) return as<BytesObject>(v).v;
  if (v->kind != Kind::Str)
    vm.raise(vm.b().type_error,
             "argument should be bytes, buffer or ASCII string, not '" + typeName(vm, v) + "'");
  for (char c : asStr(v))
    if (static_cast<unsigned char>(c) >= 0x80)
      vm.raise(vm.b().value_error, "string argument should contain only ASCII characters");
  return asStr(v);
}

bool flag(VM& vm, const Value& v) { return v && vm.truthy(v); }

// ---- base64 ----

const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string b2aBase64(const std::string& in, bool newline) {
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t n =
        (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kBase64[(n >> s) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += '=';
  }
  if (newline) out += '\n';
  return out;
}

/// "number of data characters (N) cannot be 1 more than a multiple of 4", N from the bytes
/// decoded so far (as CPython counts it).
[[noreturn]] void oneCharTooMany(VM& vm, const Binascii& mod, size_t decoded) {
  vm.raise(mod.error, "Invalid base64-encoded string: number of data characters (" +
                          std::to_string(decoded / 3 * 4 + 1) +
                          ") cannot be 1 more than a multiple of 4");
}

/// Appends the 6 bits of `v` at position `quad` of a group of four.
void decodeSextet(std::string& out, int& quad, unsigned& leftchar, unsigned v) {
  switch (quad) {
    case 0:
      leftchar = v;
      break;
    case 1:
      out += static_cast<char>((leftchar << 2) | (v >> 4));
      leftchar = v & 0x0f;
      break;
    case 2:
      out += static_cast<char>((leftchar << 4) | (v >> 2));
      leftchar = v & 0x03;
      break;
    default:
      out += static_cast<char>((leftchar << 6) | v);
      leftchar = 0;
      break;
  }
  quad = (quad + 1) % 4;
}

std::string a2bBase64(VM& vm, const Binascii& mod, const std::string& in, bool strict) {
  // 3.14: a lenient decode skips padding and other characters anywhere and only checks at the
  // end that a partial group has enough '='; a strict one stops at the first irregularity
  std::string out;
  int quad = 0, pads = 0;
  unsigned leftchar = 0;
  bool padding_started = false, padding_done = false;
  if (strict && !in.empty() && in[0] == '=') vm.raise(mod.error, "Leading padding not allowed");
  for (char ch : in) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '=') {
      if (strict && quad == 0) vm.raise(mod.error, "Excess padding not allowed");
      if (strict && quad == 1) oneCharTooMany(vm, mod, out.size());
      padding_started = true;
      ++pads;
      if (strict && quad + pads >= 4) {
        quad = 0;
        pads = 0;
        padding_done = true;
      }
      continue;
    }
    int v = base64Value(c);
    if (v < 0) {
      if (strict) vm.raise(mod.error, "Only base64 data is allowed");
      continue;
    }
    if (strict && padding_done) vm.raise(mod.error, "Excess data after padding");
    if (strict && padding_started) vm.raise(mod.error, "Discontinuous padding not allowed");
    pads = 0;
    decodeSextet(out, quad, leftchar, static_cast<unsigned>(v));
  }
  if (quad == 1) oneCharTooMany(vm, mod, out.size());
  if (quad != 0 && quad + pads < 4) vm.raise(mod.error, "Incorrect padding");
  return out;
}

// ---- hex ----

std::string hexlify(VM& vm, const std::string& in, const Value& sep_v, int64_t bytes_per_sep) {
  static const char kDigits[] = "0123456789abcdef";
  std::string sep;
  if (sep_v) {
    if (sep_v->kind != Kind::Str && sep_v->kind != Kind::Bytes)
      vm.len(sep_v);  // (TypeError "object of type 'int' has no len()", as CPython checks first)
    size_t chars = 0;
    if (sep_v->kind == Kind::Str)
      for (char c : asStr(sep_v)) chars += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    else if (sep_v->kind == Kind::Bytes)
      chars = as<BytesObject>(sep_v).v.size();
    else
      chars = static_cast<size_t>(vm.len(sep_v));
    if (chars != 1) vm.raise(vm.b().value_error, "sep must be length 1.");
    if (sep_v->kind == Kind::Bytes) {
      sep = as<BytesObject>(sep_v).v;
    } else if (sep_v->kind == Kind::Str) {
      // a one-byte (Latin-1) character, written as that byte
      const std::string& u = asStr(sep_v);
      auto c0 = static_cast<unsigned char>(u[0]);
      if (c0 < 0x80)
        sep = u;
      else if (c0 == 0xc2 || c0 == 0xc3)
        sep = std::string(1, static_cast<char>(((c0 & 0x1f) << 6) | (u[1] & 0x3f)));
      else
        vm.raise(vm.b().value_error, "sep must be ASCII.");
    } else {
      vm.raise(vm.b().type_error, "sep must be str or bytes.");
    }
  }
  std::string out;
  size_t group = bytes_per_sep == 0 ? 0 : static_cast<size_t>(std::llabs(bytes_per_sep));
  for (size_t i = 0; i < in.size(); ++i) {
    if (!sep.empty() && group && i > 0) {
      // groups count from the right for a positive bytes_per_sep, from the left otherwise
      size_t from = bytes_per_sep > 0 ? in.size() - i : i;
      if (from % group == 0) out += sep;
    }
    auto c = static_cast<unsigned char>(in[i]);
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string unhexlify(VM& vm, const Binascii& mod, const std::string& in) {
  if (in.size() % 2) vm.raise(mod.error, "Odd-length string");
  std::string out;
  for (size_t i = 0; i < in.size(); i += 2) {
    int hi = hexValue(in[i]), lo = hexValue(in[i + 1]);
    if (hi < 0 || lo < 0) vm.raise(mod.error, "Non-hexadecimal digit found");
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// ---- uuencode ----

std::string b2aUu(VM& vm, const Binascii& mod, const std::string& in, bool backtick) {
  if (in.size() > 45) vm.raise(mod.error, "At most 45 bytes at once");
  std::string out;
  out += backtick && in.empty() ? '`' : static_cast<char>(' ' + in.size());
  uint32_t leftchar = 0;
  int leftbits = 0;
  for (size_t i = 0; i < in.size() || leftbits != 0; ++i) {
    leftchar = (leftchar << 8) | (i < in.size() ? static_cast<unsigned char>(in[i]) : 0);
    leftbits += 8;
    while (leftbits >= 6) {
      unsigned c = (leftchar >> (leftbits - 6)) & 0x3f;
      leftbits -= 6;
      out += backtick && c == 0 ? '`' : static_cast<char>(' ' + c);
    }
    leftchar &= (1u << leftbits) - 1;
  }
  return out + '\n';
}

std::string a2bUu(VM& vm, const Binascii& mod, const std::string& in) {
  if (in.empty()) vm.raise(mod.error, "Missing length byte");
  size_t pos = 0;
  size_t bin_len = static_cast<unsigned>(static_cast<unsigned char>(in[pos++]) - ' ') & 077;
  std::string out;
  uint32_t leftchar = 0;
  int leftbits = 0;
  while (out.size() < bin_len) {
    unsigned char c = pos < in.size() ? static_cast<unsigned char>(in[pos]) : 0;
    unsigned v = 0;
    if (pos < in.size() && c != '\n' && c != '\r') {
      // ('`' stands for a zero in some uuencoders, hence 64 rather than 63)
      if (c < ' ' || c > ' ' + 64) vm.raise(mod.error, "Illegal char");
      v = static_cast<unsigned>(c - ' ') & 077;
    }
    if (pos < in.size()) ++pos;
    leftchar = (leftchar << 6) | v;
    leftbits += 6;
    if (leftbits >= 8) {
      leftbits -= 8;
      out += static_cast<char>((leftchar >> leftbits) & 0xff);
      leftchar &= (1u << leftbits) - 1;
    }
  }
  for (; pos < in.size(); ++pos) {
    char c = in[pos];
    if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r')
      vm.raise(mod.error, "Trailing garbage");
  }
  return out;
}

// ---- quoted-printable ----

std::string a2bQp(const std::string& in, bool header) {
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '=') {
      if (++i >= in.size()) break;
      if (in[i] == '\n' || in[i] == '\r') {  // a soft line break
        if (in[i] != '\n')
          while (i < in.size() && in[i] != '\n') ++i;
        if (i < in.size()) ++i;
      } else if (in[i] == '=') {  // (what broken encoders write for '=')
        out += '=';
        ++i;
      } else if (i + 1 < in.size() && hexValue(in[i]) >= 0 && hexValue(in[i + 1]) >= 0) {
        out += static_cast<char>(hexValue(in[i]) * 16 + hexValue(in[i + 1]));
        i += 2;
      } else {
        out += '=';
      }
    } else if (header && c == '_') {
      out += ' ';
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string b2aQp(const std::string& in, bool quotetabs, bool istext, bool header) {
  constexpr size_t kMaxLine = 76;
  static const char kHex[] = "0123456789ABCDEF";
  size_t nl = in.find('\n');
  bool crlf = nl != std::string::npos && nl > 0 && in[nl - 1] == '\r';
  auto lineBreak = [&](std::string& out) {
    if (crlf) out += '\r';
    out += '\n';
  };
  auto quote = [&](std::string& out, unsigned char c) {
    out += '=';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  std::string out;
  size_t linelen = 0;
  const size_t n = in.size();
  for (size_t i = 0; i < n;) {
    auto c = static_cast<unsigned char>(in[i]);
    bool at_end = i + 1 == n;
    char next = at_end ? 0 : in[i + 1];
    bool encode =
        c > 126 || c == '=' || (header && c == '_') ||
        (c == '.' && linelen == 0 && (at_end || next == '\n' || next == '\r' || next == 0)) ||
        (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && at_end) ||
        (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (encode) {
      if (linelen + 3 >= kMaxLine) {
        out += '=';
        lineBreak(out);
        linelen = 0;
      }
      quote(out, c);
      ++i;
      linelen += 3;
      continue;
    }
    if (istext && (c == '\n' || (!at_end && c == '\r' && next == '\n'))) {
      linelen = 0;
      // whitespace at the end of a line is quoted
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        auto last = static_cast<unsigned char>(out.back());
        out.pop_back();
        quote(out, last);
      }
      lineBreak(out);
      i += c == '\r' ? 2 : 1;
      continue;
    }
    if (!at_end && next != '\n' && linelen + 1 >= kMaxLine) {
      out += '=';
      lineBreak(out);
      linelen = 0;
    }
    ++linelen;
    out += header && c == ' ' ? '_' : static_cast<char>(c);
    ++i;
  }
  return out;
}

// ---- CRCs ----

uint32_t crc32Update(uint32_t crc, const std::string& data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (char ch : data) crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xff] ^ (crc >> 8);
  return ~crc;
}

uint32_t crcHqx(uint32_t crc, const std::string& data) {
  static const std::array<uint16_t, 256> table = [] {
    std::array<uint16_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i << 8;
      for (int k = 0; k < 8; ++k) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
      t[i] = static_cast<uint16_t>(c);
    }
    return t;
  }();
  crc &= 0xffff;
  for (char ch : data)
    crc = ((crc << 8) & 0xff00) ^ table[((crc >> 8) ^ static_cast<unsigned char>(ch)) & 0xff];
  return crc;
}

/// An unsigned int argument taken bitwise (any int, kept modulo 2**32).
uint32_t bitwiseUnsigned(VM& vm, const Value& v) {
  if (v->kind != Kind::Int && v->kind != Kind::Bool)
    vm.raise(vm.b().type_error,
             "'" + typeName(vm, v) + "' object cannot be interpreted as an integer");
  return static_cast<uint32_t>(lowBits(v));
}

void installFunctions(const Value& m, const std::shared_ptr<Binascii>& mod) {
  moduleFunction(m, "a2b_base64", [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"a2b_base64", {"data", "strict_mode"}, 1, 1, 1});
    return bytesOf(a2bBase64(vm, *mod, asciiArg(vm, p[0]), flag(vm, p[1])));
  });
  moduleFunction(m, "b2a_base64", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"b2a_base64", {"data", "newline"}, 1, 1, 1});
    return bytesOf(b2aBase64(binaryArg(vm, p[0]), !p[1] || vm.truthy(p[1])));
  });
  for (const char* name : {"a2b_hex", "unhexlify"})
    moduleFunction(m, name, [mod, name](VM& vm, CallArgs& a) -> Value {
      noKeywords(vm, a, name);
      checkPositional(vm, a, name, 1, 1);
      return bytesOf(unhexlify(vm, *mod, asciiArg(vm, a.args[0])));
    });
  for (const char* name : {"b2a_hex", "hexlify"})
    moduleFunction(m, name, [name](VM& vm, CallArgs& a) -> Value {
      auto p = clinicParse(vm, a, {name, {"data", "sep", "bytes_per_sep"}, 0, 1});
      int64_t per = p[2] ? ssizeArg(vm, p[2]) : 1;
      return bytesOf(hexlify(vm, binaryArg(vm, p[0]), p[1], per));
    });
  moduleFunction(m, "a2b_uu", [mod](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "a2b_uu");
    checkPositional(vm, a, "a2b_uu", 1, 1);
    return bytesOf(a2bUu(vm, *mod, asciiArg(vm, a.args[0])));
  });
  moduleFunction(m, "b2a_uu", [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"b2a_uu", {"data", "backtick"}, 1, 1, 1});
    return bytesOf(b2aUu(vm, *mod, binaryArg(vm, p[0]), flag(vm, p[1])));
  });
  moduleFunction(m, "a2b_qp", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"a2b_qp", {"data", "header"}, 0, 1});
    return bytesOf(a2bQp(asciiArg(vm, p[0]), flag(vm, p[1])));
  });
  moduleFunction(m, "b2a_qp", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"b2a_qp", {"data", "quotetabs", "istext", "header"}, 0, 1});
    return bytesOf(
        b2aQp(binaryArg(vm, p[0]), flag(vm, p[1]), !p[2] || vm.truthy(p[2]), flag(vm, p[3])));
  });
  moduleFunction(m, "crc32", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "crc32");
    checkPositional(vm, a, "crc32", 1, 2);
    const std::string& data = binaryArg(vm, a.args[0]);
    uint32_t crc = a.args.size() > 1 ? bitwiseUnsigned(vm, a.args[1]) : 0;
    return pyInt(crc32Update(crc, data));
  });
  moduleFunction(m, "crc_hqx", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "crc_hqx");
    checkPositional(vm, a, "crc_hqx", 2, 2);
    const std::string& data = binaryArg(vm, a.args[0]);
    return pyInt(crcHqx(bitwiseUnsigned(vm, a.args[1]), data));
  });
}

}  // namespace

Value makeBinasciiModule(VM& vm) {
  Value m = newNativeModule("binascii");
  auto mod = std::make_shared<Binascii>();
  for (auto [name, base, slot] : {std::tuple{"Error", vm.b().value_error, &mod->error},
                                  std::tuple{"Incomplete", vm.b().exception, &mod->incomplete}}) {
    auto dict = newDict();
    dict->setStr("__module__", pyStr("binascii"));
    *slot = vm.makeClass(name, {base}, dict);
    (*slot)->module = "binascii";
    as<ModuleObject>(m).dict->setStr(name, *slot);
  }
  installFunctions(m, mod);
  return m;
}

}  // namespace gbc::interp
