"""Reference values from PyTorch for the elementwise ops, comparisons, matrix forms and
reductions, and for the numerical edge cases (NaN, huge logits, long sums).

    /usr/bin/python3 scripts/reference/ops_fixtures.py
Writes test/fixtures/engine/ops2.json, read by test/unit/engine/ops2.test.ts.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import enc, op_case, rng, values, write  # noqa: E402

NAN = float("nan")


def ties(r, shape, lo=-2, hi=2):
    """Whole numbers in [lo, hi], so that ties are common."""
    return torch.tensor([float(r.randint(lo, hi)) for _ in range(math.prod(shape))]).reshape(shape)


def elementwise(cases):
    r = rng(11)
    a23, b3, b21, b13 = values(r, [2, 3]), values(r, [3]), values(r, [2, 1]), values(r, [1, 3])
    for nm, f in [("square", torch.square), ("sign", torch.sign), ("sin", torch.sin), ("cos", torch.cos)]:
        cases.append(op_case(nm, f, [a23]))
    cases.append(op_case("sin", torch.sin, [values(r, [4], -10.0, 10.0)]))
    # clamp: both bounds, one bound, values on the bounds (gradient 1 there), min > max
    on = torch.tensor([-1.0, -0.5, 0.0, 0.5, 1.0, 2.0])
    for args, x in [({"min": -0.5, "max": 0.8}, a23), ({"min": 0.0}, a23), ({"max": 0.3}, a23),
                    ({"min": -0.5, "max": 0.5}, on), ({"min": 1.0, "max": -1.0}, on)]:
        cases.append(op_case("clamp", lambda t, a=args: t.clamp(a.get("min"), a.get("max")), [x], args))
    t23, t3, t21, t13 = ties(r, [2, 3]), ties(r, [3]), ties(r, [2, 1]), ties(r, [1, 3])
    for nm, f in [("maximum", torch.maximum), ("minimum", torch.minimum)]:
        for x, y in [(a23, b3), (b21, b13), (t23, t3), (t21, t13), (t23, t23.flip(1))]:
            cases.append(op_case(nm, f, [x, y]))
    for nm in ["gt", "ge", "lt", "le", "eq", "ne"]:
        for x, y in [(t23, t3), (t21, t13)]:
            cases.append(op_case(nm, lambda p, q, n=nm: getattr(p, n)(q).float(), [x, y], grad=False))
        cases.append(op_case(nm + "Scalar", lambda p, n=nm: getattr(p, n)(0.0).float(), [t23], {"other": 0}, grad=False))


def products(cases):
    r = rng(12)
    cases.append(op_case("mm", torch.mm, [values(r, [3, 4]), values(r, [4, 2])]))
    cases.append(op_case("dot", torch.dot, [values(r, [5]), values(r, [5])]))
    cases.append(op_case("mv", torch.mv, [values(r, [3, 4]), values(r, [4])]))
    cases.append(op_case("matmul", torch.matmul, [values(r, [3, 4]), values(r, [4])]))


def reductions(cases):
    r = rng(13)
    x = values(r, [2, 3, 4])
    t = ties(r, [2, 3, 4])
    for dim, keep in [(None, False), (1, False), (-1, True), ([0, 2], False), ([-1, 0], True), ([], False)]:
        args = {"keepDim": keep} | ({} if dim is None else {"dim": dim})
        d = tuple(dim) if isinstance(dim, list) else dim
        kw = {} if dim is None else {"dim": d, "keepdim": keep}
        cases.append(op_case("sum", lambda v: v.sum(**kw), [x], args))
        cases.append(op_case("mean", lambda v: v.mean(**kw), [x], args))
        for unbiased in ([True, False] if dim != [] else []):  # torch 1.13 gets the gradient of var(dim=()) wrong
            a = args | {"unbiased": unbiased}
            kw2 = kw | {"unbiased": unbiased}
            cases.append(op_case("var", lambda v: v.var(**kw2), [x], a))
            cases.append(op_case("std", lambda v: v.std(**kw2), [x], a))
        for p in [1, 2, float("inf")]:
            a = args | {"p": "inf" if p == float("inf") else p}
            cases.append(op_case("norm", lambda v: v.norm(p, **kw), [x], a))
            cases.append(op_case("norm", lambda v: v.norm(p, **kw), [t], a))
    cases.append(op_case("norm", lambda v: v.norm(3), [x], {"p": 3}))
    cases.append(op_case("norm", lambda v: v.norm(float("-inf"), dim=1), [x], {"p": "-inf", "dim": 1}))
    cases.append(op_case("norm", lambda v: v.norm(float("-inf"), dim=-1), [t], {"p": "-inf", "dim": -1}))
    for v in [x, t]:
        for dim, keep in [(None, False), (0, False), (-1, True), (1, False)]:
            if dim is not None and dim >= v.dim():
                continue
            args = {"keepDim": keep} | ({} if dim is None else {"dim": dim})
            for nm in ["max", "min"]:
                if dim is None:
                    cases.append(op_case(nm, lambda u, n=nm: getattr(u, n)(), [v], args))
                else:
                    cases.append(op_case(nm + "Values", lambda u, n=nm: getattr(u, n)(dim, keepdim=keep).values, [v], args))
                    cases.append(op_case(nm + "Indices", lambda u, n=nm: getattr(u, n)(dim, keepdim=keep).indices.float(), [v], args, grad=False))
            for nm in ["argmax", "argmin"]:
                kw = {"keepdim": keep} | ({} if dim is None else {"dim": dim})
                cases.append(op_case(nm, lambda u, n=nm: getattr(u, n)(**kw).float(), [v], args, grad=False))
    zeros = torch.tensor([[2.0, 0.0, 3.0, -1.0], [1.5, 2.0, -0.5, 4.0], [0.0, 1.0, 0.0, 2.0]])
    for v in [x, zeros]:
        cases.append(op_case("prod", lambda u: u.prod(), [v], {}))
        cases.append(op_case("prod", lambda u: u.prod(1), [v], {"dim": 1}))
        cases.append(op_case("prod", lambda u: u.prod(-1, keepdim=True), [v], {"dim": -1, "keepDim": True}))
    cases.append(op_case("prod", lambda u: u.prod(), [torch.tensor([2.0, 0.0, 3.0])], {}))


def edge_cases(cases):
    row = torch.tensor([[1.0, NAN, 3.0, NAN], [1.0, 5.0, 5.0, 2.0], [-1.0, -3.0, NAN, -3.0]])
    vec = torch.tensor([1.0, NAN, -2.0, 0.0])
    cases.append(op_case("relu", torch.relu, [vec]))
    for nm, f in [("sign", torch.sign), ("square", torch.square), ("sin", torch.sin), ("sigmoid", torch.sigmoid),
                  ("tanh", torch.tanh), ("gelu", torch.nn.functional.gelu), ("silu", torch.nn.functional.silu),
                  ("leakyRelu", lambda v: torch.nn.functional.leaky_relu(v, 0.1)), ("abs", torch.abs)]:
        cases.append(op_case(nm, f, [vec], {"alpha": 0.1} if nm == "leakyRelu" else {}))
    for nm in ["sum", "mean", "prod", "std", "var"]:
        cases.append(op_case(nm, lambda v, n=nm: getattr(v, n)(), [vec], {}))
    for p in [1, 2, float("inf")]:
        cases.append(op_case("norm", lambda v: v.norm(p), [vec], {"p": "inf" if p == float("inf") else p}))
    cases.append(op_case("softmax", lambda v: v.softmax(-1), [row], {}))
    odd = torch.tensor([[float("inf"), 0.0, 2.0], [NAN, 0.0, 0.0], [1.0, NAN, 0.0], [float("inf"), 2.0, 3.0]])
    cases.append(op_case("prod", lambda v: v.prod(1), [odd], {"dim": 1}))
    cases.append(op_case("prod", lambda v: v.prod(0), [odd], {"dim": 0}))
    for v in [[1.0, NAN, -2.0, 0.0], [NAN, 0.0, 0.0], [float("inf"), 0.0, 2.0], [float("inf"), 2.0]]:
        cases.append(op_case("prod", lambda u: u.prod(), [torch.tensor(v)], {}))
    cases.append(op_case("clamp", lambda v: v.clamp(-1.0, 0.5), [vec], {"min": -1.0, "max": 0.5}))
    cases.append(op_case("max", lambda v: v.max(), [row], {}))
    cases.append(op_case("min", lambda v: v.min(), [row], {}))
    for nm in ["max", "min"]:
        cases.append(op_case(nm + "Values", lambda u, n=nm: getattr(u, n)(1).values, [row], {"dim": 1}))
        cases.append(op_case(nm + "Indices", lambda u, n=nm: getattr(u, n)(1).indices.float(), [row], {"dim": 1}, grad=False))
        cases.append(op_case(nm + "Values", lambda u, n=nm: getattr(u, n)(0).values, [row], {"dim": 0}))
        cases.append(op_case("arg" + nm, lambda u, n=nm: getattr(u, "arg" + n)(1).float(), [row], {"dim": 1}, grad=False))
        cases.append(op_case("arg" + nm, lambda u, n=nm: getattr(u, "arg" + n)().float(), [row], {}, grad=False))
    other = torch.tensor([0.0, 2.0, NAN, 0.0])
    cases.append(op_case("maximum", torch.maximum, [vec, other]))
    cases.append(op_case("minimum", torch.minimum, [vec, other]))
    huge = torch.tensor([[1e14, 1e14, 0.0], [1e16, 1e16, 0.0], [1e13, 0.0, -1e13]])
    cases.append(op_case("logSoftmax", lambda v: v.log_softmax(1), [huge], {"dim": 1}))
    cases.append(op_case("logSoftmax", lambda v: v.log_softmax(-1), [huge], {}))
    cases.append(op_case("softmax", lambda v: v.softmax(-1), [huge], {}))
    cases.append(op_case("crossEntropy", lambda v: torch.nn.functional.cross_entropy(v, torch.tensor([0, 1, 2])), [huge],
                         {"target": [0, 1, 2]}))


def pattern(n, mult, lo, hi):
    """n float32 values spread over [lo, hi) by ((i·mult) mod 1000)/1000, which the test rebuilds exactly."""
    return torch.tensor([lo + (hi - lo) * ((i * mult) % 1000) / 1000 for i in range(n)], dtype=torch.float32)


def precision():
    """Long sums, computed by torch in float64 so the expected values are exact; the inputs are patterns
    the test rebuilds, not stored."""
    out = {}
    out["sumTenth"] = torch.full([1000000], 0.1).double().sum().float().item()
    out["meanTenth"] = torch.full([1000000], 0.1).double().mean().float().item()
    a, b = pattern(1000000, 7919, 0.0, 1.0), pattern(1000000, 104729, 0.0, 1.0)
    out["dot"] = {"n": 1000000, "a": [7919, 0.0, 1.0], "b": [104729, 0.0, 1.0], "value": torch.dot(a.double(), b.double()).item(),
                  "float32": torch.dot(a, b).item()}
    # all-positive terms: the worst case for a float32 running sum
    k = 250000
    a, b = pattern(4 * k, 7919, 0.0, 1.0).reshape(4, k), pattern(k * 2, 104729, 0.0, 1.0).reshape(k, 2)
    out["matmulLong"] = {"m": 4, "k": k, "n": 2, "a": [7919, 0.0, 1.0], "b": [104729, 0.0, 1.0],
                         "value": enc(a.double().matmul(b.double()))}
    rows = 50000
    logits = pattern(rows * 3, 7919, -3.0, 3.0).reshape(rows, 3)
    target = torch.tensor([i % 3 for i in range(rows)])
    out["crossEntropy"] = {"rows": rows, "logits": [7919, -3.0, 3.0],
                           "value": torch.nn.functional.cross_entropy(logits.double(), target).item()}
    pred, y = pattern(1000000, 7919, -2.0, 2.0), pattern(1000000, 104729, -2.0, 2.0)
    out["mse"] = {"n": 1000000, "pred": [7919, -2.0, 2.0], "target": [104729, -2.0, 2.0],
                  "value": torch.nn.functional.mse_loss(pred.double(), y.double()).item()}
    out["linspace1"] = enc(torch.linspace(2.0, 5.0, 1))
    return out


def main():
    cases = []
    elementwise(cases)
    products(cases)
    reductions(cases)
    edge_cases(cases)
    write("ops2", {"cases": cases, "precision": precision()})


if __name__ == "__main__":
    main()
