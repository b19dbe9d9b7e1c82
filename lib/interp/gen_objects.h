// Generator-like objects (private to the runtime files): the driver that resumes a generator,
// coroutine or async generator frame with a value or an exception, and the helpers the async
// opcodes share. Coroutines and async generators are instances of native classes whose payload
// is a GeneratorObject; plain generators are Kind::Generator values.
#pragma once

#include <memory>
#include <string>

#include "interp/eval_ext.h"

namespace gbc::interp {

/// One step of a generator-like object: the value it yielded, or (done) the value it returned.
struct GenStep {
  Value value;
  bool done = false;
};

/// A native class of this runtime ("coroutine", "async_generator", ...), made at install time.
ClassPtr runtimeClass(VM& vm, const std::string& name);
/// An instance of a native class carrying `payload`.
Value makeNativeInstance(const ClassPtr& cls, std::shared_ptr<void> payload);
/// The payload of `v` when it is an instance of the runtime class `name`, else null.
template <typename T>
std::shared_ptr<T> payloadOf(VM& vm, const Value& v, const std::string& name) {
  if (v->kind != Kind::Instance) return nullptr;
  auto& inst = as<InstanceObject>(v);
  if (inst.cls != runtimeClass(vm, name)) return nullptr;
  return std::static_pointer_cast<T>(inst.payload);
}

/// The generator state of a generator, coroutine or async generator value, else null.
GeneratorObject* generatorOf(VM& vm, const Value& v);
bool isCoroutineObject(VM& vm, const Value& v);

/// Resumes `g` with `v` sent in (a just-started one only takes None).
GenStep genSend(VM& vm, GeneratorObject& g, const Value& v);
/// Raises `exc` where `g` is suspended (forwarded to the iterator it delegates to, if any).
GenStep genThrow(VM& vm, GeneratorObject& g, const Value& exc);
/// generator.close(): GeneratorExit thrown in; a yield in answer is a RuntimeError.
void genClose(VM& vm, GeneratorObject& g);

/// Sends `v` into the delegate of a `yield from`/`await`: generator-like objects are resumed
/// directly, other iterators through send() or __next__ (StopIteration gives the result).
GenStep sendInto(VM& vm, const Value& sub, const Value& v);
/// StopIteration.value of an exception instance (its first argument, or None).
Value stopIterationValue(VM& vm, const Value& exc);
/// An exception instance from throw()'s arguments: an instance, or a class (and a value).
Value exceptionFromThrowArgs(VM& vm, CallArgs& a, size_t first);
/// The iterator `await obj` delegates to (GET_AWAITABLE; `where`: 0 await, 1 __aenter__,
/// 2 __aexit__, 3 __anext__ of async for), with CPython's TypeErrors.
Value awaitableIter(VM& vm, const Value& obj, int where);
/// asend(v) of an async generator: the awaitable that runs it to its next yield.
Value asyncGenASend(VM& vm, const Value& agen, Value v);

/// ASYNC_GEN_WRAP: marks `v` as an async generator's own yield.
Value wrapAsyncGenValue(VM& vm, Value v);

void installGeneratorObjects(VM& vm);
void installAsyncGenerators(VM& vm);

}  // namespace gbc::interp
