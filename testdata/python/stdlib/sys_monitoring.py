# sys.monitoring: tool ids, callbacks and the event numbers (bdb/pdb/doctest read them at import)
import sys

m = sys.monitoring
print(sorted((k, getattr(m.events, k)) for k in dir(m.events) if not k.startswith("_")))
print(m.DEBUGGER_ID, m.COVERAGE_ID, m.PROFILER_ID, m.OPTIMIZER_ID)
print(m.get_tool(3), m.get_events(3))
m.use_tool_id(3, "mytool")
print(m.get_tool(3))
try:
    m.use_tool_id(3, "again")
except ValueError as e:
    print("ValueError", e)
print(m.register_callback(3, m.events.PY_START, print))
print(m.register_callback(3, m.events.PY_START, None) is print)
m.set_events(3, 0)
m.free_tool_id(3)
print(m.get_tool(3))
try:
    m.get_tool(9)
except ValueError as e:
    print("ValueError", e)
import bdb
print("imported", bdb.__name__)
