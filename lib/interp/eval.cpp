// The bytecode evaluation loop and frame management.
#include "interp/ast_export.h"
#include "interp/complex.h"
#include "interp/cpython_names.h"
#include "interp/dynamo.h"
#include "interp/eval_ext.h"
#include "interp/format.h"
#include "interp/importer.h"
#include "interp/vm.h"
#include "native/bigint.h"

namespace gbc::interp {

using syntax::BinOpKind;
using syntax::CmpOpKind;
using syntax::UnaryOpKind;

FrameGuard::FrameGuard(VM& vm, Frame& f) : vm_(vm), f_(f) {
  f.back = vm.top_;
  vm.top_ = &f;
  ++vm.depth_;
}
FrameGuard::~FrameGuard() {
  vm_.top_ = f_.back;
  --vm_.depth_;
}

static Value constantToValue(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::Code:
      return std::make_shared<CodeValue>(c.code);
    case Constant::Kind::Tuple: {
      std::vector<Value> items;
      for (const Constant& x : c.tuple) items.push_back(constantToValue(x));
      return pyTuple(std::move(items));
    }
    case Constant::Kind::Value:
      break;
  }
  return literalToValue(c.value);
}

/// Constants are converted once per code object and cached.
static const std::vector<Value>& constsOf(const CodeObject& code) {
  if (!code.runtime_consts) {
    auto out = std::make_shared<std::vector<Value>>();
    for (const Constant& c : code.consts) out->push_back(constantToValue(c));
    code.runtime_consts = out;
  }
  return *std::static_pointer_cast<std::vector<Value>>(code.runtime_consts);
}

void VM::stackExhausted() { raise(b().recursion_error, "maximum recursion depth exceeded"); }

Value VM::eval(Frame& f) {
  if (depth_ >= recursion_limit || cStackLow())
    raise(b().recursion_error, "maximum recursion depth exceeded");
  FrameGuard guard(*this, f);
  return evalLoop(f);
}

Value VM::runFrame(const FramePtr& f) {
  Frame* caller = top_;
  if (caller && caller->trace) {
    f->trace = caller->trace;
    return eval(*f);
  }
  if (f->func && f->func->attrs) {
    if (Value dis = f->func->attrs->getStr("__gbc_disabled__")) {
      // torch.compiler.disable: the frame is never offered (R3d); recursive also hides the
      // compile callback from everything it calls.
      if (!truthy(dis)) return eval(*f);
      return dynamo_->runDisabled(*this, f);
    }
  }
  if (dynamo_->regionActive() && !f->generator) return dynamo_->offer(*this, f);
  return eval(*f);
}

bool VM::handleException(Frame& f, const Value& exc) {
  while (!f.blocks.empty()) {
    Block blk = f.blocks.back();
    f.blocks.pop_back();
    f.stack.resize(static_cast<size_t>(blk.depth));
    f.handled.resize(static_cast<size_t>(blk.handled_depth));
    f.stack.push_back(exc);
    f.handled.push_back(exc);
    f.pc = blk.handler;
    return true;
  }
  return false;
}

void VM::addTraceback(const Value& exc, Frame& f) {
  if (exc->kind != Kind::Instance) return;
  auto& inst = as<InstanceObject>(exc);
  inst.traceback.push_back({f.code->filename, f.name, f.curPos(), f.code, f.globals, f.cur});
}

static Value pop(Frame& f) {
  Value v = std::move(f.stack.back());
  f.stack.pop_back();
  return v;
}

static std::vector<Value> popN(Frame& f, size_t n) {
  std::vector<Value> out(std::make_move_iterator(f.stack.end() - static_cast<long>(n)),
                         std::make_move_iterator(f.stack.end()));
  f.stack.resize(f.stack.size() - n);
  return out;
}

static Value lookupName(VM& vm, Frame& f, const std::string& name, bool use_locals) {
  if (use_locals && f.locals) {
    if (Value v = f.locals->getStr(name)) return v;
  }
  if (Value v = f.globals->getStr(name)) return v;
  if (Value v = vm.builtinsDict()->getStr(name)) return v;
  std::string message = "name '" + name + "' is not defined";
  if (cpythonModuleHas("builtins", name))
    vm.raiseGap(vm.b().name_error, std::move(message), "the builtin `" + name + "`");
  vm.raise(vm.b().name_error, std::move(message));
}

