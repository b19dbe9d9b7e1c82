// The hash modules hashlib falls back to without OpenSSL's _hashlib: _md5, _sha1, _sha2 (over
// lib/native/hashes.h), _sha3 (sha3.h: SHA-3 and SHAKE) and _blake2 (blake2.h), with CPython
// 3.14's constructors (data=, the deprecated string=, usedforsecurity=), hash-object methods
// (update, digest, hexdigest, copy; SHAKE's digest(length)), BLAKE2's parameter checks and the
// messages of each. 3.12's constructors take string= (md5, sha1, sha2) or a positional-only
// data (sha3, blake2) instead.
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"
#include "native/blake2.h"
#include "native/hashes.h"
#include "native/sha3.h"

#include <variant>

namespace gbc::interp {

namespace {

using native::Blake2;
using native::Blake2Params;
using native::Blake2Variant;
using native::Hasher;
using native::HashKind;
using native::Sha3;

using Engine = std::variant<Hasher, Sha3, Blake2>;

struct HashState : NativeState {
  explicit HashState(Engine e) : engine(std::move(e)) {}
  Engine engine;
};

HashState& hashState(VM& vm, const Value& v, const char* what) {
  return nativeState<HashState>(vm, v, what);
}

bool is312(VM& vm) { return vm.target().python == "3.12"; }

/// The bytes a hash takes (gbc's only buffer is bytes).
const std::string& dataArg(VM& vm, const Value& v) {
  if (v->kind == Kind::Bytes) return as<BytesObject>(v).v;
  if (v->kind == Kind::Str) vm.raise(vm.b().type_error, "Strings must be encoded before hashing");
  vm.raise(vm.b().type_error, "object supporting the buffer API required");
}

void update(Engine& e, std::string_view data) {
  std::visit([&](auto& h) { h.update(data); }, e);
}

std::string hexOf(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out += kDigits[static_cast<unsigned char>(c) >> 4];
    out += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

std::string_view engineName(const Engine& e) {
  if (const auto* h = std::get_if<Hasher>(&e)) return h->name();
  if (const auto* s = std::get_if<Sha3>(&e)) return s->name();
  return std::get<Blake2>(e).variant() == Blake2Variant::B ? "blake2b" : "blake2s";
}
size_t digestSize(const Engine& e) {
  if (const auto* h = std::get_if<Hasher>(&e)) return h->digestSize();
  if (const auto* s = std::get_if<Sha3>(&e)) return s->digestSize();
  return std::get<Blake2>(e).digestSize();
}
size_t blockSize(const Engine& e) {
  if (const auto* h = std::get_if<Hasher>(&e)) return h->blockSize();
  if (const auto* s = std::get_if<Sha3>(&e)) return s->blockSize();
  return Blake2::blockSize(std::get<Blake2>(e).variant());
}

/// The data of a constructor: `data` or the deprecated `string` keyword, not both.
Value initialData(VM& vm, const Value& data, const Value& string) {
  if (data && string && !isNone(string))
    vm.raise(vm.b().type_error,
             "'data' and 'string' are mutually exclusive and support for 'string' keyword "
             "parameter is slated for removal in a future version.");
  if (data) return data;
  return string && !isNone(string) ? string : nullptr;
}

Value newHash(VM& vm, const ClassPtr& cls, Engine engine, const Value& data) {
  auto s = std::make_shared<HashState>(std::move(engine));
  if (data) update(s->engine, dataArg(vm, data));
  return newNative(cls, s);
}

/// A hash class `module`.`name` with the methods every hash object has.
ClassPtr hashType(VM& vm, const std::string& module, const std::string& name) {
  ClassPtr cls = makeNativeType(vm, module, name);
  cls->no_dict = true;
  std::string qualified = name;
  nativeMethod(cls, "update", [qualified](VM& vm, CallArgs& a) -> Value {
    Value data = methOneArg(vm, a, qualified + ".update");
    update(hashState(vm, a.args[0], "update").engine, dataArg(vm, data));
    return none();
  });
  nativeMethod(cls, "copy", [qualified](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, qualified + ".copy");
    return newNative(vm.typeOf(a.args[0]),
                     std::make_shared<HashState>(hashState(vm, a.args[0], "copy").engine));
  });
  nativeGetSet(cls, "name", [](VM& vm, const Value& v) -> Value {
    return pyStr(std::string(engineName(hashState(vm, v, "name").engine)));
  });
  nativeGetSet(cls, "digest_size", [](VM& vm, const Value& v) -> Value {
    return pyInt(static_cast<int64_t>(digestSize(hashState(vm, v, "digest_size").engine)));
  });
  nativeGetSet(cls, "block_size", [](VM& vm, const Value& v) -> Value {
    return pyInt(static_cast<int64_t>(blockSize(hashState(vm, v, "block_size").engine)));
  });
  return cls;
}

/// digest() and hexdigest() of a fixed-size hash.
void fixedDigests(const ClassPtr& cls, const std::string& qualified) {
  for (bool hex : {false, true})
    nativeMethod(cls, hex ? "hexdigest" : "digest", [qualified, hex](VM& vm, CallArgs& a) -> Value {
      methNoArgs(vm, a, qualified + (hex ? ".hexdigest" : ".digest"));
      const Engine& e = hashState(vm, a.args[0], "digest").engine;
      std::string d;
      if (const auto* h = std::get_if<Hasher>(&e)) d = h->digest();
      if (const auto* s = std::get_if<Sha3>(&e)) d = s->digest();
      if (const auto* b = std::get_if<Blake2>(&e)) d = b->digest();
      if (hex) return pyStr(hexOf(d));
      return std::make_shared<BytesObject>(std::move(d));
    });
}

void noInstances(const ClassPtr& cls, const std::string& tp_name) {
  nativeConstructor(cls, [tp_name](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create '" + tp_name + "' instances");
  });
}

// ---- _md5, _sha1, _sha2 ----

void installMdSha(VM& vm, const Value& m, const std::string& module, const std::string& type_name,
                  const std::string& func, HashKind kind, const std::string& alias) {
  ClassPtr cls = hashType(vm, module, type_name);
  fixedDigests(cls, type_name);
  noInstances(cls, module + "." + type_name);
  as<ModuleObject>(m).dict->setStr(alias, cls);
  moduleFunction(m, func, [cls, kind, func](VM& vm, CallArgs& a) -> Value {
    Value data;
    if (is312(vm)) {
      auto p = clinicParse(vm, a, {func.c_str(), {"string", "usedforsecurity"}, 0, 0, 1});
      data = p[0];
    } else {
      auto p = clinicParse(vm, a, {func.c_str(), {"data", "usedforsecurity", "string"}, 0, 0, 1});
      data = initialData(vm, p[0], p[2]);
    }
    return newHash(vm, cls, Hasher(kind), data);
  });
}

Value module(const char* name) {
  Value m = newNativeModule(name);
  as<ModuleObject>(m).dict->setStr("_GIL_MINSIZE", pyInt(2048));
  return m;
}

// ---- _sha3 ----

void installSha3Type(VM& vm, const Value& m, native::Sha3Kind kind) {
  Sha3 probe(kind);
  std::string name(probe.name());
  ClassPtr cls = hashType(vm, "_sha3", name);
  nativeConstructor(cls, [kind](VM& vm, CallArgs& a) -> Value {
    Value data;
    if (is312(vm)) {
      auto p = clinicParse(vm, a, {"sha3_224", {"data", "usedforsecurity"}, 1, 0, 1}, 1);
      data = p[0];
    } else {
      // (3.14 names every SHA-3 constructor sha3_224 in its messages)
      auto p = clinicParse(vm, a, {"sha3_224", {"data", "usedforsecurity", "string"}, 0, 0, 1}, 1);
      data = initialData(vm, p[0], p[2]);
    }
    return newHash(vm, constructedClass(a), Sha3(kind), data);
  });
  if (probe.isShake()) {
    for (bool hex : {false, true})
      nativeMethod(cls, hex ? "hexdigest" : "digest", [hex](VM& vm, CallArgs& a) -> Value {
        auto p = clinicParse(vm, a, {hex ? "hexdigest" : "digest", {"length"}, 0, 1}, 1);
        int64_t length = ssizeArg(vm, p[0]);
        if (length < 0) vm.raise(vm.b().value_error, "Cannot convert negative int");
        if (length >= (int64_t{1} << 29)) vm.raise(vm.b().value_error, "length is too large");
        const auto& s = std::get<Sha3>(hashState(vm, a.args[0], "digest").engine);
        std::string d = s.digest(static_cast<size_t>(length));
        if (hex) return pyStr(hexOf(d));
        return std::make_shared<BytesObject>(std::move(d));
      });
  } else {
    fixedDigests(cls, name);
  }
  auto sha3 = [](VM& vm, const Value& v) -> const Sha3& {
    return std::get<Sha3>(hashState(vm, v, "sha3").engine);
  };
  nativeGetSet(cls, "_capacity_bits", [sha3](VM& vm, const Value& v) -> Value {
    return pyInt(static_cast<int64_t>(sha3(vm, v).capacityBits()));
  });
  nativeGetSet(cls, "_rate_bits", [sha3](VM& vm, const Value& v) -> Value {
    return pyInt(static_cast<int64_t>(sha3(vm, v).rateBits()));
  });
  nativeGetSet(cls, "_suffix", [sha3](VM& vm, const Value& v) -> Value {
    return std::make_shared<BytesObject>(std::string(1, static_cast<char>(sha3(vm, v).suffix())));
  });
  as<ModuleObject>(m).dict->setStr(name, cls);
}

// ---- _blake2 ----

/// BLAKE2's constructor arguments checked as CPython checks them.
Blake2Params blake2Params(VM& vm, Blake2Variant variant, const std::vector<Value>& p) {
  const char* title = variant == Blake2Variant::B ? "Blake2b" : "Blake2s";
  const int64_t max_digest = static_cast<int64_t>(Blake2::maxDigestSize(variant));
  auto bytes = [&](const Value& v) -> std::string {
    if (!v) return "";
    if (v->kind != Kind::Bytes)
      vm.raise(vm.b().type_error, "a bytes-like object is required, not '" + typeName(vm, v) + "'");
    return as<BytesObject>(v).v;
  };
  auto integer = [&](const Value& v, int64_t dflt) { return v ? ssizeArg(vm, v) : dflt; };
  Blake2Params params;
  int64_t digest_size = integer(p[1], max_digest);
  if (digest_size <= 0 || digest_size > max_digest)
    vm.raise(vm.b().value_error, std::string("digest_size for ") + title +
                                     " must be between 1 and " + std::to_string(max_digest) +
                                     " bytes, here it is " + std::to_string(digest_size));
  params.digest_size = static_cast<size_t>(digest_size);
  params.key = bytes(p[2]);
  if (params.key.size() > Blake2::maxKeySize(variant))
    vm.raise(vm.b().value_error,
             "maximum key length is " + std::to_string(Blake2::maxKeySize(variant)) + " bytes");
  params.salt = bytes(p[3]);
  if (params.salt.size() > Blake2::saltSize(variant))
    vm.raise(vm.b().value_error,
             "maximum salt length is " + std::to_string(Blake2::saltSize(variant)) + " bytes");
  params.person = bytes(p[4]);
  if (params.person.size() > Blake2::personSize(variant))
    vm.raise(vm.b().value_error,
             "maximum person length is " + std::to_string(Blake2::personSize(variant)) + " bytes");
  int64_t fanout = integer(p[5], 1), depth = integer(p[6], 1);
  if (fanout < 0 || fanout > 255) vm.raise(vm.b().value_error, "fanout must be between 0 and 255");
  if (depth <= 0 || depth > 255) vm.raise(vm.b().value_error, "depth must be between 1 and 255");
  int64_t leaf = integer(p[7], 0), offset = integer(p[8], 0);
  if (leaf < 0 || offset < 0) vm.raise(vm.b().value_error, "Cannot convert negative int");
  if (leaf > 0xffffffffLL) vm.raise(vm.b().overflow_error, "leaf_size is too large");
  if (variant == Blake2Variant::S && offset >= (int64_t{1} << 48))
    vm.raise(vm.b().overflow_error, "node_offset is too large");
  int64_t node_depth = integer(p[9], 0), inner = integer(p[10], 0);
  if (node_depth < 0 || node_depth > 255)
    vm.raise(vm.b().value_error, "node_depth must be between 0 and 255");
  if (inner < 0 || inner > max_digest)
    vm.raise(vm.b().value_error,
             "inner_size must be between 0 and is " + std::to_string(max_digest));
  params.fanout = static_cast<uint32_t>(fanout);
  params.depth = static_cast<uint32_t>(depth);
  params.leaf_size = static_cast<uint32_t>(leaf);
  params.node_offset = static_cast<uint64_t>(offset);
  params.node_depth = static_cast<uint32_t>(node_depth);
  params.inner_size = static_cast<uint32_t>(inner);
  params.last_node = p[11] && vm.truthy(p[11]);
  return params;
}

void installBlake2Type(VM& vm, const Value& m, Blake2Variant variant) {
  const std::string name = variant == Blake2Variant::B ? "blake2b" : "blake2s";
  ClassPtr cls = hashType(vm, "_blake2", name);
  fixedDigests(cls, name);
  nativeConstructor(cls, [variant, name](VM& vm, CallArgs& a) -> Value {
    bool v312 = is312(vm);
    auto p = clinicParse(
        vm, a,
        {name.c_str(),
         {"data", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size",
          "node_offset", "node_depth", "inner_size", "last_node", "usedforsecurity", "string"},
         v312 ? 1 : 0,
         0,
         1},
        1);
    if (v312 && p[13])
      vm.raise(vm.b().type_error, name + "() got an unexpected keyword argument 'string'");
    Value data = initialData(vm, p[0], p[13]);
    Blake2Params params = blake2Params(vm, variant, p);
    return newHash(vm, constructedClass(a), Blake2(variant, params), data);
  });
  auto& dict = *cls->dict;
  dict.setStr("MAX_DIGEST_SIZE", pyInt(static_cast<int64_t>(Blake2::maxDigestSize(variant))));
  dict.setStr("MAX_KEY_SIZE", pyInt(static_cast<int64_t>(Blake2::maxKeySize(variant))));
  dict.setStr("SALT_SIZE", pyInt(static_cast<int64_t>(Blake2::saltSize(variant))));
  dict.setStr("PERSON_SIZE", pyInt(static_cast<int64_t>(Blake2::personSize(variant))));
  as<ModuleObject>(m).dict->setStr(name, cls);
  std::string prefix = variant == Blake2Variant::B ? "BLAKE2B_" : "BLAKE2S_";
  for (const char* attr : {"MAX_DIGEST_SIZE", "MAX_KEY_SIZE", "PERSON_SIZE", "SALT_SIZE"})
    as<ModuleObject>(m).dict->setStr(prefix + attr, dict.getStr(attr));
}

}  // namespace

Value makeMd5Module(VM& vm) {
  Value m = module("_md5");
  installMdSha(vm, m, "_md5", "md5", "md5", HashKind::Md5, "MD5Type");
  return m;
}

Value makeSha1Module(VM& vm) {
  Value m = module("_sha1");
  installMdSha(vm, m, "_sha1", "sha1", "sha1", HashKind::Sha1, "SHA1Type");
  return m;
}

Value makeSha2Module(VM& vm) {
  Value m = module("_sha2");
  for (auto [bits, kind] : {std::pair{224, HashKind::Sha224}, std::pair{256, HashKind::Sha256},
                            std::pair{384, HashKind::Sha384}, std::pair{512, HashKind::Sha512}}) {
    std::string type = "SHA" + std::to_string(bits) + "Type";
    installMdSha(vm, m, "_sha2", type, "sha" + std::to_string(bits), kind, type);
  }
  return m;
}

Value makeSha3Module(VM& vm) {
  Value m = module("_sha3");
  using native::Sha3Kind;
  for (Sha3Kind kind : {Sha3Kind::Sha3_224, Sha3Kind::Sha3_256, Sha3Kind::Sha3_384,
                        Sha3Kind::Sha3_512, Sha3Kind::Shake128, Sha3Kind::Shake256})
    installSha3Type(vm, m, kind);
  // CPython names the Keccak implementation it was built with
  as<ModuleObject>(m).dict->setStr("implementation", pyStr("HACL"));
  return m;
}

Value makeBlake2Module(VM& vm) {
  Value m = module("_blake2");
  installBlake2Type(vm, m, Blake2Variant::B);
  installBlake2Type(vm, m, Blake2Variant::S);
  return m;
}

}  // namespace gbc::interp
