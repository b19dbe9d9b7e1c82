// sys.monitoring (PEP 669) as CPython 3.12/3.14 has it: tool ids, callbacks, the event numbers of
// the target's Python. gbc's evaluator raises no monitoring events, so a tool may register and
// read its settings (bdb, pdb and doctest do at import), but asking for events to be delivered
// (set_events / set_local_events with events) is a located gap, never events silently missing.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interp/mod_sys.h"
#include "interp/native_modules.h"
#include "interp/native_support.h"

namespace gbc::interp {

namespace {

/// One VM's tool table: the name of each of the 6 tool ids, their callbacks and global events.
struct Tools {
  std::array<Value, 6> names{};
  std::vector<std::pair<std::pair<int, int64_t>, Value>> callbacks;  // (tool, event) -> callback
  std::array<int64_t, 6> events{};
};

int toolId(VM& vm, const Value& v) {
  if (!isInt(v)) vm.raise(vm.b().type_error, "an integer is required");
  int64_t id = asInt(v);
  if (id < 0 || id >= 6)
    vm.raise(vm.b().value_error,
             "invalid tool " + std::to_string(id) + " (must be between 0 and 5)");
  return static_cast<int>(id);
}

}  // namespace

void installMonitoring(VM& vm, const Value& sys, const Value& namespace_cls) {
  bool v312 = vm.target().python == "3.12";
  auto mon = std::make_shared<ModuleObject>("sys.monitoring");
  mon->dict->setStr("__name__", pyStr("sys.monitoring"));
  for (const auto& [name, id] :
       {std::pair{"DEBUGGER_ID", 0}, {"COVERAGE_ID", 1}, {"PROFILER_ID", 2}, {"OPTIMIZER_ID", 5}})
    mon->dict->setStr(name, pyInt(id));
  mon->dict->setStr("DISABLE", std::make_shared<InstanceObject>(vm.b().object));
  mon->dict->setStr("MISSING", std::make_shared<InstanceObject>(vm.b().object));
  // the event numbers: 3.14 added BRANCH_LEFT/RIGHT below STOP_ITERATION and moved the rest up
  std::vector<std::pair<const char*, int64_t>> events = {
      {"NO_EVENTS", 0}, {"PY_START", 1}, {"PY_RESUME", 2},    {"PY_RETURN", 4}, {"PY_YIELD", 8},
      {"CALL", 16},     {"LINE", 32},    {"INSTRUCTION", 64}, {"JUMP", 128}};
  const char* rest[] = {"STOP_ITERATION", "RAISE",   "EXCEPTION_HANDLED", "PY_UNWIND",
                        "PY_THROW",       "RERAISE", "C_RETURN",          "C_RAISE"};
  int64_t bit = 256;
  if (!v312) {
    events.push_back({"BRANCH_LEFT", 256});
    events.push_back({"BRANCH_RIGHT", 512});
    bit = 1024;
  } else {
    events.push_back({"BRANCH", 256});
    bit = 512;
  }
  for (const char* name : rest) {
    events.push_back({name, bit});
    bit <<= 1;
  }
  if (!v312) events.push_back({"BRANCH", bit});  // 3.14: BRANCH_LEFT | BRANCH_RIGHT's old bit
  CallArgs ns;
  for (const auto& [name, value] : events) ns.kwargs.push_back({name, pyInt(value)});
  mon->dict->setStr("events", vm.call(namespace_cls, ns));

  auto tools = std::make_shared<Tools>();
  moduleFunction(mon, "use_tool_id", [tools](VM& vm, CallArgs& a) -> Value {
    int id = toolId(vm, a.args.at(0));
    if (tools->names[static_cast<size_t>(id)])
      vm.raise(vm.b().value_error, "tool " + std::to_string(id) + " is already in use");
    tools->names[static_cast<size_t>(id)] = a.args.at(1);
    return none();
  });
  auto clear = [tools](int id) {
    tools->events[static_cast<size_t>(id)] = 0;
    std::erase_if(tools->callbacks, [&](const auto& c) { return c.first.first == id; });
  };
  moduleFunction(mon, "clear_tool_id", [clear](VM& vm, CallArgs& a) -> Value {
    clear(toolId(vm, a.args.at(0)));
    return none();
  });
  moduleFunction(mon, "free_tool_id", [tools, clear](VM& vm, CallArgs& a) -> Value {
    int id = toolId(vm, a.args.at(0));
    clear(id);
    tools->names[static_cast<size_t>(id)] = nullptr;
    return none();
  });
  moduleFunction(mon, "get_tool", [tools](VM& vm, CallArgs& a) -> Value {
    const Value& name = tools->names[static_cast<size_t>(toolId(vm, a.args.at(0)))];
    return name ? name : none();
  });
  moduleFunction(mon, "register_callback", [tools](VM& vm, CallArgs& a) -> Value {
    int id = toolId(vm, a.args.at(0));
    int64_t event = asInt(a.args.at(1));
    Value previous = none();
    for (auto& [key, callback] : tools->callbacks)
      if (key == std::pair{id, event}) {
        previous = callback;
        callback = a.args.at(2);
        return previous;
      }
    if (!isNone(a.args.at(2))) tools->callbacks.push_back({{id, event}, a.args.at(2)});
    return previous;
  });
  moduleFunction(mon, "get_events", [tools](VM& vm, CallArgs& a) -> Value {
    return pyInt(tools->events[static_cast<size_t>(toolId(vm, a.args.at(0)))]);
  });
  moduleFunction(mon, "set_events", [tools](VM& vm, CallArgs& a) -> Value {
    int id = toolId(vm, a.args.at(0));
    int64_t events = asInt(a.args.at(1));
    if (events != 0)
      vm.unsupported("`sys.monitoring.set_events` with events (gbc raises no PEP 669 events)");
    tools->events[static_cast<size_t>(id)] = 0;
    return none();
  });
  moduleFunction(mon, "get_local_events", [](VM& vm, CallArgs& a) -> Value {
    toolId(vm, a.args.at(0));
    return pyInt(0);
  });
  moduleFunction(mon, "set_local_events", [](VM& vm, CallArgs& a) -> Value {
    toolId(vm, a.args.at(0));
    if (asInt(a.args.at(2)) != 0)
      vm.unsupported(
          "`sys.monitoring.set_local_events` with events (gbc raises no PEP 669 events)");
    return none();
  });
  moduleFunction(mon, "restart_events", [](VM&, CallArgs&) -> Value { return none(); });
  as<ModuleObject>(sys).dict->setStr("monitoring", mon);
}

}  // namespace gbc::interp
