import { test } from "node:test";
import assert from "node:assert/strict";
import { Perceptron, Tensor, nn, tensor, zeros, randn, manualSeed } from "../../../src/engine/index";
import { assertClose, assertTensor, fixture, fromEnc, type Enc } from "./helpers";

test("layers can be made with or without new", () => {
  const a = nn.Linear(2, 3), b = new nn.Linear(2, 3);
  assert.ok(a instanceof nn.Linear && b instanceof nn.Linear && a instanceof nn.Module);
  assert.ok(nn.ReLU() instanceof nn.ReLU);
  assert.ok(nn.Sequential(a) instanceof nn.Module);
});

test("Linear stores weight [out, in] and bias [out], initialised like PyTorch", () => {
  manualSeed(0);
  const l = nn.Linear(64, 32);
  assert.deepEqual(l.weight.shape, [32, 64]);
  assert.deepEqual(l.bias!.shape, [32]);
  const bound = 1 / Math.sqrt(64);
  for (const p of [l.weight, l.bias!]) assert.ok(p.data.every((v) => Math.abs(v) <= bound));
  // U(−b, b) has variance b²/3
  const w = l.weight.data, varW = w.reduce((s, v) => s + v * v, 0) / w.length;
  assert.ok(Math.abs(varW - (bound * bound) / 3) < 0.1 * (bound * bound) / 3, `variance ${varW}`);
  assert.equal(nn.Linear(2, 3, { bias: false }).bias, null);
  assert.equal(nn.Linear(2, 3, { bias: false }).parameters().length, 1);
});

test("Linear + MSELoss forward and backward match PyTorch", () => {
  const f = fixture<Record<string, Enc> & { loss: number }>("linear_mse");
  const l = nn.Linear(3, 2);
  l.weight.data.set(fromEnc(f.weight).data);
  l.bias!.data.set(fromEnc(f.bias).data);
  const out = l.forward(fromEnc(f.x));
  assertTensor(out, f.out);
  const loss = nn.MSELoss().forward(out, fromEnc(f.y));
  assertClose([loss.item()], [f.loss]);
  loss.backward();
  assertTensor(l.weight.grad, f.weightGrad);
  assertTensor(l.bias!.grad, f.biasGrad);
});

test("Sequential names parameters by position and indexes layers", () => {
  const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  assert.deepEqual(net.namedParameters().map(([n]) => n), ["0.weight", "0.bias", "2.weight", "2.bias"]);
  assert.equal(net.length, 4);
  assert.ok(net[2] instanceof nn.Linear);
  assert.deepEqual(net.forward(zeros(5, 2)).shape, [5, 1]);
  assert.deepEqual([...net].map((m) => m.constructor.name), ["Linear", "Tanh", "Linear", "Sigmoid"]);
  assert.throws(() => nn.Sequential(nn.ReLU(), 3 as never), /item 1 is not a layer/);
});

test("custom modules register fields assigned after super(), with nested names", () => {
  class Block extends nn.Module {
    body = nn.Sequential(nn.Linear(3, 3), nn.ReLU());
    scale = nn.Parameter(tensor([1.5]));
    notAParam = tensor([1, 2], { requiresGrad: true });
    forward(x: Tensor) {
      return this.body.forward(x).mul(this.scale);
    }
  }
  class Net extends nn.Module {
    readonly head: nn.Linear;
    blocks: Block[];
    constructor() {
      super();
      this.blocks = [new Block(), new Block()];
      this.head = nn.Linear(3, 1);
    }
    forward(x: Tensor): Tensor {
      for (const b of this.blocks) x = b.forward(x);
      return this.head.forward(x);
    }
  }
  const net = new Net();
  assert.deepEqual(net.namedParameters().map(([n]) => n), [
    // a module's own parameters come before its children's, as in torch
    "blocks.0.scale", "blocks.0.body.0.weight", "blocks.0.body.0.bias",
    "blocks.1.scale", "blocks.1.body.0.weight", "blocks.1.body.0.bias",
    "head.weight", "head.bias",
  ]);
  assert.equal(net.parameters().length, 8);
  const loss = net.forward(randn([4, 3])).sum();
  loss.backward();
  assert.ok(net.parameters().every((p) => p.grad !== null));
  net.zeroGrad();
  assert.ok(net.parameters().every((p) => p.grad === null));
});

