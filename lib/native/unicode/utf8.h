// Strict UTF-8 conversion with CPython's error reports: where decoding fails (start, end and
// reason of UnicodeDecodeError) and which run of surrogates cannot be encoded (UnicodeEncodeError).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gbc::native::unicode {

/// Why strict UTF-8 conversion failed, as CPython reports it: the offending range [start, end)
/// (bytes when decoding, code points when encoding) and the reason text
/// ("invalid start byte", "invalid continuation byte", "unexpected end of data",
/// "surrogates not allowed").
struct Utf8Error {
  size_t start = 0;
  size_t end = 0;
  std::string_view reason;
};

/// Whether UTF-8 input may encode surrogates (ED A0..BF xx), as the 'surrogatepass' handler
/// allows; strict UTF-8 refuses them.
enum class Surrogates { Reject, Pass };

/// Decodes strict UTF-8 (no surrogates, no overlongs, nothing above U+10FFFF) as
/// bytes.decode('utf-8') does; on failure returns the first error and leaves `out` partial.
std::optional<Utf8Error> decodeUtf8(std::string_view bytes, std::u32string& out,
                                    Surrogates surrogates = Surrogates::Reject);

/// Encodes code points as str.encode('utf-8') does; a surrogate (U+D800..U+DFFF) is an error
/// covering it and the surrogates right after it. Code points above U+10FFFF are a bug.
std::optional<Utf8Error> encodeUtf8(std::u32string_view text, std::string& out);

/// Appends one code point (any value up to U+10FFFF, surrogates included) as UTF-8 bytes.
void appendUtf8(std::string& out, char32_t cp);

/// The number of code points in valid UTF-8 (bytes that are not continuation bytes).
size_t countCodePoints(std::string_view utf8);

/// The narrowest code-unit width (1, 2 or 4 bytes) that holds every code point of `text`: what
/// CPython's str stores, and what the regular-expression engine can run on fastest.
int narrowestWidth(std::u32string_view text);

}  // namespace gbc::native::unicode
