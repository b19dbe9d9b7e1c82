// The methods of str, registered by kind (VM::nativeMethods(Kind::Str)) and published into the
// class dict by slots.cpp. One installer per file, by concern.
#pragma once

#include "interp/value.h"

namespace gbc::interp {

class VM;

void installStrSearch(VM& vm);  ///< str_search.cpp: find, count, replace, partition, ...
void installStrSplit(VM& vm);   ///< str_split.cpp: split, splitlines, join, strip, expandtabs
void installStrCase(VM& vm);    ///< str_case.cpp: case mappings, is* predicates, padding
void installStrMisc(VM& vm);    ///< str_misc.cpp: translate, maketrans, encode, format, %

/// str.maketrans (a static method: no receiver).
Value strMaketrans(VM& vm, CallArgs& a);

/// All of them.
inline void installStrMethods(VM& vm) {
  installStrSearch(vm);
  installStrSplit(vm);
  installStrCase(vm);
  installStrMisc(vm);
}

}  // namespace gbc::interp
