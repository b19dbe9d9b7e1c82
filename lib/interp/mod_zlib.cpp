// zlib (Modules/zlibmodule.c) over the system zlib library: compress/decompress, crc32/adler32,
// the streaming Compress/Decompress objects of compressobj()/decompressobj(), and
// _ZlibDecompressor (gzip's reader), with CPython 3.14's argument rules, buffer handling
// (max_length, unconsumed_tail, unused_data) and messages ("Error -3 while decompressing data:
// incorrect header check"). The compressed bytes are whatever the linked zlib produces.
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>

#include "interp/bytes_ops.h"
#include "interp/clinic_args.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"
#include "interp/text_args.h"

namespace gbc::interp {

namespace {

constexpr int kDefBufSize = 16384;
constexpr int kDefMemLevel = 8;
// Output is produced in pieces of at most this size.
constexpr size_t kChunk = 64 * 1024;

struct ZlibModule {
  ClassPtr error, compress, decompress, decompressor;
};
using ModPtr = std::shared_ptr<ZlibModule>;

/// zlib_error: "Error <err> <msg>[: <zlib's message>]".
[[noreturn]] void zlibError(VM& vm, const ZlibModule& mod, const z_stream& zs, int err,
                            const char* msg) {
  const char* zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zs.msg;
  if (!zmsg) {
    if (err == Z_BUF_ERROR) zmsg = "incomplete or truncated stream";
    if (err == Z_STREAM_ERROR) zmsg = "inconsistent stream state";
    if (err == Z_DATA_ERROR) zmsg = "invalid input data";
  }
  std::string text = "Error " + std::to_string(err) + " " + msg;
  if (zmsg) text += ": " + std::string(zmsg).substr(0, 200);
  vm.raise(mod.error, text);
}

[[noreturn]] void memoryError(VM& vm, const std::string& msg) {
  vm.raise(builtinClass(vm, "MemoryError"), msg);
}

/// The input of a zlib call: zs.next_in/avail_in hold at most UINT_MAX bytes at a time, `left`
/// counts the bytes not yet handed to zlib.
struct Input {
  z_stream& zs;
  size_t left;
  Input(z_stream& z, std::string_view data) : zs(z), left(data.size()) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = 0;
  }
  void arrange() {
    auto n = static_cast<uInt>(std::min<size_t>(left, UINT_MAX));
    zs.avail_in += n;
    left -= n;
  }
  /// The bytes zlib has not consumed.
  size_t remaining() const { return zs.avail_in + left; }
  std::string rest() const { return std::string(reinterpret_cast<char*>(zs.next_in), remaining()); }
};

/// Runs one zlib call `fn` with room for at most `room` (> 0) bytes at the end of `out`; sets
/// `full` when zlib filled all the room it was given.
template <class F>
int step(z_stream& zs, std::string& out, size_t room, bool& full, F fn) {
  size_t n = std::min(room, kChunk), old = out.size();
  out.resize(old + n);
  zs.next_out = reinterpret_cast<Bytef*>(out.data() + old);
  zs.avail_out = static_cast<uInt>(n);
  int err = fn();
  full = zs.avail_out == 0;
  out.resize(old + n - zs.avail_out);
  return err;
}

/// A C int argument, `dflt` when absent.
int intOr(VM& vm, const Value& v, int dflt) { return v ? intArgOf(vm, v) : dflt; }

/// An `unsigned_int(bitwise=True)` argument: any int (or __index__) modulo 2**32.
uint32_t bitwiseUnsigned(VM& vm, const Value& v) {
  return static_cast<uint32_t>(lowBits(indexInt(vm, v)));
}

/// The zdict of decompressobj()/_ZlibDecompressor(): any object with the buffer protocol.
void checkZdict(VM& vm, const Value& zdict) {
  if (zdict && !bufferView(vm, zdict))
    vm.raise(vm.b().type_error, "zdict argument must support the buffer protocol");
}

// ---- one-shot functions ----

Value compressData(VM& vm, const ZlibModule& mod, std::string_view data, int level, int wbits) {
  z_stream zs{};
  int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, kDefMemLevel, Z_DEFAULT_STRATEGY);
  if (err == Z_MEM_ERROR) memoryError(vm, "Out of memory while compressing data");
  if (err == Z_STREAM_ERROR) vm.raise(mod.error, "Bad compression level");
  if (err != Z_OK) {
    deflateEnd(&zs);
    zlibError(vm, mod, zs, err, "while compressing data");
  }
  std::string out;
  Input in(zs, data);
  int flush;
  try {
    do {
      in.arrange();
      flush = in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
      bool full;
      do {
        err = step(zs, out, SIZE_MAX, full, [&] { return deflate(&zs, flush); });
        if (err == Z_STREAM_ERROR) zlibError(vm, mod, zs, err, "while compressing data");
      } while (full);
    } while (flush != Z_FINISH);
  } catch (...) {
    deflateEnd(&zs);
    throw;
  }
  err = deflateEnd(&zs);
  if (err != Z_OK) zlibError(vm, mod, zs, err, "while finishing compression");
  return pyBytes(std::move(out));
}

