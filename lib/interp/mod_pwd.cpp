// The pwd module (Modules/pwdmodule.c): the password database as the C library reads it
// (getpwuid, getpwnam, getpwall), entries as pwd.struct_passwd struct sequences.
#include <pwd.h>

#include <cerrno>

#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/struct_seq.h"
#include "interp/text_args.h"

namespace gbc::interp {

namespace {

Value entry(VM& vm, const ClassPtr& type, const passwd& p) {
  return makeStructSeq(vm, type,
                       {osStr(p.pw_name), osStr(p.pw_passwd), pyInt(p.pw_uid), pyInt(p.pw_gid),
                        osStr(p.pw_gecos ? p.pw_gecos : ""), osStr(p.pw_dir), osStr(p.pw_shell)});
}

}  // namespace

Value makePwdModule(VM& vm) {
  Value m = newNativeModule("pwd");
  ClassPtr type = makeStructSeqType(
      vm, "pwd.struct_passwd",
      {"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"}, 7);
  as<ModuleObject>(m).dict->setStr("struct_passwd", type);
  moduleFunction(m, "getpwuid", [type](VM& vm, CallArgs& a) -> Value {
    Value uid = oneArg(vm, a, "pwd.getpwuid");
    if (!hasIndex(vm, uid))
      vm.raise(vm.b().type_error, "uid should be integer, not " + vm.typeOf(uid)->name);
    int64_t n = ssizeArg(vm, uid);
    if (n < 0 || n > UINT32_MAX) vm.raiseKeyError(pyStr("getpwuid(): uid not found"));
    passwd pw, *out = nullptr;
    std::string buf(16384, '\0');
    getpwuid_r(static_cast<uid_t>(n), &pw, buf.data(), buf.size(), &out);
    if (!out) vm.raiseKeyError(pyStr("getpwuid(): uid not found: " + std::to_string(n)));
    return entry(vm, type, pw);
  });
  moduleFunction(m, "getpwnam", [type](VM& vm, CallArgs& a) -> Value {
    Value name = oneArg(vm, a, "pwd.getpwnam");
    const std::string& s = strArg(vm, name, "getpwnam", "'name'");
    passwd pw, *out = nullptr;
    std::string buf(16384, '\0');
    getpwnam_r(s.c_str(), &pw, buf.data(), buf.size(), &out);
    if (!out) vm.raiseKeyError(pyStr("getpwnam(): name not found: " + vm.repr(name)));
    return entry(vm, type, pw);
  });
  moduleFunction(m, "getpwall", [type](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "pwd.getpwall");
    std::vector<Value> out;
    setpwent();
    while (passwd* p = getpwent()) out.push_back(entry(vm, type, *p));
    endpwent();
    return pyList(std::move(out));
  });
  return m;
}

}  // namespace gbc::interp
