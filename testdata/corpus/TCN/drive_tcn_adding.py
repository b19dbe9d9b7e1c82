# gbc corpus driver: locuslab/TCN's temporal convolutional network (weight-normalised dilated
# causal Conv1d blocks, torch.nn.utils.weight_norm's forward pre-hooks) on the adding problem as
# its adding_problem/add_test.py runs it -- data_generator (NumPy-chosen positions), Adam, MSE,
# gradient clipping -- with `model = torch.compile(model)`, then evaluate() under no_grad.
import numpy as np
import torch
import torch.nn.functional as F
import torch.optim as optim

from TCN.adding_problem.model import TCN
from TCN.adding_problem.utils import data_generator

torch.manual_seed(1111)
np.random.seed(1111)
input_channels, n_classes, batch_size, seq_length = 2, 1, 8, 20
X_train, Y_train = data_generator(24, seq_length)
X_test, Y_test = data_generator(8, seq_length)
model = TCN(input_channels, n_classes, [8] * 3, kernel_size=3, dropout=0.0)
model = torch.compile(model)
lr = 4e-3
optimizer = getattr(optim, 'Adam')(model.parameters(), lr=lr)


def train(epoch):
    model.train()
    total_loss = 0
    for i in range(0, X_train.size(0), batch_size):
        x, y = X_train[i:(i+batch_size)], Y_train[i:(i+batch_size)]
        optimizer.zero_grad()
        output = model(x)
        loss = F.mse_loss(output, y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        total_loss += loss.item()
    print('Train Epoch: {:2d}\tLearning rate: {:.4f}\tLoss: {:.6f}'.format(
        epoch, lr, total_loss / 3))


def evaluate():
    model.eval()
    with torch.no_grad():
        output = model(X_test)
        test_loss = F.mse_loss(output, Y_test)
        print('\nTest set: Average loss: {:.6f}\n'.format(test_loss.item()))
        return test_loss.item()


for ep in range(1, 3):
    train(ep)
    tloss = evaluate()
