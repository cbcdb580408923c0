# PyTorch on one thread (or as many as the first argument says), driven by bench/frameworks/pytorch.mjs over stdin/stdout, one JSON request per
# line: the same workloads, data and starting weights as the other frameworks, trained the usual way
# (nn.Sequential, a loss module, optim.SGD, zero_grad / backward / step). It times its own runs, so the
# pipe costs nothing.
import json
import sys
import time

import torch
from torch import nn

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(THREADS)


def product(w, batch):
    a = torch.tensor(batch["x"], dtype=torch.float32).reshape(w["m"], w["k"])
    b = torch.tensor(batch["y"], dtype=torch.float32).reshape(w["k"], w["n"])
    return a, b


def build(w, batches, weights):
    torch.manual_seed(0)
    layers = []
    linears = [l for l in weights if not l.get("conv")]
    if w.get("kind") == "cnn":
        c, l = w["conv"], weights[0]
        conv = nn.Conv2d(c["inChannels"], c["outChannels"], c["kernel"], padding=c["padding"])
        with torch.no_grad():
            conv.weight.copy_(torch.tensor(l["weight"]).reshape(conv.weight.shape))
            conv.bias.copy_(torch.tensor(l["bias"]))
        layers += [conv, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()]
    for i, l in enumerate(linears):
        linear = nn.Linear(l["nIn"], l["nOut"])
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(l["weight"]).reshape(l["nOut"], l["nIn"]))
            linear.bias.copy_(torch.tensor(l["bias"]))
        layers.append(linear)
        act = w["acts"][i]
        if act != "none":
            layers.append({"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[act]())
    net = nn.Sequential(*layers)
    loss_fn = nn.CrossEntropyLoss() if w["loss"] == "ce" else nn.MSELoss()
    opt = torch.optim.SGD(net.parameters(), lr=w["lr"])
    n_in, n_out = w["sizes"][0], w["sizes"][-1]
    if w.get("kind") == "cnn":
        x_shape = (w["batch"], w["conv"]["inChannels"], w["conv"]["size"], w["conv"]["size"])
    else:
        x_shape = (w["batch"], n_in)
    data = []
    for b in batches:
        x = torch.tensor(b["x"], dtype=torch.float32).reshape(x_shape)
        if w["loss"] == "ce":
            y = torch.tensor(b["y"], dtype=torch.long)
        else:
            y = torch.tensor(b["y"], dtype=torch.float32).reshape(w["batch"], n_out)
        data.append((x, y))
    return net, loss_fn, opt, data


def main():
    state = {"next": 0}
    out = sys.stdout
    for line in sys.stdin:
        msg = json.loads(line)
        cmd = msg["cmd"]
        if cmd == "info":
            reply = {"name": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads()}
        elif cmd == "setup" and msg["workload"].get("kind") == "matmul":
            state["product"] = product(msg["workload"], msg["batches"][0])
            state["c"] = None
            reply = {}
        elif cmd == "run" and "product" in state:
            a, b = state["product"]
            t0 = time.perf_counter()
            for _ in range(msg["steps"]):
                state["c"] = a @ b
            reply = {"ms": (time.perf_counter() - t0) * 1000}
        elif cmd == "loss" and "product" in state:
            reply = {"loss": float(state["c"].double().sum())}
        elif cmd == "setup":
            state.pop("product", None)
            state.update(zip(("net", "loss_fn", "opt", "data"), build(msg["workload"], msg["batches"], msg["weights"])))
            state["next"] = 0
            reply = {}
        elif cmd == "run":
            net, loss_fn, opt, data = state["net"], state["loss_fn"], state["opt"], state["data"]
            t0 = time.perf_counter()
            for _ in range(msg["steps"]):
                x, y = data[state["next"]]
                state["next"] = (state["next"] + 1) % len(data)
                opt.zero_grad()
                loss = loss_fn(net(x), y)
                loss.backward()
                opt.step()
            reply = {"ms": (time.perf_counter() - t0) * 1000}
        elif cmd == "loss":
            x, y = state["data"][0]
            with torch.no_grad():
                reply = {"loss": state["loss_fn"](state["net"](x), y).item()}
        else:
            reply = {"error": "unknown command " + cmd}
        out.write(json.dumps(reply) + "\n")
        out.flush()


main()
