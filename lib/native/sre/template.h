// _sre.template: a compiled replacement (the list re._parser.parse_template makes, literal
// chunks interleaved with group numbers) and its expansion for one match, as CPython's
// expand_template does it. The literals stay the VM's objects; the template knows them by
// position.
#pragma once

#include <cstddef>
#include <vector>

#include "native/sre/outcome.h"
#include "native/sre/pattern.h"

namespace gbc::native::sre {

/// Receives the pieces of an expansion in order.
class TemplateSink {
 public:
  virtual ~TemplateSink() = default;
  /// The template's literal number `index` (0 .. groupCount()).
  virtual void appendLiteral(size_t index) = 0;
  /// The subject's characters in `span`.
  virtual void appendGroup(Span span) = 0;
};

class Template {
 public:
  /// _sre.template(pattern, [literal0, group1, literal1, ..., groupN, literalN]) given the N group
  /// numbers and, for each of the N+1 literals, whether it is empty. A negative group number (or
  /// counts that do not fit that shape) is TypeError "invalid template". The VM checks the list
  /// itself: odd length, ints where group numbers go.
  static Outcome<Template> make(std::vector<std::ptrdiff_t> group_numbers,
                                std::vector<bool> literal_is_empty);

  /// The number of group references (CPython's Py_SIZE of the template object).
  size_t groupCount() const { return groups_.size(); }
  /// True when the replacement is just literal 0 (sub then treats it as a plain string).
  bool isLiteral() const { return groups_.empty(); }

  /// Expands for `match`: literal 0, then per reference the group's characters (nothing when the
  /// group did not take part) and the following literal unless empty. A group number beyond the
  /// pattern's groups is IndexError "no such group".
  Outcome<Done> expand(const Match& match, TemplateSink& sink) const;

 private:
  Template(std::vector<std::ptrdiff_t> groups, std::vector<bool> literal_is_empty)
      : groups_(std::move(groups)), literal_is_empty_(std::move(literal_is_empty)) {}

  std::vector<std::ptrdiff_t> groups_;
  std::vector<bool> literal_is_empty_;
};

}  // namespace gbc::native::sre
