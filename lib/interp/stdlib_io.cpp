// Small models of the standard library's file and logging side: builtins.open (the native
// _io's open, mod_io.cpp), the `io` stand-in over the native _io module (until CPython's io.py
// runs on gbc; os and os.path are CPython's own, over the native posix module; the file
// operations go through the VM's Vfs either way, so analysis never changes the disk), and logging
// (in Python, at the stdlib's place so Dynamo skips its frames). Their graph-break behaviour lives
// in the cause table (causes_library.cpp).
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
// ---- logging (Python, at Lib/logging/__init__.py) ----

static const char* kLoggingSource = R"PY(
CRITICAL = 50
FATAL = CRITICAL
ERROR = 40
WARNING = 30
WARN = WARNING
INFO = 20
DEBUG = 10
NOTSET = 0

_levelToName = {CRITICAL: 'CRITICAL', ERROR: 'ERROR', WARNING: 'WARNING', INFO: 'INFO', DEBUG: 'DEBUG', NOTSET: 'NOTSET'}

def getLevelName(level):
    return _levelToName.get(level, "Level %s" % level)

class Logger:
    def __init__(self, name, level=NOTSET):
        self.name = name
        self.level = level
        self.parent = None
        self.propagate = True
        self.handlers = []
        self.disabled = False

    def setLevel(self, level):
        self.level = level

    def getEffectiveLevel(self):
        logger = self
        while logger:
            if logger.level:
                return logger.level
            logger = logger.parent
        return NOTSET

    def isEnabledFor(self, level):
        return level >= self.getEffectiveLevel()

    def addHandler(self, hdlr):
        self.handlers.append(hdlr)

    def debug(self, msg, *args, **kwargs):
        pass

    def info(self, msg, *args, **kwargs):
        pass

    def warning(self, msg, *args, **kwargs):
        pass

    def error(self, msg, *args, **kwargs):
        pass

    def critical(self, msg, *args, **kwargs):
        pass

    def exception(self, msg, *args, **kwargs):
        pass

    def log(self, level, msg, *args, **kwargs):
        pass

    def __repr__(self):
        level = getLevelName(self.getEffectiveLevel())
        return '<%s %s (%s)>' % (self.__class__.__name__, self.name, level)

class RootLogger(Logger):
    def __init__(self, level):
        Logger.__init__(self, "root", level)

root = RootLogger(WARNING)
_loggers = {}

def getLogger(name=None):
    if not name or name == "root":
        return root
    if name not in _loggers:
        logger = Logger(name)
        logger.parent = root
        _loggers[name] = logger
    return _loggers[name]

def basicConfig(**kwargs):
    if "level" in kwargs:
        root.setLevel(kwargs["level"])

def debug(msg, *args, **kwargs):
    pass

def info(msg, *args, **kwargs):
    pass

def warning(msg, *args, **kwargs):
    pass

def error(msg, *args, **kwargs):
    pass
)PY";

void installStdlibIo(VM& vm) {
  installOpen(vm);
  loadPrelude(vm, "logging", stdlibPrefix(vm.target()) + "/logging/__init__.py", kLoggingSource);
}

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
