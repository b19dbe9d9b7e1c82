// nestingBound must never be below the real depth of tree-sitter's tree (checkSyntax trusts it),
// and checkSyntax must report what parseModule reports, less gbc's unsupported constructs.
#include "syntax/nesting.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "syntax/parser.h"

extern "C" const TSLanguage* tree_sitter_python();

namespace {

uint32_t depthOf(const std::string& source) {
  std::unique_ptr<TSParser, decltype(&ts_parser_delete)> parser(ts_parser_new(), ts_parser_delete);
  ts_parser_set_language(parser.get(), tree_sitter_python());
  std::unique_ptr<TSTree, decltype(&ts_tree_delete)> tree(
      ts_parser_parse_string(parser.get(), nullptr, source.data(),
                             static_cast<uint32_t>(source.size())),
      ts_tree_delete);
  return gbc::syntax::treeDepth(ts_tree_root_node(tree.get()), 1'000'000);
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("nestingBound is an upper bound of the tree's depth on nesting-heavy code") {
  const std::string cases[] = {
      "x = " + repeat("(", 60) + "1" + repeat(")", 60) + "\n",
      "x = " + repeat("-", 80) + "1\n",
      "x = " + repeat("not ", 80) + "y\n",
      "x = a" + repeat(".b", 80) + "\n",
      "x = " + repeat("1 + ", 80) + "1\n",
      "x = " + repeat("a and ", 80) + "b\n",
      "f = " + repeat("lambda: ", 60) + "1\n",
      "x = f" + repeat("(", 40) + repeat(")", 40) + "\n",
      "x = " + repeat("{1: ", 40) + "2" + repeat("}", 40) + "\n",
      "def f(x: " + repeat("List[", 30) + "int" + repeat("]", 30) + "): pass\n",
      "x = " + repeat("a if b else ", 50) + "c\n",
      "x = [" + repeat("[y for y in ", 20) + "z" + repeat("]", 20) + "]\n",
      [] {
        std::string s;
        for (int i = 0; i < 30; ++i)
          s += repeat("    ", i) + "try:\n" + repeat("    ", i + 1) + "pass\n" + repeat("    ", i) +
               "except E:\n";
        return s + repeat("    ", 30) + "pass\n";
      }(),
      "if a:\n    if b:\n        if c:\n            x = (1 +\n  2) \\\n + 3\n",
      "s = f'{a[b[c[d]]]}' + \"\"\"(((\"\"\"  # ((((\n",
  };
  for (const std::string& source : cases) {
    INFO(source.substr(0, 80));
    CHECK(gbc::syntax::nestingBound(source) >= depthOf(source));
  }
}

TEST_CASE("checkSyntax reports what parseModule reports, gbc's unsupported constructs aside") {
  using gbc::syntax::checkSyntax;
  using gbc::syntax::parseModule;
  const std::string errors[] = {
      "def f(:\n    pass\n",
      "x = " + repeat("(", 5000) + "1" + repeat(")", 5000) + "\n",
      "x = " + repeat("-", 5000) + "1\n",
      "x = a" + repeat(".b", 5000) + "\n",
      std::string("x = 1\n\0y = 2\n", 13),
      "x = '\xff'\n",
  };
  for (const std::string& source : errors) {
    INFO(source.substr(0, 40));
    auto parsed = parseModule("m.py", source);
    auto checked = checkSyntax("m.py", source);
    REQUIRE_FALSE(parsed.has_value());
    REQUIRE(checked.has_value());
    CHECK(checked->message == parsed.error().message);
  }
  // What only lowering finds (an unknown \N{} name) stops an analysis that executes the file; the
  // lexical syntax check does not lower a shallow file, so it accepts it.
  CHECK_FALSE(parseModule("m.py", "s = '\\N{NO SUCH CHARACTER NAME}'\n").has_value());
  CHECK_FALSE(checkSyntax("m.py", "s = '\\N{NO SUCH CHARACTER NAME}'\n").has_value());
  CHECK_FALSE(checkSyntax("m.py", "x = 1\nprint(x)\n").has_value());
  // a 5000-term chain of operators is Python (CPython compiles it), for both
  CHECK(parseModule("m.py", "x = " + repeat("1+", 4999) + "1\n").has_value());
  CHECK_FALSE(checkSyntax("m.py", "x = " + repeat("1+", 4999) + "1\n").has_value());
}
