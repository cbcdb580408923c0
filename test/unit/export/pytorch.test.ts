// exportPyTorch, proved by PyTorch itself: the written file is imported by Debian's python3-torch, load() reads
// the weights beside it, and the model gives the engine's outputs to 1e-5 — for an MLP, a module class of the
// user's own, a CNN, an LSTM, a bidirectional GRU, attention and embeddings.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { exportPyTorch } from "../../../src/export/exportPyTorch";
import { cat, manualSeed, nn, randn, save, tensor, Tensor, where, zeros, F } from "../../../src/engine";
import { setWorkspaceFiles } from "../../../src/engine/io/files";
import { pytorchCode } from "../../../src/export/pytorch";
import { FLATTEN, runPython, scratch } from "./pythonRunner";

const dir = scratch("nnbook-pytorch-");

before(() => {
  setWorkspaceFiles({
    readText: () => Promise.reject(new Error("no text here")),
    readBytes: async (p) => {
      const full = path.join(dir, p);
      if (!existsSync(full)) throw Object.assign(new Error(`${p}: no such file`), { code: "ENOENT" });
      return { contents: new Uint8Array(readFileSync(full)), displayPath: p };
    },
    writeBytes: async (p, bytes, overwrite) => {
      writeFileSync(path.join(dir, p), bytes, { flag: overwrite ? "w" : "wx" });
      return p;
    },
  });
});
after(() => setWorkspaceFiles(undefined));

const flat = (v: unknown): number[] => (v instanceof Tensor ? Array.from(v.data) : Array.isArray(v) ? v.flatMap(flat) : []);

/** Exports `model` as `name.py`, runs it in PyTorch on its sample input, and compares with the engine's output. */
async function agrees(model: nn.Module, name: string, options: Parameters<typeof exportPyTorch>[2] = {}): Promise<string> {
  await exportPyTorch(model, `${name}.py`, options);
  const { output } = pytorchCode(model, options, "test", `${name}.safetensors`);
  const ran = runPython(dir, `${FLATTEN}
import ${name} as m
model = m.load()
assert not model.training
x = m.sample_input()
with torch.no_grad():
    out = model(*x) if isinstance(x, tuple) else model(x)
print(json.dumps(flat(out)))
`) as number[];
  const want = flat(output);
  assert.equal(ran.length, want.length, `${name}: ${ran.length} outputs in PyTorch, ${want.length} here`);
  const worst = Math.max(...ran.map((v, i) => Math.abs(v - want[i]) / Math.max(1, Math.abs(want[i]))));
  assert.ok(worst < 1e-5, `${name}: PyTorch differs by ${worst}`);
  return readFileSync(path.join(dir, `${name}.py`), "utf8");
}

