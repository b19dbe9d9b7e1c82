// The _io module, after CPython 3.14's Modules/_io/_iomodule.c: open() (also builtins.open),
// open_code, text_encoding, DEFAULT_BUFFER_SIZE, UnsupportedOperation, the class hierarchy of
// io_base.cpp, io_fileio.cpp, io_buffered.cpp, io_text.cpp, io_memory.cpp, and
// IncrementalNewlineDecoder; makeStdStream builds sys.stdout / sys.stderr.
#include "interp/mod_io.h"
#include "interp/text_args.h"

#include "interp/io_internal.h"
#include "interp/native_modules.h"

namespace gbc::interp {

namespace {

/// _io.open (_io_open_impl).
Value openImpl(VM& vm, const IoTypes& t, CallArgs& a) {
  static const ArgSpec spec{
      "open",
      {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"},
      1};
  std::vector<Value> v = bindArgs(vm, a, spec);
  Value file = v[0];
  std::string mode = v[1] ? strArg(vm, v[1], "open", "'mode'") : "r";
  int64_t buffering = v[2] ? ssizeArg(vm, v[2]) : -1;
  std::string encoding, errors, newline;
  bool has_encoding = optStrArg(vm, v[3], "open", "encoding", encoding);
  bool has_errors = optStrArg(vm, v[4], "open", "errors", errors);
  bool has_newline = optStrArg(vm, v[5], "open", "newline", newline);
  bool closefd = !v[6] || vm.truthy(v[6]);
  Value opener = v[7] && !isNone(v[7]) ? v[7] : nullptr;
  if (file->kind != Kind::Str && file->kind != Kind::Bytes && !hasIndex(vm, file) &&
      file->kind != Kind::Float)
    file = fspath(vm, file);
  bool creating = false, reading = false, writing = false, appending = false, updating = false;
  bool text = false, binary = false;
  for (size_t i = 0; i < mode.size(); ++i) {
    char c = mode[i];
    if (std::string("rwxabt+").find(c) == std::string::npos ||
        mode.find(c, i + 1) != std::string::npos)
      vm.raise(vm.b().value_error, "invalid mode: '" + mode + "'");
    creating |= c == 'x';
    reading |= c == 'r';
    writing |= c == 'w';
    appending |= c == 'a';
    updating |= c == '+';
    text |= c == 't';
    binary |= c == 'b';
  }
  std::string rawmode;
  if (creating) rawmode += 'x';
  if (reading) rawmode += 'r';
  if (writing) rawmode += 'w';
  if (appending) rawmode += 'a';
  if (updating) rawmode += '+';
  if (text && binary) vm.raise(vm.b().value_error, "can't have text and binary mode at once");
  int kinds = creating + reading + writing + appending;
  if (kinds > 1)
    vm.raise(vm.b().value_error, "must have exactly one of create/read/write/append mode");
  if (kinds == 0)
    vm.raise(vm.b().value_error,
             "Must have exactly one of create/read/write/append mode and at most one plus");
  if (binary && has_encoding)
    vm.raise(vm.b().value_error, "binary mode doesn't take an encoding argument");
  if (binary && has_errors)
    vm.raise(vm.b().value_error, "binary mode doesn't take an errors argument");
  if (binary && has_newline)
    vm.raise(vm.b().value_error, "binary mode doesn't take a newline argument");
  Value raw = openFileIO(vm, t, t.fileio, file, rawmode, closefd, opener);
  try {
    bool tty = buffering < 0 && callBool(vm, raw, "isatty");
    bool line_buffering = buffering == 1 || tty;
    if (line_buffering) buffering = -1;
    if (buffering < 0) {
      int64_t blk = fileIOState(raw) ? fileIOState(raw)->blksize : 0;
      buffering = blk > 1 ? blk : t.default_buffer_size;
    }
    if (buffering == 0) {
      if (binary) return raw;
      vm.raise(vm.b().value_error, "can't have unbuffered text I/O");
    }
    const ClassPtr& bcls = updating                           ? t.buffered_random
                           : creating || writing || appending ? t.buffered_writer
                                                              : t.buffered_reader;
    Value buffer = vm.call(bcls, std::vector<Value>{raw, pyInt(buffering)});
    if (binary) return buffer;
    CallArgs targs;
    targs.args = {buffer, has_encoding ? pyStr(encoding) : none(),
                  has_errors ? pyStr(errors) : none(), has_newline ? pyStr(newline) : none(),
                  pyBool(line_buffering)};
    Value wrapper = vm.call(t.text_wrapper, targs);
    vm.setAttr(wrapper, "mode", pyStr(mode));
    return wrapper;
  } catch (...) {
    try {
      vm.callMethod(raw, "close", {});
    } catch (...) {
    }
    throw;
  }
}

std::shared_ptr<IoTypes> buildTypes(VM& vm) {
  auto t = std::make_shared<IoTypes>();
  t->default_buffer_size = vm.target().python == "3.12" ? 8192 : 131072;
  ClassPtr unsupported =
      vm.makeClass("UnsupportedOperation", {vm.b().os_error, vm.b().value_error}, nullptr);
  unsupported->module = "io";
  unsupported->dict->setStr("__module__", pyStr("io"));
  t->unsupported = unsupported;
  installIOBase(vm, t);
  installFileIO(vm, t);
  installBuffered(vm, t);
  installTextIO(vm, t);
  installMemoryIO(vm, t);
  installNewlineDecoder(vm, t);
  return t;
}

}  // namespace

Value makeIoModule(VM& vm) {
  Value m = newNativeModule("_io");
  auto t = buildTypes(vm);
  DictPtr d = as<ModuleObject>(m).dict;
  d->setStr("DEFAULT_BUFFER_SIZE", pyInt(t->default_buffer_size));
  d->setStr("UnsupportedOperation", t->unsupported);
  d->setStr("BlockingIOError", vm.b().by_name.at("BlockingIOError"));
  for (const ClassPtr& c :
       {t->iobase, t->rawiobase, t->bufferediobase, t->textiobase, t->fileio, t->bytesio,
        t->stringio, t->buffered_reader, t->buffered_writer, t->buffered_random, t->buffered_rwpair,
        t->text_wrapper, t->newline_decoder})
    d->setStr(c->name, c);
  Value open =
      moduleFunction(m, "open", [t](VM& vm, CallArgs& a) -> Value { return openImpl(vm, *t, a); });
  // builtins.open is io.open (causes.cpp knows it by this id)
  as<BuiltinObject>(open).id = "builtins.open";
  moduleFunction(m, "open_code", [t](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"open_code", {"path"}, 1};
    const std::string& path = strArg(vm, bindArgs(vm, a, spec)[0], "open_code", "'path'");
    CallArgs o;
    o.args = {pyStr(path), pyStr("rb")};
    return openImpl(vm, *t, o);
  });
  moduleFunction(m, "text_encoding", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "text_encoding", 1, 2, 1);
    // (the warning of -X warn_default_encoding is off, as in a default CPython)
    return isNone(a.args[0]) ? pyStr("locale") : a.args[0];
  });
  return m;
}

