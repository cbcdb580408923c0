"""Reference values from PyTorch for the shape ops, joining and indexing: each op's output (or
list of outputs), its grad_fn's name, and the gradient of sum(out · upstream) for each input.

    /usr/bin/python3 scripts/reference/shapes_fixtures.py
Writes test/fixtures/engine/shapes.json, read by test/unit/engine/shapes-ops.test.ts.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import enc, rng, values, write  # noqa: E402


def case(name, fn, inputs, args, grad=None):
    """fn's outputs (a tensor or a list) for inputs; gradients for the inputs listed in grad (all by default)."""
    grad = range(len(inputs)) if grad is None else grad
    ins = [x.clone().requires_grad_(k in grad) for k, x in enumerate(inputs)]
    out = fn(*ins)
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    r = rng(len(name) * 7919 + sum(o.numel() for o in outs))
    ups = [values(r, list(o.shape)) for o in outs]
    sum((o * u).sum() for o, u in zip(outs, ups)).backward()
    return {"op": name, "args": args, "inputs": [enc(x) for x in ins], "grad": list(grad),
            "out": [enc(o) for o in outs], "list": isinstance(out, (list, tuple)),
            "gradFn": [o.grad_fn.name() for o in outs], "upstream": [enc(u) for u in ups],
            "grads": [enc(ins[k].grad) for k in grad]}


def along(dim, s):
    """The index tuple x[:, …, s] with s at `dim` (dim ≥ 0)."""
    return (slice(None),) * dim + (s,)


def shapes(cases):
    r = rng(21)
    x = values(r, [2, 3, 4])
    m = values(r, [4, 3])
    for shape in [[6, -1], [-1], [4, 6], [2, 12]]:
        cases.append(case("view", lambda t: t.view(*shape), [x], {"shape": shape}))
    for dim in [0, 1, -1, 3, -4]:
        cases.append(case("unsqueeze", lambda t: t.unsqueeze(dim), [x], {"dim": dim}))
    ones = values(r, [3, 1, 2, 1])
    cases.append(case("squeeze", lambda t: t.squeeze(), [ones], {}))
    for dim in [1, -1, 0]:
        cases.append(case("squeeze", lambda t: t.squeeze(dim), [ones], {"dim": dim}))
    col, row = values(r, [3, 1]), values(r, [1, 3])
    for t, sizes in [(col, [3, 4]), (col, [2, 3, 5]), (row, [4, -1]), (col, [2, -1, 3]), (values(r, [3]), [2, 3])]:
        cases.append(case("expand", lambda u: u.expand(*sizes), [t], {"sizes": sizes}))
    for t, times in [(m, [2, 1]), (m, [1, 3]), (values(r, [3]), [2, 2]), (values(r, [2, 1]), [2, 3, 2])]:
        cases.append(case("repeat", lambda u: u.repeat(*times), [t], {"times": times}))


def splitting(cases):
    r = rng(22)
    x = values(r, [5, 4])
    for n, dim in [(2, 0), (3, 0), (3, -1), (4, 1), (6, 0)]:
        cases.append(case("chunk", lambda t: t.chunk(n, dim), [x], {"chunks": n, "dim": dim}))
    for size, dim in [(2, 0), (3, 1), ([1, 3, 1], 0), ([2, 0, 2], -1), (5, 0)]:
        cases.append(case("split", lambda t: t.split(size, dim), [x], {"size": size, "dim": dim}))


