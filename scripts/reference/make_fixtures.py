"""Reference values from PyTorch for the engine's unit tests.

Run with a Python that has torch (Debian: apt-get install python3-torch):
    /usr/bin/python3 scripts/reference/make_fixtures.py
Writes test/fixtures/engine/*.json. Inputs come from Python's own seeded `random`,
not torch's generator, so the files are the same on every run and torch version
that computes the same float32 results.
"""
import json
import math
import os
import random

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "engine")
torch.set_default_dtype(torch.float32)


def rng(seed):
    return random.Random(seed)


def values(r, shape, lo=-2.0, hi=2.0):
    n = math.prod(shape)
    t = torch.tensor([r.uniform(lo, hi) for _ in range(n)], dtype=torch.float32)
    return t.reshape(shape)


def num(v):
    # JSON has no NaN or infinity: those are written as strings.
    v = float(v)
    return v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))


def enc(t):
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "data": [num(v) for v in t.reshape(-1).tolist()]}


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")


# ── ops: forward value and gradient of sum(out * upstream) for each input ──

def op_case(name, fn, inputs, args=None, grad=True):
    ins = [i.clone().requires_grad_(grad) for i in inputs]
    out = fn(*ins)
    case = {"op": name, "args": args or {}, "inputs": [enc(i) for i in ins], "out": enc(out)}
    if grad:
        up = values(rng(len(name) * 7919 + out.numel()), list(out.shape))
        (out * up).sum().backward()
        case["upstream"] = enc(up)
        case["grads"] = [enc(i.grad) for i in ins]
    return case


def ops():
    r = rng(1)
    a23, b3, b21, b13 = values(r, [2, 3]), values(r, [3]), values(r, [2, 1]), values(r, [1, 3])
    pos23, pos3 = values(r, [2, 3], 0.3, 2.0), values(r, [3], 0.3, 2.0)
    s = values(r, [])
    cases = []
    for nm, f in [("neg", torch.neg), ("exp", torch.exp), ("abs", torch.abs), ("relu", torch.relu),
                  ("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("gelu", torch.nn.functional.gelu),
                  ("silu", torch.nn.functional.silu)]:
        cases.append(op_case(nm, f, [a23]))
    cases.append(op_case("log", torch.log, [pos23]))
    cases.append(op_case("sqrt", torch.sqrt, [pos23]))
    cases.append(op_case("leakyRelu", lambda x: torch.nn.functional.leaky_relu(x, 0.1), [a23], {"alpha": 0.1}))
    for nm, f in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul)]:
        for x, y in [(a23, b3), (b21, b13), (a23, s), (s, a23)]:
            cases.append(op_case(nm, f, [x, y]))
    cases.append(op_case("div", torch.div, [a23, pos3]))
    cases.append(op_case("div", torch.div, [b21, pos23]))
    cases.append(op_case("pow", torch.pow, [pos23, b3]))
    cases.append(op_case("powScalar", lambda x: torch.pow(x, 3.0), [a23], {"exponent": 3}))
    r = rng(2)
    for sa, sb in [([3, 4], [4, 2]), ([4], [4, 2]), ([3, 4], [4]), ([4], [4]), ([2, 3, 4], [4, 5]), ([2, 1, 3, 4], [3, 4, 2])]:
        cases.append(op_case("matmul", torch.matmul, [values(r, sa), values(r, sb)]))
    x, w, b = values(r, [5, 3]), values(r, [4, 3]), values(r, [4])
    cases.append(op_case("linear", torch.nn.functional.linear, [x, w, b]))
    x234 = values(r, [2, 3, 4])
    for nm, f, args in [
        ("sum", lambda t: t.sum(), {}), ("sum", lambda t: t.sum(1), {"dim": 1}),
        ("sum", lambda t: t.sum(0, keepdim=True), {"dim": 0, "keepDim": True}),
        ("sum", lambda t: t.sum((0, 2)), {"dim": [0, 2]}),
        ("mean", lambda t: t.mean(), {}), ("mean", lambda t: t.mean(-1), {"dim": -1}),
        ("mean", lambda t: t.mean(1, keepdim=True), {"dim": 1, "keepDim": True}),
        ("max", lambda t: t.max(), {}), ("max", lambda t: t.max(1).values, {"dim": 1}),
        ("softmax", lambda t: t.softmax(1), {"dim": 1}), ("softmax", lambda t: t.softmax(-1), {"dim": -1}),
        ("logSoftmax", lambda t: t.log_softmax(1), {"dim": 1}), ("logSoftmax", lambda t: t.log_softmax(0), {"dim": 0}),
        ("reshape", lambda t: t.reshape(4, -1), {"shape": [4, -1]}),
        ("transpose", lambda t: t.transpose(0, 2), {"dims": [0, 2]}),
        ("permute", lambda t: t.permute(2, 0, 1), {"dims": [2, 0, 1]}),
        ("flatten", lambda t: t.flatten(1), {"startDim": 1}),
    ]:
        cases.append(op_case(nm, f, [x234], args))
    cases.append(op_case("T", lambda t: t.T, [a23]))
    cases.append(op_case("argmax", lambda t: t.argmax(1).float(), [x234], {"dim": 1}, grad=False))
    cases.append(op_case("argmax", lambda t: t.argmax().float(), [x234], {}, grad=False))
    big = torch.tensor([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0], [3.0, 3.0, 3.0]])
    cases.append(op_case("softmax", lambda t: t.softmax(1), [big], {"dim": 1}))
    cases.append(op_case("logSoftmax", lambda t: t.log_softmax(1), [big], {"dim": 1}))
    write("ops", cases)


