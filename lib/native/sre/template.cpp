// _sre.template and expand_template (CPython 3.14, Modules/_sre/sre.c).
#include "native/sre/template.h"

namespace gbc::native::sre {

Outcome<Template> Template::make(std::vector<std::ptrdiff_t> group_numbers,
                                 std::vector<bool> literal_is_empty) {
  if (literal_is_empty.size() != group_numbers.size() + 1)
    return SreError{ErrorKind::InvalidTemplate, "invalid template"};
  for (std::ptrdiff_t g : group_numbers)
    if (g < 0) return SreError{ErrorKind::InvalidTemplate, "invalid template"};
  return Template(std::move(group_numbers), std::move(literal_is_empty));
}

Outcome<Done> Template::expand(const Match& match, TemplateSink& sink) const {
  sink.appendLiteral(0);
  for (size_t i = 0; i < groups_.size(); ++i) {
    auto g = static_cast<size_t>(groups_[i]);
    if (g >= match.groups.size()) return SreError{ErrorKind::NoSuchGroup, "no such group"};
    const Span& span = match.groups[g];
    if (span.matched()) sink.appendGroup(span);
    if (!literal_is_empty_[i + 1]) sink.appendLiteral(i + 1);
  }
  return Done{};
}

}  // namespace gbc::native::sre
