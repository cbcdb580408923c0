// exportOnnx, proved by the real tools: ONNX Runtime (onnxruntime-web's WebAssembly build, in Node) runs the file
// and gives the engine's outputs to 1e-5, and Debian's python3-onnx checker passes it — for an MLP of every
// activation and normalisation, a module class of the user's own, a CNN, recurrent layers and attention.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import * as ort from "onnxruntime-web";
import { cat, F, manualSeed, nn, randn, tensor, Tensor, where, zeros } from "../../../src/engine";
import { setWorkspaceFiles } from "../../../src/engine/io/files";
import { exportOnnx, onnxOf } from "../../../src/export/onnx/exportOnnx";
import { runPython, scratch } from "./pythonRunner";

const dir = scratch("nnbook-onnx-");
const written: string[] = [];

before(() => {
  ort.env.wasm.numThreads = 1;
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

/** Exports `model` to `name.onnx`, runs it in ONNX Runtime on the sample and compares every output with the engine's. */
async function agrees(model: nn.Module, name: string, options: Parameters<typeof exportOnnx>[2] = {}): Promise<string[]> {
  await exportOnnx(model, `${name}.onnx`, options);
  written.push(`${name}.onnx`);
  const bytes = new Uint8Array(readFileSync(path.join(dir, `${name}.onnx`)));
  const { inputNames, outputNames, output, model: proto } = onnxOf(model, options, "test");
  const session = await ort.InferenceSession.create(bytes);
  assert.deepEqual(session.inputNames, inputNames);
  const feeds: Record<string, ort.Tensor> = {};
  proto.graph.input.forEach((info, i) => {
    const dims = info.type.tensorType.shape.dim.map((d) => Number(d.dimValue));
    const n = dims.reduce((a, b) => a * b, 1);
    const sample = options.input ? (Array.isArray(options.input) ? options.input[i] : options.input).data : undefined;
    feeds[inputNames[i]] = new ort.Tensor("float32", sample ? Float32Array.from(sample) : sampleValues(n, model), dims);
  });
  const results = await session.run(feeds);
  outputNames.forEach((o, i) => {
    const got = results[o].data as Float32Array, want = output[i].data;
    assert.deepEqual([...results[o].dims], output[i].shape, `${name}: ${o} shape`);
    const worst = Math.max(0, ...Array.from(got, (v, k) => Math.abs(v - want[k]) / Math.max(1, Math.abs(want[k]))));
    assert.ok(worst < 1e-5, `${name}: ${o} differs from the engine by ${worst}`);
  });
  return proto.graph.node.map((n) => n.opType);
}

/** The sample the export made: (i mod 17 − 8)/8, or indices for a model that starts with an embedding. */
function sampleValues(n: number, model: nn.Module): Float32Array {
  const embedding = model.modules().find((m) => m instanceof nn.Embedding) as nn.Embedding | undefined;
  return Float32Array.from({ length: n }, (_, i) => (embedding ? i % embedding.numEmbeddings : ((i % 17) - 8) / 8));
}

test("an MLP of every activation and normalisation runs in ONNX Runtime to the engine's outputs", async () => {
  manualSeed(1);
  const net = nn.Sequential(
    nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 8), nn.LayerNorm([8]), nn.GELU({ approximate: "tanh" }), nn.Linear(8, 8), nn.GELU(),
    nn.ELU(0.5), nn.Softplus({ beta: 2 }), nn.LeakyReLU(0.2), nn.SiLU(), nn.Tanh(), nn.Sigmoid(), nn.Step(), nn.Identity(), nn.Linear(8, 4, { bias: false }), nn.LogSoftmax(1),
  );
  net(randn([16, 3]));
  const ops = await agrees(net, "mlp");
  assert.deepEqual(ops.slice(0, 3), ["Gemm", "BatchNormalization", "Relu"]);
  assert.ok(ops.includes("LayerNormalization"));
  await agrees(nn.Sequential(nn.Linear(4, 3), nn.Softmax(1)), "softmax", { inputShape: [5, 4] });
});

class Net extends nn.Module {
  fc1 = nn.Linear(2, 4);
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
    const stats = picked.max(1, true).values.add(picked.mean(1, true)).add(zeros([1, 1])).add(picked.std(1, true, true));
    return [picked.softmax(1).mul(stats), picked.view(-1).pow(2).sum(), picked.transpose(0, 1).unsqueeze(0).squeeze(0).argmax(1)];
  }
}

class Digits extends nn.Module {
  features = nn.Sequential(nn.Conv2d(1, 4, 3, { padding: 1 }), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, [3, 3], { stride: 1 }), nn.AvgPool2d(2));
  classifier = nn.Linear(6, 10);
  forward(images: Tensor) {
    return this.classifier(this.features(images).flatten(1)).logSoftmax(1);
  }
}