# ── printing ──

def printing():
    r = rng(3)
    cases = [
        torch.tensor([[7.0, 10.0], [15.0, 22.0]]), torch.tensor(0.69), torch.tensor([0.6285, 0.2312, 0.1402]),
        torch.tensor(7.0), torch.tensor(-0.0), torch.tensor([0.0, -0.0, 1.5]), torch.tensor([1e-5, 1.0, 1000.0]),
        torch.tensor([1.0, 2e9]), torch.tensor([0.03125, -0.5, 12.3125]), torch.tensor([float("nan"), 1.0, float("inf")]),
        torch.tensor([float("nan")]), torch.tensor([1.5, -float("inf")]), torch.tensor([123456.0, 0.5]),
        torch.tensor([1.0, 2.0, 3.0]), torch.zeros(2, 3), torch.zeros(0, 3), torch.zeros(0), torch.tensor([1e-10]),
        values(r, [3, 4]), values(r, [2, 3, 4]), values(r, [20]) * 100, torch.arange(0.0, 30.0) * 0.37,
        torch.arange(0.0, 2000.0).reshape(20, 100), values(r, [1001]), values(r, [4, 300]), values(r, [10, 10, 11]),
        values(r, [2, 2, 2, 2]), torch.arange(-5.0, 5.0),
    ]
    out = [{"tensor": enc(t), "requiresGrad": False, "repr": repr(t)} for t in cases]
    for t in [torch.tensor([1.0, 2.0]), values(r, [2, 2]), values(r, [8, 8])]:
        t.requires_grad_(True)
        out.append({"tensor": enc(t), "requiresGrad": True, "repr": repr(t)})
    write("printing", out)


# ── a Linear layer and MSE with given weights ──

def linear_mse():
    r = rng(4)
    layer = torch.nn.Linear(3, 2)
    with torch.no_grad():
        layer.weight.copy_(values(r, [2, 3]))
        layer.bias.copy_(values(r, [2]))
    x, y = values(r, [5, 3]), values(r, [5, 2])
    out = layer(x)
    loss = torch.nn.MSELoss()(out, y)
    loss.backward()
    write("linear_mse", {"weight": enc(layer.weight), "bias": enc(layer.bias), "x": enc(x), "y": enc(y),
                         "out": enc(out), "loss": loss.item(), "weightGrad": enc(layer.weight.grad),
                         "biasGrad": enc(layer.bias.grad)})


# ── optimizers: a fixed problem, parameters after each step ──

def problem(seed):
    r = rng(seed)
    return values(r, [3, 4]), values(r, [3]), values(r, [6, 4]), values(r, [6, 3])


def run_optimizer(make, steps=6, seed=5, sched=None):
    w0, b0, x, y = problem(seed)
    w, b = w0.clone().requires_grad_(True), b0.clone().requires_grad_(True)
    opt = make([w, b])
    s = sched(opt) if sched else None
    history, lrs = [], []
    for _ in range(steps):
        opt.zero_grad()
        loss = ((x @ w.T + b - y) ** 2).mean() + (w.abs().sum() * 0.01)
        loss.backward()
        opt.step()
        lrs.append(opt.param_groups[0]["lr"])
        if s:
            s.step()
        history.append({"weight": enc(w), "bias": enc(b)})
    return {"init": {"weight": enc(w0), "bias": enc(b0)}, "x": enc(x), "y": enc(y), "steps": history, "lrs": lrs}


def optimizers():
    O = torch.optim
    cases = []
    for opts in [{"lr": 0.1}, {"lr": 0.05, "momentum": 0.9}, {"lr": 0.05, "momentum": 0.9, "nesterov": True},
                 {"lr": 0.1, "weight_decay": 0.1}, {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.01, "nesterov": True}]:
        cases.append({"optimizer": "SGD", "options": opts, **run_optimizer(lambda p, o=opts: O.SGD(p, **o))})
    for opts in [{"lr": 0.01}, {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-6}, {"lr": 0.01, "weight_decay": 0.1}]:
        cases.append({"optimizer": "Adam", "options": opts, **run_optimizer(lambda p, o=opts: O.Adam(p, **o))})
    for opts in [{"lr": 0.01}, {"lr": 0.05, "weight_decay": 0.1}]:
        cases.append({"optimizer": "AdamW", "options": opts, **run_optimizer(lambda p, o=opts: O.AdamW(p, **o))})
    for opts in [{"lr": 0.01}, {"lr": 0.01, "alpha": 0.9, "eps": 1e-6}, {"lr": 0.01, "momentum": 0.9, "centered": True, "weight_decay": 0.1}]:
        cases.append({"optimizer": "RMSprop", "options": opts, **run_optimizer(lambda p, o=opts: O.RMSprop(p, **o))})
    S = O.lr_scheduler
    for name, opts, mk in [
        ("StepLR", {"stepSize": 2, "gamma": 0.5}, lambda o: S.StepLR(o, step_size=2, gamma=0.5)),
        ("CosineAnnealingLR", {"tMax": 4, "etaMin": 0.001}, lambda o: S.CosineAnnealingLR(o, T_max=4, eta_min=0.001)),
        ("LinearWarmup", {"steps": 4}, lambda o: S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=3)),
    ]:
        cases.append({"optimizer": "SGD", "options": {"lr": 0.1, "momentum": 0.9}, "scheduler": name, "schedulerOptions": opts,
                      **run_optimizer(lambda p: O.SGD(p, lr=0.1, momentum=0.9), steps=8, sched=mk)})
    write("optimizers", cases)


