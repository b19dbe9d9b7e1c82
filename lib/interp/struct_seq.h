// CPython's "struct sequences" (sys.version_info, sys.flags, sys.float_info, ...): tuples whose
// items are also named fields. The VM cannot subclass tuple natively yet, so a struct sequence is
// an instance of its own class holding a tuple: indexing, slicing, len, iteration, comparison
// with a tuple on either side where the VM asks the left operand (`sys.version_info >= (3, 8)`),
// hashing, repr and the named fields behave as CPython's. Not yet: isinstance(v, tuple), and a
// comparison with the tuple on the left (`(3, 8) <= sys.version_info`), which needs the VM to try
// the right operand's reflected method.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "interp/vm.h"

namespace gbc::interp {

/// A struct-sequence type: `name` as repr prints it ("sys.version_info"), the names of the
/// sequence fields, then of the fields that are attributes only (sys.flags.gil).
ClassPtr makeStructSeqType(VM& vm, const std::string& name, std::vector<std::string> fields,
                           size_t n_sequence);

/// An instance of `type` with `values` (one per field, sequence fields first).
Value makeStructSeq(VM& vm, const ClassPtr& type, std::vector<Value> values);

/// The tuple of a struct sequence's sequence fields (null when `v` is not one).
Value structSeqTuple(const Value& v);

}  // namespace gbc::interp
