"""Reference values from PyTorch for nn.RNN, nn.LSTM and nn.GRU.

Run with /usr/bin/python3 scripts/reference/recurrent_fixtures.py (Debian's python3-torch). Writes
test/fixtures/engine/recurrent.json: for each layer and configuration, its state_dict(), an input (and initial
state), the outputs, and the gradients of sum(output · u) + sum(hN · v) (+ sum(cN · w)) for the input, the initial
state and every parameter.
"""
import torch

from make_fixtures import enc, rng, values, write

CONFIGS = [
    ("RNN", {}, [5, 2, 3], False),
    ("RNN", {"nonlinearity": "relu", "numLayers": 2}, [4, 3, 3], True),
    ("RNN", {"bidirectional": True, "batchFirst": True}, [2, 4, 3], True),
    ("RNN", {"bias": False}, [4, 3], False),
    ("LSTM", {}, [5, 2, 3], False),
    ("LSTM", {"numLayers": 2, "bidirectional": True}, [4, 2, 3], True),
    ("LSTM", {"batchFirst": True, "bias": False}, [2, 5, 3], True),
    ("LSTM", {"numLayers": 2}, [6, 3], True),
    ("GRU", {}, [5, 2, 3], False),
    ("GRU", {"numLayers": 2, "bidirectional": True}, [4, 2, 3], True),
    ("GRU", {"batchFirst": True, "bias": False}, [2, 5, 3], True),
    ("GRU", {"bidirectional": True}, [6, 3], True),
]

SNAKE = {"numLayers": "num_layers", "batchFirst": "batch_first"}


def main():
    cases = []
    for i, (kind, options, xshape, with_state) in enumerate(CONFIGS):
        r = rng(100 + i)
        hidden = 4
        torch.manual_seed(i)
        layer = getattr(torch.nn, kind)(3, hidden, **{SNAKE.get(k, k): v for k, v in options.items()})
        x = values(r, xshape).requires_grad_(True)
        d = 2 if options.get("bidirectional") else 1
        states = d * options.get("numLayers", 1)
        sshape = [states, hidden] if len(xshape) == 2 else [states, xshape[0] if options.get("batchFirst") else xshape[1], hidden]
        h0 = values(r, sshape).requires_grad_(True) if with_state else None
        c0 = values(r, sshape).requires_grad_(True) if with_state and kind == "LSTM" else None
        if kind == "LSTM":
            out, (hn, cn) = layer(x, (h0, c0)) if with_state else layer(x)
        else:
            out, hn = layer(x, h0) if with_state else layer(x)
            cn = None
        u, v = values(r, list(out.shape)), values(r, list(hn.shape))
        loss = (out * u).sum() + (hn * v).sum()
        w = values(r, list(cn.shape)) if cn is not None else None
        if cn is not None:
            loss = loss + (cn * w).sum()
        loss.backward()
        case = {"kind": kind, "options": options, "state": {k: enc(t) for k, t in layer.state_dict().items()},
                "keys": list(layer.state_dict().keys()), "x": enc(x), "out": enc(out), "hN": enc(hn), "u": enc(u), "v": enc(v),
                "gradX": enc(x.grad), "grads": {k: enc(p.grad) for k, p in layer.named_parameters()}}
        if with_state:
            case["h0"], case["gradH0"] = enc(h0), enc(h0.grad)
        if c0 is not None:
            case["c0"], case["gradC0"] = enc(c0), enc(c0.grad)
        if cn is not None:
            case["cN"], case["w"] = enc(cn), enc(w)
        cases.append(case)
    write("recurrent", cases)


if __name__ == "__main__":
    main()
