"""The two tests of micrograd's test/test_engine.py (its sanity check and "more ops"), computed by PyTorch in
float64 as micrograd's own test does. Run with /usr/bin/python3 scripts/reference/micrograd_fixtures.py; writes
test/fixtures/engine/micrograd.json.
"""
import torch

from make_fixtures import write


def sanity_check():
    x = torch.Tensor([-4.0]).double()
    x.requires_grad = True
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    return {"y": y.item(), "xGrad": x.grad.item()}


def more_ops():
    a = torch.Tensor([-4.0]).double()
    b = torch.Tensor([2.0]).double()
    a.requires_grad = True
    b.requires_grad = True
    c = a + b
    d = a * b + b**3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + (b + a).relu()
    d = d + 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g = g + 10.0 / f
    g.backward()
    return {"g": g.item(), "aGrad": a.grad.item(), "bGrad": b.grad.item()}


if __name__ == "__main__":
    write("micrograd", {"sanityCheck": sanity_check(), "moreOps": more_ops()})