Value VM::evalLoop(Frame& f) {
  const CodeObject& code = *f.code;
  const std::vector<Value>& consts = constsOf(code);
  for (;;) {
    try {
      if (f.throw_in) raisePending(f);  // generator.throw(): raised where the frame resumes
      for (;;) {
        if (f.pc == f.stop_at) {
          f.stop_at = -1;
          return nullptr;
        }
        f.cur = f.pc;
        if (++budget.steps >= budget.next_check)
          budget.check([&] { return std::pair{code.filename, f.curPos().line}; });
        if (f.trace_root)
          dynamo_->beforeInstruction(*this, f);
        else if (f.trace && dynamo_->nestedEnabled(*this))
          dynamo_->beforeInlinedInstruction(f);
        const Instr& in = code.code[static_cast<size_t>(f.pc++)];
        switch (in.op) {
          case Op::NOP:
            break;
          case Op::POP_TOP:
            f.stack.pop_back();
            break;
          case Op::COPY:
            f.stack.push_back(f.stack[f.stack.size() - static_cast<size_t>(in.arg)]);
            break;
          case Op::SWAP:
            std::swap(f.stack.back(), f.stack[f.stack.size() - static_cast<size_t>(in.arg)]);
            break;
          case Op::LOAD_CONST:
            f.stack.push_back(consts[static_cast<size_t>(in.arg)]);
            break;
          case Op::LOAD_FAST: {
            const Value& v = f.fast[static_cast<size_t>(in.arg)];
            if (f.trace_root) dynamo_->onLoadFast(f, in.arg);
            if (!v)
              raise(b().unbound_local_error, "cannot access local variable '" +
                                                 code.varnames[static_cast<size_t>(in.arg)] +
                                                 "' where it is not associated with a value");
            f.stack.push_back(v);
            break;
          }
          case Op::STORE_FAST: {
            Value& local = f.fast[static_cast<size_t>(in.arg)];
            local = pop(f);
            if (f.trace && local->kind == Kind::Tensor)
              dynamo_->onStoreFast(f, code.varnames[static_cast<size_t>(in.arg)], local);
            break;
          }
          case Op::DELETE_FAST:
            f.fast[static_cast<size_t>(in.arg)] = nullptr;
            break;
          case Op::LOAD_DEREF: {
            const auto& cell = f.cells[static_cast<size_t>(in.arg)];
            if (f.trace_root && cell->v) dynamo_->onLoadDeref(*this, f, in.arg);
            if (!cell->v) {
              size_t i = static_cast<size_t>(in.arg);
              std::string n = i < code.cellvars.size() ? code.cellvars[i]
                                                       : code.freevars[i - code.cellvars.size()];
              raise(b().name_error,
                    "cannot access free variable '" + n +
                        "' where it is not associated with a value in enclosing scope");
            }
            f.stack.push_back(cell->v);
            break;
          }
          case Op::STORE_DEREF: {
            Value v = pop(f);
            dynamo_->journalCell(*this, f.cells[static_cast<size_t>(in.arg)]);
            f.cells[static_cast<size_t>(in.arg)]->v = std::move(v);
            break;
          }
          case Op::DELETE_DEREF:
            f.cells[static_cast<size_t>(in.arg)]->v = nullptr;
            break;
          case Op::LOAD_CLOSURE:
            f.stack.push_back(f.cells[static_cast<size_t>(in.arg)]);
            break;
          case Op::LOAD_GLOBAL: {
            const std::string& n = code.names[static_cast<size_t>(in.arg)];
            f.stack.push_back(lookupName(*this, f, n, false));
            break;
          }
          case Op::STORE_GLOBAL: {
            Value v = pop(f);
            dynamo_->journalDict(*this, f.globals, code.names[static_cast<size_t>(in.arg)]);
            f.globals->setStr(code.names[static_cast<size_t>(in.arg)], std::move(v));
            break;
          }
          case Op::DELETE_GLOBAL:
            f.globals->erase(pyStr(code.names[static_cast<size_t>(in.arg)]));
            break;
          case Op::LOAD_NAME: {
            const std::string& n = code.names[static_cast<size_t>(in.arg)];
            f.stack.push_back(lookupName(*this, f, n, true));
            break;
          }
          case Op::STORE_NAME: {
            Value v = pop(f);
            DictPtr& d = f.locals ? f.locals : f.globals;
            if (d->sub) {  // a namespace of a dict subclass (__prepare__): its __setitem__
              setItem(d, pyStr(code.names[static_cast<size_t>(in.arg)]), std::move(v));
              break;
            }
            dynamo_->journalDict(*this, d, code.names[static_cast<size_t>(in.arg)]);
            d->setStr(code.names[static_cast<size_t>(in.arg)], std::move(v));
            break;
          }
          case Op::DELETE_NAME: {
            DictPtr& d = f.locals ? f.locals : f.globals;
            if (d->sub) {
              delItem(d, pyStr(code.names[static_cast<size_t>(in.arg)]));
              break;
            }
            if (!d->erase(pyStr(code.names[static_cast<size_t>(in.arg)])))
              raise(b().name_error,
                    "name '" + code.names[static_cast<size_t>(in.arg)] + "' is not defined");
            break;
          }
          case Op::LOAD_ATTR: {
            Value obj = pop(f);
            f.stack.push_back(getAttr(obj, code.names[static_cast<size_t>(in.arg)]));
            if (f.trace && f.stack.back()->kind == Kind::Float)
              dynamo_->onAttrLoaded(*this, f, obj, code.names[static_cast<size_t>(in.arg)],
                                    f.stack.back());
            break;
          }
          case Op::STORE_ATTR: {
            Value obj = pop(f);
            Value v = pop(f);
            setAttr(obj, code.names[static_cast<size_t>(in.arg)], std::move(v));
            break;
          }
          case Op::DELETE_ATTR: {
            Value obj = pop(f);
            delAttr(obj, code.names[static_cast<size_t>(in.arg)]);
            break;
          }
          case Op::BINARY_SUBSCR: {
            Value key = pop(f);
            Value obj = pop(f);
            f.stack.push_back(getItem(obj, key));
            break;
          }
          case Op::STORE_SUBSCR: {
            Value key = pop(f);
            Value obj = pop(f);
            Value v = pop(f);
            setItem(obj, key, std::move(v));
            break;
          }
          case Op::DELETE_SUBSCR: {
            Value key = pop(f);
            Value obj = pop(f);
            delItem(obj, key);
            break;
          }
          case Op::BUILD_SLICE: {
            Value step = in.arg == 3 ? pop(f) : none();
            Value stop = pop(f);
            Value start = pop(f);
            f.stack.push_back(std::make_shared<SliceObject>(start, stop, step));
            break;
          }
          case Op::BINARY_OP: {
            Value rhs = pop(f);
            Value lhs = pop(f);
            f.stack.push_back(
                binaryOp(static_cast<BinOpKind>(in.arg & 0xff), lhs, rhs, (in.arg & 0x100) != 0));
            break;
          }
          case Op::UNARY_OP: {
            Value v = pop(f);
            f.stack.push_back(unaryOp(static_cast<UnaryOpKind>(in.arg), v));
            break;
          }
          case Op::COMPARE_OP: {
            Value rhs = pop(f);
            Value lhs = pop(f);
            f.stack.push_back(compare(static_cast<CmpOpKind>(in.arg), lhs, rhs));
            break;
          }
          case Op::IS_OP: {
            Value rhs = pop(f);
            Value lhs = pop(f);
            bool same =
                lhs.get() == rhs.get() || (lhs->kind == Kind::None && rhs->kind == Kind::None);
            f.stack.push_back(pyBool(in.arg ? !same : same));
            break;
          }
          case Op::CONTAINS_OP: {
            Value rhs = pop(f);
            Value lhs = pop(f);
            bool c = contains(rhs, lhs);
            f.stack.push_back(pyBool(in.arg ? !c : c));
            break;
          }
          case Op::BUILD_TUPLE:
            f.stack.push_back(pyTuple(popN(f, static_cast<size_t>(in.arg))));
            break;
          case Op::BUILD_LIST:
            f.stack.push_back(pyList(popN(f, static_cast<size_t>(in.arg))));
            break;
          case Op::BUILD_SET: {
            auto s = std::make_shared<SetObject>();
            for (Value& v : popN(f, static_cast<size_t>(in.arg))) s->add(v);
            f.stack.push_back(s);
            break;
          }
          case Op::BUILD_MAP: {
            auto d = newDict();
            auto items = popN(f, 2 * static_cast<size_t>(in.arg));
            for (size_t i = 0; i < items.size(); i += 2) d->set(items[i], items[i + 1]);
            f.stack.push_back(d);
            break;
          }
          case Op::LIST_APPEND: {
            Value v = pop(f);
            as<ListObject>(f.stack[f.stack.size() - static_cast<size_t>(in.arg)])
                .items.push_back(std::move(v));
            break;
          }
          case Op::SET_ADD: {
            Value v = pop(f);
            as<SetObject>(f.stack[f.stack.size() - static_cast<size_t>(in.arg)]).add(v);
            break;
          }
          case Op::MAP_ADD: {
            Value v = pop(f);
            Value k = pop(f);
            as<DictObject>(f.stack[f.stack.size() - static_cast<size_t>(in.arg)])
                .set(k, std::move(v));
            break;
          }
          case Op::LIST_EXTEND: {
            Value it = pop(f);
            auto& l = as<ListObject>(f.stack[f.stack.size() - static_cast<size_t>(in.arg)]);
            for (Value& v : toVector(it)) l.items.push_back(std::move(v));
            break;
          }
          case Op::SET_UPDATE: {
            Value it = pop(f);
            auto& s = as<SetObject>(f.stack[f.stack.size() - static_cast<size_t>(in.arg)]);
            for (Value& v : toVector(it)) s.add(v);
            break;
          }
          case Op::DICT_UPDATE:
          case Op::DICT_MERGE: {
            Value m = pop(f);
            auto& d = as<DictObject>(f.stack[f.stack.size() - static_cast<size_t>(in.arg)]);
            if (m->kind == Kind::Dict) {
              as<DictObject>(m).forEach([&](const Value& k, const Value& v) {
                if (in.op == Op::DICT_MERGE && d.get(k))
                  raise(b().type_error,
                        "got multiple values for keyword argument '" + str(k) + "'");
                d.set(k, v);
              });
            } else {
              Value keys = callMethod(m, "keys", {});
              for (Value& k : toVector(keys)) d.set(k, getItem(m, k));
            }
            break;
          }
          case Op::LIST_TO_TUPLE: {
            Value l = pop(f);
            f.stack.push_back(pyTuple(as<ListObject>(l).items));
            break;
          }
          case Op::UNPACK_SEQUENCE: {
            Value seq = pop(f);
            std::vector<Value> items = toVector(seq);
            size_t n = static_cast<size_t>(in.arg);
            if (items.size() != n) {
              if (items.size() > n)
                raise(b().value_error,
                      "too many values to unpack (expected " + std::to_string(n) + ")");
              raise(b().value_error, "not enough values to unpack (expected " + std::to_string(n) +
                                         ", got " + std::to_string(items.size()) + ")");
            }
            for (size_t i = n; i-- > 0;) f.stack.push_back(items[i]);
            break;
          }
          case Op::UNPACK_EX: {
            Value seq = pop(f);
            std::vector<Value> items = toVector(seq);
            size_t before = static_cast<size_t>(in.arg & 0xff),
                   after = static_cast<size_t>(in.arg >> 8);
            if (items.size() < before + after)
              raise(b().value_error, "not enough values to unpack (expected at least " +
                                         std::to_string(before + after) + ", got " +
                                         std::to_string(items.size()) + ")");
            for (size_t i = 0; i < after; ++i) f.stack.push_back(items[items.size() - 1 - i]);
            std::vector<Value> mid(items.begin() + static_cast<long>(before),
                                   items.end() - static_cast<long>(after));
            f.stack.push_back(pyList(std::move(mid)));
            for (size_t i = before; i-- > 0;) f.stack.push_back(items[i]);
            break;
          }
          case Op::FORMAT_VALUE: {
            Value spec = (in.arg & 0x100) ? pop(f) : nullptr;
            Value v = pop(f);
            int conv = in.arg & 0xff;
            if (conv == 'r')
              v = pyStr(repr(v));
            else if (conv == 's')
              v = pyStr(str(v));
            else if (conv == 'a')
              v = pyStr(repr(v));
            bool tensor = v->kind == Kind::Tensor;
            f.stack.push_back(pyStr(formatValue(*this, v, spec ? asStr(spec) : std::string())));
            if (f.trace && tensor) dynamo_->onFormatValue(*this, f, f.stack.back());
            break;
          }
          case Op::BUILD_STRING: {
            std::string s;
            bool lazy = false;
            for (Value& v : popN(f, static_cast<size_t>(in.arg))) {
              s += asStr(v);
              lazy = lazy || (f.trace && dynamo_->isTensorString(v));
            }
            f.stack.push_back(pyStr(std::move(s)));
            if (lazy) dynamo_->onFormatValue(*this, f, f.stack.back());
            break;
          }
          case Op::JUMP:
            if (in.arg < f.cur && f.trace) dynamo_->onBackwardJump(*this, f);
            f.pc = in.arg;
            break;
          case Op::POP_JUMP_IF_FALSE:
          case Op::POP_JUMP_IF_TRUE: {
            Value v = f.stack.back();
            if (f.trace && v->kind == Kind::Tensor) {
              // `assert tensor` is traced as torch._assert_async (no break)
              bool is_assert = in.op == Op::POP_JUMP_IF_TRUE &&
                               static_cast<size_t>(f.pc) < code.code.size() &&
                               code.code[static_cast<size_t>(f.pc)].op == Op::LOAD_ASSERTION_ERROR;
              if (is_assert)
                dynamo_->recordOp(*this, "_assert_async", graph::NodeOp::CallFunction, {v}, {});
              else
                dynamo_->onTensorJump(*this, f, v);
            }
            if (f.trace && v->kind == Kind::Bool) dynamo_->onSymBoolJump(*this, f, v);
            bool t = truthy(v);
            f.stack.pop_back();
            if (t == (in.op == Op::POP_JUMP_IF_TRUE)) f.pc = in.arg;
            break;
          }
          case Op::JUMP_IF_FALSE_OR_POP:
          case Op::JUMP_IF_TRUE_OR_POP: {
            const Value& v = f.stack.back();
            if (f.trace && v->kind == Kind::Tensor) dynamo_->onTensorJump(*this, f, v);
            bool t = truthy(v);
            if (t == (in.op == Op::JUMP_IF_TRUE_OR_POP))
              f.pc = in.arg;
            else
              f.stack.pop_back();
            break;
          }
          case Op::GET_ITER: {
            Value v = pop(f);
            f.stack.push_back(iter(v));
            break;
          }
          case Op::FOR_ITER: {
            Value n = next(f.stack.back());
            if (!n) {
              f.stack.pop_back();
              f.pc = in.arg;
            } else {
              f.stack.push_back(std::move(n));
            }
            break;
          }
          case Op::CALL:
          case Op::CALL_KW: {
            CallArgs args;
            std::vector<Value> kwnames;
            if (in.op == Op::CALL_KW) kwnames = as<TupleObject>(pop(f)).items;
            std::vector<Value> all = popN(f, static_cast<size_t>(in.arg));
            Value callable = pop(f);
            size_t npos = all.size() - kwnames.size();
            args.args.assign(all.begin(), all.begin() + static_cast<long>(npos));
            for (size_t i = 0; i < kwnames.size(); ++i)
              args.kwargs.emplace_back(asStr(kwnames[i]), all[npos + i]);
            f.stack.push_back(f.trace ? dynamo_->traceCall(*this, f, callable, args)
                                      : call(callable, args));
            break;
          }
          case Op::CALL_FUNCTION_EX: {
            Value kw = in.arg ? pop(f) : nullptr;
            Value pos = pop(f);
            Value callable = pop(f);
            CallArgs args;
            args.args = toVector(pos);
            if (kw)
              as<DictObject>(kw).forEach(
                  [&](const Value& k, const Value& v) { args.kwargs.emplace_back(asStr(k), v); });
            f.stack.push_back(f.trace ? dynamo_->traceCall(*this, f, callable, args)
                                      : call(callable, args));
            break;
          }
          case Op::MAKE_FUNCTION: {
            Value codev = pop(f);
            auto fn = std::static_pointer_cast<FunctionObject>(
                makeFunction(as<CodeValue>(codev).code, f.globals));
            if (in.arg & kHasClosure) {
              Value cells = pop(f);
              for (Value& c : as<TupleObject>(cells).items)
                fn->closure.push_back(std::static_pointer_cast<CellObject>(c));
            }
            if (in.arg & kHasKwDefaults)
              fn->kwdefaults = std::static_pointer_cast<DictObject>(pop(f));
            if (in.arg & kHasDefaults) fn->defaults = as<TupleObject>(pop(f)).items;
            if (f.locals) {
              if (Value m = f.locals->getStr("__module__")) fn->module_name = m;
            }
            if (!fn->module_name) fn->module_name = f.globals->getStr("__name__");
            f.stack.push_back(fn);
            break;
          }
          case Op::LOAD_BUILD_CLASS:
            f.stack.push_back(builtinsDict()->getStr("__build_class__"));
            break;
          case Op::RETURN_VALUE: {
            Value v = pop(f);
            if (f.trace_root) return dynamo_->onRootReturn(*this, f, std::move(v));
            return v;
          }
          case Op::YIELD_VALUE: {
            // Suspend: the value goes to the consumer; on resumption the sent value is pushed
            // by the generator driver.
            Value v = pop(f);
            f.yielded = true;
            return v;
          }
          case Op::YIELD_FROM: {
            Value out;  // delegation (eval_async.cpp): a value to yield, or the result pushed
            if (yieldFrom(*this, f, in, out)) {
              f.yielded = true;
              return out;
            }
            break;
          }
          case Op::RAISE_VARARGS: {
            if (in.arg == 0) {
              if (f.handled.empty()) raise(b().runtime_error, "No active exception to reraise");
              throw PyRaise{f.handled.back()};
            }
            Value cause = in.arg == 2 ? pop(f) : nullptr;
            Value exc = pop(f);
            if (exc->kind == Kind::Class) exc = call(exc, std::vector<Value>{});
            if (exc->kind != Kind::Instance || !as<InstanceObject>(exc).cls->is_exception)
              raise(b().type_error, "exceptions must derive from BaseException");
            if (cause) {
              if (cause->kind == Kind::Class) cause = call(cause, std::vector<Value>{});
              as<InstanceObject>(exc).cause = isNone(cause) ? nullptr : cause;
              as<InstanceObject>(exc).suppress_context = true;
            }
            if (!f.handled.empty() && f.handled.back() != exc && !as<InstanceObject>(exc).context)
              as<InstanceObject>(exc).context = f.handled.back();
            throw PyRaise{exc};
          }
          case Op::SETUP_FINALLY:
            f.blocks.push_back({Block::Type::Try, in.arg, static_cast<int>(f.stack.size()),
                                static_cast<int>(f.handled.size())});
            break;
          case Op::SETUP_WITH: {
            Value mgr = pop(f);
            Value exit = getAttrOrNull(mgr, "__exit__");
            Value enter = getAttrOrNull(mgr, "__enter__");
            if (!exit || !enter)
              raise(b().type_error, "'" + typeOf(mgr)->name +
                                        "' object does not support the context manager protocol");
            f.stack.push_back(exit);
            Value r = f.trace ? dynamo_->traceEnter(*this, f, mgr, enter)
                              : call(enter, std::vector<Value>{});
            f.blocks.push_back({Block::Type::With, in.arg, static_cast<int>(f.stack.size()),
                                static_cast<int>(f.handled.size())});
            f.stack.push_back(r);
            break;
          }
          case Op::POP_BLOCK:
            f.blocks.pop_back();
            break;
          case Op::POP_EXCEPT:
            if (!f.handled.empty()) f.handled.pop_back();
            break;
          case Op::CHECK_EXC_MATCH: {
            Value type = pop(f);
            const Value& exc = f.stack.back();
            bool match = false;
            auto test = [&](const Value& t) {
              if (t->kind == Kind::Class && isInstance(exc, &as<ClassObject>(t))) match = true;
            };
            if (type->kind == Kind::Tuple) {
              for (const Value& t : as<TupleObject>(type).items) test(t);
            } else {
              test(type);
            }
            f.stack.push_back(pyBool(match));
            break;
          }
          case Op::RERAISE: {
            Value exc = pop(f);
            if (!f.handled.empty()) f.handled.pop_back();
            throw PyRaise{exc};
          }
          case Op::WITH_EXIT: {
            Value exit = pop(f);
            std::vector<Value> a{none(), none(), none()};
            if (f.trace)
              dynamo_->traceExit(*this, f, exit);
            else
              call(exit, a);
            break;
          }
          case Op::WITH_EXCEPT: {
            Value exc = f.stack.back();
            Value exit = f.stack[f.stack.size() - 2];
            Value r = call(exit, std::vector<Value>{typeOf(exc), exc, none()});
            f.stack.push_back(pyBool(truthy(r)));
            break;
          }
          case Op::IMPORT_NAME: {
            Value fromlist = pop(f);
            Value level = pop(f);
            const std::string& name = code.names[static_cast<size_t>(in.arg)];
            f.stack.push_back(
                importer_->importName(name, f.globals, fromlist, static_cast<int>(asInt(level))));
            break;
          }
          case Op::IMPORT_FROM: {
            const std::string& name = code.names[static_cast<size_t>(in.arg)];
            Value v = importer_->importFrom(f.stack.back(), name);
            f.stack.push_back(std::move(v));
            break;
          }
          case Op::IMPORT_STAR: {
            Value mod = pop(f);
            importer_->importStar(mod, f.locals ? f.locals : f.globals);
            break;
          }
          case Op::LOAD_ASSERTION_ERROR:
            f.stack.push_back(b().assertion_error);
            break;
          case Op::UNSUPPORTED:
            unsupported(code.names[static_cast<size_t>(in.arg)]);
          case Op::SETUP_ANNOTATIONS:
          case Op::GET_AWAITABLE:
          case Op::GET_AITER:
          case Op::GET_ANEXT:
          case Op::END_ASYNC_FOR:
          case Op::BEFORE_ASYNC_WITH:
          case Op::SETUP_ASYNC_WITH:
          case Op::ASYNC_WITH_EXCEPT:
          case Op::ASYNC_GEN_WRAP:
          case Op::MATCH_MAPPING:
          case Op::MATCH_SEQUENCE:
          case Op::MATCH_KEYS:
          case Op::MATCH_CLASS:
          case Op::GET_LEN:
          case Op::CHECK_EG_MATCH:
          case Op::PREP_RERAISE_STAR:
          case Op::LOAD_LOCALS:
          case Op::LOAD_FROM_DICT_OR_GLOBALS:
          case Op::LOAD_FROM_DICT_OR_DEREF:
          case Op::LOAD_TYPING:
          case Op::SET_FUNCTION_ATTRIBUTE:
          case Op::BUILD_INTERPOLATION:
          case Op::BUILD_TEMPLATE:
          case Op::PRINT_EXPR:
            execExtendedOp(*this, f, in);  // the language's newer opcodes (eval_ext.h)
            break;
        }
      }
    } catch (PyRaise& e) {
      addTraceback(e.exc, f);
      if (!handleException(f, e.exc)) throw;
    } catch (runtime::StorageRefused& r) {
      // located here, where the frame's position is still known (the budget stops the program)
      throw GbcBudgetExceeded{"the program's tensor of " + std::to_string(r.nbytes) +
                                  " bytes exceeds the memory limit of " +
                                  std::to_string(r.limit >> 20) + " MiB (--max-memory)",
                              code.filename, f.curPos().line};
    } catch (std::bad_alloc&) {
      throw GbcBudgetExceeded{"the program ran out of memory", code.filename, f.curPos().line};
    } catch (GraphBreakSignal& s) {
      if (!f.trace_root) {
        // skip_frame refers to the frame that raised it, not to its caller: leaving an inlined
        // frame it is unset (InliningInstructionTranslator.inline_call_), so the caller breaks
        // as for any other cause
        if (f.trace) s.skip_frame = false;
        if (!f.trace || !dynamo_->nestedEnabled(*this) || !dynamo_->handleNestedBreak(*this, f, s))
          throw;
        continue;
      }
      Value result;
      if (dynamo_->handleBreak(*this, f, s, result)) return result;
    }
  }
}

}  // namespace gbc::interp
