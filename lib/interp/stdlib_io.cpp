// Small models of the standard library's file and logging side: builtin open() over an
// in-memory file system (programs under analysis never touch the real disk), os / os.path,
// and logging (in Python, at the stdlib's place so Dynamo skips its frames). Their
// graph-break behaviour lives in the cause table (causes_library.cpp).
#include <map>

#include "interp/dynamo.h"
#include "interp/stdlib_io.h"
#include "interp/torch_model.h"
#include "interp/vm.h"

namespace gbc::interp {

/// The in-memory file system: path -> contents.
static std::map<std::string, std::string>& files() {
  static thread_local std::map<std::string, std::string> fs;
  return fs;
}

static const char* const kDevNull = "/dev/null";

void vfsWrite(const std::string& path, const std::string& data) {
  if (path != kDevNull) files()[path] = data;
}

bool vfsExists(const std::string& path) { return path == kDevNull || files().count(path) != 0; }

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

static void def(const Value& m, const std::string& name, NativeFn f) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(f));
  b->id = as<ModuleObject>(m).name + "." + name;
  as<ModuleObject>(m).dict->setStr(name, b);
}

static void method(const ClassPtr& cls, const std::string& name, NativeFn f) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(f));
  b->id = cls->name + "." + name;
  b->qualname = cls->name + "." + name;
  cls->dict->setStr(name, b);
}

// ---- open() and the file object (io.TextIOWrapper) ----

struct OpenFile {
  std::string path, mode, data;
  size_t pos = 0;
  bool closed = false;
};

static OpenFile& fileOf(VM& vm, const Value& self) {
  auto p = std::static_pointer_cast<OpenFile>(as<InstanceObject>(self).payload);
  if (!p) vm.raise(vm.b().value_error, "I/O operation on uninitialized object");
  if (p->closed) vm.raise(vm.b().value_error, "I/O operation on closed file.");
  return *p;
}

static void installOpen(VM& vm) {
  Value io = moduleNamed(vm, "io");
  ClassPtr cls = vm.makeClass("TextIOWrapper", {vm.b().object}, nullptr);
  cls->module = "_io";
  as<ModuleObject>(io).dict->setStr("TextIOWrapper", cls);
  method(cls, "read", [](VM& vm, CallArgs& a) -> Value {
    OpenFile& f = fileOf(vm, a.args.at(0));
    std::string out = f.data.substr(f.pos);
    f.pos = f.data.size();
    return pyStr(out);
  });
  method(cls, "write", [](VM& vm, CallArgs& a) -> Value {
    OpenFile& f = fileOf(vm, a.args.at(0));
    std::string s = asStr(a.args.at(1));
    f.data += s;
    vfsWrite(f.path, f.data);
    return pyInt(static_cast<int64_t>(s.size()));
  });
  method(cls, "close", [](VM&, CallArgs& a) -> Value {
    if (auto p = std::static_pointer_cast<OpenFile>(as<InstanceObject>(a.args.at(0)).payload))
      p->closed = true;
    return none();
  });
  method(cls, "__enter__", [](VM&, CallArgs& a) -> Value { return a.args.at(0); });
  method(cls, "__exit__", [](VM&, CallArgs& a) -> Value {
    if (auto p = std::static_pointer_cast<OpenFile>(as<InstanceObject>(a.args.at(0)).payload))
      p->closed = true;
    return none();
  });
  auto open = std::make_shared<BuiltinObject>("open", [cls](VM& vm, CallArgs& a) -> Value {
    Value pathv = a.args.empty() ? a.kw("file") : a.args[0];
    if (!pathv) vm.raise(vm.b().type_error, "open() missing required argument 'file' (pos 1)");
    std::string path = vm.str(pathv);
    Value modev = a.args.size() > 1 ? a.args[1] : a.kw("mode");
    std::string mode = modev ? vm.str(modev) : "r";
    auto f = std::make_shared<OpenFile>();
    f->path = path;
    f->mode = mode;
    if (mode.find('w') != std::string::npos) {
      vfsWrite(path, "");
    } else if (mode.find('a') != std::string::npos) {
      if (files().count(path)) f->data = files()[path];
      vfsWrite(path, f->data);
    } else {
      if (!vfsExists(path))
        vm.raise(vm.b().file_not_found_error,
                 "[Errno 2] No such file or directory: " + vm.repr(pathv));
      if (path != kDevNull) f->data = files()[path];
    }
    auto inst = std::make_shared<InstanceObject>(cls);
    inst->payload = f;
    inst->dict->setStr("name", pathv);
    inst->dict->setStr("mode", pyStr(mode));
    return inst;
  });
  open->id = "builtins.open";
  vm.builtinsDict()->setStr("open", open);
}

// ---- os, os.path ----

static void installOs(VM& vm) {
  Value os = moduleNamed(vm, "os");
  auto& d = *as<ModuleObject>(os).dict;
  d.setStr("devnull", pyStr(kDevNull));
  d.setStr("sep", pyStr("/"));
  d.setStr("name", pyStr("posix"));
  d.setStr("environ", newDict());
  def(os, "remove", [](VM& vm, CallArgs& a) -> Value {
    std::string p = vm.str(a.args.at(0));
    if (!files().erase(p))
      vm.raise(vm.b().file_not_found_error,
               "[Errno 2] No such file or directory: " + vm.repr(a.args[0]));
    return none();
  });
  def(os, "getenv",
      [](VM&, CallArgs& a) -> Value { return a.args.size() > 1 ? a.args[1] : none(); });
  def(os, "getcwd", [](VM&, CallArgs&) -> Value { return pyStr("/tmp"); });
  Value path = moduleNamed(vm, "os.path");
  def(path, "exists",
      [](VM& vm, CallArgs& a) -> Value { return pyBool(vfsExists(vm.str(a.args.at(0)))); });
  def(path, "isfile", [](VM& vm, CallArgs& a) -> Value {
    std::string p = vm.str(a.args.at(0));
    return pyBool(files().count(p) != 0);
  });
  def(path, "join", [](VM& vm, CallArgs& a) -> Value {
    std::string out;
    for (const Value& v : a.args) {
      std::string s = vm.str(v);
      if (!s.empty() && s[0] == '/')
        out = s;
      else if (out.empty() || out.back() == '/')
        out += s;
      else
        out += "/" + s;
    }
    return pyStr(out);
  });
  def(path, "basename", [](VM& vm, CallArgs& a) -> Value {
    std::string s = vm.str(a.args.at(0));
    size_t k = s.rfind('/');
    return pyStr(k == std::string::npos ? s : s.substr(k + 1));
  });
}

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
  installOs(vm);
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