test("an MLP of every kind of activation and normalisation is an nn.Sequential that PyTorch runs to the same outputs", async () => {
  manualSeed(1);
  const net = nn.Sequential(
    nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 8), nn.LayerNorm([8]), nn.GELU({ approximate: "tanh" }), nn.Linear(8, 8), nn.GELU(),
    nn.ELU(0.5), nn.Softplus({ beta: 2 }), nn.LeakyReLU(0.2), nn.SiLU(), nn.Tanh(), nn.Sigmoid(), nn.Step(), nn.Identity(), nn.Linear(8, 4, { bias: false }), nn.LogSoftmax(1),
  );
  net(randn([16, 3])); // batch norm's running statistics move away from 0 and 1
  const code = await agrees(net, "mlp");
  assert.match(code, /^# Written by nnbook/);
  assert.match(code, /return nn\.Sequential\(\n        nn\.Linear\(3, 8\),\n        nn\.BatchNorm1d\(8\),/);
  assert.match(code, /nn\.Dropout\(p=0\.3\)/);
  assert.match(code, /class Step\(nn\.Module\)/);
});

class Attention extends nn.Module {
  embed = nn.Embedding(12, 8);
  mha = nn.MultiheadAttention(8, 2, { batchFirst: true });
  norm = nn.LayerNorm([8]);
  headOut = nn.Linear(8, 3);
  forward(tokens: Tensor) {
    const e = this.embed(tokens);
    const [attended] = this.mha(e, e, e);
    return this.headOut(this.norm(attended.add(e)).mean(1));
  }
}

class Net extends nn.Module {
  hidden = 4;
  fc1 = nn.Linear(2, this.hidden);
  blocks = [nn.Linear(4, 4), nn.Linear(4, 4)];
  gate = nn.Parameter(tensor([0.5, -1, 2, 0.25]));
  declare shift: Tensor;
  constructor() {
    super();
    this.registerBuffer("shift", tensor([0.1, 0.2, 0.3, 0.4]));
  }
  forward(x: Tensor) {
    let h = F.leakyRelu(this.fc1(x), 0.1);
    for (const block of this.blocks) h = block(h).tanh().add(h);
    const gated = h.mul(this.gate.sigmoid()).sub(this.shift);
    const both = cat([gated, x.matmul(this.fc1.weight.T)], 1);
    const picked = where(both.gt(0), both, both.mul(0.5)).slice(1, 0, 6);
    const stats = picked.max(1, true).values.add(picked.mean(1, true)).add(zeros([1, 1]));
    return [picked.softmax(1).mul(stats), picked.view(-1).pow(2).sum()];
  }
}

test("a module class of the user's own is the same class in PyTorch, with its attribute names and state_dict keys", async () => {
  manualSeed(2);
  const net = new Net();
  const code = await agrees(net, "custom", { inputShape: [3, 2] });
  assert.match(code, /class Net\(nn\.Module\):\n    def __init__\(self\):\n        super\(\)\.__init__\(\)\n        self\.hidden = 4\n        self\.fc1 = nn\.Linear\(2, 4\)/);
  assert.match(code, /self\.register_buffer\("shift", torch\.empty\(4\)\)/);
  assert.match(code, /def forward\(self, x\):\n        fc1 = self\.fc1\(x\)\n        leaky_relu = F\.leaky_relu\(fc1, 0\.1\)/);
  const keys = runPython(dir, `import json, custom\nprint(json.dumps(list(custom.build().state_dict().keys())))`);
  assert.deepEqual(keys, Object.keys(net.stateDict()));
  const attention = new Attention();
  const attentionCode = await agrees(attention, "attention");
  assert.match(attentionCode, /self\.head_out = nn\.Linear\(8, 3\)/);
  assert.match(attentionCode, /embed = self\.embed\(tokens\.long\(\)\)/);
});

class Digits extends nn.Module {
  features = nn.Sequential(nn.Conv2d(1, 4, 3, { padding: 1 }), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, [3, 3], { stride: 1 }), nn.AvgPool2d(2));
  classifier = nn.Linear(6, 10);
  forward(images: Tensor) {
    const f = this.features(images);
    return this.classifier(f.view(images.shape[0], -1)).logSoftmax(1);
  }
}

test("a CNN exports with its convolutions, pooling and batch norm", async () => {
  manualSeed(3);
  const net = new Digits();
  net(randn([4, 1, 8, 8]));
  const code = await agrees(net, "cnn", { inputShape: [2, 1, 8, 8] });
  assert.match(code, /nn\.Conv2d\(1, 4, 3, padding=1\)/);
  // The batch the forward read from a shape follows the input: another batch size runs too.
  assert.match(code, /features\.reshape\(images\.shape\[0\], -1\)/);
  assert.deepEqual(runPython(dir, "import json, torch, cnn\nprint(json.dumps(list(cnn.load()(torch.zeros(5, 1, 8, 8)).shape)))"), [5, 10]);
  await assert.rejects(exportPyTorch(net, "cnn2.py"), /its first layer \(features\.0\) is a Conv2d, which does not say the height and width of its images \(1 channel\): pass the shape of a sample input/);
});

class FunctionalCnn extends nn.Module {
  kernel = nn.Parameter(randn([3, 1, 3, 3]));
  bias = nn.Parameter(randn([3]));
  forward(x: Tensor) {
    const padded = F.pad(x, [1, 1, 2, 0], { value: 0.5 });
    const conv = F.conv2d(padded, this.kernel, this.bias, { stride: [1, 2] }).relu();
    return [F.maxPool2d(conv, 2, { stride: 1, ceilMode: true }), F.avgPool2d(conv, [2, 2], { padding: 1, countIncludePad: false })];
  }
}

