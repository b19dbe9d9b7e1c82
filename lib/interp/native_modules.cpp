// The table of native modules (native_modules.h): one line per module.
#include "interp/native_modules.h"

#include <utility>

namespace gbc::interp {

Value makeCodecsModule(VM& vm);
Value makeGbcModule(VM& vm);
Value makeSreModule(VM& vm);
Value makeUnicodedataModule(VM& vm);

namespace {

struct Entry {
  std::string_view name;
  NativeModuleFactory factory;
};

// One line per native module, sorted by name: {"itertools", makeItertoolsModule},
const Entry kModules[] = {
    {"_codecs", makeCodecsModule},
    {"_gbc", makeGbcModule},
    {"_sre", makeSreModule},
    {"unicodedata", makeUnicodedataModule},
};

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
