# Written by nnbook from a model of the notebook: the same network in PyTorch.
# load() rebuilds it with the weights saved beside it in digits.safetensors, read with PyTorch alone.
import json
import os

import torch
from torch import nn
import torch.nn.functional as F


def build():
    """The model, with freshly initialised weights."""
    return nn.Sequential(
        nn.Linear(64, 32),
        nn.ReLU(),
        nn.Linear(32, 10),
    )


_DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}


def read_safetensors(path):
    """The tensors of a safetensors file by name, read with PyTorch alone (as safetensors.torch.load_file)."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        raw = data[8 + n + begin:8 + n + end]
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors


def load(path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits.safetensors")):
    """The model in eval mode with the weights nnbook saved."""
    model = build()
    model.load_state_dict(read_safetensors(path))
    return model.eval()


def sample_input():
    """The input nnbook ran the model on when it wrote this file."""
    return ((torch.arange(128) % 17 - 8) / 8).reshape(2, 64)


if __name__ == "__main__":
    model = load()
    with torch.no_grad():
        output = model(sample_input())
    print(output)
    # nnbook gave: tensor of shape [2, 10] starting -1.02961, -2.86658, -1.9632, -0.858441, 0.325801, -2.35101, -1.50101, -0.460033, …
