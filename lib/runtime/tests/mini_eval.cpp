// Test-only: evaluation of mini_parse's expressions on the runtime (see mini_eval.h).
#include "tests/mini_eval.h"

#include <algorithm>
#include <cmath>

#include "tests/mini_calls.h"
#include "tests/mini_parse.h"

namespace gbc::runtime::testing {

ValPtr makeTensor(Tensor t) {
  auto v = std::make_shared<Val>();
  v->kind = Val::Kind::Tensor;
  v->t = std::move(t);
  return v;
}
ValPtr makeInt(int64_t x) {
  auto v = std::make_shared<Val>();
  v->kind = Val::Kind::Int;
  v->i = x;
  return v;
}
ValPtr makeFloat(double x) {
  auto v = std::make_shared<Val>();
  v->kind = Val::Kind::Float;
  v->f = x;
  return v;
}
ValPtr makeBool(bool x) {
  auto v = std::make_shared<Val>();
  v->kind = Val::Kind::Bool;
  v->b = x;
  return v;
}
ValPtr makeKind(Val::Kind k, std::string s) {
  auto v = std::make_shared<Val>();
  v->kind = k;
  v->s = std::move(s);
  return v;
}

PrintOptions& currentPrintOptions() {
  static PrintOptions opt;
  return opt;
}

namespace {

std::string reprOf(const Val& v, const PrintOptions& opt);

std::string joinReprs(const std::vector<ValPtr>& items, const PrintOptions& opt) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += reprOf(*items[i], opt);
  }
  return out;
}

std::string reprOf(const Val& v, const PrintOptions& opt) {
  switch (v.kind) {
    case Val::Kind::None:
      return "None";
    case Val::Kind::Int:
      return std::to_string(v.i);
    case Val::Kind::Float:
      return formatPythonFloat(v.f);
    case Val::Kind::Bool:
      return v.b ? "True" : "False";
    case Val::Kind::Str:
      return "'" + v.s + "'";
    case Val::Kind::Tensor:
      return v.parameter ? formatParameter(v.t, opt) : formatTensor(v.t, opt);
    case Val::Kind::List: {
      std::string out = "[";
      out += joinReprs(v.items, opt);
      out += "]";
      return out;
    }
    case Val::Kind::Tuple: {
      std::string out = "(";
      out += joinReprs(v.items, opt);
      out += v.items.size() == 1 ? ",)" : ")";
      return out;
    }
    case Val::Kind::Dict: {
      std::string out = "{";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += "'" + v.keys[i] + "': " + reprOf(*v.items[i], opt);
      }
      return out + "}";
    }
    case Val::Kind::DType:
      return std::string(dtypeName(v.dtype));
    case Val::Kind::Size:
      return formatSize(v.size);
    case Val::Kind::Device:
      return "cpu";
    case Val::Kind::ReturnTypes:
      return formatReturnTypes(v.s, v.items[0]->t, v.items[1]->t, opt);
    case Val::Kind::Module:
      if (v.module->kind == "Linear") {
        return "Linear(in_features=" + std::to_string(v.module->in) +
               ", out_features=" + std::to_string(v.module->out) +
               ", bias=" + (v.module->bias.defined() ? "True" : "False") + ")";
      }
      return v.module->kind + "()";
    case Val::Kind::Lambda:
    case Val::Kind::Func:
    case Val::Kind::Method:
      break;
  }
  throw Unsupported("repr of a function");
}

using Env = std::map<std::string, ValPtr>;

ValPtr evalNode(const Node& n, Env& env);

double pyFloorMod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0 && ((b < 0) != (m < 0))) m += b;
  return m;
}

ValPtr pythonArith(const std::string& op, const Val& a, const Val& b) {
  bool floats = a.kind == Val::Kind::Float || b.kind == Val::Kind::Float;
  auto num = [](const Val& v) {
    return v.kind == Val::Kind::Float ? v.f
                                      : static_cast<double>(v.kind == Val::Kind::Bool ? v.b : v.i);
  };
  auto inum = [](const Val& v) { return v.kind == Val::Kind::Bool ? int64_t{v.b} : v.i; };
  if (op == "/") return makeFloat(num(a) / num(b));
  if (floats) {
    double x = num(a), y = num(b);
    if (op == "+") return makeFloat(x + y);
    if (op == "-") return makeFloat(x - y);
    if (op == "*") return makeFloat(x * y);
    if (op == "**") return makeFloat(std::pow(x, y));
    if (op == "//") return makeFloat(std::floor(x / y));
    if (op == "%") return makeFloat(pyFloorMod(x, y));
  } else {
    int64_t x = inum(a), y = inum(b);
    if (op == "+") return makeInt(x + y);
    if (op == "-") return makeInt(x - y);
    if (op == "*") return makeInt(x * y);
    if (op == "**") {
      if (y < 0) return makeFloat(std::pow(static_cast<double>(x), static_cast<double>(y)));
      int64_t r = 1;
      for (int64_t k = 0; k < y; ++k) r *= x;
      return makeInt(r);
    }
    if (op == "//")
      return makeInt(
          static_cast<int64_t>(std::floor(static_cast<double>(x) / static_cast<double>(y))));
    if (op == "%") return makeInt(((x % y) + y) % y);
  }
  if (op == "==") return makeBool(num(a) == num(b));
  if (op == "<") return makeBool(num(a) < num(b));
  if (op == ">") return makeBool(num(a) > num(b));
  throw Unsupported("python operator " + op);
}