def joining(cases):
    r = rng(23)
    a, b, c = values(r, [2, 3]), values(r, [1, 3]), values(r, [2, 2])
    cases.append(case("cat", lambda p, q: torch.cat([p, q]), [a, b], {"dim": 0}))
    cases.append(case("cat", lambda p, q: torch.cat([p, q], -1), [a, c], {"dim": -1}))
    cases.append(case("cat", lambda p, q, s: torch.cat([p, q, s], 1), [a, c, a], {"dim": 1}))
    cases.append(case("cat", lambda p, q: torch.cat([p, q]), [a, b], {"dim": 0}, grad=[1]))
    for dim in [0, 1, 2, -1, -3]:
        cases.append(case("stack", lambda p, q, s: torch.stack([p, q, s], dim), [a, a * 2, values(r, [2, 3])], {"dim": dim}))
    x, y = values(r, [3, 4]), values(r, [4])
    cond = torch.tensor([[1.0], [0.0], [1.0]])
    cases.append(case("where", lambda c, p, q: torch.where(c.bool(), p, q), [cond, x, y], {}, grad=[1, 2]))
    cases.append(case("where", lambda c, p, q: torch.where(c > 0, p, q), [x, x, values(r, [3, 1])], {}, grad=[1, 2]))
    cases.append(case("whereNumber", lambda c, p: torch.where(c > 0, p, 0.5), [x, y], {"other": 0.5}, grad=[1]))
    cases.append(case("whereNumberFirst", lambda c, q: torch.where(c > 0, -1.0, q), [y, x], {"value": -1.0}, grad=[1]))


def indexing(cases):
    r = rng(24)
    x = values(r, [4, 3, 2])
    for i in [0, 2, -1, -4]:
        cases.append(case("at", lambda t: t[i], [x], {"i": i}))
    for dim, i in [(1, 0), (1, -1), (-1, 1), (0, -2)]:
        cases.append(case("select", lambda t: t.select(dim, i), [x], {"dim": dim, "i": i}))
    for dim, start, length in [(0, 1, 2), (0, -3, 2), (1, 1, 2), (-1, 0, 1), (0, 4, 0)]:
        cases.append(case("narrow", lambda t: t.narrow(dim, start, length), [x], {"dim": dim, "start": start, "length": length}))
    v = values(r, [10, 2])
    for dim, start, end, step in [(0, 2, -2, 3), (0, None, None, 2), (0, -3, None, 1), (0, -100, 100, 4), (0, 7, 2, 1),
                                  (1, 1, None, 1), (-1, None, -1, 1), (0, 1, 9, 3)]:
        args = {"dim": dim, "start": start, "end": end, "step": step}
        cases.append(case("slice", lambda t: t[along(dim % t.dim(), slice(start, end, step))], [v], args))
    for idx in [[2, 0, 2, -1], [3, 3, 3], [[0, 1], [1, 1]], []]:
        cases.append(case("index", lambda t: t[torch.tensor(idx, dtype=torch.long)], [x], {"indices": idx}))


def in_place():
    """The in-place ops on a copy of x, with the other operand broadcast."""
    r = rng(25)
    x, other, pos = values(r, [2, 3]), values(r, [3]), values(r, [3], 0.5, 2.0)
    out = []
    for op, args, operand, fn in [
        ("add_", {}, other, lambda t: t.add_(other)),
        ("add_", {"alpha": -0.1}, other, lambda t: t.add_(other, alpha=-0.1)),
        ("sub_", {"alpha": 2.0}, other, lambda t: t.sub_(other, alpha=2.0)),
        ("sub_", {}, 0.25, lambda t: t.sub_(0.25)),
        ("mul_", {}, other, lambda t: t.mul_(other)),
        ("div_", {}, pos, lambda t: t.div_(pos)),
        ("clamp_", {"min": -0.5, "max": 0.5}, None, lambda t: t.clamp_(-0.5, 0.5)),
        ("copy_", {}, other, lambda t: t.copy_(other)),
        ("fill_", {"value": 0.3}, None, lambda t: t.fill_(0.3)),
        ("zero_", {}, None, lambda t: t.zero_()),
    ]:
        t = x.clone()
        assert fn(t) is t
        out.append({"op": op, "args": args, "input": enc(x), "out": enc(t),
                    "other": None if operand is None else (operand if isinstance(operand, float) else enc(operand))})
    return out


def main():
    cases = []
    shapes(cases)
    splitting(cases)
    joining(cases)
    indexing(cases)
    write("shapes", {"cases": cases, "inPlace": in_place()})


if __name__ == "__main__":
    main()
