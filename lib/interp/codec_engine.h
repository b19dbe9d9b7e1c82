// The codecs behind codecs.h and _codecs, private to lib/interp's codec_*.cpp files: error
// handling shared by every codec (codec_errors.cpp) and the encoders and decoders
// (codec_utf.cpp, codec_escape.cpp, codec_charmap.cpp). Encoders take a str (its code points)
// and return bytes; decoders take bytes and return gbc's UTF-8 text, with the number of bytes
// consumed (a decoder that is not `final` leaves an incomplete sequence at the end).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "interp/text.h"
#include "interp/value.h"

namespace gbc::interp {

/// How 'surrogatepass' writes or reads a surrogate in a codec (None: it cannot).
enum class SurrogateForm { None, Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE };

/// The built-in error handlers, which CPython's codecs recognise by name.
enum class ErrorMode {
  Strict,
  Ignore,
  Replace,
  BackslashReplace,
  XmlCharRefReplace,
  NameReplace,
  SurrogateEscape,
  SurrogatePass,
  Other,  ///< a handler from the registry
};
ErrorMode errorMode(std::string_view errors);

/// Handles the unencodable runs of one encode call.
class EncodeErrors {
 public:
  EncodeErrors(VM& vm, std::string encoding, std::string_view errors, const Value& str)
      : vm_(vm),
        encoding_(std::move(encoding)),
        errors_(errors),
        mode_(errorMode(errors)),
        str_(str) {}

  /// The code points [start, end) of the input cannot be encoded (`reason`): appends what the
  /// handler gives, each character through `encode_char` (false: the codec cannot encode it
  /// either, so the original error stands), and returns where encoding continues.
  size_t handle(std::string& out, size_t start, size_t end, std::string_view reason,
                const std::function<bool(char32_t, std::string&)>& encode_char,
                SurrogateForm surrogates = SurrogateForm::None);
  ErrorMode mode() const { return mode_; }
  [[noreturn]] void raise(size_t start, size_t end, std::string_view reason);

 private:
  VM& vm_;
  std::string encoding_;
  std::string errors_;
  ErrorMode mode_;
  Value str_;
};

/// Handles the undecodable stretches of one decode call.
class DecodeErrors {
 public:
  DecodeErrors(VM& vm, std::string encoding, std::string_view errors, std::string_view input,
               Value input_obj = nullptr)
      : vm_(vm),
        encoding_(std::move(encoding)),
        errors_(errors),
        mode_(errorMode(errors)),
        input_(input),
        obj_(std::move(input_obj)) {}

  /// Bytes [start, end) of the input cannot be decoded (`reason`): appends the handler's text
  /// to `out` (gbc's UTF-8) and returns where decoding continues. A user handler may replace
  /// the input (exc.object): input() then returns the new one.
  size_t handle(std::string& out, size_t start, size_t end, std::string_view reason,
                SurrogateForm surrogates = SurrogateForm::None);
  std::string_view input() const { return input_; }
  ErrorMode mode() const { return mode_; }

 private:
  Value object();

  VM& vm_;
  std::string encoding_;
  std::string errors_;
  ErrorMode mode_;
  std::string_view input_;
  Value obj_;
  std::string replaced_;  ///< the input a handler put in exc.object
};

struct Decoded {
  std::string text;  ///< gbc's UTF-8
  size_t consumed = 0;
  int byteorder = 0;  ///< utf-16/32 with a BOM: -1 little, 1 big (0: none seen)
};

// ---- codec_utf.cpp ----
std::string encodeUtf8(VM& vm, const Value& str, std::string_view errors);
Decoded decodeUtf8(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                   bool final);
/// latin-1 (limit 256) and ascii (limit 128).
std::string encodeLatin1(VM& vm, const Value& str, std::string_view errors, char32_t limit);
Decoded decodeLatin1(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                     bool ascii);
/// byteorder -1 little, 1 big, 0 native (little) after a BOM.
std::string encodeUtf16(VM& vm, const Value& str, std::string_view errors, int byteorder);
std::string encodeUtf32(VM& vm, const Value& str, std::string_view errors, int byteorder);
/// byteorder as above; 0 reads a BOM if there is one (Decoded::byteorder says which).
Decoded decodeUtf16(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                    int byteorder, bool final);
Decoded decodeUtf32(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                    int byteorder, bool final);

// ---- codec_escape.cpp ----
std::string encodeUnicodeEscape(const Value& str, bool raw);
Decoded decodeUnicodeEscape(VM& vm, std::string_view data, const Value& obj,
                            std::string_view errors, bool raw, bool final);
std::string encodeUtf7(VM& vm, const Value& str);
Decoded decodeUtf7(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                   bool final);
/// codecs.escape_encode / escape_decode (bytes to bytes).
std::string escapeEncode(std::string_view data);
std::string escapeDecode(VM& vm, std::string_view data, std::string_view errors);

// ---- codec_charmap.cpp ----
std::string encodeCharmap(VM& vm, const Value& str, std::string_view errors, const Value& mapping);
Decoded decodeCharmap(VM& vm, std::string_view data, const Value& obj, std::string_view errors,
                      const Value& mapping);
/// The EncodingMap type (one per _codecs module) and codecs.charmap_build(decoding_table).
ClassPtr makeEncodingMapType(VM& vm);
Value buildCharmap(VM& vm, const Value& table, const ClassPtr& map_type);

/// The `\N{...}` name of a code point, or "" (unicodedata.name).
std::string characterName(char32_t cp);

}  // namespace gbc::interp
