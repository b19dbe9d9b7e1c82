// The sys module (mod_sys.h). The values are those of the target's CPython on x86-64 Linux:
// 3.14.8 as Debian forky builds it (read from its python3.14), 3.12.7 (pyodide 0.27.7's CPython,
// whose Lib/ gbc bundles) as an upstream Linux build reports it.
#include "interp/mod_sys.h"

#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>

#include "interp/dynamo.h"
#include "interp/frame_object.h"
#include "interp/import_internal.h"
#include "interp/importer.h"
#include "interp/importer_names.h"
#include "interp/struct_seq.h"
#include "report/traceback.h"

namespace gbc::interp {

namespace {

struct Version {
  const char* version;
  int minor, micro;
  int64_t hexversion;
  const char* thread_version;  // sys.thread_info.version (glibc)
  const char* prefix;          // where the target's CPython is installed
};

const Version kPython314{
    "3.14.8 (main, Oct  1 2026, 19:55:55) [GCC 16.2.0]", 14, 8, 0x030E08F0, "NPTL 2.43", "/usr"};
const Version kPython312{"3.12.7 (main, Jun  4 2025, 22:38:17) [GCC 12.2.0]",
                         12,
                         7,
                         0x030C07F0,
                         "NPTL 2.36",
                         "/usr/local"};

const Version& versionOf(const VM& vm) {
  return vm.target().python == "3.12" ? kPython312 : kPython314;
}

/// sys.copyright after its first line (3.14 dropped the years of the first).
const char* const kCopyrightRest =
    "\nAll Rights Reserved.\n\n"
    "Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\n"
    "Copyright (c) 1995-2001 Corporation for National Research Initiatives.\n"
    "All Rights Reserved.\n\n"
    "Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.";

/// What is simpler in Python: the standard streams' class.
const char* const kSysPrelude = R"PY(
class TextIOWrapper:
    def __init__(self, fd, name, mode, errors):
        self._fd = fd
        self.name = name
        self.mode = mode
        self.encoding = 'utf-8'
        self.errors = errors
        self.line_buffering = False
        self.newlines = None
        self.closed = False

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f'write() argument must be str, not {type(s).__name__}')
        _write(self._fd, s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        return self._fd

    def readable(self):
        return self._fd == 0

    def writable(self):
        return self._fd != 0

    def seekable(self):
        return False

    def read(self, size=-1):
        return ''

    def readline(self, size=-1):
        return ''

    def readlines(self, hint=-1):
        return []

    def close(self):
        pass

    def __iter__(self):
        return iter([])

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __repr__(self):
        return f"<_io.TextIOWrapper name='{self.name}' mode='{self.mode}' encoding='utf-8'>"
)PY";

void def(const Value& module, const std::string& name, NativeFn fn) {
  auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
  b->id = as<ModuleObject>(module).name + "." + name;
  b->qualname = name;
  as<ModuleObject>(module).dict->setStr(name, b);
}

Value strTuple(const NameList& items) {
  std::vector<Value> out;
  for (const char* s : items) out.push_back(pyStr(s));
  return pyTuple(std::move(out));
}

ClassPtr systemExit(VM& vm) {
  auto& by_name = vm.b().by_name;
  if (auto it = by_name.find("SystemExit"); it != by_name.end()) return it->second;
  ClassPtr cls = vm.makeClass("SystemExit", {vm.b().base_exception}, nullptr);
  cls->module = "builtins";
  cls->is_exception = true;
  by_name["SystemExit"] = cls;
  vm.builtinsDict()->setStr("SystemExit", cls);
  return cls;
}

/// The exception being handled by the innermost frame that handles one.
Value handledException(VM& vm) {
  for (Frame* f = vm.top(); f; f = f->back)
    if (!f->handled.empty()) return f->handled.back();
  return nullptr;
}

void installIdentity(VM& vm, const Value& sys) {
  const Version& v = versionOf(vm);
  DictPtr d = as<ModuleObject>(sys).dict;
  d->setStr("version", pyStr(v.version));
  d->setStr("hexversion", pyInt(v.hexversion));
  d->setStr("api_version", pyInt(1013));
  d->setStr(
      "copyright",
      pyStr(std::string(v.minor >= 14 ? "Copyright (c) 2001 Python Software Foundation."
                                      : "Copyright (c) 2001-2023 Python Software Foundation.") +
            kCopyrightRest));
  d->setStr("platform", pyStr("linux"));
  d->setStr("byteorder", pyStr("little"));
  d->setStr("maxsize", pyInt(std::numeric_limits<int64_t>::max()));
  d->setStr("maxunicode", pyInt(0x10FFFF));
  d->setStr("abiflags", pyStr(""));
  d->setStr("platlibdir", pyStr("lib"));
  d->setStr("float_repr_style", pyStr("short"));
  d->setStr("_git", pyTuple({pyStr("CPython"), pyStr(""), pyStr("")}));
  d->setStr("_framework", pyStr(""));
  d->setStr("pycache_prefix", none());
  d->setStr("dont_write_bytecode", pyBool(false));
  d->setStr("warnoptions", pyList({}));
  d->setStr("_xoptions", newDict());
}

/// The struct sequences and the module-name sets (built on first use: most programs never
/// look).
void installStructSeqs(VM& vm, const Value& sys) {
  const Version& v = versionOf(vm);
  DictPtr d = as<ModuleObject>(sys).dict;
  ClassPtr vi = makeStructSeqType(vm, "sys.version_info",
                                  {"major", "minor", "micro", "releaselevel", "serial"}, 5);
  Value version_info =
      makeStructSeq(vm, vi, {pyInt(3), pyInt(v.minor), pyInt(v.micro), pyStr("final"), pyInt(0)});
  d->setStr("version_info", version_info);
  std::vector<std::string> flag_names = {"debug",
                                         "inspect",
                                         "interactive",
                                         "optimize",
                                         "dont_write_bytecode",
                                         "no_user_site",
                                         "no_site",
                                         "ignore_environment",
                                         "verbose",
                                         "bytes_warning",
                                         "quiet",
                                         "hash_randomization",
                                         "isolated",
                                         "dev_mode",
                                         "utf8_mode",
                                         "warn_default_encoding",
                                         "safe_path",
                                         "int_max_str_digits"};
  std::vector<Value> flag_values = {pyInt(0), pyInt(0),      pyInt(0),   pyInt(0),      pyInt(0),
                                    pyInt(0), pyInt(0),      pyInt(0),   pyInt(0),      pyInt(0),
                                    pyInt(0), pyInt(1),      pyInt(0),   pyBool(false), pyInt(0),
                                    pyInt(0), pyBool(false), pyInt(4300)};
  if (v.minor >= 14) {
    // 3.13+ fields that are attributes only (not in the tuple)
    for (const char* name : {"gil", "thread_inherit_context", "context_aware_warnings"})
      flag_names.push_back(name);
    flag_values.insert(flag_values.end(), {pyInt(1), pyInt(0), pyInt(0)});
  }
  d->setStr("flags", makeStructSeq(vm, makeStructSeqType(vm, "sys.flags", flag_names, 18),
                                   std::move(flag_values)));
  d->setStr("float_info",
            makeStructSeq(
                vm,
                makeStructSeqType(vm, "sys.float_info",
                                  {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp",
                                   "dig", "mant_dig", "epsilon", "radix", "rounds"},
                                  11),
                {pyFloat(std::numeric_limits<double>::max()), pyInt(1024), pyInt(308),
                 pyFloat(std::numeric_limits<double>::min()), pyInt(-1021), pyInt(-307), pyInt(15),
                 pyInt(53), pyFloat(std::numeric_limits<double>::epsilon()), pyInt(2), pyInt(1)}));
  d->setStr("int_info", makeStructSeq(vm,
                                      makeStructSeqType(
                                          vm, "sys.int_info",
                                          {"bits_per_digit", "sizeof_digit",
                                           "default_max_str_digits", "str_digits_check_threshold"},
                                          4),
                                      {pyInt(30), pyInt(4), pyInt(4300), pyInt(640)}));
  d->setStr("hash_info",
            makeStructSeq(vm,
                          makeStructSeqType(vm, "sys.hash_info",
                                            {"width", "modulus", "inf", "nan", "imag", "algorithm",
                                             "hash_bits", "seed_bits", "cutoff"},
                                            9),
                          {pyInt(64), pyInt(2305843009213693951), pyInt(314159), pyInt(0),
                           pyInt(1000003), pyStr("siphash13"), pyInt(64), pyInt(128), pyInt(0)}));
  d->setStr(
      "thread_info",
      makeStructSeq(vm, makeStructSeqType(vm, "sys.thread_info", {"name", "lock", "version"}, 3),
                    {pyStr("pthread"), pyStr("semaphore"), pyStr(v.thread_version)}));
  const CPythonModules& names = cpythonModules(vm.target().python);
  d->setStr("builtin_module_names", strTuple(names.builtin));
  auto stdlib = std::make_shared<SetObject>();
  for (const char* n : names.stdlib) stdlib->add(pyStr(n));
  stdlib->frozen = true;
  d->setStr("stdlib_module_names", stdlib);
}

void installStreams(VM& vm, const Value& sys, const DictPtr& prelude) {
  DictPtr d = as<ModuleObject>(sys).dict;
  Value cls = prelude->getStr("TextIOWrapper");
  as<ClassObject>(cls).module = "_io";
  auto stream = [&](int fd, const char* name, const char* mode, const char* errors) {
    return vm.call(cls, std::vector<Value>{pyInt(fd), pyStr(name), pyStr(mode), pyStr(errors)});
  };
  Value in = stream(0, "<stdin>", "r", "strict");
  Value out = stream(1, "<stdout>", "w", "strict");
  Value err = stream(2, "<stderr>", "w", "backslashreplace");
  for (const auto& [name, value] : {std::pair{"stdin", in}, {"stdout", out}, {"stderr", err}}) {
    d->setStr(name, value);
    d->setStr(std::string("__") + name + "__", value);
  }
}

void installFunctions(const Value& sys) {
  DictPtr d = as<ModuleObject>(sys).dict;
  def(sys, "getrecursionlimit",
      [](VM& vm, CallArgs&) -> Value { return pyInt(vm.recursion_limit); });
  // 3.13+: the -X cpu_count / PYTHON_CPU_COUNT override os.cpu_count() reads (-1: none)
  def(sys, "_get_cpu_count_config", [](VM&, CallArgs&) -> Value { return pyInt(-1); });
  def(sys, "setrecursionlimit", [](VM& vm, CallArgs& a) -> Value {
    const Value& n = a.args.at(0);
    if (!isInt(n))
      vm.raise(vm.b().type_error,
               "'" + vm.typeOf(n)->name + "' object cannot be interpreted as an integer");
    if (asInt(n) < 1)
      vm.raise(vm.b().value_error, "recursion limit must be greater or equal than 1");
    if (asInt(n) <= vm.depth())
      vm.raise(vm.b().recursion_error, "cannot set the recursion limit to " +
                                           std::to_string(asInt(n)) + " at the recursion depth " +
                                           std::to_string(vm.depth()) + ": the limit is too low");
    vm.recursion_limit = static_cast<int>(std::min<int64_t>(asInt(n), INT_MAX));
    return none();
  });
  def(sys, "exc_info", [](VM& vm, CallArgs&) -> Value {
    Value exc = handledException(vm);
    if (!exc) return pyTuple({none(), none(), none()});
    Value tb = vm.getAttrOrNull(exc, "__traceback__");
    return pyTuple({vm.typeOf(exc), exc, tb ? tb : none()});
  });
  def(sys, "exception", [](VM& vm, CallArgs&) -> Value {
    Value exc = handledException(vm);
    return exc ? exc : none();
  });
  def(sys, "_getframe", [](VM& vm, CallArgs& a) -> Value {
    int64_t depth = a.args.empty() ? 0 : asInt(a.args[0]);
    Frame* f = frameAtDepth(vm, depth);
    if (!f || depth < 0) vm.raise(vm.b().value_error, "call stack is not deep enough");
    return makeFrameObject(vm, f);
  });
  def(sys, "_getframemodulename", [](VM& vm, CallArgs& a) -> Value {
    Value depth_arg = a.args.empty() ? a.kw("depth") : a.args[0];
    int64_t depth = depth_arg ? asInt(depth_arg) : 0;
    Frame* f = frameAtDepth(vm, depth);
    if (!f) return none();
    if (f->func && f->func->module_name) return f->func->module_name;
    Value name = f->globals ? f->globals->getStr("__name__") : nullptr;
    return name ? name : none();
  });
  def(sys, "intern", [](VM& vm, CallArgs& a) -> Value {
    const Value& s = a.args.at(0);
    if (s->kind != Kind::Str)
      vm.raise(vm.b().type_error, "intern() argument must be str, not " + vm.typeOf(s)->name);
    return s;
  });
  def(sys, "getsizeof", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`sys.getsizeof` (CPython's object sizes, which gbc's objects do not have)");
  });
  def(sys, "getrefcount", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`sys.getrefcount` (CPython's reference counts)");
  });
  def(sys, "exit", [](VM& vm, CallArgs& a) -> Value {
    std::vector<Value> args;
    if (!a.args.empty()) args.push_back(a.args[0]);
    vm.raiseValue(vm.call(systemExit(vm), std::move(args)));
  });
  def(sys, "getdefaultencoding", [](VM&, CallArgs&) -> Value { return pyStr("utf-8"); });
  def(sys, "getfilesystemencoding", [](VM&, CallArgs&) -> Value { return pyStr("utf-8"); });
  def(sys, "getfilesystemencodeerrors",
      [](VM&, CallArgs&) -> Value { return pyStr("surrogateescape"); });
  def(sys, "is_finalizing", [](VM&, CallArgs&) -> Value { return pyBool(false); });
  def(sys, "getswitchinterval", [](VM&, CallArgs&) -> Value { return pyFloat(0.005); });
  def(sys, "setswitchinterval", [](VM&, CallArgs&) -> Value { return none(); });
  def(sys, "_is_gil_enabled", [](VM&, CallArgs&) -> Value { return pyBool(true); });
  def(sys, "get_int_max_str_digits",
      [](VM& vm, CallArgs&) -> Value { return pyInt(vm.int_max_str_digits); });
  def(sys, "set_int_max_str_digits", [](VM& vm, CallArgs& a) -> Value {
    Value n = a.args.empty() ? a.kw("maxdigits") : a.args[0];
    if (!n || !isInt(n)) vm.raise(vm.b().type_error, "set_int_max_str_digits() needs an int");
    bool v312 = vm.target().python == "3.12";
    if (asInt(n) != 0 && asInt(n) < 640)
      vm.raise(vm.b().value_error, v312 ? "maxdigits must be 0 or larger than 640"
                                        : "maxdigits must be >= 640 or 0 for unlimited");
    Value sys = vm.findModule("sys");
    vm.int_max_str_digits = static_cast<int>(asInt(n));
    // (3.13+ keeps sys.flags.int_max_str_digits in step)
    // (a struct sequence is immutable: a new sys.flags with that field replaced)
    if (!v312) {
      Value flags = vm.getAttr(sys, "flags");
      ClassPtr type = vm.typeOf(flags);
      std::vector<Value> values;
      for (size_t i = 0; Value f = structSeqField(flags, i); ++i) values.push_back(f);
      std::vector<Value> names = vm.toVector(vm.getAttr(type, "__match_args__"));
      for (size_t i = 0; i < names.size() && i < values.size(); ++i)
        if (asStr(names[i]) == "int_max_str_digits") values[i] = n;
      as<ModuleObject>(sys).dict->setStr("flags", makeStructSeq(vm, type, std::move(values)));
    }
    return none();
  });
  // hooks gbc has no machinery for: kept, so programs read back what they set
  for (const char* kind : {"trace", "profile"}) {
    std::string slot = std::string("__gbc_") + kind;
    d->setStr(slot, none());
    def(sys, std::string("set") + kind, [slot](VM& vm, CallArgs& a) -> Value {
      as<ModuleObject>(vm.findModule("sys"))
          .dict->setStr(slot, a.args.empty() ? none() : a.args[0]);
      return none();
    });
    def(sys, std::string("get") + kind, [slot](VM& vm, CallArgs&) -> Value {
      return as<ModuleObject>(vm.findModule("sys")).dict->getStr(slot);
    });
  }
  d->setStr("__gbc_audit_hooks", pyList({}));
  def(sys, "addaudithook", [](VM& vm, CallArgs& a) -> Value {
    Value hooks = as<ModuleObject>(vm.findModule("sys")).dict->getStr("__gbc_audit_hooks");
    as<ListObject>(hooks).items.push_back(a.args.at(0));
    return none();
  });
  def(sys, "audit", [](VM& vm, CallArgs& a) -> Value {
    Value hooks = as<ModuleObject>(vm.findModule("sys")).dict->getStr("__gbc_audit_hooks");
    std::vector<Value> rest(a.args.begin() + (a.args.empty() ? 0 : 1), a.args.end());
    for (const Value& hook : as<ListObject>(hooks).items)
      vm.call(hook, std::vector<Value>{a.args.at(0), pyTuple(rest)});
    return none();
  });
  def(sys, "displayhook", [](VM& vm, CallArgs& a) -> Value {
    const Value& v = a.args.at(0);
    if (isNone(v)) return none();
    vm.builtinsDict()->setStr("_", none());
    printTo(vm, nullptr, {vm.repr(v) + "\n"}, false);
    vm.builtinsDict()->setStr("_", v);
    return none();
  });
  def(sys, "excepthook", [](VM& vm, CallArgs& a) -> Value {
    Value err = vm.getAttr(vm.findModule("sys"), "stderr");
    report::py::SourceMap sources(vm.sources.begin(), vm.sources.end());
    printTo(vm, err,
            {report::formatPyTraceback(vm.tracebackReport(a.args.at(1)), sources,
                                       vm.target().caret_lines)},
            false);
    return none();
  });
  for (const char* hook : {"displayhook", "excepthook"})
    d->setStr(std::string("__") + hook + "__", d->getStr(hook));
  def(sys, "unraisablehook", [](VM&, CallArgs&) -> Value { return none(); });
  d->setStr("__unraisablehook__", d->getStr("unraisablehook"));
  def(sys, "breakpointhook", [](VM&, CallArgs&) -> Value { return none(); });
  d->setStr("__breakpointhook__", d->getStr("breakpointhook"));
  def(sys, "call_tracing", [](VM& vm, CallArgs& a) -> Value {
    CallArgs c;
    c.args = vm.toVector(a.args.at(1));
    return vm.call(a.args.at(0), c);
  });
  def(sys, "get_asyncgen_hooks", [](VM&, CallArgs&) -> Value { return pyTuple({none(), none()}); });
  def(sys, "set_asyncgen_hooks", [](VM&, CallArgs&) -> Value { return none(); });
  def(sys, "get_coroutine_origin_tracking_depth", [](VM&, CallArgs&) -> Value { return pyInt(0); });
  def(sys, "set_coroutine_origin_tracking_depth", [](VM&, CallArgs&) -> Value { return none(); });
  def(sys, "getdlopenflags", [](VM&, CallArgs&) -> Value { return pyInt(2); });
  def(sys, "setdlopenflags", [](VM&, CallArgs&) -> Value { return none(); });
}

