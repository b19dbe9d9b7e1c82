# gbc_compiler: AST -> gbc bytecode (symbol tables, code generation, disassembly).
# Included from lib/interp/CMakeLists.txt.
add_library(gbc_compiler STATIC
  ${CMAKE_CURRENT_LIST_DIR}/compiler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_expr.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_call.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_comp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_stmt.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_block.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_flags.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_async.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_match.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_generic.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_annotations.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_unparse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/symtable.cpp
  ${CMAKE_CURRENT_LIST_DIR}/symtable_scopes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_symtable_analyze.cpp
  ${CMAKE_CURRENT_LIST_DIR}/disassemble.cpp
  ${CMAKE_CURRENT_LIST_DIR}/opcodes.cpp)
target_include_directories(gbc_compiler PUBLIC ${PROJECT_SOURCE_DIR}/lib)
target_link_libraries(gbc_compiler PUBLIC gbc_base gbc_syntax)
target_compile_options(gbc_compiler PRIVATE ${GBC_WARNINGS})

gbc_add_test(interp_compiler_tests
  ${CMAKE_CURRENT_LIST_DIR}/compiler_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_scope_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/compiler_features_test.cpp)
if(TARGET interp_compiler_tests)
  target_link_libraries(interp_compiler_tests PRIVATE gbc_compiler Catch2::Catch2WithMain)
endif()

# Developer tool and stdlib check: parses and compiles every .py under the given directories.
add_executable(gbc_compile_check ${CMAKE_CURRENT_LIST_DIR}/tools/compile_check.cpp)
target_link_libraries(gbc_compile_check PRIVATE gbc_compiler)
target_compile_options(gbc_compile_check PRIVATE ${GBC_WARNINGS})

# The standard library compiles: every .py of the bundled CPython Lib/ (when the repository has
# it) parses and compiles without an error or an UNSUPPORTED instruction, except the files
# CPython's own compile() rejects (tools/compile_check_skip-<version>.txt).
foreach(pyver 3.14 3.12)
  set(stdlib_dir "${PROJECT_SOURCE_DIR}/stdlib/python${pyver}")
  if(GBC_TESTS AND EXISTS "${stdlib_dir}")
    add_test(NAME stdlib-compile-${pyver}
      COMMAND gbc_compile_check --python ${pyver}
              --skip ${CMAKE_CURRENT_LIST_DIR}/tools/compile_check_skip-${pyver}.txt "${stdlib_dir}")
    set_tests_properties(stdlib-compile-${pyver} PROPERTIES LABELS stdlib TIMEOUT 600)
  endif()
endforeach()
