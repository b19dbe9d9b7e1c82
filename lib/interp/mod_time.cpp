// The time module, after CPython 3.14's Modules/timemodule.c on Linux: the clocks (time,
// monotonic, perf_counter, process_time, thread_time and their _ns forms, clock_gettime,
// get_clock_info), struct_time (a struct sequence), gmtime / localtime / mktime / asctime /
// ctime / strftime with CPython's argument checks, strptime (through _strptime.py), the time
// zone constants, and sleep: real under `gbc run`, nothing under analysis.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <thread>

#include "interp/native_args.h"
#include "interp/native_modules.h"
#include "interp/os_tables.h"
#include "interp/oserror.h"
#include "interp/struct_seq.h"

namespace gbc::interp {

namespace {

int64_t clockNs(clockid_t id) {
  timespec t;
  clock_gettime(id, &t);
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

Value clockSeconds(clockid_t id) { return pyFloat(static_cast<double>(clockNs(id)) * 1e-9); }

/// A timestamp argument (None: now) as time_t, rounding floats down as _PyTime_ObjectToTime_t
/// does for gmtime / localtime.
time_t timestampArg(VM& vm, const Value& v) {
  if (!v || isNone(v)) return std::time(nullptr);
  if (v->kind == Kind::Float) {
    double d = as<FloatObject>(v).v;
    if (std::isnan(d)) vm.raise(vm.b().value_error, "Invalid value NaN (not a number)");
    double f = std::floor(d);
    if (!(f >= -9.2e18 && f <= 9.2e18))
      vm.raise(vm.b().overflow_error, "timestamp out of range for platform time_t");
    return static_cast<time_t>(f);
  }
  if (!hasIndex(vm, v))
    vm.raise(vm.b().type_error,
             "'" + vm.typeOf(v)->name + "' object cannot be interpreted as an integer");
  return static_cast<time_t>(ssizeArg(vm, v));
}

Value structTime(VM& vm, const ClassPtr& type, const tm& t) {
  return makeStructSeq(
      vm, type,
      {pyInt(t.tm_year + 1900), pyInt(t.tm_mon + 1), pyInt(t.tm_mday), pyInt(t.tm_hour),
       pyInt(t.tm_min), pyInt(t.tm_sec), pyInt((t.tm_wday + 6) % 7), pyInt(t.tm_yday + 1),
       pyInt(t.tm_isdst), t.tm_zone ? pyStr(t.tm_zone) : none(), pyInt(t.tm_gmtoff)});
}

/// gettmarg: a struct_time or 9-tuple as a struct tm.
tm tmArg(VM& vm, const Value& v, const char* fname) {
  if (v->kind != Kind::Tuple) vm.raise(vm.b().type_error, "Tuple or struct_time argument required");
  const auto& items = as<TupleObject>(v).items;
  if (items.size() != 9)
    vm.raise(vm.b().type_error, std::string(fname) + "(): illegal time tuple argument");
  int64_t f[9];
  for (size_t i = 0; i < 9; ++i) {
    if (!hasIndex(vm, items[i]))
      vm.raise(vm.b().type_error,
               "'" + vm.typeOf(items[i])->name + "' object cannot be interpreted as an integer");
    f[i] = ssizeArg(vm, items[i]);
    if (f[i] > INT32_MAX || f[i] < INT32_MIN)
      vm.raise(vm.b().overflow_error, "Python int too large to convert to C int");
  }
  tm t{};
  t.tm_year = static_cast<int>(f[0] - 1900);
  t.tm_mon = static_cast<int>(f[1] - 1);
  t.tm_mday = static_cast<int>(f[2]);
  t.tm_hour = static_cast<int>(f[3]);
  t.tm_min = static_cast<int>(f[4]);
  t.tm_sec = static_cast<int>(f[5]);
  t.tm_wday = static_cast<int>((f[6] + 1) % 7);
  t.tm_yday = static_cast<int>(f[7] - 1);
  t.tm_isdst = static_cast<int>(f[8]);
  if (isStructSeq(v)) {
    // (a struct_time carries its zone)
    static thread_local std::string zone;
    Value z = structSeqField(v, 9), off = structSeqField(v, 10);
    if (z && z->kind == Kind::Str) {
      zone = asStr(z);
      t.tm_zone = zone.c_str();
    }
    if (off && isInt(off)) t.tm_gmtoff = asInt(off);
  }
  return t;
}

/// checktm: the ranges asctime and strftime accept.
void checkTm(VM& vm, const tm& t) {
  auto bad = [&](const char* what) { vm.raise(vm.b().value_error, what); };
  if (t.tm_mon < 0 || t.tm_mon > 11) bad("month out of range");
  if (t.tm_mday < 1 || t.tm_mday > 31) bad("day of month out of range");
  if (t.tm_hour < 0 || t.tm_hour > 23) bad("hour out of range");
  if (t.tm_min < 0 || t.tm_min > 59) bad("minute out of range");
  if (t.tm_sec < 0 || t.tm_sec > 61) bad("seconds out of range");
  if (t.tm_wday < 0) bad("day of week out of range");
  if (t.tm_yday < 0 || t.tm_yday > 365) bad("day of year out of range");
}

std::string asctimeOf(const tm& t) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %d", kDays[t.tm_wday % 7],
                kMonths[t.tm_mon], t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_year + 1900);
  return buf;
}

tm localOf(VM& vm, time_t when) {
  tm t{};
  if (!localtime_r(&when, &t)) raiseOSError(vm, errno ? errno : EOVERFLOW);
  return t;
}

/// The clock of a get_clock_info / clock_gettime name.
struct ClockInfo {
  const char* name;
  clockid_t id;
  const char* implementation;
  bool monotonic, adjustable;
};
const ClockInfo kClocks[] = {
    {"time", CLOCK_REALTIME, "clock_gettime(CLOCK_REALTIME)", false, true},
    {"monotonic", CLOCK_MONOTONIC, "clock_gettime(CLOCK_MONOTONIC)", true, false},
    {"perf_counter", CLOCK_MONOTONIC, "clock_gettime(CLOCK_MONOTONIC)", true, false},
    {"process_time", CLOCK_PROCESS_CPUTIME_ID, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true,
     false},
    {"thread_time", CLOCK_THREAD_CPUTIME_ID, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false},
};

/// types.SimpleNamespace(**kwargs) (gbc's pylib has the class).
Value simpleNamespace(VM& vm, std::vector<std::pair<std::string, Value>> fields) {
  Value types = vm.findModule("_gbc_types");
  Value cls = types ? vm.getAttrOrNull(types, "SimpleNamespace") : nullptr;
  if (!cls) vm.unsupported("`types.SimpleNamespace` (gbc's pylib is missing)");
  CallArgs a;
  a.kwargs = std::move(fields);
  return vm.call(cls, a);
}

void timeFn(const Value& m, const std::string& name, Value (*f)()) {
  moduleFunction(m, name, [name, f](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "time." + name);
    return f();
  });
}

