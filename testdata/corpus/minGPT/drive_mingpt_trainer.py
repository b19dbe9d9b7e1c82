# gbc corpus driver: minGPT's GPT trained by minGPT's own Trainer (mingpt/trainer.py) on the sort
# task of its demo notebook, with the model handed to the Trainer already compiled
# (`torch.compile(model)`): the Trainer calls configure_optimizers through the compiled wrapper,
# iterates a DataLoader with a RandomSampler and reports through an on_batch_end callback.
import torch
from torch.utils.data import Dataset

from mingpt.model import GPT
from mingpt.trainer import Trainer
from mingpt.utils import set_seed

set_seed(3407)


class SortDataset(Dataset):
    """ Dataset for the Sort problem. E.g. for problem length 6: input 0 0 2 1 0 1 -> 0 0 0 1 1 2 """

    def __init__(self, length=6, num_digits=3):
        self.length = length
        self.num_digits = num_digits

    def __len__(self):
        return 10000

    def get_vocab_size(self):
        return self.num_digits

    def get_block_size(self):
        return self.length * 2 - 1

    def __getitem__(self, idx):
        inp = torch.randint(self.num_digits, size=(self.length,), dtype=torch.long)
        sol = torch.sort(inp)[0]
        cat = torch.cat((inp, sol), dim=0)
        x = cat[:-1].clone()
        y = cat[1:].clone()
        y[:self.length - 1] = -1
        return x, y


train_dataset = SortDataset()
model_config = GPT.get_default_config()
model_config.model_type = 'gpt-nano'
model_config.vocab_size = train_dataset.get_vocab_size()
model_config.block_size = train_dataset.get_block_size()
model = GPT(model_config)

train_config = Trainer.get_default_config()
train_config.learning_rate = 5e-4
train_config.max_iters = 4
train_config.batch_size = 8
train_config.num_workers = 0
trainer = Trainer(train_config, torch.compile(model), train_dataset)


def batch_end_callback(trainer):
    print(f"iter {trainer.iter_num}: train loss {trainer.loss.item():.5f}")


trainer.set_callback('on_batch_end', batch_end_callback)
trainer.run()
print("optimizer groups", [len(g["params"]) for g in trainer.optimizer.param_groups])
