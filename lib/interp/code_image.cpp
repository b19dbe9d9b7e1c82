// Code images: serialization of compiled code objects (see code_image.h).
#include "interp/code_image.h"

#include <cstring>

namespace gbc::interp {

namespace {

constexpr uint32_t kMagic = 0x67626331;  // "gbc1"

class Writer {
 public:
  void u(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void s(int64_t v) { u((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void str(const std::string& v) {
    u(v.size());
    out_ += v;
  }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>((bits >> (8 * i)) & 0xff);
  }
  void strings(const std::vector<std::string>& v) {
    u(v.size());
    for (const std::string& x : v) str(x);
  }
  void span(const syntax::Span& p) {
    u(p.line);
    u(p.col);
    u(p.end_line);
    u(p.end_col);
  }
  void constant(const Constant& c) {
    u(static_cast<uint64_t>(c.kind));
    switch (c.kind) {
      case Constant::Kind::Value:
        u(static_cast<uint64_t>(c.value.kind));
        u(c.value.b);
        s(c.value.i);
        f64(c.value.f);
        str(c.value.str);
        break;
      case Constant::Kind::Tuple:
        u(c.tuple.size());
        for (const Constant& x : c.tuple) constant(x);
        break;
      case Constant::Kind::Code:
        code(*c.code);
        break;
    }
  }
  void code(const CodeObject& c) {
    str(c.name);
    str(c.qualname);
    str(c.filename);
    u(c.firstlineno);
    u(c.def_line);
    u(c.flags);
    s(c.argcount);
    s(c.posonlyargcount);
    s(c.kwonlyargcount);
    strings(c.varnames);
    strings(c.cellvars);
    strings(c.freevars);
    strings(c.names);
    u(c.consts.size());
    for (const Constant& k : c.consts) constant(k);
    u(c.code.size());
    for (const Instr& i : c.code) {
      u(static_cast<uint64_t>(i.op));
      s(i.arg);
      span(i.pos);
    }
    u(c.cell2arg.size());
    for (int v : c.cell2arg) s(v);
    u(c.uses_class_cell);
    u(c.co_flags);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool atEnd() const { return pos_ == in_.size(); }

  uint64_t u() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return fail();
      auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
    }
    return fail();
  }
  int64_t s() {
    uint64_t v = u();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  uint32_t u32() { return static_cast<uint32_t>(u()); }
  std::string str() {
    uint64_t n = u();
    if (n > in_.size() - pos_) return fail(), std::string();
    std::string v(in_.substr(pos_, n));
    pos_ += n;
    return v;
  }
  double f64() {
    if (in_.size() - pos_ < 8) return static_cast<double>(fail());
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
      bits |= static_cast<uint64_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  // A count of items that each take at least one byte: bounded by what is left.
  std::size_t count() {
    uint64_t n = u();
    if (n > in_.size() - pos_) return static_cast<std::size_t>(fail());
    return static_cast<std::size_t>(n);
  }
  void strings(std::vector<std::string>& v) {
    std::size_t n = count();
    v.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) v.push_back(str());
  }
  syntax::Span span() {
    syntax::Span p;
    p.line = u32();
    p.col = u32();
    p.end_line = u32();
    p.end_col = u32();
    return p;
  }
  Constant constant(int depth) {
    Constant c;
    uint64_t kind = u();
    if (kind > static_cast<uint64_t>(Constant::Kind::Code) || depth > 256) return fail(), c;
    c.kind = static_cast<Constant::Kind>(kind);
    switch (c.kind) {
      case Constant::Kind::Value: {
        uint64_t value_kind = u();
        if (value_kind > static_cast<uint64_t>(syntax::ConstantValue::Kind::Ellipsis))
          return fail(), c;
        c.value.kind = static_cast<syntax::ConstantValue::Kind>(value_kind);
        c.value.b = u() != 0;
        c.value.i = s();
        c.value.f = f64();
        c.value.str = str();
        break;
      }
      case Constant::Kind::Tuple: {
        std::size_t n = count();
        c.tuple.reserve(n);
        for (std::size_t i = 0; i < n && ok_; ++i) c.tuple.push_back(constant(depth + 1));
        break;
      }
      case Constant::Kind::Code:
        c.code = code(depth + 1);
        break;
    }
    return c;
  }
  std::shared_ptr<CodeObject> code(int depth) {
    auto c = std::make_shared<CodeObject>();
    if (depth > 256) return fail(), c;
    c->name = str();
    c->qualname = str();
    c->filename = str();
    c->firstlineno = u32();
    c->def_line = u32();
    c->flags = u32();
    c->argcount = static_cast<int>(s());
    c->posonlyargcount = static_cast<int>(s());
    c->kwonlyargcount = static_cast<int>(s());
    strings(c->varnames);
    strings(c->cellvars);
    strings(c->freevars);
    strings(c->names);
    std::size_t nconsts = count();
    c->consts.reserve(nconsts);
    for (std::size_t i = 0; i < nconsts && ok_; ++i) c->consts.push_back(constant(depth));
    std::size_t ninstrs = count();
    c->code.resize(ninstrs);
    for (std::size_t i = 0; i < ninstrs && ok_; ++i) {
      Instr& instr = c->code[i];
      uint64_t op = u();
      if (op >= kOpCount) return fail(), c;
      instr.op = static_cast<Op>(op);
      instr.arg = static_cast<int32_t>(s());
      instr.pos = span();
    }
    std::size_t ncells = count();
    c->cell2arg.reserve(ncells);
    for (std::size_t i = 0; i < ncells && ok_; ++i) c->cell2arg.push_back(static_cast<int>(s()));
    c->uses_class_cell = u() != 0;
    c->co_flags = u32();
    return c;
  }

 private:
  uint64_t fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

const CodeImageTable* g_images = nullptr;

PreludeRecorder& recorderSlot() {
  static PreludeRecorder recorder;
  return recorder;
}

}  // namespace

std::string serializeCode(const CodeObject& code) {
  Writer w;
  w.u(kMagic);
  w.code(code);
  return w.take();
}

std::shared_ptr<CodeObject> deserializeCode(std::string_view bytes) {
  Reader r(bytes);
  if (r.u() != kMagic) return nullptr;
  std::shared_ptr<CodeObject> code = r.code(0);
  if (!r.ok() || !r.atEnd()) return nullptr;
  return code;
}

uint64_t sourceHash(std::string_view source) {
  // FNV-1a over 8-byte words (then the tail bytes): the preludes are hashed on every start-up.
  uint64_t h = 0xcbf29ce484222325ull ^ source.size();
  std::size_t i = 0;
  for (; i + 8 <= source.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, source.data() + i, sizeof word);
    h ^= word;
    h *= 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < source.size(); ++i) {
    h ^= static_cast<unsigned char>(source[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

bool registerCodeImages(const CodeImageTable* table) {
  g_images = table;
  return true;
}

uint64_t imageKey(std::string_view source, std::string_view python) {
  return sourceHash(source) ^ (sourceHash(python) * 0x9e3779b97f4a7c15ull);
}

std::shared_ptr<CodeObject> findCodeImage(const std::string& filename, std::string_view source,
                                          std::string_view python) {
  if (!g_images) return nullptr;
  uint64_t hash = 0;
  bool hashed = false;
  for (std::size_t i = 0; i < g_images->count; ++i) {
    const CodeImage& image = g_images->images[i];
    if (filename != image.filename) continue;
    if (!hashed) {
      hash = imageKey(source, python);
      hashed = true;
    }
    if (hash != image.source_hash) continue;
    return deserializeCode(
        std::string_view(reinterpret_cast<const char*>(image.bytes), image.size));
  }
  return nullptr;
}

void setPreludeRecorder(PreludeRecorder recorder) { recorderSlot() = std::move(recorder); }

const PreludeRecorder& preludeRecorder() { return recorderSlot(); }

}  // namespace gbc::interp