void installClocks(VM&, const Value& m) {
  timeFn(m, "time", [] { return clockSeconds(CLOCK_REALTIME); });
  timeFn(m, "time_ns", [] { return pyInt(clockNs(CLOCK_REALTIME)); });
  timeFn(m, "monotonic", [] { return clockSeconds(CLOCK_MONOTONIC); });
  timeFn(m, "monotonic_ns", [] { return pyInt(clockNs(CLOCK_MONOTONIC)); });
  timeFn(m, "perf_counter", [] { return clockSeconds(CLOCK_MONOTONIC); });
  timeFn(m, "perf_counter_ns", [] { return pyInt(clockNs(CLOCK_MONOTONIC)); });
  timeFn(m, "process_time", [] { return clockSeconds(CLOCK_PROCESS_CPUTIME_ID); });
  timeFn(m, "process_time_ns", [] { return pyInt(clockNs(CLOCK_PROCESS_CPUTIME_ID)); });
  timeFn(m, "thread_time", [] { return clockSeconds(CLOCK_THREAD_CPUTIME_ID); });
  timeFn(m, "thread_time_ns", [] { return pyInt(clockNs(CLOCK_THREAD_CPUTIME_ID)); });
  auto clockArg = [](VM& vm, CallArgs& a, const std::string& name) {
    positionalArgs(vm, a, "time." + name, 1, 1);
    return static_cast<clockid_t>(ssizeArg(vm, a.args[0]));
  };
  moduleFunction(m, "clock_gettime", [clockArg](VM& vm, CallArgs& a) -> Value {
    timespec t;
    if (clock_gettime(clockArg(vm, a, "clock_gettime"), &t) < 0) raiseOSError(vm, errno);
    return pyFloat(static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9);
  });
  moduleFunction(m, "clock_gettime_ns", [clockArg](VM& vm, CallArgs& a) -> Value {
    timespec t;
    if (clock_gettime(clockArg(vm, a, "clock_gettime_ns"), &t) < 0) raiseOSError(vm, errno);
    return pyInt(static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec);
  });
  moduleFunction(m, "clock_getres", [clockArg](VM& vm, CallArgs& a) -> Value {
    timespec t;
    if (clock_getres(clockArg(vm, a, "clock_getres"), &t) < 0) raiseOSError(vm, errno);
    return pyFloat(static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9);
  });
  for (const char* name : {"clock_settime", "clock_settime_ns"})
    moduleFunction(m, name, [name](VM& vm, CallArgs&) -> Value {
      vm.unsupported(std::string("`time.") + name + "` (gbc does not set the system clock)");
    });
  moduleFunction(m, "get_clock_info", [](VM& vm, CallArgs& a) -> Value {
    Value name = oneArg(vm, a, "time.get_clock_info");
    if (name->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "get_clock_info() argument must be str, not " + vm.typeOf(name)->name);
    for (const ClockInfo& c : kClocks)
      if (asStr(name) == c.name) {
        timespec res;
        clock_getres(c.id, &res);
        double r = static_cast<double>(res.tv_sec) + static_cast<double>(res.tv_nsec) * 1e-9;
        return simpleNamespace(vm, {{"implementation", pyStr(c.implementation)},
                                    {"monotonic", pyBool(c.monotonic)},
                                    {"adjustable", pyBool(c.adjustable)},
                                    {"resolution", pyFloat(r)}});
      }
    vm.raise(vm.b().value_error, "unknown clock");
  });
  moduleFunction(m, "sleep", [](VM& vm, CallArgs& a) -> Value {
    Value secs = oneArg(vm, a, "time.sleep");
    double s;
    if (secs->kind == Kind::Float) {
      s = as<FloatObject>(secs).v;
      if (std::isnan(s)) vm.raise(vm.b().value_error, "Invalid value NaN (not a number)");
    } else if (hasIndex(vm, secs)) {
      s = static_cast<double>(ssizeArg(vm, secs));
    } else {
      vm.raise(vm.b().type_error, "'" + vm.typeOf(secs)->name +
                                      "' object cannot be interpreted as an integer or float");
    }
    if (s < 0) vm.raise(vm.b().value_error, "sleep length must be non-negative");
    if (s > 9.2e9) vm.raise(vm.b().overflow_error, "timestamp out of range for C PyTime_t");
    // analysis predicts, it does not wait
    if (vm.runMode()) std::this_thread::sleep_for(std::chrono::duration<double>(s));
    return none();
  });
}

