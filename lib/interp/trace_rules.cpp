// Dynamo's trace rules for the standard library, third-party packages and C functions
// (torch/_dynamo/trace_rules.py, variables/functions.py, polyfills/ of PyTorch 2.14.1).
// lib/interp/tools/check_trace_rules.py compares these lists with an installed torch.
#include "interp/trace_rules.h"

#include <array>
#include <set>

#include "interp/importer_names.h"
#include "interp/stdlib_io.h"

namespace gbc::interp::trace_rules {

namespace {

bool v214(VM& vm) { return vm.target().id == TargetId::Torch2_14; }

bool startsWith(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

/// BUILTIN_SKIPLIST (abc, copy, importlib, random, re, linecache): each module's
/// _module_dir, relative to the standard library. A package's directory ends in '/'.
constexpr std::array<std::string_view, 6> kBuiltinSkiplist = {
    "abc.py", "copy.py", "importlib/", "random.py", "re/", "linecache.py"};

/// SKIP_DIRS entries before the BUILTIN_SKIPLIST ones that can match a file gbc runs.
constexpr std::array<std::string_view, 2> kFrozenSkipDirs = {"<frozen importlib", "<frozen abc"};

/// THIRDPARTY_SKIPLIST: packages whose files are skipped when installed (trace_rules.add).
constexpr std::array<std::string_view, 17> kThirdPartySkiplist = {
    "fx2trt_oss", "hypothesis", "networkx", "numpy",    "onnx",       "onnxruntime",
    "onnx_tf",    "pandas",     "sklearn",  "tabulate", "tensorflow", "tensorrt",
    "torch2trt",  "tqdm",       "tree",     "tvm",      "xarray"};

/// The reason 2.11 gives (its check_file names the list only).
std::string legacyReason(const char* list) {
  return std::string("skipped according trace_rules.lookup ") + list;
}

/// The SKIP_DIRS entry of a third-party package file: SITE/NAME/ or SITE/NAME.py, "" if none.
std::string thirdPartyDir(const std::string& filename) {
  for (std::string_view site : {"/site-packages/", "/dist-packages/"}) {
    size_t at = filename.find(site);
    if (at == std::string::npos) continue;
    size_t start = at + site.size();
    size_t end = filename.find('/', start);
    std::string top =
        filename.substr(start, end == std::string::npos ? std::string::npos : end - start);
    bool package = end != std::string::npos;
    std::string name = package ? top : top.substr(0, top.size() - 3);
    if (!package && (top.size() < 3 || top.substr(top.size() - 3) != ".py")) continue;
    for (std::string_view p : kThirdPartySkiplist)
      if (name == p) return filename.substr(0, start) + top + (package ? "/" : "");
  }
  return "";
}

}  // namespace

SkipResult checkFile(VM& vm, const std::string& filename, bool inlined_call) {
  const std::string torch(vm.target().torch_prefix);
  // torch's files: gbc's model of torch decides (causes_library.cpp)
  if (startsWith(filename, torch + "/")) return {};
  const std::string stdlib = stdlibPrefix(vm.target()) + "/";
  // BUILTIN_INLINE_WHEN_CALLED: copy.py is inlined when traced code calls it
  if (inlined_call && filename == stdlib + "copy.py")
    return {false, "file matches BUILTIN_INLINE_WHEN_CALLED (" + filename + ")"};
  // unittest is skipped unless config.enable_trace_unittest
  if (startsWith(filename, stdlib + "unittest/"))
    return {true, v214(vm) ? "file is in unittest directory" : legacyReason("SKIP_DIRS")};
  // SKIP_DIRS, in its order: frozen modules, the BUILTIN_SKIPLIST modules, third party
  std::string dir;
  for (std::string_view d : kFrozenSkipDirs)
    if (dir.empty() && startsWith(filename, d)) dir = d;
  for (std::string_view d : kBuiltinSkiplist)
    if (dir.empty() && startsWith(filename, stdlib + std::string(d))) dir = stdlib + std::string(d);
  if (dir.empty()) dir = thirdPartyDir(filename);
  if (!dir.empty())
    return {true,
            v214(vm) ? "file is under skip directory (" + dir + ")" : legacyReason("SKIP_DIRS")};
  return {false, v214(vm) ? "inlined by default" : ""};
}

// ---------------------------------------------------------------------------------------------
// C functions

namespace {

/// Modules whose C functions Dynamo models: BuiltinVariable (builtins, operator:
/// trace_rules._builtin_function_ids), constant folding (math: builtin.py,
/// _constant_fold_functions), polyfills (functools, itertools; polyfills/loader.py's
/// POLYFILLED_MODULE_NAMES: heapq's polyfills are not loaded), and gbc's torch.
bool modelledModule(const std::string& m) {
  static const std::set<std::string> mods = {"builtins",   "_operator", "operator",  "math",
                                             "_functools", "functools", "itertools", "_io"};
  // numpy: NumpyVariable (trace_rules._numpy_function_ids, NP_SUPPORTED_MODULES)
  return mods.count(m) || m == "torch" || startsWith(m, "torch.") || m == "numpy" ||
         startsWith(m, "numpy.") || startsWith(m, "_gbc") || startsWith(m, "gbc");
}

/// Single C functions of other modules Dynamo models: polyfills/{os,sys,struct,collections,io}.py
/// and SysFunctionVariable (sys.exc_info, sys.exception).
bool modelledFunction(const std::string& id) {
  static const std::set<std::string> fns = {"posix.fspath",
                                            "os.fspath",
                                            "sys.getrecursionlimit",
                                            "sys.intern",
                                            "sys.get_int_max_str_digits",
                                            "sys.set_int_max_str_digits",
                                            "sys.exc_info",
                                            "sys.exception",
                                            "_struct.pack",
                                            "_struct.unpack",
                                            "struct.pack",
                                            "struct.unpack",
                                            "_collections._count_elements"};
  return fns.count(id) > 0;
}

}  // namespace

BuiltinRule builtinRule(VM& vm, const Value& builtin, std::string& module) {
  if (builtin->kind != Kind::Builtin) return BuiltinRule::NotModuleFunction;
  const auto& b = as<BuiltinObject>(builtin);
  if (b.self) return BuiltinRule::NotModuleFunction;
  size_t dot = b.id.rfind('.');
  if (dot == std::string::npos) return BuiltinRule::NotModuleFunction;
  std::string mod = b.id.substr(0, dot), name = b.id.substr(dot + 1);
  // a function found in a module (not a method of a builtin type such as str.join, whose id
  // reads the same way) ...
  Value m = vm.findModule(mod);
  if (!m || m->kind != Kind::Module) return BuiltinRule::NotModuleFunction;
  Value v = as<ModuleObject>(m).dict->getStr(name);
  if (!v || v->kind != Kind::Builtin || as<BuiltinObject>(v).id != b.id)
    return BuiltinRule::NotModuleFunction;
  // ... of a module CPython writes in C (os.getcwd is posix's), not of gbc's native stand-in
  // for a Python module (os.path.exists, which Dynamo would inline)
  Value mv = vm.getAttrOrNull(builtin, "__module__");
  module = mv && mv->kind == Kind::Str ? asStr(mv) : mod;
  if (!cpythonModules(vm.target().python).c_modules.contains(module) || isStandIn(module))
    return BuiltinRule::NotModuleFunction;
  if (modelledModule(module) || modelledFunction(module + "." + name)) return BuiltinRule::Modelled;
  return BuiltinRule::Skipped;
}

std::string acceleratorModule(VM& vm, const Value& fn, BuiltinRule& rule) {
  if (fn->kind != Kind::Function) return "";
  struct Accelerated {
    const char* file;    // relative to the standard library
    const char* module;  // the C module CPython takes these names from
    std::set<std::string> names;
  };
  // (warnings: 3.14 keeps the fallback in _py_warnings.py, 3.12 in warnings.py itself)
  static const std::array<Accelerated, 6> table = {{
      {"/_py_abc.py", "_abc", {"get_cache_token"}},
      {"/_py_warnings.py", "_warnings", {"warn", "warn_explicit"}},
      {"/warnings.py", "_warnings", {"warn", "warn_explicit"}},
      {"/bisect.py", "_bisect", {"bisect_left", "bisect_right", "insort_left", "insort_right"}},
      {"/pickle.py", "_pickle", {"dump", "dumps", "load", "loads"}},
      {"/heapq.py",
       "_heapq",
       {"heapify", "heappop", "heappush", "heappushpop", "heapreplace", "heapify_max",
        "heappop_max", "heappush_max", "heappushpop_max", "heapreplace_max", "_heapify_max",
        "_heappop_max", "_heapreplace_max"}},
  }};
  const auto& f = as<FunctionObject>(fn);
  const std::string stdlib = stdlibPrefix(vm.target());
  for (const Accelerated& a : table) {
    if (f.code->filename != stdlib + a.file || !a.names.count(f.qualname)) continue;
    rule = modelledModule(a.module) || modelledFunction(std::string(a.module) + "." + f.qualname)
               ? BuiltinRule::Modelled
               : BuiltinRule::Skipped;
    return a.module;
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// constant folding and random

namespace {

/// ConstantVariable.is_python_constant for the values gbc sees as arguments.
bool isConstant(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Str:
    case Kind::Bytes:
      return true;
    case Kind::Tuple:
      for (const Value& e : vm.toVector(v))
        if (!isConstant(vm, e)) return false;
      return true;
    default:
      return false;
  }
}

/// The function's defining module and name, e.g. ("re", "match").
std::pair<std::string, std::string> functionName(VM& vm, const Value& fn) {
  if (fn->kind != Kind::Function) return {};
  Value mv = vm.getAttrOrNull(fn, "__module__"), qv = vm.getAttrOrNull(fn, "__qualname__");
  if (!mv || mv->kind != Kind::Str || !qv || qv->kind != Kind::Str) return {};
  return {asStr(mv), asStr(qv)};
}

}  // namespace

bool isConstantFoldedCall(VM& vm, const Value& callable, const CallArgs& args) {
  auto [mod, name] = functionName(vm, callable);
  if (mod.empty()) return false;
  static const std::set<std::string> re_fns = {"search", "match", "fullmatch", "compile", "sub",
                                               "subn",   "split", "findall",   "escape"};
  bool re_fold = mod == "re" && re_fns.count(name);
  bool importlib_fold = (mod == "importlib.util" && name == "find_spec") ||
                        (mod == "importlib.metadata" && name == "version");
  if (!re_fold && !importlib_fold) return false;
  for (const Value& a : args.args)
    if (!isConstant(vm, a)) return false;
  // importlib's functions fold on positional constants only; re's on keywords too
  if (importlib_fold && !args.kwargs.empty()) return false;
  for (const auto& kv : args.kwargs)
    if (!isConstant(vm, kv.second)) return false;
  return true;
}

bool isModelledRandomMethod(VM& vm, const Value& bound) {
  if (bound->kind != Kind::BoundMethod) return false;
  const Value& self = as<BoundMethodObject>(bound).self;
  Value random = vm.findModule("random");
  if (!random || self->kind != Kind::Instance) return false;
  Value cls = as<ModuleObject>(random).dict->getStr("Random");
  // RandomVariable.is_supported_random_obj: exactly random.Random
  if (!cls || cls->kind != Kind::Class ||
      as<InstanceObject>(self).cls.get() != &as<ClassObject>(cls))
    return false;
  auto [mod, name] = functionName(vm, as<BoundMethodObject>(bound).func);
  static const std::set<std::string> modelled = {
      "Random.random",  "Random.randint", "Random.randrange", "Random.uniform",
      "Random.shuffle", "Random.sample",  "Random.seed"};
  return modelled.count(name) > 0;
}

}  // namespace gbc::interp::trace_rules