# ── losses: value and gradient with respect to the prediction ──

def losses():
    r = rng(6)
    cases = []
    def add(name, fn, pred, target, args=None):
        p = pred.clone().requires_grad_(True)
        loss = fn(p, target)
        loss.backward()
        cases.append({"loss": name, "args": args or {}, "pred": enc(pred), "target": enc(target),
                      "value": loss.item(), "grad": enc(p.grad)})
    probs = torch.sigmoid(values(r, [6, 1], -4, 4))
    labels = torch.tensor([[1.0], [0.0], [1.0], [1.0], [0.0], [0.0]])
    add("MSELoss", torch.nn.MSELoss(), values(r, [4, 3]), values(r, [4, 3]))
    add("BCELoss", torch.nn.BCELoss(), probs, labels)
    add("BCELoss", torch.nn.BCELoss(), torch.tensor([[0.0], [1.0], [0.5], [1e-30]]), torch.tensor([[1.0], [0.0], [1.0], [1.0]]))
    add("BCEWithLogitsLoss", torch.nn.BCEWithLogitsLoss(), values(r, [6, 1], -4, 4), labels)
    add("BCEWithLogitsLoss", torch.nn.BCEWithLogitsLoss(), torch.tensor([[200.0], [-200.0], [0.0]]), torch.tensor([[0.0], [0.0], [1.0]]))
    logits, idx = values(r, [5, 4], -3, 3), torch.tensor([0, 3, 1, 1, 2])
    add("CrossEntropyLoss", lambda p, t: torch.nn.CrossEntropyLoss()(p, t.long()), logits, idx.float())
    onehot = torch.nn.functional.one_hot(idx, 4).float()
    add("CrossEntropyLoss", torch.nn.CrossEntropyLoss(), logits, onehot)
    add("CrossEntropyLoss", lambda p, t: torch.nn.CrossEntropyLoss()(p, t.long()), torch.tensor([[1000.0, 0.0, -1000.0]]), torch.tensor([2.0]))
    write("losses", cases)


# ── batch norm, clipping ──

def batchnorm_run(bn, r, shape):
    """A batch norm layer with drawn weight and bias through three training steps and then eval mode: per step the
    input, output, gradients of sum(output · upstream) and running statistics; then an eval input and output."""
    channels = bn.num_features
    with torch.no_grad():
        bn.weight.copy_(values(r, [channels], 0.5, 1.5))
        bn.bias.copy_(values(r, [channels]))
    steps = []
    for _ in range(3):
        x = values(r, shape) * 2 + 1
        xg = x.clone().requires_grad_(True)
        y = bn(xg)
        up = values(r, shape)
        bn.weight.grad = None
        bn.bias.grad = None
        (y * up).sum().backward()
        steps.append({"x": enc(x), "out": enc(y), "upstream": enc(up), "xGrad": enc(xg.grad),
                      "weightGrad": enc(bn.weight.grad), "biasGrad": enc(bn.bias.grad),
                      "runningMean": enc(bn.running_mean), "runningVar": enc(bn.running_var)})
    bn.eval()
    xe = values(r, shape)
    return {"shape": shape, "weight": enc(bn.weight), "bias": enc(bn.bias), "train": steps,
            "evalX": enc(xe), "evalOut": enc(bn(xe))}


def batchnorm():
    r = rng(7)
    write("batchnorm", [batchnorm_run(torch.nn.BatchNorm1d(3), r, shape) for shape in [[6, 3], [4, 3, 5]]])


def clipping():
    r = rng(8)
    cases = []
    for max_norm in [0.5, 100.0]:
        ps = [values(r, [3, 2]).requires_grad_(True), values(r, [4]).requires_grad_(True)]
        grads = [values(r, [3, 2]), values(r, [4])]
        for p, g in zip(ps, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm)
        cases.append({"maxNorm": max_norm, "grads": [enc(g) for g in grads], "total": total.item(),
                      "clipped": [enc(p.grad) for p in ps]})
    write("clipping", cases)


if __name__ == "__main__":
    ops()
    printing()
    linear_mse()
    optimizers()
    losses()
    batchnorm()
    clipping()
    print("wrote", sorted(os.listdir(OUT)))
