// Literal lowering: numbers (any base, underscores, big ints, imaginary) and strings (prefixes,
// escapes, implicit concatenation, f-strings with nested specs and `=`), as CPython builds them.
#include "syntax/lowering.h"
#include "syntax/unicode_names.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <string>
#include <utility>

namespace gbc::syntax {

/// One piece of a (possibly concatenated) f-string before adjacent literals are merged.
struct StrPiece {
  ExprPtr expr;       // FormattedValue, or null for literal text
  std::string value;  // literal text
  Span span;
};

namespace {

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

/// Decimal text of `digits` in `base` (arbitrary size; base-1e9 limbs, little-endian).
std::string toDecimal(std::string_view digits, int base) {
  std::vector<uint32_t> limbs{0};
  for (char c : digits) {
    uint64_t carry = static_cast<uint64_t>(digitValue(c));
    for (uint32_t& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * static_cast<uint64_t>(base) + carry;
      limb = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry != 0) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (auto it = limbs.rbegin() + 1; it != limbs.rend(); ++it) {
    std::string part = std::to_string(*it);
    out += std::string(9 - part.size(), '0') + part;
  }
  return out;
}

double parseDouble(const std::string& text) {
  double value = 0.0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range || ptr != text.data() + text.size()) {
    // from_chars leaves the value alone on overflow/underflow; strtod gives inf or 0 like Python.
    return std::strtod(text.c_str(), nullptr);
  }
  return value;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct Prefix {
  bool raw = false, bytes = false, fstring = false, tstring = false, valid = true;
  std::string conflict;   // "'b' and 't' prefixes are incompatible" (CPython 3.14's message)
  size_t prefix_len = 0;  // letters before the quotes
};

Prefix parsePrefix(std::string_view start) {
  Prefix p;
  int u = 0;
  for (char c : start) {
    if (c == '"' || c == '\'') break;
    ++p.prefix_len;
    switch (c) {
      case 'r':
      case 'R':
        p.raw = true;
        break;
      case 'b':
      case 'B':
        p.bytes = true;
        break;
      case 'f':
      case 'F':
        p.fstring = true;
        break;
      case 't':
      case 'T':
        p.tstring = true;
        break;
      case 'u':
      case 'U':
        ++u;
        break;
      default:
        p.valid = false;
    }
  }
  if (u > 0 && (u > 1 || p.raw || p.bytes || p.fstring || p.tstring)) p.valid = false;
  if (p.bytes && p.fstring) p.valid = false;
  if (p.tstring && (p.bytes || p.fstring)) {
    p.valid = false;
    p.conflict = std::string(p.bytes ? "'b'" : "'f'") + " and 't' prefixes are incompatible";
  }
  return p;
}

/// Merges adjacent literal pieces (CPython joins them, spanning first to last) and drops empty
/// ones.
ExprList finishPieces(std::vector<StrPiece>& pieces) {
  ExprList out;
  // The literal being merged: pieces[pending] (not an optional<StrPiece>, which GCC 12 warns
  // about as maybe-uninitialized at -O3).
  size_t pending = pieces.size();
  auto flush = [&] {
    if (pending < pieces.size() && !pieces[pending].value.empty()) {
      StrPiece& lit = pieces[pending];
      auto c = std::make_unique<Expr>(ExprKind::Constant, lit.span);
      c->constant.kind = ConstantValue::Kind::Str;
      c->constant.str = std::move(lit.value);
      out.push_back(std::move(c));
    }
    pending = pieces.size();
  };
  for (size_t i = 0; i < pieces.size(); ++i) {
    StrPiece& p = pieces[i];
    if (p.expr) {
      flush();
      out.push_back(std::move(p.expr));
    } else if (pending < pieces.size()) {
      StrPiece& lit = pieces[pending];
      lit.value += p.value;
      lit.span.end_line = p.span.end_line;
      lit.span.end_col = p.span.end_col;
    } else {
      pending = i;
    }
  }
  flush();
  return out;
}

}  // namespace

ExprPtr Lowerer::number(TSNode n) {
  std::string_view text = cst_.text(n);
  std::string clean;
  for (char c : text) {
    if (c != '_') clean += c;
  }
  auto e = std::make_unique<Expr>(ExprKind::Constant, Cst::span(n));
  ConstantValue& v = e->constant;
  char last = clean.empty() ? '\0' : clean.back();
  if (last == 'j' || last == 'J') {
    v.kind = ConstantValue::Kind::Complex;
    v.f = parseDouble(clean.substr(0, clean.size() - 1));
    return e;
  }
  if (last == 'l' || last == 'L') return syntaxError(n, "invalid decimal literal");
  bool prefixed = clean.size() > 2 && clean[0] == '0' &&
                  std::string_view("xXoObB").find(clean[1]) != std::string_view::npos;
  if (cst_.kind(n) == NodeKind::Float && !prefixed) {
    v.kind = ConstantValue::Kind::Float;
    v.f = parseDouble(clean);
    return e;
  }
  int base = 10;
  std::string_view digits = clean;
  if (prefixed) {
    char b = static_cast<char>(clean[1] | 0x20);
    base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
    digits.remove_prefix(2);
  } else if (clean.size() > 1 && clean[0] == '0' &&
             clean.find_first_not_of('0') != std::string::npos) {
    return syntaxError(n,
                       "leading zeros in decimal integer literals are not permitted; use an 0o "
                       "prefix for octal integers");
  }
  uint64_t value = 0;
  bool big = false;
  for (char c : digits) {
    int d = digitValue(c);
    if (d >= base)
      return syntaxError(n, "invalid digit '" + std::string(1, c) + "' in integer literal");
    if (value >
        (static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
      big = true;
    if (!big) value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  if (big) {
    v.kind = ConstantValue::Kind::BigInt;
    v.str = toDecimal(digits, base);
  } else {
    v.kind = ConstantValue::Kind::Int;
    v.i = static_cast<int64_t>(value);
  }
  return e;
}

bool Lowerer::decodeLiteral(TSNode at, std::string_view s, bool raw, bool bytes, bool fstring,
                            std::string& out) {
  const size_t size = s.size();
  for (size_t i = 0; i < size; ++i) {
    char c = s[i];
    if (c == '\r') {  // universal newlines, as CPython's tokenizer reads the file
      out += '\n';
      if (i + 1 < size && s[i + 1] == '\n') ++i;
      continue;
    }
    if (fstring && (c == '{' || c == '}') && i + 1 < size && s[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (bytes && static_cast<unsigned char>(c) >= 0x80) {
      syntaxError(at, "bytes can only contain ASCII literal characters");
      return false;
    }
    if (c != '\\' || raw || i + 1 >= size) {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
      case '\n':
        continue;  // line continuation inside the literal
      case '\r':
        if (i + 1 < size && s[i + 1] == '\n') ++i;
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
      case 'a':
        out += '\a';
        continue;
      case 'b':
        out += '\b';
        continue;
      case 'f':
        out += '\f';
        continue;
      case 'n':
        out += '\n';
        continue;
      case 'r':
        out += '\r';
        continue;
      case 't':
        out += '\t';
        continue;
      case 'v':
        out += '\v';
        continue;
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      uint32_t v = static_cast<uint32_t>(e - '0');
      for (int k = 0; k < 2 && i + 1 < size && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k)
        v = v * 8 + static_cast<uint32_t>(s[++i] - '0');
      if (bytes)
        out += static_cast<char>(v & 0xFF);
      else
        appendUtf8(out, v);
      continue;
    }
    int width = e == 'x' ? 2 : (!bytes && e == 'u') ? 4 : (!bytes && e == 'U') ? 8 : 0;
    if (width > 0) {
      uint32_t v = 0;
      for (int k = 0; k < width; ++k) {
        if (i + 1 >= size || digitValue(s[i + 1]) >= 16) {
          syntaxError(at, std::string("(unicode error) truncated \\") + e +
                              std::string(static_cast<size_t>(width), 'X') + " escape");
          return false;
        }
        v = v * 16 + static_cast<uint32_t>(digitValue(s[++i]));
      }
      if (v > 0x10FFFF) {
        syntaxError(at, "(unicode error) illegal Unicode character");
        return false;
      }
      if (bytes)
        out += static_cast<char>(v);
      else
        appendUtf8(out, v);
      continue;
    }
    if (!bytes && e == 'N') {
      // \N{NAME}: a character by its Unicode name (or alias).
      const size_t start = i - 1;
      const size_t close = i + 1 < size && s[i + 1] == '{' ? s.find('}', i + 2) : std::string::npos;
      const std::string where = std::to_string(start) + "-";
      if (close == std::string::npos || close == i + 2) {
        syntaxError(at, "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                            where + std::to_string(std::min(size - 1, i)) +
                            ": malformed \\N character escape");
        return false;
      }
      auto cp = lookupUnicodeName(s.substr(i + 2, close - i - 2));
      if (!cp) {
        syntaxError(at, "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                            where + std::to_string(close) + ": unknown Unicode character name");
        return false;
      }
      appendUtf8(out, *cp);
      i = close;
      continue;
    }
    out += '\\';  // unknown escape: kept as written (CPython warns)
    out += e;
  }
  return true;
}

void Lowerer::literalGap(TSNode at, TSPoint from_point, uint32_t from, TSPoint to_point,
                         uint32_t to, bool raw, std::vector<StrPiece>& out) {
  if (to <= from) return;
  StrPiece piece;
  if (!decodeLiteral(at, cst_.source().substr(from, to - from), raw, false, true, piece.value))
    return;
  piece.span = Span{from_point.row + 1, from_point.column, to_point.row + 1, to_point.column};
  out.push_back(std::move(piece));
}

ExprPtr Lowerer::strings(TSNode n) {
  std::vector<TSNode> parts;
  if (cst_.kind(n) == NodeKind::ConcatenatedString)
    parts = cst_.children(n).named();
  else
    parts.push_back(n);

  bool any_bytes = false, any_text = false, any_fstring = false, any_tstring = false;
  bool any_plain = false;  // a str or bytes literal without the t prefix
  std::vector<Prefix> prefixes;
  std::vector<Children> children;
  for (TSNode part : parts) {
    children.push_back(cst_.children(part));
    const Children& ch = children.back();
    if (ch.items.size() < 2 || cst_.kind(ch.items.front().node) != NodeKind::StringStart ||
        cst_.kind(ch.items.back().node) != NodeKind::StringEnd)
      return syntaxError(part, "invalid string literal");
    Prefix p = parsePrefix(cst_.text(ch.items.front().node));
    if (!p.conflict.empty()) return fail(part, ErrorCode::Syntax, p.conflict);
    if (!p.valid) return syntaxError(part, "invalid string prefix");
    (p.bytes ? any_bytes : any_text) = true;
    any_fstring = any_fstring || p.fstring;
    any_tstring = any_tstring || p.tstring;
    any_plain = any_plain || !p.tstring;
    prefixes.push_back(p);
  }
  if (any_tstring && any_plain)
    return fail(n, ErrorCode::Syntax, "cannot mix t-string literals with string or bytes literals");
  if (any_bytes && any_text) return syntaxError(n, "cannot mix bytes and nonbytes literals");

  std::vector<StrPiece> pieces;
  for (size_t k = 0; k < parts.size(); ++k) {
    const Children& ch = children[k];
    const Prefix& p = prefixes[k];
    TSNode start = ch.items.front().node;
    TSNode end = ch.items.back().node;
    // The content ends before the closing quotes. Not at string_end's start: for r'\\' the
    // scanner folds the backslashes into string_end.
    uint32_t quote_len = static_cast<uint32_t>(cst_.text(start).size() - p.prefix_len);
    uint32_t content_end = ts_node_end_byte(parts[k]) - quote_len;
    TSPoint content_end_point = ts_node_end_point(parts[k]);
    content_end_point.column -= quote_len;
    if (!p.fstring && !p.tstring) {
      StrPiece piece;
      uint32_t from = ts_node_end_byte(start), to = content_end;
      if (!decodeLiteral(parts[k], cst_.source().substr(from, to - from), p.raw, p.bytes, false,
                         piece.value))
        return nullptr;
      piece.span = Cst::span(parts[k]);
      pieces.push_back(std::move(piece));
      continue;
    }
    // f-string: literal gaps between the quotes and the replacement fields.
    TSNode prev = start;
    for (const CstChild& c : ch.items) {
      if (cst_.kind(c.node) != NodeKind::Interpolation && !ts_node_eq(c.node, end)) continue;
      bool is_end = ts_node_eq(c.node, end);
      literalGap(parts[k], ts_node_end_point(prev), ts_node_end_byte(prev),
                 is_end ? content_end_point : ts_node_start_point(c.node),
                 is_end ? content_end : ts_node_start_byte(c.node), p.raw, pieces);
      if (!is_end) interpolation(c.node, p.raw, p.tstring, pieces);
      prev = c.node;
    }
    if (failed()) return nullptr;
  }

  if (any_tstring) {
    auto e = std::make_unique<Expr>(ExprKind::TemplateStr, Cst::span(n));
    e->values = finishPieces(pieces);
    return e;
  }
  if (!any_fstring) {
    auto e = std::make_unique<Expr>(ExprKind::Constant, Cst::span(n));
    e->constant.kind = any_bytes ? ConstantValue::Kind::Bytes : ConstantValue::Kind::Str;
    for (StrPiece& piece : pieces) e->constant.str += piece.value;
    return e;
  }
  auto e = std::make_unique<Expr>(ExprKind::JoinedStr, Cst::span(n));
  e->values = finishPieces(pieces);
  return e;
}

std::string Lowerer::textWithoutComments(uint32_t from, uint32_t to, TSNode within) {
  // CPython drops the comments of a multi-line replacement field from its expression text.
  std::vector<std::pair<uint32_t, uint32_t>> comments;
  std::vector<TSNode> work{within};
  while (!work.empty()) {
    TSNode n = work.back();
    work.pop_back();
    if (ts_node_end_byte(n) <= from || ts_node_start_byte(n) >= to) continue;
    if (cst_.kind(n) == NodeKind::Comment) {
      comments.emplace_back(ts_node_start_byte(n), ts_node_end_byte(n));
      continue;
    }
    for (uint32_t i = 0, k = ts_node_child_count(n); i < k; ++i)
      work.push_back(ts_node_child(n, i));
  }
  std::sort(comments.begin(), comments.end());
  std::string out;
  uint32_t at = from;
  for (const auto& [a, b] : comments) {
    if (a > at) out += cst_.source().substr(at, a - at);
    at = std::max(at, b);
  }
  if (to > at) out += cst_.source().substr(at, to - at);
  return out;
}

void Lowerer::interpolation(TSNode n, bool raw, bool tstring, std::vector<StrPiece>& out) {
  Children ch = cst_.children(n);
  TSNode expression = ch.field(Field::Expression);
  TSNode conversion = ch.field(Field::TypeConversion);
  TSNode spec = ch.field(Field::FormatSpecifier);
  if (ts_node_is_null(expression) || ch.items.empty()) {
    syntaxError(n,
                std::string(tstring ? "t" : "f") + "-string: valid expression required before '}'");
    return;
  }
  auto fv = std::make_unique<Expr>(tstring ? ExprKind::Interpolation : ExprKind::FormattedValue,
                                   Cst::span(n));
  if (cst_.kind(expression) == NodeKind::NamedExpression && ts_node_is_null(spec) &&
      ts_node_is_null(conversion)) {
    // `{x:=10}` is x with the format spec "=10" (a walrus needs parentheses in a replacement
    // field); tree-sitter reads an assignment expression.
    TSNode target = cst_.children(expression).field(Field::Name);
    fv->value = expr(target);
    const uint32_t colon = ts_node_end_byte(target);
    const uint32_t close = ts_node_start_byte(ch.items.back().node);
    auto js = std::make_unique<Expr>(ExprKind::JoinedStr);
    TSPoint colon_point = ts_node_end_point(target),
            end_point = ts_node_start_point(ch.items.back().node);
    js->span = Span{colon_point.row + 1, colon_point.column, end_point.row + 1, end_point.column};
    std::vector<StrPiece> pieces;
    TSPoint after_colon = colon_point;
    ++after_colon.column;
    literalGap(n, after_colon, colon + 1, end_point, close, raw, pieces);
    js->values = finishPieces(pieces);
    fv->format_spec = std::move(js);
  } else {
    fv->value = expr(expression);
  }
  if (!ts_node_is_null(conversion)) {
    std::string_view t = cst_.text(conversion);
    char c = t.size() == 2 ? t[1] : '\0';
    if (c != 's' && c != 'r' && c != 'a') {
      syntaxError(conversion, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      return;
    }
    fv->conversion = c;
  }
  if (!ts_node_is_null(spec)) fv->format_spec = formatSpec(spec, raw);
  if (tstring) {
    // Interpolation.expression: the source text from `{` to the `=`, `!`, `:` or `}` after it.
    TSNode open = ch.items.front().node;
    TSNode stop = ch.items.back().node;
    for (const CstChild& c : ch.items) {
      if (ts_node_start_byte(c.node) < ts_node_end_byte(expression)) continue;
      std::string_view type = ts_node_type(c.node);
      if (type == "=" || ts_node_eq(c.node, conversion) || ts_node_eq(c.node, spec)) {
        stop = c.node;
        break;
      }
    }
    fv->id = textWithoutComments(ts_node_end_byte(open), ts_node_start_byte(stop), n);
  }
  if (ch.hasToken("=")) {
    // `{x=}`: the source text between `{` and the conversion/spec/`}` becomes a literal, and the
    // conversion defaults to repr unless a format spec is given (CPython's f-string rules).
    TSNode open = ch.items.front().node;
    TSNode stop = !ts_node_is_null(conversion) ? conversion
                  : !ts_node_is_null(spec)     ? spec
                                               : ch.items.back().node;
    uint32_t from = ts_node_end_byte(open), to = ts_node_start_byte(stop);
    StrPiece text;
    text.value = textWithoutComments(from, to, n);
    TSPoint a = ts_node_end_point(open), b = ts_node_start_point(stop);
    text.span = Span{a.row + 1, a.column, b.row + 1, b.column};
    out.push_back(std::move(text));
    if (ts_node_is_null(conversion) && ts_node_is_null(spec)) fv->conversion = 'r';
  }
  StrPiece field;
  field.expr = std::move(fv);
  out.push_back(std::move(field));
}

ExprPtr Lowerer::formatSpec(TSNode n, bool raw) {
  // The spec runs from its `:` to the closing `}`; nested `{...}` are format_expression nodes and
  // the literal text between them has no node of its own.
  Children ch = cst_.children(n);
  auto e = std::make_unique<Expr>(ExprKind::JoinedStr, Cst::span(n));
  if (ch.items.empty()) return e;
  std::vector<StrPiece> pieces;
  TSNode prev = ch.items.front().node;  // the ':'
  for (const CstChild& c : ch.items) {
    if (cst_.kind(c.node) != NodeKind::FormatExpression) continue;
    literalGap(n, ts_node_end_point(prev), ts_node_end_byte(prev), ts_node_start_point(c.node),
               ts_node_start_byte(c.node), raw, pieces);
    interpolation(c.node, raw, false, pieces);
    prev = c.node;
  }
  literalGap(n, ts_node_end_point(prev), ts_node_end_byte(prev), ts_node_end_point(n),
             ts_node_end_byte(n), raw, pieces);
  e->values = finishPieces(pieces);
  return e;
}

}  // namespace gbc::syntax