Value decompressData(VM& vm, const ZlibModule& mod, std::string_view data, int wbits) {
  z_stream zs{};
  Input in(zs, data);
  int err = inflateInit2(&zs, wbits);
  if (err == Z_MEM_ERROR) memoryError(vm, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zs);
    zlibError(vm, mod, zs, err, "while preparing to decompress data");
  }
  std::string out;
  try {
    do {
      in.arrange();
      int flush = in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
      bool full;
      do {
        err = step(zs, out, SIZE_MAX, full, [&] { return inflate(&zs, flush); });
        if (err == Z_MEM_ERROR) memoryError(vm, "Out of memory while decompressing data");
        if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END)
          zlibError(vm, mod, zs, err, "while decompressing data");
      } while (full);
    } while (err != Z_STREAM_END && in.left != 0);
    if (err != Z_STREAM_END) zlibError(vm, mod, zs, err, "while decompressing data");
  } catch (...) {
    inflateEnd(&zs);
    throw;
  }
  err = inflateEnd(&zs);
  if (err != Z_OK) zlibError(vm, mod, zs, err, "while finishing decompression");
  return pyBytes(std::move(out));
}

// ---- Compress ----

struct CompressState : NativeState {
  z_stream zs{};
  bool init = false;
  ~CompressState() override {
    if (init) deflateEnd(&zs);
  }
};

CompressState& compState(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty()) vm.raise(vm.b().type_error, std::string(what) + "() needs an argument");
  return nativeState<CompressState>(vm, a.args[0], what);
}

Value compressobj(VM& vm, const ModPtr& mod, const CallArgs& a) {
  auto p = clinicParse(
      vm, a, {"compressobj", {"level", "method", "wbits", "memLevel", "strategy", "zdict"}, 0, 0});
  int level = intOr(vm, p[0], Z_DEFAULT_COMPRESSION), method = intOr(vm, p[1], Z_DEFLATED);
  int wbits = intOr(vm, p[2], MAX_WBITS), mem = intOr(vm, p[3], kDefMemLevel);
  int strategy = intOr(vm, p[4], Z_DEFAULT_STRATEGY);
  std::string_view zdict;
  if (p[5]) zdict = bufferArg(vm, p[5]);
  auto st = std::make_shared<CompressState>();
  int err = deflateInit2(&st->zs, level, method, wbits, mem, strategy);
  if (err == Z_MEM_ERROR) memoryError(vm, "Can't allocate memory for compression object");
  if (err == Z_STREAM_ERROR) vm.raise(vm.b().value_error, "Invalid initialization option");
  if (err != Z_OK) zlibError(vm, *mod, st->zs, err, "while creating compression object");
  st->init = true;
  if (p[5]) {
    if (zdict.size() > UINT_MAX)
      vm.raise(vm.b().overflow_error, "zdict length does not fit in an unsigned int");
    err = deflateSetDictionary(&st->zs, reinterpret_cast<const Bytef*>(zdict.data()),
                               static_cast<uInt>(zdict.size()));
    if (err != Z_OK) vm.raise(vm.b().value_error, "Invalid dictionary");
  }
  return newNative(mod->compress, st);
}

