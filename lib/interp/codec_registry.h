// The codec and error-handler registries of one VM (CPython's interp->codecs), shared by
// codecs.cpp and the _codecs module (mod_codecs.cpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interp/value.h"

namespace gbc::interp {

struct CodecRegistry {
  std::weak_ptr<DictObject> owner;  ///< the VM's builtins (tells a VM from an earlier one)
  std::vector<Value> search;        ///< codecs.register's search functions
  std::unordered_map<std::string, Value> cache;   ///< normalized name -> CodecInfo
  std::unordered_map<std::string, Value> errors;  ///< codecs.register_error's handlers
  bool initialized = false;                       ///< `encodings` imported (on the first lookup)
  bool import_failed = false;  ///< ... and that failed: unknown names are gbc's gap
};

CodecRegistry& codecRegistry(VM& vm);
/// _Py_normalize_encoding: lower case, runs of characters other than letters, digits and '.'
/// become one '_' (none at the ends).
std::string normalizeEncodingName(std::string_view encoding);
/// The built-in handler named `name` (strict_errors, ...) as a callable; null for another name.
Value builtinErrorHandler(VM& vm, std::string_view name);

}  // namespace gbc::interp
