// CPython's struct sequences (Objects/structseq.c): os.stat_result, time.struct_time,
// os.terminal_size, sys.version_info, sys.flags, ... A struct-sequence type is a subclass of the
// builtin tuple: an instance is a real tuple of its sequence fields (indexing, slicing, len,
// iteration, comparison, hashing, isinstance(v, tuple) all as for a tuple), and every field,
// including those beyond the tuple (os.stat_result's st_atime float, st_mtime_ns, ...), is a
// read-only attribute by name.
//
// API (for native modules, `sys` included):
//   ClassPtr t = makeStructSeqType(vm, "os.terminal_size", {"columns", "lines"}, 2);
//   Value v = makeStructSeq(vm, t, {pyInt(80), pyInt(24)});   // os.terminal_size(columns=80, ...)
//   structSeqTuple(v)   -> (80, 24), a plain tuple        structSeqField(v, 1) -> 24
// `fields` lists every field in order: the `n_sequence` fields of the tuple first, then those
// that are attributes only. A field named kUnnamedField is in the tuple but has no attribute (as
// os.stat_result's integer st_atime at index 7). The type has n_fields, n_sequence_fields,
// n_unnamed_fields, __match_args__, __new__(sequence, dict=None) with CPython's checks, __repr__
// `os.stat_result(st_mode=..., ...)`, __reduce__ (pickle and copy), and __replace__ (3.13+).
#pragma once

#include <string>
#include <vector>

#include "interp/vm.h"

namespace gbc::interp {

/// The name CPython gives fields that are in the tuple only (PyStructSequence_UnnamedField).
inline constexpr const char* kUnnamedField = "unnamed field";

/// A struct-sequence type named `name` as repr prints it ("os.stat_result": module "os",
/// name "stat_result"), with `fields` (sequence fields first) and `n_sequence` of them in the
/// tuple.
ClassPtr makeStructSeqType(VM& vm, const std::string& name, std::vector<std::string> fields,
                           size_t n_sequence);

/// An instance of struct-sequence `type` with `values`, one per field (missing trailing
/// attribute-only fields are None).
Value makeStructSeq(VM& vm, const ClassPtr& type, std::vector<Value> values);

/// Whether `v` is an instance of a struct-sequence type.
bool isStructSeq(const Value& v);

/// The tuple of a struct sequence's sequence fields, as a plain tuple (null when `v` is not one).
Value structSeqTuple(const Value& v);

/// Field `i` of a struct sequence (attribute-only fields too); null when out of range.
Value structSeqField(const Value& v, size_t i);

/// Sets attribute-only field `i` of a fresh struct sequence (a type's own __new__ completing
/// it, as os.stat_result fills st_atime from the integer time).
void structSeqSetField(const Value& v, size_t i, Value value);

}  // namespace gbc::interp
