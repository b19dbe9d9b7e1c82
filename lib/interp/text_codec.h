// The text codecs gbc implements natively (for TextIOWrapper and os.fsencode/fsdecode; str.encode
// and bytes.decode have every codec of CPython's, codecs.h): UTF-8, UTF-8 with BOM ("utf-8-sig"),
// Latin-1 and ASCII, with the error handlers strict, ignore, replace, surrogateescape,
// backslashreplace (both ways) and xmlcharrefreplace / surrogatepass, and CPython 3.14's
// UnicodeError texts.
//
// gbc's str holds UTF-8, with lone surrogates (surrogateescape's U+DC80..U+DCFF) as their
// three-byte forms. A codec CPython has and gbc lacks (utf-16, cp1252, ...) is a gap of gbc,
// an unknown name CPython's LookupError.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "interp/vm.h"

namespace gbc::interp {

enum class Codec { Utf8, Utf8Sig, Latin1, Ascii };

/// The codec for an encoding name as CPython looks it up ("UTF8", "latin_1", "us-ascii", ...).
/// Raises LookupError "unknown encoding: x" for a name CPython does not know either, and gbc's
/// gap for a codec of CPython's that gbc lacks.
Codec lookupCodec(VM& vm, std::string_view encoding);

/// CPython's name of the codec ("utf-8", "latin-1", "ascii", "utf-8-sig").
const char* codecName(Codec codec);

/// Decodes `in` to gbc's str. With `final` false an incomplete sequence at the end stays
/// undecoded: `consumed` says how many bytes were used. Raises UnicodeDecodeError (strict).
std::string decodeText(VM& vm, Codec codec, std::string_view in, std::string_view errors,
                       bool final, size_t* consumed = nullptr);

/// Decodes the unit at in[i]: one character, or one undecodable run as `errors` replaces it
/// (Latin-1 and ASCII take one byte at a time). Appends its text to `out` and returns the
/// bytes used; 0 when `final` is false and the input ends inside a character. No BOM handling.
size_t decodeUnit(VM& vm, Codec codec, std::string_view in, size_t i, std::string_view errors,
                  bool final, std::string& out);

/// Encodes gbc's str `in`. Raises UnicodeEncodeError (strict).
std::string encodeText(VM& vm, Codec codec, std::string_view in, std::string_view errors);

/// Checks an errors= name ("strict", ...): LookupError "unknown error handler name 'x'" when
/// CPython has no such handler, gbc's gap for one gbc lacks (namereplace).
void checkErrorHandler(VM& vm, std::string_view errors);

/// Gives UnicodeDecodeError / UnicodeEncodeError their constructor, attributes and str()
/// (unicode_error.cpp; once the builtin classes exist).
void installUnicodeErrors(VM& vm);
/// UnicodeDecodeError(encoding, object, start, end, reason) (UnicodeEncodeError when !decode;
/// its positions count characters).
Value makeUnicodeError(VM& vm, bool decode, const std::string& encoding, Value object,
                       int64_t start, int64_t end, const std::string& reason);

/// Number of code points in gbc's str `s` (its len()).
size_t codePoints(std::string_view s);
/// The byte offset of code point `n` of `s` (s.size() when past the end).
size_t byteOffset(std::string_view s, size_t n);

}  // namespace gbc::interp
