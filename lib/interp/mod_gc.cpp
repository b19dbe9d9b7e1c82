// gc (Modules/gcmodule.c) as gbc has it: gbc frees an object when its last reference goes (its
// objects are shared_ptrs) and has no cycle collector, so collect() finds nothing (0), the counts
// and statistics stay zero, and get_objects() returns [] — gbc keeps no list of live objects.
// Thresholds, enable/disable, debug flags, freeze and the callbacks and garbage lists behave
// as CPython's bookkeeping does; is_tracked follows CPython's rules for which objects its
// collector tracks. get_referrers cannot be answered (a located "gbc cannot model").
#include "interp/clinic_args.h"
#include "interp/native_modules.h"

namespace gbc::interp {

namespace {

struct GcState {
  bool enabled = true;
  int64_t threshold[3] = {2000, 10, 10};
  int64_t debug = 0;
};

/// Whether CPython's collector tracks `v`: not atomic values, nor tuples of them.
bool isTracked(VM& vm, const Value& v) {
  switch (v->kind) {
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Str:
    case Kind::Bytes:
    case Kind::Ellipsis:
    case Kind::NotImplemented:
    case Kind::Range:
    case Kind::Slice:
    case Kind::DType:
      return v->sub != nullptr;
    case Kind::Tuple:
      if (v->sub) return true;
      for (const Value& item : as<TupleObject>(v).items)
        if (isTracked(vm, item)) return true;
      return false;
    case Kind::Instance:
      return vm.typeOf(v) != vm.b().object;
    default:
      return true;
  }
}

int64_t generationArg(VM& vm, const Value& v) {
  int64_t g = ssizeArg(vm, v);
  if (g < 0 || g > 2) vm.raise(vm.b().value_error, "invalid generation");
  return g;
}

}  // namespace

Value makeGcModule(VM& vm) {
  Value m = newNativeModule("gc");
  auto& dict = *as<ModuleObject>(m).dict;
  auto state = std::make_shared<GcState>();
  if (vm.target().python == "3.12") state->threshold[0] = 700;
  dict.setStr("DEBUG_STATS", pyInt(1));
  dict.setStr("DEBUG_COLLECTABLE", pyInt(2));
  dict.setStr("DEBUG_UNCOLLECTABLE", pyInt(4));
  dict.setStr("DEBUG_SAVEALL", pyInt(32));
  dict.setStr("DEBUG_LEAK", pyInt(38));
  dict.setStr("callbacks", pyList({}));
  dict.setStr("garbage", pyList({}));
  moduleFunction(m, "collect", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"collect", {"generation"}});
    if (p[0]) generationArg(vm, p[0]);
    return pyInt(0);
  });
  moduleFunction(m, "enable", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.enable", 0);
    state->enabled = true;
    return none();
  });
  moduleFunction(m, "disable", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.disable", 0);
    state->enabled = false;
    return none();
  });
  moduleFunction(m, "isenabled", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.isenabled", 0);
    return pyBool(state->enabled);
  });
  moduleFunction(m, "get_count", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.get_count", 0);
    return pyTuple({pyInt(0), pyInt(0), pyInt(0)});
  });
  moduleFunction(m, "get_threshold", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.get_threshold", 0);
    return pyTuple(
        {pyInt(state->threshold[0]), pyInt(state->threshold[1]), pyInt(state->threshold[2])});
  });
  moduleFunction(m, "set_threshold", [state](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "set_threshold");
    if (a.args.empty() || a.args.size() > 3)
      vm.raise(vm.b().type_error, "gc.set_threshold requires 1 to 3 arguments");
    for (size_t i = 0; i < a.args.size(); ++i) state->threshold[i] = ssizeArg(vm, a.args[i]);
    return none();
  });
  moduleFunction(m, "get_debug", [state](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.get_debug", 0);
    return pyInt(state->debug);
  });
  moduleFunction(m, "set_debug", [state](VM& vm, CallArgs& a) -> Value {
    state->debug = ssizeArg(vm, methOneArg(vm, a, "gc.set_debug", 0));
    return none();
  });
  moduleFunction(m, "get_objects", [](VM& vm, CallArgs& a) -> Value {
    auto p = clinicParse(vm, a, {"get_objects", {"generation"}});
    if (p[0] && !isNone(p[0])) {
      int64_t g = ssizeArg(vm, p[0]);
      if (g >= 3)
        vm.raise(vm.b().value_error,
                 "generation parameter must be less than the number of "
                 "available generations (3)");
    }
    return pyList({});  // (gbc keeps no list of live objects)
  });
  moduleFunction(m, "get_stats", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.get_stats", 0);
    std::vector<Value> gens;
    for (int i = 0; i < 3; ++i) {
      DictPtr d = newDict();
      d->setStr("collections", pyInt(0));
      d->setStr("collected", pyInt(0));
      d->setStr("uncollectable", pyInt(0));
      gens.push_back(d);
    }
    return pyList(std::move(gens));
  });
  moduleFunction(m, "is_tracked", [](VM& vm, CallArgs& a) -> Value {
    return pyBool(isTracked(vm, methOneArg(vm, a, "gc.is_tracked", 0)));
  });
  moduleFunction(m, "is_finalized", [](VM& vm, CallArgs& a) -> Value {
    methOneArg(vm, a, "gc.is_finalized", 0);
    return pyBool(false);
  });
  moduleFunction(m, "freeze", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.freeze", 0);
    return none();
  });
  moduleFunction(m, "unfreeze", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.unfreeze", 0);
    return none();
  });
  moduleFunction(m, "get_freeze_count", [](VM& vm, CallArgs& a) -> Value {
    methNoArgs(vm, a, "gc.get_freeze_count", 0);
    return pyInt(0);
  });
  moduleFunction(m, "get_referrers", [](VM& vm, CallArgs&) -> Value {
    vm.unsupported("`gc.get_referrers` (gbc keeps no list of live objects)");
  });
  moduleFunction(m, "get_referents", [](VM& vm, CallArgs& a) -> Value {
    noKeywords(vm, a, "get_referents");
    std::vector<Value> out;
    for (const Value& obj : a.args) {
      switch (obj->kind) {
        case Kind::List:
        case Kind::Tuple: {
          const auto& items =
              obj->kind == Kind::List ? as<ListObject>(obj).items : as<TupleObject>(obj).items;
          out.insert(out.end(), items.rbegin(), items.rend());  // (list_traverse goes backwards)
          break;
        }
        case Kind::None:
        case Kind::Bool:
        case Kind::Int:
        case Kind::Float:
        case Kind::Str:
        case Kind::Bytes:
          break;
        default:
          vm.unsupported("`gc.get_referents` of a '" + vm.typeOf(obj)->name + "' object");
      }
    }
    return pyList(std::move(out));
  });
  return m;
}

}  // namespace gbc::interp
