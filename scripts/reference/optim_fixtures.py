"""Reference values from PyTorch for the optim section: optimizers (weights after each step) and schedules
(each group's lr after each step), alone and composed.

Run with a Python that has torch:
    /usr/bin/python3 scripts/reference/optim_fixtures.py
Writes test/fixtures/engine/optim_steps.json, optim_schedules.json and optim_zero_grad.json.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import run_optimizer, write  # noqa: E402

O = torch.optim
S = torch.optim.lr_scheduler

# Our camelCase option names → PyTorch's.
NAMES = {"tMax": "T_max", "t0": "T_0", "tMult": "T_mult"}


def snake(options):
    out = {}
    for k, v in options.items():
        out[NAMES.get(k) or "".join("_" + c.lower() if c.isupper() else c for c in k)] = v
    return out


# Functions for LambdaLR, by the name the tests know them by.
LAMBDAS = {"inverse": lambda e: 1 / (1 + 0.1 * e), "halfEvery5": lambda e: 0.5 ** (e // 5)}


def make_optimizer(name, params, options, groups=None):
    if groups:
        params = [{"params": [params[g["params"]]], **snake({k: v for k, v in g.items() if k != "params"})} for g in groups]
    return getattr(O, name)(params, **snake(options))


# ── optimizers: weights after each step on make_fixtures' problem ──

def steps():
    cases = []
    configs = [
        ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5}, None),
        ("SGD", {"lr": 0.1, "momentum": 0.9, "weightDecay": 0.05, "maximize": False}, None),
        ("SGD", {"lr": 0.1}, [{"params": 0, "lr": 0.2, "momentum": 0.5}, {"params": 1, "nesterov": True, "momentum": 0.9}]),
        ("Adam", {"lr": 0.02, "amsgrad": True}, None),
        ("Adam", {"lr": 0.02, "betas": [0.5, 0.9], "weightDecay": 0.05, "amsgrad": True}, None),
        ("Adam", {"lr": 0.01}, [{"params": 0, "lr": 0.05}, {"params": 1, "betas": [0.8, 0.99], "weightDecay": 0.1}]),
        ("AdamW", {"lr": 0.02, "amsgrad": True}, None),
        ("AdamW", {"lr": 0.01, "weightDecay": 0.2, "betas": [0.7, 0.95]}, [{"params": 0, "lr": 0.03}, {"params": 1, "weightDecay": 0}]),
        ("RMSprop", {"lr": 0.01, "momentum": 0.5}, None),
        ("RMSprop", {"lr": 0.01, "centered": True}, None),
        ("RMSprop", {"lr": 0.005, "alpha": 0.9, "weightDecay": 0.05, "momentum": 0.9, "centered": True, "eps": 1e-6}, None),
        ("RMSprop", {"lr": 0.01}, [{"params": 0, "lr": 0.02, "centered": True}, {"params": 1, "momentum": 0.3}]),
        ("Adagrad", {}, None),
        ("Adagrad", {"lr": 0.1, "lrDecay": 0.1, "weightDecay": 0.05}, None),
        ("Adagrad", {"lr": 0.1, "initialAccumulatorValue": 0.5, "eps": 1e-6}, None),
        ("Adagrad", {"lr": 0.05}, [{"params": 0, "lr": 0.2}, {"params": 1, "lrDecay": 0.5}]),
        ("SGD", {"lr": 0.05, "maximize": True}, None),
        ("Adam", {"lr": 0.01, "maximize": True}, None),
    ]
    for name, options, groups in configs:
        case = {"optimizer": name, "options": options, **run_optimizer(lambda p: make_optimizer(name, p, options, groups), steps=8)}
        if groups:
            case["groups"] = groups
        cases.append(case)
    # OneCycleLR cycles SGD's momentum and Adam's β₁: the weights show whether it does.
    for name, options in [("SGD", {"lr": 0.1, "momentum": 0.9}), ("Adam", {"lr": 0.01})]:
        sched = {"type": "OneCycleLR", "options": {"maxLr": 0.1, "totalSteps": 8}}
        cases.append({"optimizer": name, "options": options, "schedulers": [sched],
                      **run_optimizer(lambda p: make_optimizer(name, p, options), steps=8, sched=lambda o: make_scheduler(o, sched))})
    write("optim_steps", cases)


# ── schedules: each group's lr after construction and after each step ──

def make_scheduler(opt, spec):
    kind, options = spec["type"], dict(spec.get("options", {}))
    if kind == "LambdaLR":
        fn = options["lrLambda"]
        return S.LambdaLR(opt, [LAMBDAS[f] for f in fn] if isinstance(fn, list) else LAMBDAS[fn])
    if kind == "LinearWarmup":
        n = options["steps"]
        return S.LinearLR(opt, start_factor=1 / n, end_factor=1.0, total_iters=n - 1)
    if kind == "SequentialLR":
        inner = [make_scheduler(opt, s) for s in options["schedulers"]]
        return S.SequentialLR(opt, schedulers=inner, milestones=options["milestones"])
    return getattr(S, kind)(opt, **snake(options))


def schedules():
    cases = []
    one = {"lr": 0.1}
    two = [{"lr": 0.1}, {"lr": 0.01}]
    configs = [
        ("StepLR", two, [{"type": "StepLR", "options": {"stepSize": 3, "gamma": 0.5}}], None),
        ("MultiStepLR", two, [{"type": "MultiStepLR", "options": {"milestones": [2, 5, 5, 9]}}], None),
        ("ExponentialLR", one, [{"type": "ExponentialLR", "options": {"gamma": 0.9}}], None),
        ("CosineAnnealingLR", two, [{"type": "CosineAnnealingLR", "options": {"tMax": 10, "etaMin": 0.001}}], None),
        ("CosineAnnealingWarmRestarts", one, [{"type": "CosineAnnealingWarmRestarts", "options": {"t0": 5}}], None),
        ("CosineAnnealingWarmRestarts tMult", two, [{"type": "CosineAnnealingWarmRestarts", "options": {"t0": 3, "tMult": 2, "etaMin": 0.001}}], None),
        ("LinearLR", one, [{"type": "LinearLR", "options": {}}], None),
        ("LinearLR options", two, [{"type": "LinearLR", "options": {"startFactor": 0.1, "endFactor": 0.5, "totalIters": 8}}], None),
        ("LinearWarmup", one, [{"type": "LinearWarmup", "options": {"steps": 5}}], None),
        ("OneCycleLR", one, [{"type": "OneCycleLR", "options": {"maxLr": 1.0, "totalSteps": 30}}], None),
        ("OneCycleLR linear threePhase", two, [{"type": "OneCycleLR", "options": {"maxLr": [1.0, 0.5], "totalSteps": 30, "annealStrategy": "linear", "threePhase": True, "pctStart": 0.25, "divFactor": 10.0, "finalDivFactor": 100.0}}], None),
        ("LambdaLR", one, [{"type": "LambdaLR", "options": {"lrLambda": "inverse"}}], None),
        ("LambdaLR per group", two, [{"type": "LambdaLR", "options": {"lrLambda": ["inverse", "halfEvery5"]}}], None),
        ("StepLR + ExponentialLR", one, [{"type": "StepLR", "options": {"stepSize": 4, "gamma": 0.5}}, {"type": "ExponentialLR", "options": {"gamma": 0.95}}], None),
        ("LinearWarmup + CosineAnnealingLR", one, [{"type": "LinearWarmup", "options": {"steps": 5}}, {"type": "CosineAnnealingLR", "options": {"tMax": 30}}], None),
        ("SequentialLR LinearLR then CosineAnnealingLR", two, [{"type": "SequentialLR", "options": {"milestones": [5], "schedulers": [
            {"type": "LinearLR", "options": {"startFactor": 0.1, "totalIters": 5}}, {"type": "CosineAnnealingLR", "options": {"tMax": 25, "etaMin": 0.0001}}]}}], None),
        ("SequentialLR three", one, [{"type": "SequentialLR", "options": {"milestones": [3, 10], "schedulers": [
            {"type": "LinearWarmup", "options": {"steps": 3}}, {"type": "ExponentialLR", "options": {"gamma": 0.8}},
            {"type": "StepLR", "options": {"stepSize": 5, "gamma": 0.3}}]}}], None),
    ]
    r = [1.0, 0.9, 0.8, 0.85, 0.8, 0.8, 0.79, 0.81, 0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.71, 0.7, 0.7,
         0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
    acc = [0.5, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8,
           0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
    configs += [
        ("ReduceLROnPlateau", two, [{"type": "ReduceLROnPlateau", "options": {"patience": 2}}], r),
        ("ReduceLROnPlateau abs cooldown minLr", two, [{"type": "ReduceLROnPlateau", "options": {"patience": 1, "factor": 0.5, "threshold": 0.05, "thresholdMode": "abs", "cooldown": 2, "minLr": [0.02, 0.004]}}], r),
        ("ReduceLROnPlateau max", one, [{"type": "ReduceLROnPlateau", "options": {"mode": "max", "patience": 3, "factor": 0.2}}], acc),
    ]
    for title, groups, specs, metrics in configs:
        w = [torch.zeros(2, requires_grad=True), torch.zeros(1, requires_grad=True)]
        params = [{"params": [w[i]], **g} for i, g in enumerate(groups)] if isinstance(groups, list) else w
        opt = O.SGD(params, lr=groups["lr"] if isinstance(groups, dict) else 0.1, momentum=0.9)
        scheds = [make_scheduler(opt, s) for s in specs]
        lrs, momenta = [[g["lr"] for g in opt.param_groups]], [[g["momentum"] for g in opt.param_groups]]
        for i in range(30):
            opt.step()
            for s in scheds:
                s.step(metrics[i]) if metrics else s.step()
            lrs.append([g["lr"] for g in opt.param_groups])
            momenta.append([g["momentum"] for g in opt.param_groups])
            if not metrics:
                assert lrs[-1] == scheds[-1].get_last_lr()
        case = {"title": title, "groups": groups, "schedulers": specs, "lrs": lrs}
        if metrics:
            case["metrics"] = metrics
        if any(s["type"] == "OneCycleLR" for s in specs):
            case["momenta"] = momenta
        cases.append(case)
    # CosineAnnealingWarmRestarts stepped within epochs, as PyTorch's docs show: step(epoch + i / iters).
    for t_mult in [1, 2]:
        w = torch.zeros(2, requires_grad=True)
        opt = O.SGD([w], lr=0.1, momentum=0.9)
        spec = {"type": "CosineAnnealingWarmRestarts", "options": {"t0": 2, "tMult": t_mult, "etaMin": 0.01}}
        s = make_scheduler(opt, spec)
        epochs = [e + i / 4 for e in range(8) for i in range(4)]
        lrs = [[opt.param_groups[0]["lr"]]]
        for e in epochs:
            opt.step()
            s.step(e)
            lrs.append([opt.param_groups[0]["lr"]])
        cases.append({"title": f"CosineAnnealingWarmRestarts step(epoch) tMult {t_mult}", "groups": {"lr": 0.1}, "schedulers": [spec], "epochs": epochs, "lrs": lrs})
    write("optim_schedules", cases)


# ── zero_grad: a tensor used only in the first step keeps moving (momentum, decay) when its grad is zeroed,
# and stops when it is set to None ──

def zero_grad():
    cases = []
    for name, options in [("SGD", {"lr": 0.1, "momentum": 0.9, "weightDecay": 0.1}), ("Adam", {"lr": 0.1}), ("RMSprop", {"lr": 0.01, "momentum": 0.5})]:
        for set_to_none in [False, True]:
            w = torch.tensor([1.0, -2.0], requires_grad=True)
            u = torch.tensor([0.5, 3.0], requires_grad=True)
            opt = make_optimizer(name, [w, u], options)
            history = []
            for i in range(5):
                opt.zero_grad(set_to_none=set_to_none)
                loss = (w ** 2).sum() + ((u ** 2).sum() if i == 0 else 0)
                loss.backward()
                opt.step()
                history.append({"w": w.tolist(), "u": u.tolist()})
            cases.append({"optimizer": name, "options": options, "setToNone": set_to_none, "steps": history})
    write("optim_zero_grad", cases)


def main():
    torch.manual_seed(0)
    steps()
    schedules()
    zero_grad()


if __name__ == "__main__":
    main()