void installCompress(VM& vm, const ModPtr& mod) {
  ClassPtr cls = makeNativeType(vm, "zlib", "Compress");
  mod->compress = cls;
  nativeConstructor(cls, [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create 'zlib.Compress' instances");
  });
  nativeMethod(cls, "compress", [mod](VM& vm, CallArgs& a) -> Value {
    auto& st = compState(vm, a, "compress");
    auto p = clinicParse(vm, a, {"compress", {"data"}, 1, 1}, 1);
    std::string_view data = bufferArg(vm, p[0]);
    std::string out;
    Input in(st.zs, data);
    do {
      in.arrange();
      bool full;
      do {
        int err = step(st.zs, out, SIZE_MAX, full, [&] { return deflate(&st.zs, Z_NO_FLUSH); });
        if (err == Z_STREAM_ERROR) zlibError(vm, *mod, st.zs, err, "while compressing data");
      } while (full);
    } while (in.left != 0);
    return pyBytes(std::move(out));
  });
  nativeMethod(cls, "flush", [mod](VM& vm, CallArgs& a) -> Value {
    auto& st = compState(vm, a, "flush");
    auto p = clinicParse(vm, a, {"flush", {"mode"}, 1, 0}, 1);
    int mode = intOr(vm, p[0], Z_FINISH);
    if (mode == Z_NO_FLUSH) return pyBytes("");
    std::string out;
    st.zs.avail_in = 0;
    int err;
    bool full;
    do {
      err = step(st.zs, out, SIZE_MAX, full, [&] { return deflate(&st.zs, mode); });
      if (err == Z_STREAM_ERROR) zlibError(vm, *mod, st.zs, err, "while flushing");
    } while (full);
    if (err == Z_STREAM_END && mode == Z_FINISH) {
      err = deflateEnd(&st.zs);
      st.init = false;
      if (err != Z_OK) zlibError(vm, *mod, st.zs, err, "while finishing compression");
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
      zlibError(vm, *mod, st.zs, err, "while flushing");
    }
    return pyBytes(std::move(out));
  });
  auto copy = [mod](VM& vm, CompressState& st) -> Value {
    if (!st.init) vm.raise(vm.b().value_error, "Inconsistent stream state");
    auto dup = std::make_shared<CompressState>();
    int err = deflateCopy(&dup->zs, &st.zs);
    if (err == Z_STREAM_ERROR) vm.raise(vm.b().value_error, "Inconsistent stream state");
    if (err == Z_MEM_ERROR) memoryError(vm, "Can't allocate memory for compression object");
    if (err != Z_OK) zlibError(vm, *mod, st.zs, err, "while copying compression object");
    dup->init = true;
    return newNative(mod->compress, dup);
  };
  for (const char* name : {"copy", "__copy__"})
    nativeMethod(cls, name, [copy, name](VM& vm, CallArgs& a) -> Value {
      auto& st = compState(vm, a, name);
      methNoArgs(vm, a, std::string("Compress.") + name);
      return copy(vm, st);
    });
  nativeMethod(cls, "__deepcopy__", [copy](VM& vm, CallArgs& a) -> Value {
    auto& st = compState(vm, a, "__deepcopy__");
    methOneArg(vm, a, "Compress.__deepcopy__");
    return copy(vm, st);
  });
}

// ---- Decompress and _ZlibDecompressor ----

struct DecompressState : NativeState {
  z_stream zs{};
  bool init = false, eof = false, needs_input = true;
  std::string unused_data, unconsumed_tail, pending;
  Value zdict;
  ~DecompressState() override {
    if (init) inflateEnd(&zs);
  }
};

DecompressState& decState(VM& vm, const CallArgs& a, const char* what) {
  if (a.args.empty()) vm.raise(vm.b().type_error, std::string(what) + "() needs an argument");
  return nativeState<DecompressState>(vm, a.args[0], what);
}

void setInflateZdict(VM& vm, const ZlibModule& mod, DecompressState& st) {
  std::string_view dict = bufferArg(vm, st.zdict);
  if (dict.size() > UINT_MAX)
    vm.raise(vm.b().overflow_error, "zdict length does not fit in an unsigned int");
  int err = inflateSetDictionary(&st.zs, reinterpret_cast<const Bytef*>(dict.data()),
                                 static_cast<uInt>(dict.size()));
  if (err != Z_OK) zlibError(vm, mod, st.zs, err, "while setting zdict");
}

/// A new decompression state (decompressobj() and _ZlibDecompressor()).
std::shared_ptr<DecompressState> newDecompress(VM& vm, const ZlibModule& mod, int wbits,
                                               const Value& zdict) {
  checkZdict(vm, zdict);
  auto st = std::make_shared<DecompressState>();
  st->zdict = zdict;
  int err = inflateInit2(&st->zs, wbits);
  if (err == Z_STREAM_ERROR) vm.raise(vm.b().value_error, "Invalid initialization option");
  if (err == Z_MEM_ERROR) memoryError(vm, "Can't allocate memory for decompression object");
  if (err != Z_OK) zlibError(vm, mod, st->zs, err, "while creating decompression object");
  st->init = true;
  // a raw stream has no header asking for the dictionary: it is set up front
  if (zdict && wbits < 0) setInflateZdict(vm, mod, *st);
  return st;
}

