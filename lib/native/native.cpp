// lib/native has no code of its own here: each engine is its own file (see CMakeLists.txt).
namespace gbc::native {}
