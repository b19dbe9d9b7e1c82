// The Python parts of torch.distributed (a CPU process that never called
// init_process_group), torch._utils (_flatten_dense_tensors and friends) and torch.utils.data
// (Dataset, TensorDataset, samplers, DataLoader with default_collate, num_workers=0), loaded
// on first use. Random sampling (shuffle=True, RandomSampler) is reported as what gbc cannot
// model: it draws from a torch.Generator seeded from the global one.
#include "interp/prelude.h"
#include "interp/torch_model.h"

namespace gbc::interp {

namespace {

const char* kDistributedInit = R"PY(
import torch

#@line 18
def is_available():
    return True

from torch.distributed.distributed_c10d import (
    is_initialized, get_rank, get_world_size, init_process_group, all_reduce, all_gather,
    broadcast, barrier, GroupMember, ReduceOp,
)
)PY";

const char* kDistributedC10d = R"PY(
import torch

class ReduceOp:
    SUM = "SUM"
    AVG = "AVG"
    PRODUCT = "PRODUCT"
    MIN = "MIN"
    MAX = "MAX"

class GroupMember:
    WORLD = None
    NON_GROUP_MEMBER = -100

#@line 1646
def _rank_not_in_group(group):
    """Check if the current process's rank is not in a given group."""
    if group is None:
        return False
    return group == GroupMember.NON_GROUP_MEMBER

#@line 1744
def _get_group_size(group):
    """Get a given group's world size."""
    if group is GroupMember.WORLD or group is None:
        default_pg = _get_default_group()
        return default_pg.size()
    return group.size()

#@line 1952
def is_initialized():
    """Check if the default process group has been initialized."""
    return GroupMember.WORLD is not None

#@line 1978
def _get_default_group():
    """Get the default process group created by init_process_group."""
    if not is_initialized():
        raise ValueError(
            "Default process group has not been initialized, "
            "please make sure to call init_process_group."
        )
    return GroupMember.WORLD

def init_process_group(*args, **kwargs):
    torch._gbc_cannot_model("torch.distributed.init_process_group (a process group)")

def all_reduce(tensor, op=None, group=None, async_op=False):
    _get_default_group()

def all_gather(tensor_list, tensor, group=None, async_op=False):
    _get_default_group()

def broadcast(tensor, src=None, group=None, async_op=False, group_src=None):
    _get_default_group()

def barrier(group=None, async_op=False, device_ids=None):
    _get_default_group()

#@line 3186
def get_rank(group=None):
    if _rank_not_in_group(group):
        return -1
    default_pg = _get_default_group()
    if group is None or group is GroupMember.WORLD:
        return default_pg.rank()
    return get_group_rank(group, default_pg.rank())

#@line 3213
def get_world_size(group=None):
    if _rank_not_in_group(group):
        return -1
    return _get_group_size(group)
)PY";

const char* kUtils = R"PY(
import torch

def _flatten_dense_tensors(tensors):
    return torch.cat([t.contiguous().view(-1) for t in tensors])

def _unflatten_dense_tensors(flat, tensors):
    outputs = []
    offset = 0
    for tensor in tensors:
        numel = tensor.numel()
        outputs.append(flat.narrow(0, offset, numel).view_as(tensor))
        offset += numel
    return tuple(outputs)
)PY";

const char* kData = R"PY(
import torch

class Dataset:
    def __getitem__(self, index):
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")

class IterableDataset(Dataset):
    pass

class TensorDataset(Dataset):
    def __init__(self, *tensors):
        assert all(tensors[0].size(0) == tensor.size(0) for tensor in tensors), "Size mismatch between tensors"
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(tensor[index] for tensor in self.tensors)

    def __len__(self):
        return self.tensors[0].size(0)

class Sampler:
    def __init__(self, data_source=None):
        pass

class SequentialSampler(Sampler):
    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)

class RandomSampler(Sampler):
    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(self.replacement, bool):
            raise TypeError(f"replacement should be a boolean value, but got replacement={self.replacement}")
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError(f"num_samples should be a positive integer value, but got num_samples={self.num_samples}")

    @property
    def num_samples(self):
        if self._num_samples is None:
            return len(self.data_source)
        return self._num_samples

    def __iter__(self):
        torch._gbc_cannot_model("RandomSampler's draws (a torch.Generator seeded from the global one)")

    def __len__(self):
        return self.num_samples

class BatchSampler(Sampler):
    def __init__(self, sampler, batch_size, drop_last):
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer value, but got batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        batch = []
        for idx in self.sampler:
            batch.append(idx)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch and not self.drop_last:
            yield batch

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size