/// Inflates `in` with Z_SYNC_FLUSH (Z_FINISH at the end when `finish`) into `out` up to `limit`
/// bytes, setting the dictionary when the stream asks for one (unless `stop_at_dict`);
/// zlib's last status.
int inflateSome(VM& vm, const ZlibModule& mod, DecompressState& st, Input& in, std::string& out,
                size_t limit, bool finish = false, bool stop_at_dict = false) {
  int err = Z_OK;
  do {
    in.arrange();
    int flush = finish ? (in.left == 0 ? Z_FINISH : Z_NO_FLUSH) : Z_SYNC_FLUSH;
    bool full;
    do {
      if (out.size() >= limit) return err;
      err = step(st.zs, out, limit - out.size(), full, [&] { return inflate(&st.zs, flush); });
      if (err == Z_NEED_DICT && st.zdict && !stop_at_dict) {
        setInflateZdict(vm, mod, st);
        full = true;
        continue;
      }
      if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) return err;
    } while (full);
  } while (err != Z_STREAM_END && in.left != 0);
  return err;
}

/// save_unconsumed_input: what follows the stream goes to unused_data, what zlib did not take
/// yet to unconsumed_tail.
void saveUnconsumed(DecompressState& st, Input& in, int err) {
  if (err == Z_STREAM_END && in.remaining() > 0) {
    st.unused_data += in.rest();
    in.zs.next_in += in.remaining();
    in.zs.avail_in = 0;
    in.left = 0;
  }
  if (in.remaining() != 0 || !st.unconsumed_tail.empty()) st.unconsumed_tail = in.rest();
}

Value decompressobjDecompress(VM& vm, const ModPtr& mod, CallArgs& a) {
  auto& st = decState(vm, a, "decompress");
  auto p = clinicParse(vm, a, {"decompress", {"data", "max_length"}, 1, 1}, 1);
  std::string_view data = bufferArg(vm, p[0]);
  int64_t max_length = p[1] ? ssizeArg(vm, p[1]) : 0;
  if (max_length < 0) vm.raise(vm.b().value_error, "max_length must be non-negative");
  std::string copy(data);  // the buffer may be the object's own unconsumed_tail
  Input in(st.zs, copy);
  std::string out;
  int err = inflateSome(vm, *mod, st, in, out, max_length == 0 ? SIZE_MAX : max_length);
  saveUnconsumed(st, in, err);
  if (err == Z_STREAM_END)
    st.eof = true;
  else if (err != Z_OK && err != Z_BUF_ERROR)
    zlibError(vm, *mod, st.zs, err, "while decompressing data");
  return pyBytes(std::move(out));
}

Value decompressobjFlush(VM& vm, const ModPtr& mod, CallArgs& a) {
  auto& st = decState(vm, a, "flush");
  auto p = clinicParse(vm, a, {"flush", {"length"}, 1, 0}, 1);
  int64_t length = p[0] ? ssizeArg(vm, p[0]) : kDefBufSize;
  if (length <= 0) vm.raise(vm.b().value_error, "length must be greater than zero");
  std::string tail = st.unconsumed_tail;
  Input in(st.zs, tail);
  std::string out;
  // flush() returns what it has even when the stream is bad or incomplete
  int err = inflateSome(vm, *mod, st, in, out, SIZE_MAX, true);
  saveUnconsumed(st, in, err);
  if (err == Z_STREAM_END) {
    st.eof = true;
    st.init = false;
    err = inflateEnd(&st.zs);
    if (err != Z_OK) zlibError(vm, *mod, st.zs, err, "while finishing decompression");
  }
  return pyBytes(std::move(out));
}

