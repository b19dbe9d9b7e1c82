// Struct sequences (struct_seq.h). The methods are Python (a small prelude): the VM dispatches a
// Python class's dunder methods everywhere (repr included), a native one not yet everywhere.
#include "interp/struct_seq.h"

#include "interp/import_internal.h"

namespace gbc::interp {

namespace {

constexpr const char* kBaseKey = "__gbc_structseq__";

const char* const kStructSeqPrelude = R"PY(
def _items(value):
    return value._gbc_tuple if isinstance(value, structseq) else value


class structseq:
    def __getitem__(self, index):
        return self._gbc_tuple[index]

    def __len__(self):
        return len(self._gbc_tuple)

    def __iter__(self):
        return iter(self._gbc_tuple)

    def __contains__(self, item):
        return item in self._gbc_tuple

    def __eq__(self, other):
        return self._gbc_tuple == _items(other)

    def __ne__(self, other):
        return self._gbc_tuple != _items(other)

    def __lt__(self, other):
        return self._gbc_tuple < _items(other)

    def __le__(self, other):
        return self._gbc_tuple <= _items(other)

    def __gt__(self, other):
        return self._gbc_tuple > _items(other)

    def __ge__(self, other):
        return self._gbc_tuple >= _items(other)

    def __hash__(self):
        return hash(self._gbc_tuple)

    def __add__(self, other):
        return self._gbc_tuple + _items(other)

    def __radd__(self, other):
        return _items(other) + self._gbc_tuple

    def __mul__(self, n):
        return self._gbc_tuple * n

    def count(self, value):
        return self._gbc_tuple.count(value)

    def index(self, value, *args):
        return self._gbc_tuple.index(value, *args)

    def __repr__(self):
        fields = ', '.join(f'{name}={value!r}'
                           for name, value in zip(self._gbc_fields, self._gbc_tuple))
        return f'{self._gbc_name}({fields})'

    def __reduce__(self):
        return (type(self), (self._gbc_tuple,))
)PY";

ClassPtr baseClass(VM& vm) {
  auto& by_name = vm.b().by_name;
  if (auto it = by_name.find(kBaseKey); it != by_name.end()) return it->second;
  DictPtr globals = newDict();
  globals->setStr("__name__", pyStr("builtins"));
  globals->setStr("__builtins__", vm.builtinsDict());
  runPreludeInto(vm, globals, "<gbc>/structseq.py", kStructSeqPrelude);
  Value cls = globals->getStr("structseq");
  GBC_CHECK(cls && cls->kind == Kind::Class, "the struct-sequence prelude defines structseq");
  by_name[kBaseKey] = std::static_pointer_cast<ClassObject>(cls);
  return by_name[kBaseKey];
}

}  // namespace

ClassPtr makeStructSeqType(VM& vm, const std::string& name, std::vector<std::string> fields,
                           size_t n_sequence) {
  size_t dot = name.rfind('.');
  ClassPtr cls = vm.makeClass(name.substr(dot + 1), {baseClass(vm)}, nullptr);
  cls->module = dot == std::string::npos ? "builtins" : name.substr(0, dot);
  std::vector<Value> names;
  for (size_t i = 0; i < n_sequence && i < fields.size(); ++i) names.push_back(pyStr(fields[i]));
  cls->dict->setStr("_gbc_fields", pyTuple(std::move(names)));
  cls->dict->setStr("_gbc_name", pyStr(name));
  cls->dict->setStr("_gbc_all_fields", pyTuple({}));
  cls->dict->setStr("n_fields", pyInt(static_cast<int64_t>(fields.size())));
  cls->dict->setStr("n_sequence_fields", pyInt(static_cast<int64_t>(n_sequence)));
  cls->dict->setStr("n_unnamed_fields", pyInt(0));
  std::vector<Value> all;
  for (const std::string& f : fields) all.push_back(pyStr(f));
  cls->dict->setStr("_gbc_all_fields", pyTuple(std::move(all)));
  return cls;
}

Value makeStructSeq(VM& vm, const ClassPtr& type, std::vector<Value> values) {
  (void)vm;
  auto inst = std::make_shared<InstanceObject>(type);
  Value fields = type->dict->getStr("_gbc_all_fields");
  size_t n_sequence = static_cast<size_t>(asInt(type->dict->getStr("n_sequence_fields")));
  const auto& names = as<TupleObject>(fields).items;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i)
    inst->dict->set(names[i], values[i]);
  values.resize(std::min(values.size(), n_sequence));
  inst->dict->setStr("_gbc_tuple", pyTuple(std::move(values)));
  return inst;
}

Value structSeqTuple(const Value& v) {
  if (v->kind != Kind::Instance) return nullptr;
  return as<InstanceObject>(v).dict->getStr("_gbc_tuple");
}

}  // namespace gbc::interp
