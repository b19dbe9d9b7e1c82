// The table of native modules (native_modules.h): one line per module.
#include "interp/native_modules.h"

#include <utility>

#include "interp/mod_collections.h"
#include "interp/mod_itertools.h"

namespace gbc::interp {

// The factories (one per mod_<name>.cpp).
Value makeAtexitModule(VM& vm);
Value makeBinasciiModule(VM& vm);
Value makeBlake2Module(VM& vm);
Value makeCodecsModule(VM& vm);
Value makeContextvarsModule(VM& vm);
Value makeErrnoModule(VM& vm);
Value makeFunctoolsModule(VM& vm);
Value makeGbcModule(VM& vm);
Value makeGcModule(VM& vm);
Value makeGrpModule(VM& vm);
Value makeIoModule(VM& vm);
Value makeLocaleModule(VM& vm);
Value makeMarshalModule(VM& vm);
Value makeMathModule(VM& vm);
Value makeMd5Module(VM& vm);
Value makeOpcodeModule(VM& vm);
Value makePosixModule(VM& vm);
Value makePosixSubprocessModule(VM& vm);
Value makePwdModule(VM& vm);
Value makeRandomModule(VM& vm);
Value makeSelectModule(VM& vm);
Value makeSha1Module(VM& vm);
Value makeSha2Module(VM& vm);
Value makeSha3Module(VM& vm);
Value makeSignalModule(VM& vm);
Value makeSreModule(VM& vm);
Value makeStringModule(VM& vm);
Value makeStructModule(VM& vm);
Value makeThreadModule(VM& vm);
Value makeTimeModule(VM& vm);
Value makeTokenizeModule(VM& vm);
Value makeUnicodedataModule(VM& vm);
Value makeWeakrefModule(VM& vm);
Value makeZlibModule(VM& vm);

namespace {

struct Entry {
  std::string_view name;
  NativeModuleFactory factory;
};

// One line per native module, sorted by name: {"itertools", makeItertoolsModule},
// clang-format off
const Entry kModules[] = {
    {"_blake2", makeBlake2Module},
    {"_codecs", makeCodecsModule},
    {"_collections", makeCollectionsModule},
    {"_contextvars", makeContextvarsModule},
    {"_functools", makeFunctoolsModule},
    {"_gbc", makeGbcModule},
    {"_io", makeIoModule},
    {"_locale", makeLocaleModule},
    {"_md5", makeMd5Module},
    {"_opcode", makeOpcodeModule},
    {"_posixsubprocess", makePosixSubprocessModule},
    {"_random", makeRandomModule},
    {"_sha1", makeSha1Module},
    {"_sha2", makeSha2Module},
    {"_sha3", makeSha3Module},
    {"_signal", makeSignalModule},
    {"_sre", makeSreModule},
    {"_string", makeStringModule},
    {"_struct", makeStructModule},
    {"_thread", makeThreadModule},
    {"_tokenize", makeTokenizeModule},
    {"_weakref", makeWeakrefModule},
    {"atexit", makeAtexitModule},
    {"binascii", makeBinasciiModule},
    {"errno", makeErrnoModule},
    {"gc", makeGcModule},
    {"grp", makeGrpModule},
    {"itertools", makeItertoolsModule},
    {"marshal", makeMarshalModule},
    {"math", makeMathModule},
    {"posix", makePosixModule},
    {"pwd", makePwdModule},
    {"select", makeSelectModule},
    {"time", makeTimeModule},
    {"unicodedata", makeUnicodedataModule},
    {"zlib", makeZlibModule},
};
// clang-format on

}  // namespace

NativeModuleFactory findNativeModule(std::string_view name) {
  for (const Entry& e : kModules)
    if (e.factory && e.name == name) return e.factory;
  return nullptr;
}

std::vector<std::string_view> nativeModuleNames() {
  std::vector<std::string_view> out;
  for (const Entry& e : kModules)
    if (e.factory) out.push_back(e.name);
  return out;
}

Value newNativeModule(const std::string& name) {
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  m->dict->setStr("__doc__", none());
  m->dict->setStr("__package__", pyStr(""));
  return m;
}

Value moduleFunction(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  const std::string& mod = as<ModuleObject>(module).name;
  b->id = mod + "." + name;
  b->qualname = name;
  b->binds = false;
  as<ModuleObject>(module).dict->setStr(name, b);
  return b;
}

}  // namespace gbc::interp