void installDecompress(VM& vm, const ModPtr& mod) {
  ClassPtr cls = makeNativeType(vm, "zlib", "Decompress");
  mod->decompress = cls;
  nativeConstructor(cls, [](VM& vm, CallArgs&) -> Value {
    vm.raise(vm.b().type_error, "cannot create 'zlib.Decompress' instances");
  });
  nativeMethod(cls, "decompress",
               [mod](VM& vm, CallArgs& a) { return decompressobjDecompress(vm, mod, a); });
  nativeMethod(cls, "flush", [mod](VM& vm, CallArgs& a) { return decompressobjFlush(vm, mod, a); });
  auto copy = [mod](VM& vm, DecompressState& st) -> Value {
    if (!st.init) vm.raise(vm.b().value_error, "Inconsistent stream state");
    auto dup = std::make_shared<DecompressState>();
    int err = inflateCopy(&dup->zs, &st.zs);
    if (err == Z_STREAM_ERROR) vm.raise(vm.b().value_error, "Inconsistent stream state");
    if (err == Z_MEM_ERROR) memoryError(vm, "Can't allocate memory for decompression object");
    if (err != Z_OK) zlibError(vm, *mod, st.zs, err, "while copying decompression object");
    dup->init = true;
    dup->eof = st.eof;
    dup->unused_data = st.unused_data;
    dup->unconsumed_tail = st.unconsumed_tail;
    dup->zdict = st.zdict;
    return newNative(mod->decompress, dup);
  };
  for (const char* name : {"copy", "__copy__"})
    nativeMethod(cls, name, [copy, name](VM& vm, CallArgs& a) -> Value {
      auto& st = decState(vm, a, name);
      methNoArgs(vm, a, std::string("Decompress.") + name);
      return copy(vm, st);
    });
  nativeMethod(cls, "__deepcopy__", [copy](VM& vm, CallArgs& a) -> Value {
    auto& st = decState(vm, a, "__deepcopy__");
    methOneArg(vm, a, "Decompress.__deepcopy__");
    return copy(vm, st);
  });
  nativeGetSet(cls, "eof", [](VM& vm, const Value& self) {
    return pyBool(nativeState<DecompressState>(vm, self, "eof").eof);
  });
  nativeGetSet(cls, "unused_data", [](VM& vm, const Value& self) {
    return pyBytes(nativeState<DecompressState>(vm, self, "unused_data").unused_data);
  });
  nativeGetSet(cls, "unconsumed_tail", [](VM& vm, const Value& self) {
    return pyBytes(nativeState<DecompressState>(vm, self, "unconsumed_tail").unconsumed_tail);
  });
}

/// _ZlibDecompressor.decompress: like bz2's and lzma's decompressors, it keeps the input it
/// could not use yet and prepends it to the next call's.
Value zlibDecompressorDecompress(VM& vm, const ModPtr& mod, CallArgs& a) {
  auto& st = decState(vm, a, "decompress");
  auto p = clinicParse(vm, a, {"decompress", {"data", "max_length"}, 0, 1}, 1);
  std::string_view data = bufferArg(vm, p[0]);
  int64_t max_length = p[1] ? ssizeArg(vm, p[1]) : -1;
  if (st.eof) vm.raise(builtinClass(vm, "EOFError"), "End of stream already reached");
  std::string input = st.pending;
  input.append(data);
  Input in(st.zs, input);
  std::string out;
  int err = inflateSome(vm, *mod, st, in, out, max_length < 0 ? SIZE_MAX : max_length, false, true);
  // CPython 3.14 gives up on a stream that asks for a dictionary, without an exception
  if (err == Z_NEED_DICT)
    vm.raise(builtinClass(vm, "SystemError"),
             "<method 'decompress' of 'zlib._ZlibDecompressor' objects> returned NULL without "
             "setting an exception");
  if (err == Z_STREAM_END) {
    st.eof = true;
    st.init = false;
    std::string rest = in.rest();
    inflateEnd(&st.zs);
    st.needs_input = false;
    st.unused_data = rest;
    st.pending.clear();
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    zlibError(vm, *mod, st.zs, err, "while decompressing data");
  } else if (in.remaining() == 0) {
    st.pending.clear();
    st.needs_input = true;
  } else {
    st.needs_input = false;
    st.pending = in.rest();
  }
  return pyBytes(std::move(out));
}

