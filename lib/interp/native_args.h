// Argument checking for native functions as CPython's Argument Clinic and getargs.c do it: binding
// positional and keyword arguments to named parameters, and the converters C modules use (index
// integers, str, os.fspath, path_t), each with CPython 3.14's exact TypeError texts.
//
//   static const ArgSpec kOpen{"open", {"file", "mode", "buffering"}, /*required=*/1};
//   std::vector<Value> v = bindArgs(vm, a, kOpen);   // v[i] null: parameter i not given
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interp/bytes_ops.h"
#include "interp/clinic_args.h"
#include "interp/vm.h"

namespace gbc::interp {

/// The parameters of a native function, as Argument Clinic declares them.
struct ArgSpec {
  /// The name messages print ("open" gives "open() takes ...").
  std::string_view name;
  /// Every parameter: positional-only ones first, then positional-or-keyword, then keyword-only.
  std::vector<std::string_view> params;
  /// How many leading parameters are required.
  size_t required = 0;
  /// How many leading parameters are positional-only.
  size_t posonly = 0;
  /// How many trailing parameters are keyword-only.
  size_t kwonly = 0;
};

/// Binds `a.args[first...]` and `a.kwargs` to `spec`: one slot per parameter, null where the
/// caller gave none. Raises CPython's TypeError for too many, missing, unknown or doubled
/// arguments.
std::vector<Value> bindArgs(VM& vm, const CallArgs& a, const ArgSpec& spec, size_t first = 0);

/// A function without parameters: "posix.getcwd() takes no arguments (1 given)".
void noArgs(VM& vm, const CallArgs& a, std::string_view name, size_t first = 0);
/// A function of exactly one positional argument (METH_O): "time.sleep() takes exactly one
/// argument (0 given)"; returns it.
Value oneArg(VM& vm, const CallArgs& a, std::string_view name, size_t first = 0);
/// Positional arguments only, between `min` and `max` (_PyArg_CheckPositional: "lseek expected
/// 3 arguments, got 1", "X() takes no keyword arguments").
void positionalArgs(VM& vm, const CallArgs& a, std::string_view name, size_t min, size_t max,
                    size_t first = 0);

// ssizeArg / hasIndex: slicing.h
/// The same for an argument that may also be None (returns false for None).
bool optStrArg(VM& vm, const Value& v, std::string_view fname, std::string_view arg,
               std::string& out);
/// An int argument that may be None or missing (Py_ssize_t with _Py_convert_optional_to_ssize_t:
/// "argument should be integer or None, not 'str'").
bool optSizeArg(VM& vm, const Value& v, int64_t& out);

/// os.fspath(v): str and bytes as they are, else v.__fspath__() (str or bytes); TypeError
/// "expected str, bytes or os.PathLike object, not X" otherwise.
Value fspath(VM& vm, const Value& v);

/// A path argument of a posix function (posixmodule.c's path_t).
struct PathArg {
  Value object;           // what the caller passed
  Value shown;            // what messages and OSError.filename show: the str or bytes, or the fd
  std::string path;       // the bytes the OS sees
  bool is_bytes = false;  // results are bytes (listdir(b'.'), readlink)
  int fd = -1;            // allow_fd and an int was passed
  bool is_fd() const { return fd >= 0; }
  bool is_none = false;  // nullable and None was passed (listdir())
};

/// Converts a posix path argument: str, bytes, os.PathLike, an int when `allow_fd`, None when
/// `nullable`. Messages: "stat: path should be string, bytes, os.PathLike or integer, not float",
/// "stat: embedded null character in path".
PathArg pathArg(VM& vm, const Value& v, std::string_view fname, std::string_view argname,
                bool allow_fd = false, bool nullable = false);

/// The name CPython's messages give a type (tp_name): "_io.TextIOWrapper", "int", "MyClass".
std::string typeName(const ClassPtr& cls);

/// Adds a method to native class `cls` (native_type.h's nativeMethod) whose receiver is checked as
/// CPython's method descriptors check it: "unbound method StringIO.getvalue() needs an
/// argument", "descriptor 'read' for '_io.TextIOWrapper' objects doesn't apply to a 'int' object".
Value checkedNativeMethod(const ClassPtr& cls, const std::string& name, NativeFn fn);

/// A str or bytes as the bytes the OS sees (str: UTF-8, its surrogate escapes undone, as
/// os.fsencode).
std::string osBytes(VM& vm, const Value& v);
/// Bytes from the OS as str (UTF-8 with surrogateescape, as os.fsdecode).
Value osStr(const std::string& bytes);

}  // namespace gbc::interp
