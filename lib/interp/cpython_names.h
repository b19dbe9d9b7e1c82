// What CPython has, by name: the attributes of its builtin types and of the modules gbc provides
// natively or by stand-ins, the builtins, and the standard library's module names (generated
// from CPython 3.14 by tools/gen_cpython_names.py).
//
// gbc consults them on its failure paths only. When the program asks for a name that gbc lacks
// but CPython has, the resulting AttributeError / NameError / ModuleNotFoundError is a gap of
// gbc, not the program's error: the VM raises it marked as a gap (VM::raiseGap), so the program
// may still catch it as it would any exception, and uncaught it is reported as "gbc cannot
// model ..." instead of as the program's own traceback.
#pragma once

#include <string_view>

namespace gbc::interp {

/// Whether CPython's builtin type `type_name` (its `__name__`: "str", "dict", "ValueError", ...)
/// has the attribute `name`. False for types not in the table.
bool cpythonTypeHas(std::string_view type_name, std::string_view name);

/// Whether CPython's module `module` ("math", "os.path", "builtins", ...) has the attribute
/// `name`. False for modules not in the table.
bool cpythonModuleHas(std::string_view module, std::string_view name);

/// Whether `top_level` names a module of CPython's standard library (sys.stdlib_module_names).
bool isStdlibModule(std::string_view top_level);

}  // namespace gbc::interp