/// The parts of sys built on first use (VM::addLazyPart): struct sequences, module-name sets,
/// sys.implementation, the standard streams, sys.monitoring.
void loadSysExtras(VM& vm) {
  Value sys = vm.findModule("sys");
  DictPtr d = as<ModuleObject>(sys).dict;
  installStructSeqs(vm, sys);
  DictPtr prelude = newDict();
  prelude->setStr("__name__", pyStr("types"));
  prelude->setStr("__builtins__", vm.builtinsDict());
  prelude->setStr("_write",
                  std::make_shared<BuiltinObject>("_write", [](VM& vm, CallArgs& a) -> Value {
                    std::string text = asStr(a.args.at(1));
                    if (asInt(a.args.at(0)) == 2) {
                      if (vm.err) vm.err(text);
                    } else {
                      vm.dynamo().notePrinted(vm, text);
                      if (vm.out) vm.out(text);
                    }
                    return none();
                  }));
  runPreludeInto(vm, prelude, "<gbc>/sys_streams.py", kSysPrelude);
  installStreams(vm, sys, prelude);
  const Version& v = versionOf(vm);
  // (types.SimpleNamespace, as CPython's sys.implementation is)
  Value namespace_cls = vm.getAttr(vm.importModule("_gbc_types", nullptr, 0), "SimpleNamespace");
  CallArgs impl;
  std::string tag = "cpython-3" + std::to_string(v.minor);
  impl.kwargs = {{"name", pyStr("cpython")},
                 {"cache_tag", pyStr(tag)},
                 {"version", d->getStr("version_info")},
                 {"hexversion", pyInt(v.hexversion)},
                 {"_multiarch", pyStr("x86_64-linux-gnu")}};
  if (v.minor >= 14) impl.kwargs.push_back({"supports_isolated_interpreters", pyBool(true)});
  d->setStr("implementation", vm.call(namespace_cls, impl));
  installMonitoring(vm, sys, namespace_cls);
  if (v.minor >= 14) {
    // sys._jit (3.14): Debian's build has the JIT compiled in and off
    auto jit = std::make_shared<ModuleObject>("sys._jit");
    jit->dict->setStr("__name__", pyStr("sys._jit"));
    def(jit, "is_available", [](VM&, CallArgs&) -> Value { return pyBool(true); });
    def(jit, "is_enabled", [](VM&, CallArgs&) -> Value { return pyBool(false); });
    def(jit, "is_active", [](VM&, CallArgs&) -> Value { return pyBool(false); });
    d->setStr("_jit", jit);
  }
}

}  // namespace

