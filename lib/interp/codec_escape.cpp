// The escape codecs and UTF-7 (codec_engine.h): unicode_escape and raw_unicode_escape both
// ways, codecs.escape_encode / escape_decode on bytes, and UTF-7 (RFC 2152 as CPython encodes
// it: sets D, O and whitespace direct), with CPython's error ranges and reasons. CPython warns
// (DeprecationWarning) about unknown escapes such as '\q'; gbc keeps them silently, as CPython
// does apart from the warning.
#include <cstdio>

#include "interp/codec_engine.h"
#include "interp/vm.h"
#include "native/unicode/names.h"

namespace gbc::interp {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendHex(std::string& out, const char* prefix, uint32_t value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, value);
  out += buf;
}

}  // namespace

std::string encodeUnicodeEscape(const Value& str, bool raw) {
  Text t = textOf(str);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    char32_t c = t[i];
    if (c >= 0x10000) {
      appendHex(out, "\\U", c, 8);
    } else if (c >= 0x100) {
      appendHex(out, "\\u", c, 4);
    } else if (raw) {
      out += static_cast<char>(c);
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c >= 0x7F) {
      appendHex(out, "\\x", c, 2);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Decoded decodeUnicodeEscape(VM& vm, std::string_view data, const Value& obj,
                            std::string_view errors, bool raw, bool final) {
  Decoded r;
  DecodeErrors errs(vm, raw ? "rawunicodeescape" : "unicodeescape", errors, data, obj);
  std::string& out = r.text;
  size_t i = 0;
  while (i < data.size()) {
    size_t n = data.size();
    char c = data[i];
    if (c != '\\') {
      appendCodePoint(out, static_cast<uint8_t>(c));
      ++i;
      continue;
    }
    size_t start = i;
    if (raw) {
      // only \u and \U after an odd number of backslashes are escapes
      if (i + 1 >= n || (data[i + 1] != 'u' && data[i + 1] != 'U')) {
        if (i + 1 >= n && !final) break;
        out += '\\';
        ++i;
        if (i < n && data[i] == '\\') {
          out += '\\';
          ++i;
        }
        continue;
      }
    }
    if (i + 1 >= n) {
      if (!final) break;
      i = errs.handle(out, start, n, "\\ at end of string");
      data = errs.input();
      continue;
    }
    char e = data[i + 1];
    i += 2;
    int digits = 0;
    switch (e) {
      case '\n':
        continue;
      case '\\':
        out += '\\';
        continue;
      case '\'':
        out += '\'';
        continue;
      case '"':
        out += '"';
        continue;
      case 'b':
        out += '\b';
        continue;
      case 'f':
        out += '\f';
        continue;
      case 't':
        out += '\t';
        continue;
      case 'n':
        out += '\n';
        continue;
      case 'r':
        out += '\r';
        continue;
      case 'v':
        out += '\v';
        continue;
      case 'a':
        out += '\a';
        continue;
      case 'x':
        digits = 2;
        break;
      case 'u':
        digits = 4;
        break;
      case 'U':
        digits = 8;
        break;
      case 'N': {
        if (i < n && data[i] == '{') {
          size_t close = data.find('}', i + 1);
          if (close != std::string_view::npos && close > i + 1) {
            std::string name(data.substr(i + 1, close - i - 1));
            if (auto cp = native::unicode::lookupName(name, false)) {
              appendCodePoint(out, *cp);
              i = close + 1;
              continue;
            }
            i = errs.handle(out, start, close + 1, "unknown Unicode character name");
            data = errs.input();
            continue;
          }
          if (close == std::string_view::npos && !final) {
            i = start;
            goto stop;
          }
          i = errs.handle(out, start, close == std::string_view::npos ? n : close + 1,
                          "malformed \\N character escape");
          data = errs.input();
          continue;
        }
        if (i >= n && !final) {
          i = start;
          goto stop;
        }
        i = errs.handle(out, start, i, "malformed \\N character escape");
        data = errs.input();
        continue;
      }
      default:
        if (e >= '0' && e <= '7') {
          uint32_t v = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < n && data[i] >= '0' && data[i] <= '7'; ++k)
            v = v * 8 + static_cast<uint32_t>(data[i++] - '0');
          appendCodePoint(out, v);
          continue;
        }
        out += '\\';
        appendCodePoint(out, static_cast<uint8_t>(e));
        continue;
    }
    {
      uint32_t v = 0;
      int got = 0;
      while (got < digits && i < n && hexValue(data[i]) >= 0) {
        v = v * 16 + static_cast<uint32_t>(hexValue(data[i++]));
        ++got;
      }
      if (got < digits) {
        if (i >= n && !final) {
          i = start;
          goto stop;
        }
        const char* reason = digits == 2   ? "truncated \\xXX escape"
                             : digits == 4 ? "truncated \\uXXXX escape"
                                           : "truncated \\UXXXXXXXX escape";
        i = errs.handle(out, start, i, reason);
        data = errs.input();
        continue;
      }
      if (v > 0x10FFFF) {
        i = errs.handle(out, start, i,
                        raw ? "\\Uxxxxxxxx out of range" : "illegal Unicode character");
        data = errs.input();
        continue;
      }
      appendCodePoint(out, v);
    }
  }
stop:
  r.consumed = i;
  return r;
}

std::string escapeEncode(std::string_view data) {
  std::string out;
  for (unsigned char c : data) {
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < ' ' || c >= 0x7F) {
      appendHex(out, "\\x", c, 2);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string escapeDecode(VM& vm, std::string_view data, std::string_view errors) {
  std::string out;
  size_t i = 0, n = data.size();
  while (i < n) {
    char c = data[i];
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    size_t start = i;
    if (++i >= n) vm.raise(vm.b().value_error, "Trailing \\ in string");
    char e = data[i++];
    switch (e) {
      case '\n':
        break;
      case '\\':
        out += '\\';
        break;
      case '\'':
        out += '\'';
        break;
      case '"':
        out += '"';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'v':
        out += '\v';
        break;
      case 'a':
        out += '\a';
        break;
      case 'x':
        if (i + 1 < n && hexValue(data[i]) >= 0 && hexValue(data[i + 1]) >= 0) {
          out += static_cast<char>(hexValue(data[i]) * 16 + hexValue(data[i + 1]));
          i += 2;
          break;
        }
        if (errors == "replace") {
          out += '?';
        } else if (errors != "ignore") {
          if (errors != "strict")
            vm.raise(vm.b().value_error,
                     "decoding error; unknown error handling code: " + std::string(errors));
          vm.raise(vm.b().value_error, "invalid \\x escape at position " + std::to_string(start));
        }
        // the bad escape's hex digits are skipped
        if (i < n && hexValue(data[i]) >= 0) ++i;
        break;
      default:
        if (e >= '0' && e <= '7') {
          uint32_t v = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < n && data[i] >= '0' && data[i] <= '7'; ++k)
            v = v * 8 + static_cast<uint32_t>(data[i++] - '0');
          out += static_cast<char>(v & 0xFF);
          break;
        }
        out += '\\';
        out += e;
    }
  }
  return out;
}

namespace {

/// RFC 2152's classes as CPython's utf7_category: 0 set D, 1 set O, 2 whitespace, 3 special.
int utf7Category(char32_t c) {
  if (c >= 128) return 3;
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return 0;
  switch (c) {
    case '\'':
    case '(':
    case ')':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '?':
      return 0;
    case ' ':
    case '\t':
    case '\r':
    case '\n':
      return 2;
    case '!':
    case '"':
    case '#':
    case '$':
    case '%':
    case '&':
    case '*':
    case ';':
    case '<':
    case '=':
    case '>':
    case '@':
    case '[':
    case ']':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
      return 1;
    default:
      return 3;
  }
}

bool encodeDirect(char32_t c) { return c > 0 && c < 128 && utf7Category(c) != 3; }
bool isBase64(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}
char toBase64(uint32_t n) {
  return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[n & 0x3F];
}
uint32_t fromBase64(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<uint32_t>(c - 'A');
  if (c >= 'a' && c <= 'z') return static_cast<uint32_t>(c - 'a' + 26);
  if (c >= '0' && c <= '9') return static_cast<uint32_t>(c - '0' + 52);
  return c == '+' ? 62 : 63;
}

}  // namespace

std::string encodeUtf7(VM&, const Value& str) {
  Text t = textOf(str);
  std::string out;
  bool in_shift = false;
  int bits = 0;
  uint64_t buffer = 0;
  auto encodeChar = [&](char32_t ch) {
    if (ch >= 0x10000) {
      char32_t v = ch - 0x10000;
      bits += 16;
      buffer = (buffer << 16) | (0xD800 | (v >> 10));
      while (bits >= 6) {
        out += toBase64(static_cast<uint32_t>(buffer >> (bits - 6)));
        bits -= 6;
      }
      ch = 0xDC00 | (v & 0x3FF);
    }
    bits += 16;
    buffer = (buffer << 16) | ch;
    while (bits >= 6) {
      out += toBase64(static_cast<uint32_t>(buffer >> (bits - 6)));
      bits -= 6;
    }
  };
  for (size_t i = 0; i < t.size(); ++i) {
    char32_t ch = t[i];
    if (in_shift) {
      if (encodeDirect(ch)) {
        if (bits) {
          out += toBase64(static_cast<uint32_t>(buffer << (6 - bits)));
          buffer = 0;
          bits = 0;
        }
        in_shift = false;
        if (isBase64(ch) || ch == '-') out += '-';
        out += static_cast<char>(ch);
      } else {
        encodeChar(ch);
      }
    } else if (ch == '+') {
      out += "+-";
    } else if (encodeDirect(ch)) {
      out += static_cast<char>(ch);
    } else {
      out += '+';
      in_shift = true;
      encodeChar(ch);
    }
  }
  if (bits) out += toBase64(static_cast<uint32_t>(buffer << (6 - bits)));
  if (in_shift) out += '-';
  return out;
}

Decoded decodeUtf7(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                   bool final) {
  Decoded r;
  DecodeErrors errs(vm, "utf7", errors, data, obj);
  std::u32string out;
  bool in_shift = false;
  int bits = 0;
  uint64_t buffer = 0;
  char32_t surrogate = 0;
  size_t shift_out_start = 0, startinpos = 0, s = 0;
  auto error = [&](const char* reason) {
    std::string rep;
    s = errs.handle(rep, startinpos, s, reason);
    data = errs.input();
    out += toCodePoints(rep);
  };
  while (s < data.size()) {
  restart:
    char32_t ch = static_cast<uint8_t>(data[s]);
    if (in_shift) {
      if (isBase64(ch)) {
        buffer = (buffer << 6) | fromBase64(static_cast<char>(ch));
        bits += 6;
        ++s;
        if (bits >= 16) {
          auto unit = static_cast<char32_t>(buffer >> (bits - 16));
          bits -= 16;
          buffer &= (uint64_t{1} << bits) - 1;
          if (surrogate) {
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
              out += 0x10000 + (((surrogate - 0xD800) << 10) | (unit - 0xDC00));
              surrogate = 0;
              continue;
            }
            out += surrogate;
            surrogate = 0;
          }
          if (unit >= 0xD800 && unit <= 0xDBFF)
            surrogate = unit;
          else
            out += unit;
        }
      } else {
        in_shift = false;
        if (bits > 0) {
          if (bits >= 6) {
            ++s;
            error("partial character in shift sequence");
            continue;
          }
          if (buffer != 0) {
            ++s;
            error("non-zero padding bits in shift sequence");
            continue;
          }
        }
        if (surrogate && ch <= 127 && ch != '+') out += surrogate;
        surrogate = 0;
        if (ch == '-') ++s;
      }
    } else if (ch == '+') {
      startinpos = s;
      ++s;
      if (s < data.size() && data[s] == '-') {
        ++s;
        out += '+';
      } else if (s < data.size() && !isBase64(static_cast<uint8_t>(data[s]))) {
        ++s;
        error("ill-formed sequence");
      } else {
        in_shift = true;
        surrogate = 0;
        shift_out_start = out.size();
        bits = 0;
        buffer = 0;
      }
    } else if (ch <= 127) {
      ++s;
      out += ch;
    } else {
      startinpos = s;
      ++s;
      error("unexpected special character");
    }
  }
  if (in_shift && final) {
    in_shift = false;
    if (surrogate || bits >= 6 || (bits > 0 && buffer != 0)) {
      std::string rep;
      s = errs.handle(rep, startinpos, data.size(), "unterminated shift sequence");
      data = errs.input();
      out += toCodePoints(rep);
      if (s < data.size()) goto restart;
    }
  }
  if (!final && in_shift) {
    r.consumed = startinpos;
    out.resize(shift_out_start);
  } else {
    r.consumed = s;
  }
  r.text = fromCodePoints(out);
  return r;
}

}  // namespace gbc::interp
