// gbc_syntax_dump [--cst] FILE...: prints dumpAst of each file (or the parse error), for diffing
// against tools/cpython_ast_dump.py. A developer tool; not installed.
#include <fstream>
#include <iostream>
#include <sstream>

#include "syntax/ast_dump.h"
#include "syntax/parser.h"

int main(int argc, char** argv) {
  int status = 0;
  bool cst = false;  // --cst: tree-sitter's tree instead of the AST
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--cst") {
      cst = true;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "cannot read '" << argv[i] << "'\n";
      status = 2;
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (cst) {
      std::cout << gbc::syntax::dumpCst(buffer.str()) << "\n";
      continue;
    }
    auto module = gbc::syntax::parseModule(argv[i], buffer.str());
    if (!module) {
      std::cerr << module.error().message << "\n";
      status = 1;
      continue;
    }
    std::cout << gbc::syntax::dumpAst(*module);
  }
  return status;
}