void installCalendar(const Value& m, const ClassPtr& struct_time) {
  moduleFunction(m, "gmtime", [struct_time](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "time.gmtime", 0, 1);
    time_t when = timestampArg(vm, a.args.empty() ? nullptr : a.args[0]);
    tm t{};
    if (!gmtime_r(&when, &t))
      vm.raise(vm.b().overflow_error, "timestamp out of range for platform time_t");
    return structTime(vm, struct_time, t);
  });
  moduleFunction(m, "localtime", [struct_time](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "time.localtime", 0, 1);
    time_t when = timestampArg(vm, a.args.empty() ? nullptr : a.args[0]);
    tm t{};
    if (!localtime_r(&when, &t))
      vm.raise(vm.b().overflow_error, "timestamp out of range for platform time_t");
    return structTime(vm, struct_time, t);
  });
  moduleFunction(m, "mktime", [](VM& vm, CallArgs& a) -> Value {
    Value arg = oneArg(vm, a, "time.mktime");
    tm t = tmArg(vm, arg, "mktime");
    t.tm_wday = -1;  // sentinel: mktime(3) sets it unless it fails
    time_t r = mktime(&t);
    if (r == static_cast<time_t>(-1) && t.tm_wday == -1)
      vm.raise(vm.b().overflow_error, "mktime argument out of range");
    return pyFloat(static_cast<double>(r));
  });
  moduleFunction(m, "asctime", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "time.asctime", 0, 1);
    tm t = a.args.empty() ? localOf(vm, std::time(nullptr)) : tmArg(vm, a.args[0], "asctime");
    checkTm(vm, t);
    return pyStr(asctimeOf(t));
  });
  moduleFunction(m, "ctime", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "time.ctime", 0, 1);
    time_t when = timestampArg(vm, a.args.empty() ? nullptr : a.args[0]);
    tm t{};
    if (!localtime_r(&when, &t))
      vm.raise(vm.b().overflow_error, "timestamp out of range for platform time_t");
    return pyStr(asctimeOf(t));
  });
  moduleFunction(m, "strftime", [](VM& vm, CallArgs& a) -> Value {
    if (!a.kwargs.empty()) vm.raise(vm.b().type_error, "strftime() takes no keyword arguments");
    if (a.args.empty() || a.args.size() > 2)
      vm.raise(vm.b().type_error, std::string("strftime() takes ") +
                                      (a.args.empty() ? "at least" : "at most") + " " +
                                      (a.args.empty() ? "1 argument" : "2 arguments") + " (" +
                                      std::to_string(a.args.size()) + " given)");
    if (a.args[0]->kind != Kind::Str)
      vm.raise(vm.b().type_error,
               "strftime() argument 1 must be str, not " + vm.typeOf(a.args[0])->name);
    tm t = a.args.size() < 2 ? localOf(vm, std::time(nullptr)) : tmArg(vm, a.args[1], "strftime");
    // strftime's own normalisation: a 0 month, day or day of year means the first
    if (t.tm_mon == -1) t.tm_mon = 0;
    if (t.tm_mday == 0) t.tm_mday = 1;
    if (t.tm_yday == -1) t.tm_yday = 0;
    checkTm(vm, t);
    if (t.tm_isdst < -1) t.tm_isdst = -1;
    if (t.tm_isdst > 1) t.tm_isdst = 1;
    const std::string& format = asStr(a.args[0]);
    if (format.find('\0') != std::string::npos)
      vm.raise(vm.b().value_error, "embedded null character");
    if (format.empty()) return pyStr("");
    // (as CPython: grow the buffer until the result fits, an empty result being possible)
    for (size_t size = 1024; size <= 256 * format.size() + 1024; size *= 2) {
      std::string buf(size, '\0');
      size_t n = std::strftime(buf.data(), size, format.c_str(), &t);
      if (n > 0 || size > 256 * format.size()) return pyStr(buf.substr(0, n));
    }
    return pyStr("");
  });
  moduleFunction(m, "strptime", [](VM& vm, CallArgs& a) -> Value {
    positionalArgs(vm, a, "time.strptime", 1, 2);
    // (as timemodule.c: _strptime._strptime_time, imported through builtins.__import__)
    Value import = vm.builtinsDict()->getStr("__import__");
    if (!import) vm.unsupported("`time.strptime` (it imports _strptime; gbc has no __import__)");
    Value mod = vm.call(import, std::vector<Value>{pyStr("_strptime")});
    std::vector<Value> args(a.args.begin(), a.args.end());
    return vm.call(vm.getAttr(mod, "_strptime_time"), std::move(args));
  });
}