test("a parameter shared by two layers is listed once", () => {
  const a = nn.Linear(2, 2), b = nn.Linear(2, 2);
  b.weight = a.weight;
  assert.equal(nn.Sequential(a, b).parameters().length, 3);
});

test("train() and eval() set the flag on every sub-module", () => {
  const net = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.ReLU()));
  assert.equal(net.training, true);
  net.eval();
  assert.ok(net.namedModules().every(([, m]) => !m.training));
  net.train();
  assert.ok(net.namedModules().every(([, m]) => m.training));
});

test("activation layers apply their function", () => {
  const x = tensor([[-1, 0.5, 2]]);
  const cases: [nn.Module, Tensor][] = [
    [nn.ReLU(), x.relu()], [nn.Sigmoid(), x.sigmoid()], [nn.Tanh(), x.tanh()], [nn.LeakyReLU(0.2), x.leakyRelu(0.2)],
    [nn.GELU(), x.gelu()], [nn.SiLU(), x.silu()], [nn.Step(), x.step()], [nn.Softmax(), x.softmax(-1)],
  ];
  for (const [m, want] of cases) assert.deepEqual(m.forward(x).toArray(), want.toArray(), m.constructor.name);
  assert.deepEqual(nn.Flatten().forward(zeros(2, 3, 4)).shape, [2, 12]);
  assert.deepEqual(nn.Step().forward(tensor([-0.1, 0, 0.1])).toArray(), [0, 1, 1]);
});

test("modules print like PyTorch's", () => {
  const net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1, { bias: false }));
  assert.equal(String(net), "Sequential(\n  (0): Linear(inFeatures=2, outFeatures=4, bias=true)\n  (1): ReLU()\n  (2): Linear(inFeatures=4, outFeatures=1, bias=false)\n)");
});

test("every built-in layer describes itself: its kind is the name it is saved under, and its settings rebuild it", () => {
  const layers = [
    nn.Linear(3, 2, { bias: false }), nn.ReLU(), nn.LeakyReLU(0.2), nn.Sigmoid(), nn.Tanh(), nn.GELU(), nn.SiLU(), nn.Step(),
    nn.Softmax(1), nn.Flatten(1, -1), nn.Dropout(0.3), nn.BatchNorm1d(4, { eps: 1e-3, momentum: 0.2 }), Perceptron(3),
    nn.MSELoss(), nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.CrossEntropyLoss(), nn.Sequential(nn.Linear(1, 1)),
  ];
  for (const layer of layers) {
    const info = layer.describe();
    const saved = layer.toJSON().module;
    assert.equal(saved.type, info.kind);
    assert.deepEqual(saved.config, info.config, info.kind);
    assert.equal(nn.load(layer.toJSON()).toString(), layer.toString(), info.kind);
  }
  assert.equal(nn.Linear(3, 2).describe().features, 2);
  assert.equal(nn.Tanh().describe().features, "same");
  assert.equal(nn.Sigmoid().describe().activation, "sigmoid");
});

test("a subclass of a built-in layer is not saved as the built-in", () => {
  class Doubled extends nn.Linear {
    override forward(x: Parameters<nn.Module["forward"]>[0]) {
      return super.forward(x).mul(2);
    }
  }
  const saved = new Doubled(2, 2).toJSON().module;
  assert.equal(saved.type, "Doubled");
  assert.throws(() => nn.load(new Doubled(2, 2).toJSON()), /the model is a Doubled, a module class of your own, and no class Doubled is defined in this kernel/);
});
