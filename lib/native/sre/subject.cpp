// TextBuffer: a str in the narrowest width its code points allow.
#include "native/sre/subject.h"

#include "native/unicode/utf8.h"

namespace gbc::native::sre {

TextBuffer::TextBuffer(std::u32string_view text) { assign(text); }

bool TextBuffer::assignUtf8(std::string_view utf8) {
  std::u32string text;
  if (unicode::decodeUtf8(utf8, text, unicode::Surrogates::Pass)) {
    assign(U"");
    return false;
  }
  assign(text);
  return true;
}

void TextBuffer::assign(std::u32string_view text) {
  width_ = unicode::narrowestWidth(text);
  size_ = text.size();
  ucs1_.clear();
  ucs2_.clear();
  ucs4_.clear();
  if (width_ == 1)
    ucs1_.assign(text.begin(), text.end());
  else if (width_ == 2)
    ucs2_.assign(text.begin(), text.end());
  else
    ucs4_.assign(text);
}

Subject TextBuffer::subject() const {
  if (width_ == 1) return Subject::ucs1(ucs1_.data(), size_);
  if (width_ == 2) return Subject::ucs2(ucs2_.data(), size_);
  return Subject::ucs4(ucs4_.data(), size_);
}

}  // namespace gbc::native::sre