void installSys(VM& vm, Importer& importer) {
  auto sys = std::make_shared<ModuleObject>("sys");
  DictPtr d = sys->dict;
  d->setStr("__name__", pyStr("sys"));
  d->setStr("__doc__", none());
  importer.registerNative("sys", sys);
  d->setStr("modules", importer.modules());
  d->setStr("path", importer.path());
  // (sys.meta_path and sys.path_hooks: made on first use, import_bootstrap.cpp)
  d->setStr("path_importer_cache", importer.pathImporterCache());
  d->setStr("_stdlib_dir", pyStr(importer.stdlibDir()));
  installIdentity(vm, sys);
  installFunctions(sys);
  std::vector<std::pair<std::string, std::string>> lazy;
  for (const char* name :
       {"version_info", "flags", "float_info", "int_info", "hash_info", "thread_info",
        "builtin_module_names", "stdlib_module_names", "implementation", "monitoring", "_jit",
        "stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__"})
    lazy.emplace_back("sys", name);
  vm.addLazyPart({}, std::move(lazy), loadSysExtras);
  configureSys(vm, {});
}

void configureSys(VM& vm, const SysSettings& settings) {
  Value sys = vm.findModule("sys");
  DictPtr d = as<ModuleObject>(sys).dict;
  const Version& v = versionOf(vm);
  std::string base = settings.base_prefix.empty() ? v.prefix : settings.base_prefix;
  std::string prefix = settings.prefix.empty() ? base : settings.prefix;
  std::string executable = settings.executable.empty()
                               ? base + "/bin/python3." + std::to_string(v.minor)
                               : settings.executable;
  d->setStr("executable", pyStr(executable));
  d->setStr("_base_executable", pyStr(executable));
  d->setStr("prefix", pyStr(prefix));
  d->setStr("exec_prefix", pyStr(prefix));
  d->setStr("base_prefix", pyStr(base));
  d->setStr("base_exec_prefix", pyStr(base));
  std::vector<Value> argv;
  for (const std::string& a : settings.argv) argv.push_back(pyStr(a));
  if (argv.empty()) argv.push_back(pyStr(""));
  d->setStr("argv", pyList(argv));
  std::vector<Value> orig{pyStr(executable)};
  orig.insert(orig.end(), argv.begin(), argv.end());
  d->setStr("orig_argv", pyList(std::move(orig)));
}

void printTo(VM& vm, const Value& file, const std::vector<std::string>& pieces, bool flush) {
  Value sys = vm.findModule("sys");
  DictPtr d = as<ModuleObject>(sys).dict;
  // (sys.stdout not made yet: nothing replaced it)
  Value f = file && !isNone(file) ? file : d->getStr("stdout");
  if (f && isNone(f)) return;
  auto joined = [&] {
    std::string text;
    for (const std::string& p : pieces) text += p;
    return text;
  };
  if (!f || f == d->getStr("__stdout__")) {
    std::string text = joined();
    vm.dynamo().notePrinted(vm, text);
    if (vm.out) vm.out(text);
    return;
  }
  if (f == d->getStr("__stderr__")) {
    if (vm.err) vm.err(joined());
    return;
  }
  for (const std::string& p : pieces) vm.callMethod(f, "write", {pyStr(p)});
  if (flush) vm.callMethod(f, "flush", {});
}

}  // namespace gbc::interp