bool isNumber(const Val& v) {
  return v.kind == Val::Kind::Int || v.kind == Val::Kind::Float || v.kind == Val::Kind::Bool;
}

ValPtr evalAttr(const ValPtr& obj, const std::string& name) {
  if (obj->kind == Val::Kind::Func) {
    std::string q = obj->s + "." + name;
    if (obj->s == "torch") {
      if (auto dt = parseDType(name);
          dt && name != "float" && name != "long" && name != "int" && name != "double") {
        auto v = makeKind(Val::Kind::DType, {});
        v->dtype = *dt;
        return v;
      }
      if (name == "float16" || name == "bfloat16" || name == "uint8" || name == "int8" ||
          name == "int16" || name == "complex64") {
        throw Unsupported("dtype torch." + name);
      }
    }
    return makeKind(Val::Kind::Func, q);
  }
  if (obj->kind == Val::Kind::Tensor) {
    if (name == "shape") {
      auto v = makeKind(Val::Kind::Size, {});
      v->size = obj->t.sizes();
      return v;
    }
    if (name == "dtype") {
      auto v = makeKind(Val::Kind::DType, {});
      v->dtype = obj->t.dtype();
      return v;
    }
    if (name == "device") return makeKind(Val::Kind::Device, {});
  }
  if (obj->kind == Val::Kind::Module && (name == "weight" || name == "bias")) {
    auto v = makeTensor(name == "weight" ? obj->module->weight : obj->module->bias);
    v->parameter = true;
    return v;
  }
  auto m = makeKind(Val::Kind::Method, name);
  m->items.push_back(obj);
  return m;
}

ValPtr evalSubscript(const Node& n, Env& env) {
  ValPtr obj = evalNode(*n.kids[0], env);
  if (obj->kind == Val::Kind::Tensor) {
    std::vector<IndexItem> items;
    for (size_t k = 1; k < n.kids.size(); ++k) {
      const Node& it = *n.kids[k];
      if (it.k == Node::K::Ellipsis) {
        items.emplace_back(std::in_place_type<EllipsisIndex>);
      } else if (it.k == Node::K::Slice) {
        Slice s;
        std::optional<int64_t>* parts[3] = {&s.start, &s.stop, &s.step};
        for (int p = 0; p < 3; ++p) {
          if (it.kids[p]) *parts[p] = evalNode(*it.kids[p], env)->i;
        }
        items.push_back(s);
      } else {
        ValPtr v = evalNode(it, env);
        if (v->kind == Val::Kind::Int)
          items.push_back(v->i);
        else if (v->kind == Val::Kind::None)
          items.emplace_back(std::in_place_type<NoneIndex>);
        else if (v->kind == Val::Kind::Tensor)
          items.push_back(v->t);
        else
          throw Unsupported("index kind");
      }
    }
    auto r = index(obj->t, items);
    if (!r) throw TorchException{r.error()};
    bool basicSlice = n.kids.size() == 2 && n.kids[1]->k == Node::K::Slice;
    return gradResult(*r, {&obj->t}, basicSlice ? "SliceBackward0" : "SelectBackward0");
  }
  // Sequences: one int or slice.
  const Node& it = *n.kids[1];
  std::vector<ValPtr> elems;
  if (obj->kind == Val::Kind::Size) {
    for (int64_t s : obj->size) elems.push_back(makeInt(s));
  } else {
    elems = obj->items;
  }
  const auto len = static_cast<int64_t>(elems.size());
  if (it.k == Node::K::Slice) {
    int64_t start = it.kids[0] ? evalNode(*it.kids[0], env)->i : 0;
    int64_t stop = it.kids[1] ? evalNode(*it.kids[1], env)->i : len;
    if (start < 0) start += len;
    if (stop < 0) stop += len;
    start = std::clamp<int64_t>(start, 0, len);
    stop = std::clamp<int64_t>(stop, start, len);
    if (obj->kind == Val::Kind::Size) {
      auto v = makeKind(Val::Kind::Size, {});
      v->size.assign(obj->size.begin() + start, obj->size.begin() + stop);
      return v;
    }
    auto v = makeKind(obj->kind, {});
    v->items.assign(elems.begin() + start, elems.begin() + stop);
    return v;
  }
  int64_t i = evalNode(it, env)->i;
  if (i < 0) i += len;
  return elems.at(static_cast<size_t>(i));
}