void installZlibDecompressor(VM& vm, const ModPtr& mod) {
  ClassPtr cls = makeNativeType(vm, "zlib", "_ZlibDecompressor");
  mod->decompressor = cls;
  nativeConstructor(cls, [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"_ZlibDecompressor", {"wbits", "zdict"}, 0, 0}, 1);
    auto st = newDecompress(vm, *mod, intOr(vm, p[0], MAX_WBITS), p[1]);
    return newNative(constructedClass(a), st);
  });
  nativeMethod(cls, "decompress",
               [mod](VM& vm, CallArgs& a) { return zlibDecompressorDecompress(vm, mod, a); });
  nativeGetSet(cls, "eof", [](VM& vm, const Value& self) {
    return pyBool(nativeState<DecompressState>(vm, self, "eof").eof);
  });
  nativeGetSet(cls, "unused_data", [](VM& vm, const Value& self) {
    return pyBytes(nativeState<DecompressState>(vm, self, "unused_data").unused_data);
  });
  nativeGetSet(cls, "needs_input", [](VM& vm, const Value& self) {
    return pyBool(nativeState<DecompressState>(vm, self, "needs_input").needs_input);
  });
}

// ---- the module ----

void installFunctions(const Value& m, const ModPtr& mod) {
  moduleFunction(m, "compress", [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"compress", {"data", "level", "wbits"}, 1, 1});
    std::string_view data = bufferArg(vm, p[0]);
    return compressData(vm, *mod, data, intOr(vm, p[1], Z_DEFAULT_COMPRESSION),
                        intOr(vm, p[2], MAX_WBITS));
  });
  moduleFunction(m, "decompress", [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"decompress", {"data", "wbits", "bufsize"}, 1, 1});
    std::string_view data = bufferArg(vm, p[0]);
    int wbits = intOr(vm, p[1], MAX_WBITS);
    if (p[2] && ssizeArg(vm, p[2]) < 0)
      vm.raise(vm.b().value_error, "bufsize must be non-negative");
    return decompressData(vm, *mod, data, wbits);
  });
  moduleFunction(m, "compressobj",
                 [mod](VM& vm, CallArgs& a) -> Value { return compressobj(vm, mod, a); });
  moduleFunction(m, "decompressobj", [mod](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"decompressobj", {"wbits", "zdict"}, 0, 0});
    return newNative(mod->decompress, newDecompress(vm, *mod, intOr(vm, p[0], MAX_WBITS), p[1]));
  });
  for (const char* name : {"crc32", "adler32"})
    moduleFunction(m, name, [name](VM& vm, CallArgs& a) -> Value {
      noKeywords(vm, a, (std::string("zlib.") + name).c_str());
      checkPositional(vm, a, name, 1, 2);
      std::string_view data = bufferArg(vm, a.args[0]);
      bool crc = name[0] == 'c';
      uint32_t value = a.args.size() > 1 ? bitwiseUnsigned(vm, a.args[1]) : crc ? 0 : 1;
      auto* bytes = reinterpret_cast<const Bytef*>(data.data());
      return pyInt(crc ? crc32_z(value, bytes, data.size()) : adler32_z(value, bytes, data.size()));
    });
}

}  // namespace

Value makeZlibModule(VM& vm) {
  Value m = newNativeModule("zlib");
  auto& dict = *as<ModuleObject>(m).dict;
  auto mod = std::make_shared<ZlibModule>();
  auto errdict = newDict();
  errdict->setStr("__module__", pyStr("zlib"));
  mod->error = vm.makeClass("error", {vm.b().exception}, errdict);
  mod->error->module = "zlib";
  dict.setStr("error", mod->error);
  installCompress(vm, mod);
  installDecompress(vm, mod);
  installZlibDecompressor(vm, mod);
  dict.setStr("_ZlibDecompressor", mod->decompressor);
  installFunctions(m, mod);
  static const std::pair<const char*, int> kConstants[] = {
      {"MAX_WBITS", MAX_WBITS},
      {"DEFLATED", Z_DEFLATED},
      {"DEF_MEM_LEVEL", kDefMemLevel},
      {"DEF_BUF_SIZE", kDefBufSize},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
      {"Z_BEST_SPEED", Z_BEST_SPEED},
      {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
      {"Z_FILTERED", Z_FILTERED},
      {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE},
      {"Z_FIXED", Z_FIXED},
      {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
      {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
      {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
      {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH},
      {"Z_BLOCK", Z_BLOCK},
      {"Z_TREES", Z_TREES}};
  for (auto [name, v] : kConstants) dict.setStr(name, pyInt(v));
  dict.setStr("ZLIB_VERSION", pyStr(ZLIB_VERSION));
  dict.setStr("ZLIB_RUNTIME_VERSION", pyStr(zlibVersion()));
  dict.setStr("__version__", pyStr("1.0"));
  return m;
}

}  // namespace gbc::interp
