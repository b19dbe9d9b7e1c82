// PEP 654: BaseExceptionGroup and ExceptionGroup (__new__ choosing the class, message,
// exceptions, split, subgroup, derive, str/repr) -- gbc's one implementation of them, installed
// with the builtin exceptions (exceptions.cpp) --
// and the opcodes of except*: CHECK_EG_MATCH (split the exception being handled by a clause's
// types; a naked exception is wrapped in a group) and PREP_RERAISE_STAR (what is left to raise:
// the unhandled rest and what the clauses raised, re-raised parts projected back onto the
// original group), as CPython's exceptions.c and ceval do.
#include <set>

#include "interp/gen_objects.h"

namespace gbc::interp {

namespace {

ClassPtr baseGroupClass(VM& vm) { return vm.b().by_name["BaseExceptionGroup"]; }
ClassPtr groupClass(VM& vm) { return vm.b().by_name["ExceptionGroup"]; }

bool isGroup(VM& vm, const Value& v) {
  return v->kind == Kind::Instance && vm.isInstance(v, baseGroupClass(vm).get());
}

std::vector<Value> groupExceptions(const Value& eg) {
  Value excs = as<InstanceObject>(eg).dict->getStr("exceptions");
  if (!excs || excs->kind != Kind::Tuple) return {};
  return as<TupleObject>(excs).items;
}

bool isExceptionInstance(const Value& v) {
  return v->kind == Kind::Instance && as<InstanceObject>(v).cls->is_exception;
}

/// `self` of a BaseExceptionGroup method (a TypeError when called on anything else).
InstanceObject& groupSelf(VM& vm, const Value& self) {
  if (!isGroup(vm, self))
    vm.raise(vm.b().type_error, "descriptor requires a 'BaseExceptionGroup' object, not '" +
                                    vm.typeOf(self)->name + "'");
  return as<InstanceObject>(self);
}

/// BaseExceptionGroup.__new__(cls, message, exceptions): validates the arguments and picks the
/// class: BaseExceptionGroup of Exceptions only gives an ExceptionGroup, and a subclass of
/// Exception cannot hold a BaseException.
Value groupNew(VM& vm, CallArgs& a) {
  if (a.args.empty() || a.args[0]->kind != Kind::Class)
    vm.raise(vm.b().type_error, "BaseExceptionGroup.__new__(X): X is not a type object");
  auto cls = std::static_pointer_cast<ClassObject>(a.args[0]);
  if (a.args.size() != 3)
    vm.raise(vm.b().type_error, "BaseExceptionGroup.__new__() takes exactly 2 arguments (" +
                                    std::to_string(a.args.size() - 1) + " given)");
  Value message = a.args[1], excs = a.args[2];
  if (message->kind != Kind::Str)
    vm.raise(vm.b().type_error, "BaseExceptionGroup.__new__() argument 1 must be str, not " +
                                    vm.typeOf(message)->name);
  if (excs->kind == Kind::Set || excs->kind == Kind::Dict || !vm.getAttrOrNull(excs, "__len__") ||
      !vm.getAttrOrNull(excs, "__getitem__"))
    vm.raise(vm.b().type_error, "second argument (exceptions) must be a sequence");
  std::vector<Value> items = vm.toVector(excs);
  if (items.empty())
    vm.raise(vm.b().value_error, "second argument (exceptions) must be a non-empty sequence");
  bool all_exceptions = true;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!isExceptionInstance(items[i]))
      vm.raise(vm.b().value_error, "Item " + std::to_string(i) +
                                       " of second argument (exceptions) is not an exception");
    all_exceptions = all_exceptions && vm.isInstance(items[i], vm.b().exception.get());
  }
  if (cls == baseGroupClass(vm)) {
    if (all_exceptions) cls = groupClass(vm);
  } else if (cls->isSubclassOf(vm.b().exception.get()) && !all_exceptions) {
    vm.raise(vm.b().type_error, cls == groupClass(vm)
                                    ? std::string("Cannot nest BaseExceptions in an ExceptionGroup")
                                    : "Cannot nest BaseExceptions in '" + cls->name + "'");
  }
  auto e = std::make_shared<InstanceObject>(cls);
  e->dict->setStr("message", message);
  e->dict->setStr("exceptions", pyTuple(items));
  e->dict->setStr("args", pyTuple({message, excs}));
  return e;
}

/// `exc.derive(excs)` with the original's metadata copied over (CPython's exceptiongroup_subset).
Value subset(VM& vm, const Value& orig, std::vector<Value> excs) {
  if (excs.empty()) return nullptr;
  Value eg = vm.callMethod(orig, "derive", {pyList(std::move(excs))});
  if (!isGroup(vm, eg))
    vm.raise(vm.b().type_error, "derive must return an instance of BaseExceptionGroup");
  auto& from = as<InstanceObject>(orig);
  auto& to = as<InstanceObject>(eg);
  to.traceback = from.traceback;
  to.cause = from.cause;
  to.context = from.context;
  to.suppress_context = from.suppress_context;
  if (Value notes = from.dict->getStr("__notes__")) to.dict->setStr("__notes__", notes);
  return eg;
}

