"""PyTorch state dicts as JSON, with the outputs PyTorch computes after loading them.

Run with /usr/bin/python3 scripts/reference/module_fixtures.py (Debian's python3-torch). Writes
test/fixtures/engine/state_dict.json: for a network, its state_dict() as {key: {shape, data}} (the form a user
exports with json.dump), an input and the network's output in eval mode.
"""
import torch

F = torch.nn.functional

from make_fixtures import enc, rng, values, write


def trained_a_little(net, x):
    # A few training steps so that batch norm's running statistics and its batch count are not their defaults.
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        net(x).pow(2).mean().backward()
        opt.step()


def layer_cases():
    """Each layer's output and the gradients of sum(output · upstream) for its input and parameters."""
    r = rng(12)
    cases = []

    def add(name, options, module, x, int_input=False):
        torch.manual_seed(0)
        xin = x if int_input else x.clone().requires_grad_(True)
        out = module(xin.long() if int_input else xin)
        up = values(rng(len(cases) + 3), list(out.shape))
        (out * up).sum().backward()
        cases.append({"layer": name, "options": options, "x": enc(x), "out": enc(out), "upstream": enc(up),
                      "params": {k: enc(v) for k, v in module.named_parameters()},
                      "gradX": None if int_input else enc(xin.grad),
                      "grads": {k: enc(v.grad) for k, v in module.named_parameters()}})

    x = values(r, [3, 4], -3, 3)
    add("LeakyReLU", 0.2, torch.nn.LeakyReLU(0.2), x)
    add("ELU", 0.7, torch.nn.ELU(0.7), x)
    add("Softplus", {"beta": 2, "threshold": 3}, torch.nn.Softplus(beta=2, threshold=3), x)
    add("GELU", {"approximate": "tanh"}, torch.nn.GELU(approximate="tanh"), x)
    add("LogSoftmax", 1, torch.nn.LogSoftmax(1), x)
    add("Identity", None, torch.nn.Identity(), x)
    ln = torch.nn.LayerNorm(4)
    with torch.no_grad():
        ln.weight.copy_(values(r, [4], 0.5, 1.5))
        ln.bias.copy_(values(r, [4]))
    add("LayerNorm", {"normalizedShape": [4]}, ln, x)
    ln2 = torch.nn.LayerNorm([2, 3], eps=1e-3, elementwise_affine=False)
    add("LayerNorm", {"normalizedShape": [2, 3], "eps": 1e-3, "elementwiseAffine": False}, ln2, values(r, [2, 2, 3]))
    emb = torch.nn.Embedding(5, 3, padding_idx=0)
    with torch.no_grad():
        emb.weight.copy_(values(r, [5, 3]))
        emb.weight[0].zero_()
    add("Embedding", {"numEmbeddings": 5, "embeddingDim": 3, "paddingIdx": 0}, emb, torch.tensor([[1.0, 0.0, 4.0], [1.0, 1.0, 2.0]]), int_input=True)
    write("layers_extra", cases)


def functional_cases():
    """F.pad's layout (pairs from the last dim backwards) and gradient, and F.one_hot."""
    r = rng(13)
    x = values(r, [2, 2, 3]).requires_grad_(True)
    out = F.pad(x, [1, 2, 0, 1], value=0.5)
    up = values(rng(99), list(out.shape))
    (out * up).sum().backward()
    write("functional", {"pad": {"x": enc(x), "widths": [1, 2, 0, 1], "value": 0.5, "out": enc(out), "upstream": enc(up), "grad": enc(x.grad)},
                         "oneHot": {"indices": [0, 2, 1, 2], "out": enc(F.one_hot(torch.tensor([0, 2, 1, 2]), 4).float())}})


def conv_cases():
    """F.conv2d and F.max_pool2d with their settings: output and the gradients of sum(output · upstream)."""
    r = rng(14)
    cases = []

    def add(fn, options, inputs, call):
        ins = [t.clone().requires_grad_(True) if t is not None else None for t in inputs]
        out = call(*ins)
        up = values(rng(len(cases) + 50), list(out.shape))
        (out * up).sum().backward()
        cases.append({"fn": fn, "options": options, "inputs": [enc(t) if t is not None else None for t in inputs],
                      "out": enc(out), "upstream": enc(up), "grads": [enc(t.grad) if t is not None else None for t in ins]})

    x = values(r, [2, 4, 7, 6])
    for opts in [{}, {"stride": 2}, {"padding": 1}, {"padding": [2, 1], "stride": [1, 2]}, {"dilation": 2, "padding": 1}, {"groups": 2}]:
        groups = opts.get("groups", 1)
        w = values(r, [6, 4 // groups, 3, 3])
        b = values(r, [6])
        kw = {("padding" if k == "padding" else k): (tuple(v) if isinstance(v, list) else v) for k, v in opts.items()}
        add("conv2d", opts, [x, w, b], lambda xi, wi, bi: F.conv2d(xi, wi, bi, **kw))
    add("conv2d", {}, [x, values(r, [3, 4, 2, 3]), None], lambda xi, wi, bi: F.conv2d(xi, wi))
    for k, opts in [(2, {}), (3, {"stride": 2, "padding": 1}), (3, {"stride": 2, "ceilMode": True}), ([2, 3], {"dilation": [1, 2]})]:
        kw = {"stride": opts.get("stride"), "padding": opts.get("padding", 0), "dilation": tuple(opts["dilation"]) if "dilation" in opts else 1, "ceil_mode": opts.get("ceilMode", False)}
        kk = tuple(k) if isinstance(k, list) else k
        add("maxPool2d", {"kernelSize": k, **opts}, [x], lambda xi, kk=kk, kw=kw: F.max_pool2d(xi, kk, **kw))
    write("conv", cases)


def cnn_case():
    """A small CNN's state_dict, an input, its output and every parameter's gradient of sum(output · upstream)."""
    torch.manual_seed(3)
    r = rng(15)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(4, 6, (2, 3), stride=(1, 2), bias=False), torch.nn.Flatten(), torch.nn.Linear(18, 3),
    )
    x = values(r, [2, 1, 8, 8])
    out = net(x)
    up = values(rng(77), list(out.shape))
    (out * up).sum().backward()
    write("cnn", {"state": {k: enc(v) for k, v in net.state_dict().items()}, "x": enc(x), "out": enc(out), "upstream": enc(up),
                  "grads": {k: enc(v.grad) for k, v in net.named_parameters()}})


def main():
    torch.manual_seed(0)
    r = rng(11)
    net = torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4), torch.nn.ReLU(), torch.nn.Linear(4, 2),
    )
    x = values(r, [5, 3])
    trained_a_little(net, x)
    net.eval()
    with torch.no_grad():
        out = net(x)
    state = {k: enc(v.to(torch.float32)) for k, v in net.state_dict().items()}
    write("state_dict", {"keys": list(net.state_dict().keys()), "state": state, "x": enc(x), "out": enc(out)})
    layer_cases()
    functional_cases()
    conv_cases()
    cnn_case()


if __name__ == "__main__":
    main()
