# A safetensors file as PyTorch users make one, for the engine's reader: the state dict of a small model
# (float32 weights, BatchNorm's int64 num_batches_tracked) plus a float16, a bfloat16 and a float64 tensor,
# written by the format's short spec (Debian has no `safetensors` package): an 8-byte little-endian header
# length, the JSON header, the raw little-endian bytes. The values go beside it as JSON.
#   /usr/bin/python3 scripts/reference/safetensors_fixtures.py
import json
import os
import struct

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
model(torch.randn(5, 3))  # one training step of batch norm: running stats and num_batches_tracked move
tensors = dict(model.state_dict())
tensors["half"] = torch.tensor([1.5, -0.099975586, 65504.0], dtype=torch.float16)
tensors["brain"] = torch.tensor([[3.140625, -2.0]], dtype=torch.bfloat16)
tensors["double"] = torch.tensor([1e-40, 0.1], dtype=torch.float64)
names = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64", torch.int64: "I64"}

header, data, offset = {"__metadata__": {"format": "pt", "made by": "scripts/reference/safetensors_fixtures.py"}}, b"", 0
for name, t in tensors.items():
    raw = t.contiguous().view(torch.uint8).numpy().tobytes() if t.dim() > 0 else t.reshape(1).view(torch.uint8).numpy().tobytes()
    header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
    data += raw
    offset += len(raw)
text = json.dumps(header).encode("utf-8")
text += b" " * ((8 - len(text) % 8) % 8)
out = os.path.join(os.path.dirname(__file__), "../../test/fixtures/engine")
with open(os.path.join(out, "torch-state.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
values = {name: {"shape": list(t.shape), "values": t.double().reshape(-1).tolist()} for name, t in tensors.items()}
with open(os.path.join(out, "torch-state.json"), "w") as f:
    json.dump(values, f, indent=1)
print("wrote torch-state.safetensors and torch-state.json:", ", ".join(tensors))