def default_collate(batch):
    elem = batch[0]
    if isinstance(elem, torch.Tensor):
        return torch.stack(batch, 0)
    if isinstance(elem, bool):
        return torch.tensor(batch)
    if isinstance(elem, float):
        return torch.tensor(batch, dtype=torch.float64)
    if isinstance(elem, int):
        return torch.tensor(batch)
    if isinstance(elem, str):
        return batch
    if isinstance(elem, dict):
        return {key: default_collate([d[key] for d in batch]) for key in elem}
    if isinstance(elem, tuple):
        return [default_collate(samples) for samples in zip(*batch)]
    if isinstance(elem, list):
        it = iter(batch)
        elem_size = len(next(it))
        if not all(len(e) == elem_size for e in it):
            raise RuntimeError("each element in list of batch should be of equal size")
        return [default_collate(samples) for samples in zip(*batch)]
    raise TypeError(f"default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {type(elem)}")

class DataLoader:
    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0,
                 worker_init_fn=None, multiprocessing_context=None, generator=None, *,
                 prefetch_factor=None, persistent_workers=False, pin_memory_device="",
                 in_order=True):
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        self.dataset = dataset
        self.num_workers = num_workers
        self.batch_size = batch_size
        self.drop_last = drop_last
        if sampler is None:
            if shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        if collate_fn is None:
            collate_fn = default_collate
        self.collate_fn = collate_fn

    def __iter__(self):
        for indices in self.batch_sampler:
            yield self.collate_fn([self.dataset[i] for i in indices])

    def __len__(self):
        return len(self.batch_sampler)

# the submodules torch defines them in (torch.utils.data re-exports them)
for _cls in (Dataset, IterableDataset, TensorDataset):
    _cls.__module__ = "torch.utils.data.dataset"
for _cls in (Sampler, SequentialSampler, RandomSampler, BatchSampler):
    _cls.__module__ = "torch.utils.data.sampler"
DataLoader.__module__ = "torch.utils.data.dataloader"
default_collate.__module__ = "torch.utils.data._utils.collate"
del _cls
)PY";

void load(VM& vm, const char* name, const char* file, const char* src) {
  loadPrelude(vm, name, std::string(vm.target().torch_prefix) + file, preludeLayout(src));
}

void setParent(VM& vm, const std::string& name) {
  size_t dot = name.rfind('.');
  Value parent = vm.findModule(name.substr(0, dot));
  if (parent) as<ModuleObject>(parent).dict->setStr(name.substr(dot + 1), vm.findModule(name));
}

void loadDistributed(VM& vm) {
  load(vm, "torch.distributed.distributed_c10d", "/distributed/distributed_c10d.py",
       kDistributedC10d);
  load(vm, "torch.distributed", "/distributed/__init__.py", kDistributedInit);
  setParent(vm, "torch.distributed");
  setParent(vm, "torch.distributed.distributed_c10d");
}

void loadUtils(VM& vm) {
  load(vm, "torch._utils", "/_utils.py", kUtils);
  setParent(vm, "torch._utils");
}

void loadData(VM& vm) {
  if (!vm.findModule("torch.utils")) {
    auto m = std::make_shared<ModuleObject>("torch.utils");
    m->dict->setStr("__name__", pyStr("torch.utils"));
    vm.registerModule("torch.utils", m);
    setParent(vm, "torch.utils");
  }
  load(vm, "torch.utils.data", "/utils/data/__init__.py", kData);
  setParent(vm, "torch.utils.data");
  Value data = vm.findModule("torch.utils.data");
  // the submodules programs import from: the same classes
  for (const char* sub : {"dataloader", "dataset", "sampler"}) {
    std::string name = std::string("torch.utils.data.") + sub;
    vm.registerModule(name, data);
    as<ModuleObject>(data).dict->setStr(sub, data);
  }
}

}  // namespace

void installTorchUtils(VM& vm) {
  vm.addLazyPart({"torch.distributed", "torch.distributed.distributed_c10d"},
                 {{"torch", "distributed"}}, loadDistributed);
  vm.addLazyPart({"torch._utils"}, {{"torch", "_utils"}}, loadUtils);
  vm.addLazyPart({"torch.utils.data", "torch.utils.data.dataloader", "torch.utils.data.dataset",
                  "torch.utils.data.sampler"},
                 {{"torch.utils", "data"}}, loadData);
}

}  // namespace gbc::interp
