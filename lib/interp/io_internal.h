// What the files of the _io module share (mod_io.cpp: the module, open(); io_base.cpp: the
// _IOBase hierarchy; io_fileio.cpp: FileIO; io_buffered.cpp: the Buffered* classes;
// io_text.cpp: TextIOWrapper and IncrementalNewlineDecoder; io_memory.cpp: StringIO, BytesIO).
// Private to them.
//
// The layers call each other natively when the object below is gbc's own (a TextIOWrapper over
// a BufferedReader over a FileIO never leaves C++), and through Python method calls otherwise
// (a user's raw stream class), as CPython's C code calls them.
#pragma once

#include <memory>
#include <string>

#include "interp/native_args.h"
#include "interp/native_type.h"
#include "interp/vfs.h"
#include "interp/vm.h"

namespace gbc::interp {

/// The classes of the _io module, made once per module.
struct IoTypes {
  ClassPtr iobase, rawiobase, bufferediobase, textiobase;
  ClassPtr fileio, bytesio, stringio;
  ClassPtr buffered_reader, buffered_writer, buffered_random, buffered_rwpair;
  ClassPtr text_wrapper, newline_decoder;
  ClassPtr unsupported;  // io.UnsupportedOperation
  int64_t default_buffer_size = 131072;
};

/// UnsupportedOperation(message).
[[noreturn]] void raiseUnsupported(VM& vm, const IoTypes& t, const std::string& message);
/// ValueError "I/O operation on closed file." (`period`: the text of _IOBase and the text
/// layer; FileIO's has none).
[[noreturn]] void raiseClosed(VM& vm, bool period = true);

// ---- FileIO (io_fileio.cpp)

struct FileIOState : NativeState {
  std::shared_ptr<Vfs> vfs;
  int fd = -1;
  bool readable = false, writable = false, appending = false, created = false;
  bool closefd = true;
  int seekable = -1;  // unknown until asked
  int64_t blksize = 0;
  ~FileIOState() override;
};

/// The FileIO state of `raw` when it is gbc's own FileIO (null otherwise).
FileIOState* fileIOState(const Value& raw);
/// Reads at most n bytes (n < 0: all); raises OSError.
std::string fileRead(VM& vm, FileIOState& f, int64_t n);
size_t fileWrite(VM& vm, FileIOState& f, std::string_view data);
int64_t fileSeek(VM& vm, FileIOState& f, int64_t pos, int whence);
bool fileSeekable(VM& vm, FileIOState& f);
/// Opens a FileIO as FileIO(file, mode, closefd, opener) does; `mode` like "rb+".
Value openFileIO(VM& vm, const IoTypes& t, const ClassPtr& cls, const Value& file,
                 const std::string& mode, bool closefd, const Value& opener);
void installFileIO(VM& vm, const std::shared_ptr<IoTypes>& t);

// ---- the buffered layer (io_buffered.cpp)

/// Reads at most n bytes of the buffered object `b` the way read1 does (one raw read at most;
/// n < 0: as much as one read gives), natively or through b.read1(n).
std::string bufferedRead1(VM& vm, const Value& b, int64_t n);
/// Reads all that is left of `b` (b.read()).
std::string bufferedReadAll(VM& vm, const Value& b);
void bufferedWrite(VM& vm, const Value& b, const std::string& data);
void bufferedFlush(VM& vm, const Value& b);
/// Makes a buffered object's writes reach its raw stream at once (sys.stdout, sys.stderr).
void setBufferedWriteThrough(const Value& b);
void installBuffered(VM& vm, const std::shared_ptr<IoTypes>& t);

// ---- the text layer (io_text.cpp) and memory streams (io_memory.cpp)

void installTextIO(VM& vm, const std::shared_ptr<IoTypes>& t);
/// Makes a TextIOWrapper write through to its buffer at every write (sys.stdout, sys.stderr).
void setTextWriteThrough(const Value& text);
void installMemoryIO(VM& vm, const std::shared_ptr<IoTypes>& t);

// ---- IncrementalNewlineDecoder (io_newline.cpp)

void installNewlineDecoder(VM& vm, const std::shared_ptr<IoTypes>& t);

// ---- the bases (io_base.cpp)

void installIOBase(VM& vm, const std::shared_ptr<IoTypes>& t);

/// A bool attribute of an object (self.closed, raw.readable()...), through Python.
bool callBool(VM& vm, const Value& obj, const char* method);
bool attrBool(VM& vm, const Value& obj, const char* attr);
/// "argument should be integer or None, not 'str'": a size (-1 for None or missing).
int64_t sizeArg(VM& vm, const Value& v);

}  // namespace gbc::interp
