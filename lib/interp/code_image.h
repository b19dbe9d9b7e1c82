// Code images: a compiled module as bytes, so the Python parts of gbc's torch model (the
// preludes) are compiled once at build time instead of parsed and compiled by every process.
//
// tools/prelude_gen builds every target's VM, records each prelude it compiles and writes a C++
// source of images; the gbc binary links that source, whose static initializer registers the
// images. loadPrelude (vm.cpp) uses an image when one matches the prelude's file name and source
// hash, and parses and compiles the source otherwise (unit tests, a stale image).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "interp/bytecode.h"

namespace gbc::interp {

/// The bytes of `code` and everything it contains (nested code objects, constants, positions).
std::string serializeCode(const CodeObject& code);

/// The code object of serializeCode's bytes, or nullptr when they are malformed.
std::shared_ptr<CodeObject> deserializeCode(std::string_view bytes);

/// A hash (FNV-1a over words) of a prelude's source: an image is used only for the exact source it
/// was built from.
uint64_t sourceHash(std::string_view source);

struct CodeImage {
  const char* filename;
  uint64_t source_hash;
  const unsigned char* bytes;
  std::size_t size;
};

struct CodeImageTable {
  const CodeImage* images;
  std::size_t count;
};

/// Registers the build's images (called by the generated source's static initializer).
bool registerCodeImages(const CodeImageTable* table);

/// The key of an image: its source and the Python version it was compiled for (CompileOptions).
uint64_t imageKey(std::string_view source, std::string_view python);

/// The compiled prelude for `filename` with `source` for Python `python`, from the registered
/// images; nullptr when there is none for this exact source.
std::shared_ptr<CodeObject> findCodeImage(const std::string& filename, std::string_view source,
                                          std::string_view python);

/// Called with every prelude loadPrelude compiles from source (tools/prelude_gen records them).
using PreludeRecorder = std::function<void(const std::string& filename, std::string_view source,
                                           std::string_view python, const CodeObject& code)>;
void setPreludeRecorder(PreludeRecorder recorder);
const PreludeRecorder& preludeRecorder();

}  // namespace gbc::interp
