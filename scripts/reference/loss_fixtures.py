"""PyTorch's losses with their options and reductions: value and gradient with respect to the prediction.

Run with /usr/bin/python3 scripts/reference/loss_fixtures.py. Writes test/fixtures/engine/loss_options.json:
each case names the loss, the options as the cell language spells them, the inputs, PyTorch's output and the
gradient of sum(output · upstream) with respect to the prediction.
"""
import torch

from make_fixtures import enc, rng, values, write

F = torch.nn.functional


def main():
    r = rng(21)
    cases = []

    def add(name, options, fn, pred, target):
        p = pred.clone().requires_grad_(True)
        out = fn(p, target)
        up = values(rng(len(cases) + 1), list(out.shape))
        (out * up).sum().backward()
        cases.append({"loss": name, "options": options, "pred": enc(pred), "target": enc(target),
                      "out": enc(out), "upstream": enc(up), "grad": enc(p.grad)})

    a, b = values(r, [4, 3]), values(r, [4, 3])
    for red in ["mean", "sum", "none"]:
        add("MSELoss", {"reduction": red}, torch.nn.MSELoss(reduction=red), a, b)
        add("L1Loss", {"reduction": red}, torch.nn.L1Loss(reduction=red), a, b)
        add("HuberLoss", {"reduction": red}, torch.nn.HuberLoss(reduction=red), a * 2, b)
    add("HuberLoss", {"delta": 0.5}, torch.nn.HuberLoss(delta=0.5), a * 2, b)

    probs = torch.sigmoid(values(r, [6, 2], -4, 4))
    labels = (values(r, [6, 2]) > 0).float()
    w = values(r, [2], 0.5, 2.0)
    for red in ["sum", "none"]:
        add("BCELoss", {"reduction": red}, torch.nn.BCELoss(reduction=red), probs, labels)
    add("BCELoss", {"weight": enc(w)}, torch.nn.BCELoss(weight=w), probs, labels)
    logits2 = values(r, [6, 2], -4, 4)
    add("BCEWithLogitsLoss", {"posWeight": enc(w)}, torch.nn.BCEWithLogitsLoss(pos_weight=w), logits2, labels)
    add("BCEWithLogitsLoss", {"weight": enc(w), "reduction": "sum"}, torch.nn.BCEWithLogitsLoss(weight=w, reduction="sum"), logits2, labels)
    add("BCEWithLogitsLoss", {"reduction": "none", "posWeight": enc(w)}, torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=w), logits2, labels)

    logits = values(r, [6, 4], -3, 3)
    idx = torch.tensor([0, 3, 1, 1, 2, 3])
    cw = values(r, [4], 0.5, 2.0)
    ignored = torch.tensor([0, 3, -100, 1, 2, -100])
    ce = lambda **kw: (lambda p, t: torch.nn.CrossEntropyLoss(**kw)(p, t.long()))
    for red in ["mean", "sum", "none"]:
        add("CrossEntropyLoss", {"reduction": red}, ce(reduction=red), logits, idx.float())
        add("CrossEntropyLoss", {"reduction": red, "weight": enc(cw)}, ce(reduction=red, weight=cw), logits, idx.float())
        add("CrossEntropyLoss", {"reduction": red, "labelSmoothing": 0.1}, ce(reduction=red, label_smoothing=0.1), logits, idx.float())
        add("CrossEntropyLoss", {"reduction": red, "labelSmoothing": 0.2, "weight": enc(cw)}, ce(reduction=red, label_smoothing=0.2, weight=cw), logits, idx.float())
        add("CrossEntropyLoss", {"reduction": red, "weight": enc(cw)}, ce(reduction=red, weight=cw), logits, ignored.float())
        add("CrossEntropyLoss", {"reduction": red, "labelSmoothing": 0.1}, ce(reduction=red, label_smoothing=0.1), logits, ignored.float())
    add("CrossEntropyLoss", {"ignoreIndex": 3}, ce(ignore_index=3), logits, idx.float())
    soft = torch.softmax(values(r, [6, 4]), 1)
    for red in ["mean", "sum", "none"]:
        add("CrossEntropyLoss", {"reduction": red, "labelSmoothing": 0.1, "weight": enc(cw)}, torch.nn.CrossEntropyLoss(reduction=red, label_smoothing=0.1, weight=cw), logits, soft)
    logp = torch.log_softmax(logits, 1)
    nll = lambda **kw: (lambda p, t: torch.nn.NLLLoss(**kw)(p, t.long()))
    for red in ["mean", "sum", "none"]:
        add("NLLLoss", {"reduction": red}, nll(reduction=red), logp, idx.float())
        add("NLLLoss", {"reduction": red, "weight": enc(cw)}, nll(reduction=red, weight=cw), logp, ignored.float())
    write("loss_options", cases)


if __name__ == "__main__":
    main()
