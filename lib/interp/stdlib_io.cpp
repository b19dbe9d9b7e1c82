// The standard library's file side: builtins.open (the native _io's open, mod_io.cpp) and the
// `io` stand-in over the native _io module (until CPython's io.py runs on gbc; os and os.path
// are CPython's own, over the native posix module; the file operations go through the VM's Vfs
// either way, so analysis never changes the disk). logging is CPython's own package; its
// graph-break behaviour (Logger methods) lives in the cause table (causes_library.cpp).
#include <sys/stat.h>

#include "interp/dynamo.h"
#include "interp/mod_io.h"
#include "interp/native_args.h"
#include "interp/oserror.h"
#include "interp/stdlib_io.h"
#include "interp/torch_model.h"
#include "interp/vfs.h"
#include "interp/vm.h"

namespace gbc::interp {

void vfsWrite(const std::string& path, const std::string& data) {
  if (VM* vm = currentVM()) vm->vfs().modelWrite(path, data);
}

std::string stdlibPrefix(const TargetProfile& t) {
  std::string p(t.torch_prefix);
  size_t at = p.find("/lib/python");
  std::string root = at == std::string::npos ? "/usr" : p.substr(0, at);
  return root + "/lib/python" + std::string(t.python);
}

static Value moduleNamed(VM& vm, const std::string& name) {
  if (Value m = vm.findModule(name)) return m;
  auto m = std::make_shared<ModuleObject>(name);
  m->dict->setStr("__name__", pyStr(name));
  vm.registerModule(name, m);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos)
    as<ModuleObject>(moduleNamed(vm, name.substr(0, dot))).dict->setStr(name.substr(dot + 1), m);
  return m;
}

// ---- builtins.open and the io stand-in (io.py's names over _io) ----

static void installOpen(VM& vm) {
  Value io_mod = vm.findModule("_io");
  DictPtr native = as<ModuleObject>(io_mod).dict;
  vm.builtinsDict()->setStr("open", native->getStr("open"));
  Value io = moduleNamed(vm, "io");
  DictPtr d = as<ModuleObject>(io).dict;
  for (const char* name :
       {"DEFAULT_BUFFER_SIZE", "BlockingIOError", "UnsupportedOperation", "open", "open_code",
        "FileIO", "BytesIO", "StringIO", "BufferedReader", "BufferedWriter", "BufferedRWPair",
        "BufferedRandom", "IncrementalNewlineDecoder", "text_encoding", "TextIOWrapper"})
    d->setStr(name, native->getStr(name));
  // (io.py derives these from the _io bases with ABCMeta; the stand-in gives the bases)
  d->setStr("IOBase", native->getStr("_IOBase"));
  d->setStr("RawIOBase", native->getStr("_RawIOBase"));
  d->setStr("BufferedIOBase", native->getStr("_BufferedIOBase"));
  d->setStr("TextIOBase", native->getStr("_TextIOBase"));
  d->setStr("SEEK_SET", pyInt(0));
  d->setStr("SEEK_CUR", pyInt(1));
  d->setStr("SEEK_END", pyInt(2));
}

// ---- the os and os.path stand-ins (os.py's most used names over posix) ----

/// stat() of a path argument through the Vfs; false when it fails.

void installStdlibIo(VM& vm) { installOpen(vm); }

bool isLoggerMethodCall(VM& vm, const Value& callable) {
  if (callable->kind != Kind::BoundMethod) return false;
  const Value& self = as<BoundMethodObject>(callable).self;
  if (self->kind != Kind::Instance) return false;
  Value logging = vm.findModule("logging");
  if (!logging) return false;
  Value logger = as<ModuleObject>(logging).dict->getStr("Logger");
  return logger && logger->kind == Kind::Class &&
         as<InstanceObject>(self).cls->isSubclassOf(&as<ClassObject>(logger));
}

}  // namespace gbc::interp