using Matcher = std::function<bool(const Value&)>;

/// CPython's exceptiongroup_split_recursive: (match, rest), either null.
std::pair<Value, Value> splitGroup(VM& vm, const Value& exc, const Matcher& matches) {
  if (matches(exc)) return {exc, nullptr};
  if (!isGroup(vm, exc)) return {nullptr, exc};
  std::vector<Value> match, rest;
  for (const Value& e : groupExceptions(exc)) {
    auto [m, r] = splitGroup(vm, e, matches);
    if (m) match.push_back(m);
    if (r) rest.push_back(r);
  }
  Value m = subset(vm, exc, std::move(match));
  Value r = subset(vm, exc, std::move(rest));
  return {m, r};
}

/// The matcher of split()/subgroup(): an exception type, a tuple of them, or a predicate.
Matcher conditionMatcher(VM& vm, const Value& condition) {
  auto isType = [](const Value& t) {
    return t->kind == Kind::Class && as<ClassObject>(t).is_exception;
  };
  bool types = isType(condition);
  if (condition->kind == Kind::Tuple) {
    types = true;
    for (const Value& t : as<TupleObject>(condition).items) types = types && isType(t);
  }
  if (types) {
    return [&vm, condition](const Value& e) {
      std::vector<Value> ts = condition->kind == Kind::Tuple ? as<TupleObject>(condition).items
                                                             : std::vector<Value>{condition};
      for (const Value& t : ts)
        if (vm.isInstance(e, &as<ClassObject>(t))) return true;
      return false;
    };
  }
  if (vm.isCallable(condition)) {
    return [&vm, condition](const Value& e) {
      return vm.truthy(vm.call(condition, std::vector<Value>{e}));
    };
  }
  vm.raise(vm.b().type_error,
           vm.target().python == "3.12"
               ? "expected a function, exception type or tuple of exception types"
               : "expected an exception type, a tuple of exception types, or a callable (other "
                 "than a class)");
}

/// except* T: T must be exception classes, and not exception groups.
void checkExceptStarTypes(VM& vm, const Value& type) {
  std::vector<Value> ts =
      type->kind == Kind::Tuple ? as<TupleObject>(type).items : std::vector<Value>{type};
  for (const Value& t : ts) {
    if (t->kind != Kind::Class || !as<ClassObject>(t).is_exception)
      vm.raise(vm.b().type_error,
               "catching classes that do not inherit from BaseException is not allowed");
    if (as<ClassObject>(t).isSubclassOf(baseGroupClass(vm).get()))
      vm.raise(vm.b().type_error,
               "catching ExceptionGroup with except* is not allowed. Use except instead.");
  }
}

/// Whether `e` carries the same metadata as `orig` (a part of it re-raised, not a new
/// exception). CPython also compares __traceback__; gbc's tracebacks grow when re-raised in
/// the same frame, so the cause, context and notes decide.
bool sameMetadata(const Value& e, const Value& orig) {
  auto& a = as<InstanceObject>(e);
  auto& b = as<InstanceObject>(orig);
  return a.cause == b.cause && a.context == b.context &&
         a.dict->getStr("__notes__") == b.dict->getStr("__notes__");
}

void collectLeaves(VM& vm, const Value& e, std::set<const Object*>& out) {
  if (!isGroup(vm, e)) {
    out.insert(e.get());
    return;
  }
  for (const Value& x : groupExceptions(e)) collectLeaves(vm, x, out);
}

Value prepReraiseStar(VM& vm, const Value& orig, const Value& list) {
  std::vector<Value> excs = as<ListObject>(list).items;
  if (!isGroup(vm, orig)) {
    // A naked exception was wrapped: only one clause ran, at most one thing to raise.
    return excs.empty() ? none() : excs[0];
  }
  std::vector<Value> raised, reraised;
  for (const Value& e : excs) {
    if (isNone(e)) continue;
    (sameMetadata(e, orig) ? reraised : raised).push_back(e);
  }
  Value reraised_eg;
  if (!reraised.empty()) {
    std::set<const Object*> leaves;
    for (const Value& e : reraised) collectLeaves(vm, e, leaves);
    reraised_eg =
        splitGroup(vm, orig, [&](const Value& e) { return leaves.count(e.get()) != 0; }).first;
  }
  if (raised.empty()) return reraised_eg ? reraised_eg : none();
  if (reraised_eg) raised.push_back(reraised_eg);
  if (raised.size() == 1) return raised[0];
  CallArgs a;
  a.args = {pyStr(""), pyList(raised)};
  return vm.call(groupClass(vm), a);
}

}  // namespace

