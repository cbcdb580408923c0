"""Average pooling and 2-D batch normalisation as PyTorch computes them.

Run with /usr/bin/python3 scripts/reference/pool_fixtures.py (Debian's python3-torch). Writes
test/fixtures/engine/avgpool.json (F.avg_pool2d's output and input gradient of sum(output · upstream) for
several windows) and batchnorm2d.json (three training steps of nn.BatchNorm2d with outputs, gradients and
running statistics, then eval mode).
"""
import torch

F = torch.nn.functional

from make_fixtures import batchnorm_run, enc, rng, values, write


def avg_pool_cases():
    r = rng(21)
    cases = []
    x = values(r, [2, 3, 7, 6])
    for k, opts in [
        (2, {}),
        (3, {"stride": 2, "padding": 1}),
        (3, {"stride": 2, "padding": 1, "countIncludePad": False}),
        (3, {"stride": 2, "ceilMode": True}),
        (3, {"stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False}),
        ([2, 3], {"stride": [1, 2]}),
        (2, {"divisorOverride": 3}),
    ]:
        xi = x.clone().requires_grad_(True)
        kw = {"stride": tuple(opts["stride"]) if isinstance(opts.get("stride"), list) else opts.get("stride"),
              "padding": opts.get("padding", 0), "ceil_mode": opts.get("ceilMode", False),
              "count_include_pad": opts.get("countIncludePad", True), "divisor_override": opts.get("divisorOverride")}
        out = F.avg_pool2d(xi, tuple(k) if isinstance(k, list) else k, **kw)
        up = values(rng(len(cases) + 60), list(out.shape))
        (out * up).sum().backward()
        cases.append({"kernelSize": k, "options": opts, "x": enc(x), "out": enc(out), "upstream": enc(up), "grad": enc(xi.grad)})
    write("avgpool", cases)


def batchnorm2d():
    r = rng(23)
    bn = torch.nn.BatchNorm2d(3, momentum=0.2)
    case = batchnorm_run(bn, r, [4, 3, 5, 2])
    write("batchnorm2d", {**case, "momentum": 0.2, "keys": list(bn.state_dict().keys())})


def main():
    torch.manual_seed(0)
    avg_pool_cases()
    batchnorm2d()


if __name__ == "__main__":
    main()
