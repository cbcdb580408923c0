"""PyTorch's test accuracies for the two tutorial programs of test/corpus/ports/pytorch-tutorials.nnbook.

The same programs (same layers, loss, optimizer, learning rate, batch size and epochs) run in PyTorch on the
same data and split: the digits of test/fixtures/engine/data-digits.csv.gz (what data.digits() loads), the rows
of test/fixtures/engine/ports_split.json (what `split(0.8, { seed: 1 })` gives; written by
scripts/reference/ports_split.mjs), standardised with the training rows' mean and population std as
`normalize()` does. Each program runs over several seeds, since the initial weights and the batch order differ
from the notebook's generator anyway.

Run with a Python that has torch:
    /usr/bin/python3 scripts/reference/ports_fixtures.py
Writes test/fixtures/engine/ports.json.
"""
import csv
import gzip
import json
import os
import statistics
import sys

import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import OUT, write  # noqa: E402

SEEDS = list(range(10))


def digits_split():
    with gzip.open(os.path.join(OUT, "data-digits.csv.gz"), "rt") as f:
        rows = [[float(v) for v in row] for row in csv.reader(f) if row]
    x = torch.tensor([r[:-1] for r in rows], dtype=torch.float32)
    y = torch.tensor([int(r[-1]) for r in rows], dtype=torch.long)
    with open(os.path.join(OUT, "ports_split.json")) as f:
        split = json.load(f)
    train, test = torch.tensor(split["train"]), torch.tensor(split["test"])
    x_train, x_test = x[train], x[test]
    # normalize(): the training rows' mean and population std, a constant feature divided by 1.
    mean = x_train.double().mean(0)
    std = x_train.double().std(0, unbiased=False)
    std = torch.where(std > 1e-12, std, torch.ones_like(std))
    scale = lambda t: ((t.double() - mean) / std).float()  # noqa: E731
    return scale(x_train), y[train], scale(x_test), y[test]


# ── 1. the feedforward classifier, trained by hand ──

class ClassificationNetwork(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden_size, hidden_size)
        self.fc3 = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        out = self.fc1(x)
        out = self.relu(out)
        out = self.fc2(out)
        out = self.relu(out)
        out = self.fc3(out)
        return out


def classifier(seed, x_train, y_train, x_test, y_test):
    input_size, hidden_size, num_classes = 64, 64, 10
    num_epochs, batch_size, learning_rate = 20, 32, 0.001
    torch.manual_seed(seed)
    model = ClassificationNetwork(input_size, hidden_size, num_classes)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=learning_rate)
    train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True,
                              generator=torch.Generator().manual_seed(seed))
    test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=100)
    for epoch in range(num_epochs):
        for images, labels in train_loader:
            outputs = model(images)
            loss = criterion(outputs, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        correct = 0
        total = 0
        for images, labels in test_loader:
            outputs = model(images)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
    return 100 * correct / total


# ── 2. batch norm, dropout, AdamW and gradient clipping ──

class NeuralNet(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes, dropout_rate=0.3):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.bn1 = nn.BatchNorm1d(hidden_size)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(dropout_rate)
        self.layer2 = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        x = self.layer1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.dropout(x)
        x = self.layer2(x)
        return x


def regularized(seed, x_train, y_train, x_test, y_test):
    torch.manual_seed(seed)
    model = NeuralNet(64, 128, 10, 0.3)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=64, shuffle=True,
                              generator=torch.Generator().manual_seed(seed))
    test_loader = DataLoader(TensorDataset(x_test, y_test), batch_size=100)

    def train_one_epoch(model, loader):
        model.train()
        for inputs, targets in loader:
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, targets)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()

    def evaluate(model, loader):
        model.eval()
        correct = 0
        total = 0
        with torch.no_grad():
            for inputs, targets in loader:
                predicted = model(inputs).argmax(1)
                correct += (predicted == targets).sum().item()
                total += targets.size(0)
        return correct / total

    for epoch in range(30):
        train_one_epoch(model, train_loader)
    return 100 * evaluate(model, test_loader)


def main():
    torch.set_num_threads(1)
    split = digits_split()
    out = {"seeds": SEEDS, "testRows": len(split[3])}
    for name, program in [("classifier", classifier), ("regularized", regularized)]:
        accuracies = [program(seed, *split) for seed in SEEDS]
        out[name] = {"accuracies": accuracies, "mean": statistics.mean(accuracies), "min": min(accuracies)}
        print(f"{name}: mean {out[name]['mean']:.2f}%, min {out[name]['min']:.2f}% over seeds {SEEDS}")
    write("ports", out)


if __name__ == "__main__":
    main()