void execExceptStarOp(VM& vm, Frame& f, const Instr& in) {
  switch (in.op) {
    case Op::CHECK_EG_MATCH: {
      Value type = f.stack.back();
      f.stack.pop_back();
      Value exc = f.stack.back();
      f.stack.pop_back();
      checkExceptStarTypes(vm, type);
      Value match = none(), rest = none();
      if (!isNone(exc)) {
        Matcher m = conditionMatcher(vm, type);
        if (m(exc)) {
          if (isGroup(vm, exc)) {
            match = exc;
          } else {
            // A naked exception matching a clause is wrapped in a group of its own.
            CallArgs a;
            a.args = {pyStr(""), pyList({exc})};
            match = vm.call(baseGroupClass(vm), a);
            as<InstanceObject>(match).traceback = as<InstanceObject>(exc).traceback;
          }
        } else if (isGroup(vm, exc)) {
          Value pair = vm.callMethod(exc, "split", {type});
          if (pair->kind != Kind::Tuple || as<TupleObject>(pair).items.size() != 2)
            vm.raise(vm.b().type_error,
                     "X.split(cls) must return a 2-tuple, got " + vm.typeOf(pair)->name);
          match = as<TupleObject>(pair).items[0];
          rest = as<TupleObject>(pair).items[1];
        } else {
          rest = exc;
        }
      }
      if (!isNone(match) && !f.handled.empty()) f.handled.back() = match;
      f.stack.push_back(rest);
      f.stack.push_back(match);
      return;
    }
    case Op::PREP_RERAISE_STAR: {
      Value list = f.stack.back();
      f.stack.pop_back();
      Value orig = f.stack.back();
      f.stack.back() = prepReraiseStar(vm, orig, list);
      return;
    }
    default:
      GBC_UNREACHABLE("not an except* opcode");
  }
}

void installExceptionGroups(VM& vm) {
  auto& B = vm.b();
  auto method = [](const DictPtr& d, const std::string& name, NativeFn fn) {
    auto b = std::make_shared<BuiltinObject>(name, std::move(fn));
    b->qualname = "BaseExceptionGroup." + name;
    b->id = b->qualname;
    d->setStr(name, b);
    return b;
  };
  auto d = newDict();
  method(d, "__new__", groupNew)->binds = false;
  // (the arguments were taken by __new__; a subclass's __init__ may take others)
  method(d, "__init__", [](VM&, CallArgs&) -> Value { return none(); });
  method(d, "__str__", [](VM& vm, CallArgs& a) -> Value {
    auto& inst = groupSelf(vm, a.args.at(0));
    Value msg = inst.dict->getStr("message");
    size_t n = groupExceptions(a.args.at(0)).size();
    return pyStr((msg && msg->kind == Kind::Str ? asStr(msg) : std::string()) + " (" +
                 std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")");
  });
  method(d, "__repr__", [](VM& vm, CallArgs& a) -> Value {
    // the exceptions as they were given (a list stays a list), as CPython's repr
    auto& inst = groupSelf(vm, a.args.at(0));
    Value args = inst.dict->getStr("args");
    Value msg = inst.dict->getStr("message");
    Value excs = args && args->kind == Kind::Tuple && as<TupleObject>(args).items.size() == 2
                     ? as<TupleObject>(args).items[1]
                     : pyTuple(groupExceptions(a.args[0]));
    return pyStr(inst.cls->name + "(" + vm.repr(msg ? msg : pyStr("")) + ", " + vm.repr(excs) +
                 ")");
  });
  method(d, "derive", [](VM& vm, CallArgs& a) -> Value {
    Value message = groupSelf(vm, a.args.at(0)).dict->getStr("message");
    return vm.call(baseGroupClass(vm),
                   std::vector<Value>{message ? message : pyStr(""), a.args.at(1)});
  });
  method(d, "split", [](VM& vm, CallArgs& a) -> Value {
    groupSelf(vm, a.args.at(0));
    auto [m, r] = splitGroup(vm, a.args.at(0), conditionMatcher(vm, a.args.at(1)));
    return pyTuple({m ? m : none(), r ? r : none()});
  });
  method(d, "subgroup", [](VM& vm, CallArgs& a) -> Value {
    groupSelf(vm, a.args.at(0));
    Value m = splitGroup(vm, a.args.at(0), conditionMatcher(vm, a.args.at(1))).first;
    return m ? m : none();
  });
  ClassPtr base = vm.makeClass("BaseExceptionGroup", {B.base_exception}, d);
  ClassPtr group = vm.makeClass("ExceptionGroup", {base, B.exception}, nullptr);
  for (const ClassPtr& c : {base, group}) {
    c->module = "builtins";
    c->builtin = true;
    c->is_exception = true;
    B.by_name[c->name] = c;
    vm.builtinsDict()->setStr(c->name, c);
  }
}

}  // namespace gbc::interp