test("a module class of the user's own and a CNN run in ONNX Runtime to the engine's outputs", async () => {
  manualSeed(2);
  const ops = await agrees(new Net(), "custom", { inputShape: [3, 2] });
  for (const op of ["Concat", "Where", "Slice", "ReduceMax", "ArgMax"]) assert.ok(ops.includes(op), op);
  manualSeed(3);
  const cnn = new Digits();
  cnn(randn([4, 1, 8, 8]));
  const cnnOps = await agrees(cnn, "cnn", { inputShape: [2, 1, 8, 8] });
  assert.deepEqual(cnnOps.slice(0, 5), ["Conv", "BatchNormalization", "Relu", "MaxPool", "Conv"]);
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

test("the functional forms of convolution, pooling and padding are ONNX's Conv, MaxPool, AveragePool and Pad", async () => {
  manualSeed(6);
  const ops = await agrees(new FunctionalCnn(), "functional", { inputShape: [2, 1, 6, 7] });
  for (const op of ["Pad", "Conv", "MaxPool", "AveragePool"]) assert.ok(ops.includes(op), op);
});

class Forecaster extends nn.Module {
  lstm = nn.LSTM(1, 6, { numLayers: 2, batchFirst: true });
  gru = nn.GRU(6, 3, { bidirectional: true, batchFirst: true });
  rnn = nn.RNN(6, 2, { nonlinearity: "relu", bidirectional: true });
  out = nn.Linear(6, 1);
  forward(x: Tensor) {
    const [seq, [h, c]] = this.lstm(x);
    const [both, hg] = this.gru(seq);
    const [, hr] = this.rnn(seq.transpose(0, 1));
    return [this.out(both.select(1, -1)), h, c, hg, hr];
  }
}

test("LSTM, GRU and RNN layers are ONNX's own operators, with PyTorch's gate order turned into ONNX's", async () => {
  manualSeed(4);
  const ops = await agrees(new Forecaster(), "recurrent");
  for (const op of ["LSTM", "GRU", "RNN"]) assert.ok(ops.includes(op), op);
  await agrees(nn.LSTM(3, 4), "lstm_alone", { inputShape: [5, 2, 3] });
});

class Attention extends nn.Module {
  embed = nn.Embedding(12, 8);
  mha = nn.MultiheadAttention(8, 2, { batchFirst: true });
  norm = nn.LayerNorm([8]);
  head = nn.Linear(8, 3);
  forward(tokens: Tensor) {
    const e = this.embed(tokens);
    const [attended, weights] = this.mha(e, e, e);
    return [this.head(this.norm(attended.add(e)).mean(1)), weights];
  }
}

test("attention (as the products and softmax it is made of) and embeddings run in ONNX Runtime", async () => {
  manualSeed(5);
  const ops = await agrees(new Attention(), "attention");
  assert.ok(ops.includes("Gather") && ops.includes("Softmax"));
});

test("every file written passes the checker of python3-onnx", () => {
  const checked = runPython(dir, `import json, onnx
names = ${JSON.stringify(written)}
for name in names:
    model = onnx.load(name)
    onnx.checker.check_model(model, full_check=True)
print(json.dumps([[name, onnx.load(name).producer_name, onnx.load(name).opset_import[0].version] for name in names]))
`) as [string, string, number][];
  assert.deepEqual(checked, written.map((n) => [n, "nnbook", 17]));
});

test("what ONNX cannot express is an error naming it, and a file that is not ours is left alone", async () => {
  class WithLoss extends nn.Module {
    fc = nn.Linear(2, 2);
    forward(x: Tensor) {
      return F.mseLoss(this.fc(x), x);
    }
  }
  await assert.rejects(exportOnnx(new WithLoss(), "loss.onnx"), /exportOnnx: the model uses a tensor made by MseLossBackward0/);
  class HoldsLoss extends nn.Module {
    fc = nn.Linear(2, 2);
    criterion = nn.MSELoss();
    forward(x: Tensor) {
      return this.criterion(this.fc(x), x);
    }
  }
  await assert.rejects(exportOnnx(new HoldsLoss(), "loss.onnx"), /exportOnnx: criterion is a loss \(MSELoss\), which is not part of a model for ONNX/);
  await assert.rejects(exportOnnx(nn.Sequential(nn.AvgPool2d(2, { divisorOverride: 3 })), "pool.onnx", { inputShape: [1, 1, 4, 4] }), /exportOnnx: 0 an AvgPool2d with divisorOverride has no ONNX operator/);
  class Noisy extends nn.Module {
    forward(x: Tensor) {
      return x.add(randn(x.shape));
    }
  }
  await assert.rejects(exportOnnx(new Noisy(), "noisy.onnx", { inputShape: [2, 2] }), /randn\(\) draws random numbers inside forward/);
  await assert.rejects(exportOnnx(nn.Linear(2, 2), "net.pb"), { message: 'exportOnnx: writes ONNX; end the file\'s name in .onnx ("net.onnx")' });
  writeFileSync(path.join(dir, "theirs.onnx"), "not protobuf at all");
  await assert.rejects(exportOnnx(nn.Linear(2, 2), "theirs.onnx", { overwrite: true }), /theirs\.onnx exists and is not a file nnbook wrote/);
  assert.equal(readFileSync(path.join(dir, "theirs.onnx"), "utf8"), "not protobuf at all");
  await exportOnnx(nn.Linear(2, 2), "mine.onnx");
  await assert.rejects(exportOnnx(nn.Linear(2, 2), "mine.onnx"), /mine\.onnx exists already; pass \{ overwrite: true \}/);
  await exportOnnx(nn.Linear(2, 3), "mine.onnx", { overwrite: true });
});
