# The reference numbers of backpropView.test.ts, from PyTorch: run with a Python that has torch,
#   python3 torchReference.py > torchReference.json
# Each case is one example through a small net with set weights; every intermediate keeps its gradient.
import json
import torch

torch.set_default_dtype(torch.float32)


def run(layers, x, loss, target):
    a = torch.tensor([x], requires_grad=True)
    a.retain_grad()
    trace = {"a0": a}
    out = a
    for i, (w, b, act) in enumerate(layers, start=1):
        W = torch.tensor(w, requires_grad=True)
        B = torch.tensor(b, requires_grad=True)
        z = out @ W.T + B
        z.retain_grad()
        trace[f"W{i}"], trace[f"b{i}"], trace[f"z{i}"] = W, B, z
        out = z
        if act is not None:
            out = act(z)
            out.retain_grad()
            trace[f"a{i}"] = out
    L = loss(out, target)
    L.backward()
    result = {"loss": L.item()}
    for name, t in trace.items():
        result[name] = t.detach().flatten().tolist()
        if t.grad is not None:
            result["d" + name] = t.grad.flatten().tolist()
    return result


cases = {
    "xor_mse": run(
        [([[0.5, -0.4], [0.3, 0.8]], [0.1, -0.2], torch.sigmoid), ([[0.7, -0.6]], [0.05], torch.sigmoid)],
        [1.0, 0.0], torch.nn.MSELoss(), torch.tensor([[1.0]])),
    "xor_bce_tanh": run(
        [([[1.5, -1.1], [-0.9, 1.3]], [-0.2, 0.4], torch.tanh), ([[1.2, 0.8]], [-0.3], torch.sigmoid)],
        [0.0, 1.0], torch.nn.BCELoss(), torch.tensor([[1.0]])),
    "logits_relu": run(
        [([[0.5, -0.3], [0.8, 0.2], [-0.6, 0.9]], [0.1, 0.0, -0.1], torch.relu), ([[0.4, -0.7, 0.2], [-0.5, 0.3, 0.6]], [0.0, 0.2], None)],
        [0.5, -1.2], torch.nn.CrossEntropyLoss(), torch.tensor([1])),
    "bce_logits_leaky": run(
        [([[0.9, -0.4], [-0.3, 0.6]], [0.2, -0.5], lambda z: torch.nn.functional.leaky_relu(z, 0.1)), ([[1.1, -0.8]], [0.3], None)],
        [-0.7, 0.4], torch.nn.BCEWithLogitsLoss(), torch.tensor([[0.0]])),
}
print(json.dumps(cases, indent=1))
