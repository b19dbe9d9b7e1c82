// Test-only: tokenizer and parser for the one-line Python expressions of the reference files.
#include <cctype>

#include "tests/mini_parse.h"

namespace gbc::runtime::testing {

namespace {

struct Token {
  enum class K { Num, Str, Name, Op, End } k;
  std::string text;
};

std::vector<Token> tokenize(const std::string& src) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < src.size()) {
    char c = src[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < src.size() && std::isdigit(static_cast<unsigned char>(src[i + 1])))) {
      size_t j = i;
      while (j < src.size() && (std::isdigit(static_cast<unsigned char>(src[j])) || src[j] == '.'))
        ++j;
      if (j < src.size() && (src[j] == 'e' || src[j] == 'E')) {
        ++j;
        if (j < src.size() && (src[j] == '+' || src[j] == '-')) ++j;
        while (j < src.size() && std::isdigit(static_cast<unsigned char>(src[j]))) ++j;
      }
      if (j < src.size() && src[j] == 'j') throw Unsupported("complex literal");
      out.push_back({Token::K::Num, src.substr(i, j - i)});
      i = j;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < src.size() && (std::isalnum(static_cast<unsigned char>(src[j])) || src[j] == '_'))
        ++j;
      std::string name = src.substr(i, j - i);
      if ((name == "f" || name == "r" || name == "b") && j < src.size() &&
          (src[j] == '\'' || src[j] == '"')) {
        throw Unsupported("string prefix " + name);
      }
      out.push_back({Token::K::Name, name});
      i = j;
      continue;
    }
    if (c == '\'' || c == '"') {
      size_t j = src.find(c, i + 1);
      if (j == std::string::npos) throw Unsupported("unterminated string");
      out.push_back({Token::K::Str, src.substr(i + 1, j - i - 1)});
      i = j + 1;
      continue;
    }
    static const char* ops[] = {"...", "**", "//", "==", "!=", "<=", ">=", "(", ")",
                                "[",   "]",  "{",  "}",  ",",  ":",  ".",  "+", "-",
                                "*",   "/",  "%",  "@",  "<",  ">",  "=",  "~"};
    bool found = false;
    for (const char* op : ops) {
      std::string o(op);
      if (src.compare(i, o.size(), o) == 0) {
        out.push_back({Token::K::Op, o});
        i += o.size();
        found = true;
        break;
      }
    }
    if (!found) throw Unsupported(std::string("character ") + c);
  }
  out.push_back({Token::K::End, ""});
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : toks_(std::move(toks)) {}

  NodePtr parseAll() {
    NodePtr e = expr();
    if (peek().k != Token::K::End) throw Unsupported("trailing tokens at '" + peek().text + "'");
    return e;
  }

 private:
  const Token& peek() const { return toks_[pos_]; }
  bool isOp(const char* op) const { return peek().k == Token::K::Op && peek().text == op; }
  bool accept(const char* op) {
    if (!isOp(op)) return false;
    ++pos_;
    return true;
  }
  void expect(const char* op) {
    if (!accept(op)) throw Unsupported(std::string("expected ") + op + " at '" + peek().text + "'");
  }
  static NodePtr make(Node::K k, std::string text = {}, std::vector<NodePtr> kids = {}) {
    auto n = std::make_shared<Node>();
    n->k = k;
    n->text = std::move(text);
    n->kids = std::move(kids);
    return n;
  }

  NodePtr expr() {
    if (peek().k == Token::K::Name && peek().text == "lambda") {
      ++pos_;
      std::string param = toks_[pos_++].text;
      expect(":");
      return make(Node::K::Lambda, param, {expr()});
    }
    NodePtr left = sum();
    for (const char* op : {"==", "!=", "<=", ">=", "<", ">"}) {
      if (accept(op)) return make(Node::K::Binary, op, {left, sum()});
    }
    return left;
  }
  NodePtr sum() {
    NodePtr left = term();
    while (isOp("+") || isOp("-")) {
      std::string op = toks_[pos_++].text;
      left = make(Node::K::Binary, op, {left, term()});
    }
    return left;
  }
  NodePtr term() {
    NodePtr left = factor();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%") || isOp("@")) {
      std::string op = toks_[pos_++].text;
      left = make(Node::K::Binary, op, {left, factor()});
    }
    return left;
  }
  NodePtr factor() {
    if (isOp("-") || isOp("+") || isOp("~")) {
      std::string op = toks_[pos_++].text;
      return make(Node::K::Unary, op, {factor()});
    }
    return power();
  }
  NodePtr power() {
    NodePtr base = postfix();
    if (accept("**")) return make(Node::K::Binary, "**", {base, factor()});
    return base;
  }
  NodePtr postfix() {
    NodePtr e = atom();
    for (;;) {
      if (accept(".")) {
        e = make(Node::K::Attr, toks_[pos_++].text, {e});
      } else if (accept("(")) {
        auto call = make(Node::K::Call, {}, {e});
        while (!accept(")")) {
          if (peek().k == Token::K::Name && toks_[pos_ + 1].k == Token::K::Op &&
              toks_[pos_ + 1].text == "=") {
            std::string name = toks_[pos_].text;
            pos_ += 2;
            call->kwnames.push_back(name);
            call->kwargs.push_back(expr());
          } else {
            call->kids.push_back(expr());
          }
          if (!isOp(")")) expect(",");
        }
        e = call;
      } else if (accept("[")) {
        auto sub = make(Node::K::Subscript, {}, {e});
        bool tuple = false;
        while (!accept("]")) {
          sub->kids.push_back(subscriptItem());
          if (!isOp("]")) {
            expect(",");
            tuple = true;
          }
        }
        sub->text = tuple ? "tuple" : "";
        e = sub;
      } else {
        return e;
      }
    }
  }
  NodePtr subscriptItem() {
    if (accept("...")) return make(Node::K::Ellipsis);
    NodePtr parts[3];
    int idx = 0;
    bool isSlice = false;
    for (;;) {
      if (isOp(":")) {
        ++pos_;
        isSlice = true;
        if (++idx > 2) throw Unsupported("bad slice");
        continue;
      }
      if (isOp(",") || isOp("]")) break;
      parts[idx] = expr();
    }
    if (!isSlice) return parts[0];
    auto n = make(Node::K::Slice);
    for (auto& p : parts) n->kids.push_back(p);
    return n;
  }
  NodePtr atom() {
    const Token tok = toks_[pos_++];
    switch (tok.k) {
      case Token::K::Num:
        return make(Node::K::Num, tok.text);
      case Token::K::Str:
        return make(Node::K::Str, tok.text);
      case Token::K::Name:
        return make(Node::K::Name, tok.text);
      case Token::K::End:
        throw Unsupported("unexpected end");
      case Token::K::Op:
        break;
    }
    if (tok.text == "(") {
      if (accept(")")) return make(Node::K::Tuple);
      NodePtr first = expr();
      if (accept(")")) return first;
      auto tup = make(Node::K::Tuple, {}, {first});
      while (accept(",")) {
        if (isOp(")")) break;
        tup->kids.push_back(expr());
      }
      expect(")");
      return tup;
    }
    if (tok.text == "[") {
      auto list = make(Node::K::List);
      while (!accept("]")) {
        list->kids.push_back(expr());
        if (!isOp("]")) expect(",");
      }
      return list;
    }
    if (tok.text == "{") {
      auto dict = make(Node::K::Dict);
      while (!accept("}")) {
        dict->kids.push_back(expr());
        expect(":");
        dict->kids.push_back(expr());
        if (!isOp("}")) expect(",");
      }
      return dict;
    }
    throw Unsupported("unexpected '" + tok.text + "'");
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
};

}  // namespace

NodePtr parseExpression(const std::string& code) { return Parser(tokenize(code)).parseAll(); }

}  // namespace gbc::runtime::testing
