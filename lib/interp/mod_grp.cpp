// The grp module (Modules/grpmodule.c): the group database as the C library reads it (getgrgid,
// getgrnam, getgrall), entries as grp.struct_group struct sequences.
#include <grp.h>

#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/struct_seq.h"
#include "interp/text_args.h"

namespace gbc::interp {

namespace {

Value entry(VM& vm, const ClassPtr& type, const group& g) {
  std::vector<Value> members;
  for (char** m = g.gr_mem; m && *m; ++m) members.push_back(osStr(*m));
  return makeStructSeq(vm, type,
                       {osStr(g.gr_name), osStr(g.gr_passwd ? g.gr_passwd : ""), pyInt(g.gr_gid),
                        pyList(std::move(members))});
}

}  // namespace

Value makeGrpModule(VM& vm) {
  Value m = newNativeModule("grp");
  ClassPtr type =
      makeStructSeqType(vm, "grp.struct_group", {"gr_name", "gr_passwd", "gr_gid", "gr_mem"}, 4);
  as<ModuleObject>(m).dict->setStr("struct_group", type);
  moduleFunction(m, "getgrgid", [type](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"getgrgid", {"id"}, 1};
    Value id = bindArgs(vm, a, spec)[0];
    if (!hasIndex(vm, id))
      vm.raise(vm.b().type_error, "gid should be integer, not " + vm.typeOf(id)->name);
    int64_t n = ssizeArg(vm, id);
    group g, *out = nullptr;
    std::string buf(65536, '\0');
    if (n >= 0 && n <= UINT32_MAX)
      getgrgid_r(static_cast<gid_t>(n), &g, buf.data(), buf.size(), &out);
    if (!out) vm.raiseKeyError(pyStr("getgrgid(): gid not found: " + std::to_string(n)));
    return entry(vm, type, g);
  });
  moduleFunction(m, "getgrnam", [type](VM& vm, CallArgs& a) -> Value {
    static const ArgSpec spec{"getgrnam", {"name"}, 1};
    Value name = bindArgs(vm, a, spec)[0];
    const std::string& s = strArg(vm, name, "getgrnam", "'name'");
    group g, *out = nullptr;
    std::string buf(65536, '\0');
    getgrnam_r(s.c_str(), &g, buf.data(), buf.size(), &out);
    if (!out) vm.raiseKeyError(pyStr("getgrnam(): name not found: " + vm.repr(name)));
    return entry(vm, type, g);
  });
  moduleFunction(m, "getgrall", [type](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "grp.getgrall");
    std::vector<Value> out;
    setgrent();
    while (group* g = getgrent()) out.push_back(entry(vm, type, *g));
    endgrent();
    return pyList(std::move(out));
  });
  return m;
}

}  // namespace gbc::interp