test("the functional forms of convolution, pooling and padding are F's in PyTorch", async () => {
  manualSeed(6);
  const code = await agrees(new FunctionalCnn(), "functional", { inputShape: [2, 1, 6, 7] });
  assert.match(code, /F\.max_pool2d\(relu, 2, stride=1, ceil_mode=True\)/);
});

class Forecaster extends nn.Module {
  lstm = nn.LSTM(1, 6, { numLayers: 2, batchFirst: true });
  gru = nn.GRU(6, 3, { bidirectional: true, batchFirst: true });
  out = nn.Linear(6, 1);
  forward(x: Tensor) {
    const [seq] = this.lstm(x);
    const [both, h] = this.gru(seq);
    return [this.out(both.select(1, -1)), h];
  }
}

test("an LSTM and a bidirectional GRU export with PyTorch's parameter names and give the same outputs and states", async () => {
  manualSeed(4);
  const code = await agrees(new Forecaster(), "lstm");
  assert.match(code, /nn\.LSTM\(1, 6, num_layers=2, batch_first=True\)/);
  await agrees(nn.Sequential(nn.Linear(3, 5)), "single");
});

test("a model saved by save() loads in PyTorch, and PyTorch's own state dict loads back into the engine", async () => {
  manualSeed(5);
  const net = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1));
  await save(net, "saved.safetensors");
  await exportPyTorch(net, "saved_model.py");
  // PyTorch trains the exported model a little and writes its state dict in the same format.
  const trained = runPython(dir, `${FLATTEN}
import saved_model as m
model = m.build()
model.load_state_dict(m.read_safetensors("saved.safetensors"))
torch.manual_seed(0)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(5):
    opt.zero_grad()
    model(torch.randn(8, 2)).pow(2).mean().backward()
    opt.step()
state = model.state_dict()
header, body, offset = {}, b"", 0
for k, t in state.items():
    raw = t.contiguous().numpy().tobytes()
    header[k] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
    body += raw
    offset += len(raw)
text = json.dumps(header).encode()
with open("from_torch.safetensors", "wb") as f:
    f.write(len(text).to_bytes(8, "little") + text + body)
x = torch.tensor([[0.5, -1.0], [2.0, 0.25]])
with torch.no_grad():
    print(json.dumps(flat(model(x))))
`) as number[];
  const again = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1));
  await again.loadStateDict("from_torch.safetensors");
  const mine = Array.from(again(tensor([[0.5, -1], [2, 0.25]])).data);
  mine.forEach((v, i) => assert.ok(Math.abs(v - trained[i]) < 1e-6, `${v} vs ${trained[i]}`));
});

test("what the export cannot write down is an error that names it", async () => {
  class Hidden extends nn.Module {
    fc = nn.Linear(2, 2);
    forward(x: Tensor) {
      return F.mseLoss(this.fc(x), x);
    }
  }
  await assert.rejects(exportPyTorch(new Hidden(), "hidden.py"), /exportPyTorch: Hidden\.forward uses a tensor made by MseLossBackward0|exportPyTorch: Hidden\.forward uses a tensor made by/);
  await assert.rejects(exportPyTorch(nn.Linear(2, 2), "net.txt"), { message: 'exportPyTorch: writes Python; end the file\'s name in .py ("net.py")' });
  await assert.rejects(exportPyTorch(nn.Linear(2, 2), "net.py", { inputShap: [2, 2] } as never), /unknown option "inputShap"; did you mean "inputShape"/);
  await assert.rejects(exportPyTorch(nn.Linear(2, 2), "net.py", { inputShape: [2, 0] }), /inputShape must be a shape of whole numbers ≥ 1/);
  writeFileSync(path.join(dir, "mine.py"), "print('my own script')\n");
  await assert.rejects(exportPyTorch(nn.Linear(2, 2), "mine.py", { overwrite: true }), /mine\.py exists and is not a file nnbook wrote \(it does not begin with the line an export writes\)/);
  assert.equal(readFileSync(path.join(dir, "mine.py"), "utf8"), "print('my own script')\n");
  assert.equal(existsSync(path.join(dir, "mine.safetensors")), false, "nothing is written when one file is refused");
});
