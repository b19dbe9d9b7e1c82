// gbc's text codecs, what CPython's Objects/unicodeobject.c and Python/codecs.c do natively:
// str.encode / bytes.decode with CPython's fast paths (utf-8, utf-16, utf-32, latin-1, ascii)
// and otherwise the codec registry (_codecs.register / lookup, whose first use imports the
// `encodings` package as CPython's start-up does), the error-handler registry with the built-in
// handlers (strict, ignore, replace, backslashreplace, xmlcharrefreplace, namereplace,
// surrogateescape, surrogatepass) and user ones, and the codecs _codecs exports (codec_*.cpp).
//
// gbc's str holds lone surrogates in their three-byte form (text.h): decoding with
// 'surrogateescape' gives U+DC80..U+DCFF, encoding takes them back.
#pragma once

#include <string>
#include <string_view>

#include "interp/value.h"

namespace gbc::interp {

/// str.encode(encoding, errors): bytes.
Value encodeStr(VM& vm, const Value& str, std::string_view encoding, std::string_view errors);
/// bytes.decode(encoding, errors) and str(obj, encoding, errors): a str. `data` is obj's bytes.
Value decodeBytes(VM& vm, const Value& obj, std::string_view data, std::string_view encoding,
                  std::string_view errors);
/// _codecs.lookup(encoding): the CodecInfo (LookupError "unknown encoding: x").
Value codecLookup(VM& vm, std::string_view encoding);
/// _codecs.lookup_error(name) (LookupError "unknown error handler name 'x'").
Value lookupErrorHandler(VM& vm, std::string_view name);

}  // namespace gbc::interp