void installZone(const Value& m) {
  // the zone of January and July of this year, as timemodule.c's init_timezone reads them
  time_t now = std::time(nullptr);
  tm jan{}, jul{}, local{};
  localtime_r(&now, &local);
  int year = local.tm_year;
  tm probe{};
  probe.tm_year = year;
  probe.tm_mday = 1;
  time_t t_jan = timegm(&probe);
  probe.tm_mon = 6;
  time_t t_jul = timegm(&probe);
  localtime_r(&t_jan, &jan);
  localtime_r(&t_jul, &jul);
  long janoff = -jan.tm_gmtoff, juloff = -jul.tm_gmtoff;
  std::string janname = jan.tm_zone ? jan.tm_zone : "", julname = jul.tm_zone ? jul.tm_zone : "";
  DictPtr d = as<ModuleObject>(m).dict;
  if (janoff < juloff) {  // southern hemisphere: DST in January
    d->setStr("timezone", pyInt(juloff));
    d->setStr("altzone", pyInt(janoff));
    d->setStr("daylight", pyInt(janoff != juloff));
    d->setStr("tzname", pyTuple({pyStr(julname), pyStr(janname)}));
  } else {
    d->setStr("timezone", pyInt(janoff));
    d->setStr("altzone", pyInt(juloff));
    d->setStr("daylight", pyInt(janoff != juloff));
    d->setStr("tzname", pyTuple({pyStr(janname), pyStr(julname)}));
  }
}

}  // namespace

Value makeTimeModule(VM& vm) {
  Value m = newNativeModule("time");
  addConstants(m, OsTable::Time);
  ClassPtr struct_time =
      makeStructSeqType(vm, "time.struct_time",
                        {"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday",
                         "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff"},
                        9);
  as<ModuleObject>(m).dict->setStr("struct_time", struct_time);
  installClocks(vm, m);
  installCalendar(m, struct_time);
  tzset();
  installZone(m);
  moduleFunction(m, "tzset", [](VM& vm, CallArgs& a) -> Value {
    noArgs(vm, a, "time.tzset");
    tzset();
    installZone(vm.findModule("time"));
    return none();
  });
  moduleFunction(m, "pthread_getcpuclockid", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`time.pthread_getcpuclockid` (gbc's threads are not the program's)");
  });
  return m;
}

}  // namespace gbc::interp
