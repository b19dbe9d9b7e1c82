// Frame objects (frame_object.h).
#include "interp/frame_object.h"

namespace gbc::interp {

namespace {

ClassPtr frameClass(VM& vm) {
  auto& by_name = vm.b().by_name;
  if (auto it = by_name.find("frame"); it != by_name.end()) return it->second;
  ClassPtr cls = vm.makeClass("frame", {vm.b().object}, nullptr);
  cls->module = "builtins";
  by_name["frame"] = cls;
  return cls;
}

DictPtr localsOf(Frame& f) {
  if (f.locals) return f.locals;
  if (!f.func) return f.globals;  // a module body runs in its globals
  auto d = newDict();
  const CodeObject& code = *f.code;
  for (size_t i = 0; i < code.varnames.size() && i < f.fast.size(); ++i)
    if (f.fast[i]) d->setStr(code.varnames[i], f.fast[i]);
  size_t ncell = code.cellvars.size();
  for (size_t i = 0; i < f.cells.size(); ++i) {
    if (i >= ncell && i - ncell >= code.freevars.size()) break;
    const std::string& name = i < ncell ? code.cellvars[i] : code.freevars[i - ncell];
    if (f.cells[i] && f.cells[i]->v) d->setStr(name, f.cells[i]->v);
  }
  return d;
}

ClassPtr tracebackClass(VM& vm) {
  auto& by_name = vm.b().by_name;
  if (auto it = by_name.find("traceback"); it != by_name.end()) return it->second;
  ClassPtr cls = vm.makeClass("traceback", {vm.b().object}, nullptr);
  cls->module = "builtins";
  by_name["traceback"] = cls;
  return cls;
}

/// A frame object: the snapshot of one frame's state (f_back None until linked).
Value newFrameObject(VM& vm, DictPtr globals, DictPtr locals, std::shared_ptr<CodeObject> code,
                     int64_t line, int64_t instr) {
  auto obj = std::make_shared<InstanceObject>(frameClass(vm));
  DictPtr d = obj->dict;
  d->setStr("f_globals", globals ? Value(globals) : Value(newDict()));
  d->setStr("f_locals", locals);
  d->setStr("f_code", code ? Value(std::make_shared<CodeValue>(std::move(code))) : none());
  d->setStr("f_lineno", pyInt(line));
  d->setStr("f_lasti", pyInt(2 * instr));
  d->setStr("f_builtins", vm.builtinsDict());
  d->setStr("f_trace", none());
  d->setStr("f_back", none());
  return obj;
}

}  // namespace

Frame* frameAtDepth(VM& vm, int64_t depth) {
  Frame* f = vm.top();
  for (int64_t i = 0; f && i < depth; ++i) f = f->back;
  return f;
}

Value makeFrameObject(VM& vm, Frame* frame) {
  Value first, last;
  for (Frame* f = frame; f; f = f->back) {
    Value obj =
        newFrameObject(vm, f->globals, localsOf(*f), f->code,
                       f->code->code.empty() ? f->code->firstlineno : f->curPos().line, f->cur);
    if (last) as<InstanceObject>(last).dict->setStr("f_back", obj);
    if (!first) first = obj;
    last = obj;
  }
  return first ? first : none();
}

Value makeTracebackObject(VM& vm, const std::vector<TracebackEntry>& entries) {
  ClassPtr tb_cls = tracebackClass(vm);
  Value next = none();
  // entries run from where the exception was raised outwards; tb_next runs inwards
  for (const TracebackEntry& e : entries) {
    Value frame = newFrameObject(vm, e.globals, newDict(), e.code, e.pos.line, e.lasti);
    auto tb = std::make_shared<InstanceObject>(tb_cls);
    tb->dict->setStr("tb_frame", frame);
    tb->dict->setStr("tb_lineno", pyInt(e.pos.line));
    tb->dict->setStr("tb_lasti", pyInt(2 * static_cast<int64_t>(e.lasti)));
    tb->dict->setStr("tb_next", next);
    next = tb;
  }
  return next;
}

}  // namespace gbc::interp