Value ioOpenFunction(VM& vm) {
  Value io = vm.findModule("_io");
  return io ? as<ModuleObject>(io).dict->getStr("open") : nullptr;
}

Value makeStdStream(VM& vm, int fd) {
  Value io = vm.findModule("_io");
  DictPtr d = as<ModuleObject>(io).dict;
  CallArgs raw_args;
  raw_args.args = {pyInt(fd), pyStr(fd == 0 ? "r" : "w")};
  raw_args.kwargs = {{"closefd", pyBool(false)}};
  Value raw = vm.call(d->getStr("FileIO"), raw_args);
  Value buffer =
      vm.call(d->getStr(fd == 0 ? "BufferedReader" : "BufferedWriter"), std::vector<Value>{raw});
  CallArgs text;
  text.args = {buffer};
  text.kwargs = {{"encoding", pyStr("utf-8")},
                 {"errors", pyStr(fd == 2 ? "backslashreplace" : "strict")},
                 {"line_buffering", pyBool(false)}};
  Value stream = vm.call(d->getStr("TextIOWrapper"), text);
  vm.setAttr(stream, "mode", pyStr(fd == 0 ? "r" : "w"));
  // (CPython's own stdout is block-buffered when not a terminal; gbc's reaches VM::out at every
  // write so the program's output interleaves with gbc's as it happens)
  if (fd != 0) setTextWriteThrough(stream);
  return stream;
}

}  // namespace gbc::interp
