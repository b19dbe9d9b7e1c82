// The _locale module, after CPython 3.14's Modules/_localemodule.c, as a CPython process started
// in a C.UTF-8 environment sees it (LC_CTYPE is C.UTF-8, the other categories C). The locale is
// the program's: setlocale changes gbc's record of it, never the gbc process's own locale.
// Locales other than C, POSIX and C.UTF-8 are gbc's gap (whether one exists depends on the
// machine).
#include <langinfo.h>
#include <locale.h>

#include <map>

#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/os_tables.h"

namespace gbc::interp {

namespace {

struct LocaleState {
  std::map<int64_t, std::string> categories;  // LC_* -> name
  std::string domain = "messages";
};

const int64_t kCategories[] = {LC_CTYPE,    LC_NUMERIC,   LC_TIME,        LC_COLLATE,
                               LC_MONETARY, LC_MESSAGES,  LC_PAPER,       LC_NAME,
                               LC_ADDRESS,  LC_TELEPHONE, LC_MEASUREMENT, LC_IDENTIFICATION};
const char* const kCategoryNames[] = {
    "LC_CTYPE", "LC_NUMERIC", "LC_TIME",    "LC_COLLATE",   "LC_MONETARY",    "LC_MESSAGES",
    "LC_PAPER", "LC_NAME",    "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"};

/// setlocale(LC_ALL) as glibc names a mixed locale.
std::string allName(const LocaleState& s) {
  std::string first = s.categories.at(LC_CTYPE);
  bool same = true;
  for (int64_t c : kCategories) same = same && s.categories.at(c) == first;
  if (same) return first;
  std::string out;
  for (size_t i = 0; i < std::size(kCategories); ++i)
    out += std::string(i ? ";" : "") + kCategoryNames[i] + "=" + s.categories.at(kCategories[i]);
  return out;
}

}  // namespace

Value makeLocaleModule(VM& vm) {
  Value m = newNativeModule("_locale");
  DictPtr d = as<ModuleObject>(m).dict;
  addConstants(m, OsTable::Locale);
  ClassPtr error = vm.makeClass("Error", {vm.b().exception}, nullptr);
  error->module = "locale";
  error->dict->setStr("__module__", pyStr("locale"));
  d->setStr("Error", error);
  auto state = std::make_shared<LocaleState>();
  for (int64_t c : kCategories) state->categories[c] = "C";
  state->categories[LC_CTYPE] = "C.UTF-8";  // (CPython sets LC_CTYPE from the environment)
  moduleFunction(m, "setlocale", [state, error](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"setlocale", {"category", "locale"}, 1, 2};
    std::vector<Value> v = bindArgs(vm, a, spec);
    int64_t category = ssizeArg(vm, v[0]);
    bool known = category == LC_ALL || state->categories.count(category);
    std::string name;
    if (!optStrArg(vm, v[1], "setlocale", "locale", name)) {
      if (!known) vm.raise(error, "locale query failed");
      return pyStr(category == LC_ALL ? allName(*state) : state->categories.at(category));
    }
    if (!known) vm.raise(error, "unsupported locale setting");
    if (name.empty()) name = "C.UTF-8";  // (the environment's: C.UTF-8)
    if (name == "C.utf8" || name == "C.UTF8") name = "C.UTF-8";
    if (name != "C" && name != "POSIX" && name != "C.UTF-8")
      vm.raiseGap(
          error, "unsupported locale setting",
          "`locale.setlocale` to '" + name + "' (whether it exists depends on the machine)");
    if (category == LC_ALL)
      for (auto& [c, n] : state->categories) n = name;
    else
      state->categories[category] = name;
    return pyStr(category == LC_ALL ? allName(*state) : name);
  });
  moduleFunction(m, "localeconv", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "_locale.localeconv");
    // the C locale's conventions (C.UTF-8 has the same)
    auto out = newDict();
    for (const char* k :
         {"int_curr_symbol", "currency_symbol", "mon_decimal_point", "mon_thousands_sep"})
      out->setStr(k, pyStr(""));
    out->setStr("mon_grouping", pyList({}));
    out->setStr("positive_sign", pyStr(""));
    out->setStr("negative_sign", pyStr(""));
    for (const char* k : {"int_frac_digits", "frac_digits", "p_cs_precedes", "p_sep_by_space",
                          "n_cs_precedes", "n_sep_by_space", "p_sign_posn", "n_sign_posn"})
      out->setStr(k, pyInt(127));
    out->setStr("decimal_point", pyStr("."));
    out->setStr("thousands_sep", pyStr(""));
    out->setStr("grouping", pyList({}));
    return out;
  });
  moduleFunction(m, "nl_langinfo", [state](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.nl_langinfo", 1, 1);
    int64_t key = ssizeArg(vm, a.args[0]);
    bool known = false;
    for (const IntConstant& c : osTable(OsTable::Locale))
      if (c.value == key && std::string(c.name) != "LC_ALL" &&
          std::string(c.name).rfind("LC_", 0) != 0 && std::string(c.name) != "CHAR_MAX")
        known = true;
    if (!known) vm.raise(vm.b().value_error, "unsupported langinfo constant");
    if (key == CODESET)
      return pyStr(state->categories.at(LC_CTYPE) == "C.UTF-8" ? "UTF-8" : "ANSI_X3.4-1968");
    // the C locale's answers, from a C locale object (the process's locale stays as it is)
    locale_t c = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(0));
    std::string out = c ? nl_langinfo_l(static_cast<nl_item>(key), c) : "";
    if (c) freelocale(c);
    return pyStr(out);
  });
  moduleFunction(m, "getencoding", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "_locale.getencoding");
    return pyStr("UTF-8");
  });
  moduleFunction(m, "strcoll", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.strcoll", 2, 2);
    for (const Value& v : a.args)
      if (v->kind != Kind::Str)
        vm.raise(vm.b().type_error, "strcoll() argument must be str, not " + vm.typeOf(v)->name);
    // (C and C.UTF-8 collate by code point; UTF-8 bytes order the same way)
    int r = asStr(a.args[0]).compare(asStr(a.args[1]));
    return pyInt(r < 0 ? -1 : r > 0 ? 1 : 0);
  });
  moduleFunction(m, "strxfrm", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.strxfrm", 1, 1);
    if (a.args[0]->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "strxfrm() argument must be str, not " + vm.typeOf(a.args[0])->name);
    return a.args[0];
  });
  moduleFunction(m, "gettext", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.gettext", 1, 1);
    return a.args[0];
  });
  moduleFunction(m, "dgettext", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.dgettext", 2, 2);
    return a.args[1];
  });
  moduleFunction(m, "dcgettext", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.dcgettext", 3, 3);
    return a.args[1];
  });
  moduleFunction(m, "textdomain", [state](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.textdomain", 1, 1);
    if (!isNone(a.args[0])) state->domain = vm.str(a.args[0]);
    return pyStr(state->domain);
  });
  moduleFunction(m, "bindtextdomain", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.bindtextdomain", 2, 2);
    return isNone(a.args[1]) ? pyStr("/usr/share/locale") : a.args[1];
  });
  moduleFunction(m, "bind_textdomain_codeset", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "_locale.bind_textdomain_codeset", 2, 2);
    return a.args[1];
  });
  return m;
}

}  // namespace gbc::interp