ValPtr evalNode(const Node& n, Env& env) {
  switch (n.k) {
    case Node::K::Num:
      if (n.text.find_first_of(".eE") != std::string::npos) return makeFloat(std::stod(n.text));
      return makeInt(std::stoll(n.text));
    case Node::K::Str:
      return makeKind(Val::Kind::Str, n.text);
    case Node::K::Name: {
      if (auto it = env.find(n.text); it != env.end()) return it->second;
      if (n.text == "True" || n.text == "False") return makeBool(n.text == "True");
      if (n.text == "None") return std::make_shared<Val>();
      if (n.text == "F") return makeKind(Val::Kind::Func, "torch.nn.functional");
      return makeKind(Val::Kind::Func, n.text);
    }
    case Node::K::Attr:
      return evalAttr(evalNode(*n.kids[0], env), n.text);
    case Node::K::Call: {
      ValPtr callee = evalNode(*n.kids[0], env);
      Args args;
      for (size_t k = 1; k < n.kids.size(); ++k) args.pos.push_back(evalNode(*n.kids[k], env));
      for (size_t k = 0; k < n.kwargs.size(); ++k)
        args.kw[n.kwnames[k]] = evalNode(*n.kwargs[k], env);
      if (callee->kind == Val::Kind::Lambda) {
        Env inner = env;
        inner[callee->s] = args.pos.at(0);
        return evalNode(*callee->body, inner);
      }
      return callValue(callee, args);
    }
    case Node::K::Subscript:
      return evalSubscript(n, env);
    case Node::K::Unary: {
      ValPtr v = evalNode(*n.kids[0], env);
      if (n.text == "+") return v;
      if (v->kind == Val::Kind::Int) return makeInt(-v->i);
      if (v->kind == Val::Kind::Float) return makeFloat(-v->f);
      if (v->kind == Val::Kind::Tensor) {
        if (n.text == "~") return makeTensor(logicalNot(v->t));
        auto r = neg(v->t);
        if (!r) throw TorchException{r.error()};
        return gradResult(*r, {&v->t}, "NegBackward0");
      }
      throw Unsupported("unary operand");
    }
    case Node::K::Binary: {
      ValPtr a = evalNode(*n.kids[0], env), b = evalNode(*n.kids[1], env);
      if (isNumber(*a) && isNumber(*b)) return pythonArith(n.text, *a, *b);
      if (a->kind == Val::Kind::List && n.text == "*" && b->kind == Val::Kind::Int) {
        auto v = makeKind(Val::Kind::List, {});
        for (int64_t k = 0; k < b->i; ++k)
          v->items.insert(v->items.end(), a->items.begin(), a->items.end());
        return v;
      }
      return tensorBinary(n.text, a, b);
    }
    case Node::K::List:
    case Node::K::Tuple: {
      auto v = makeKind(n.k == Node::K::List ? Val::Kind::List : Val::Kind::Tuple, {});
      for (const auto& k : n.kids) v->items.push_back(evalNode(*k, env));
      return v;
    }
    case Node::K::Dict: {
      auto v = makeKind(Val::Kind::Dict, {});
      for (size_t k = 0; k + 1 < n.kids.size(); k += 2) {
        v->keys.push_back(evalNode(*n.kids[k], env)->s);
        v->items.push_back(evalNode(*n.kids[k + 1], env));
      }
      return v;
    }
    case Node::K::Lambda: {
      auto v = makeKind(Val::Kind::Lambda, n.text);
      v->body = n.kids[0];
      return v;
    }
    case Node::K::Slice:
    case Node::K::Ellipsis:
      break;
  }
  throw Unsupported("expression kind");
}

}  // namespace

ValPtr evaluate(const std::string& code, const std::map<std::string, ValPtr>& vars) {
  NodePtr root = parseExpression(code);
  Env env = vars;
  return evalNode(*root, env);
}

std::string strOf(const Val& v, const PrintOptions& opt) {
  if (v.kind == Val::Kind::Str) return v.s;
  return reprOf(v, opt);
}

}  // namespace gbc::runtime::testing
