import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor, nn, randn, manualSeed, zeros, noGrad } from "../../../src/engine/index";
import { assertClose, fixture, fromEnc, type Enc } from "./helpers";

test("modules and losses are called as in PyTorch: model(x) is model.forward(x)", () => {
  manualSeed(0);
  const net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2));
  const x = randn(5, 3);
  assert.deepEqual(Array.from(net(x).data), Array.from(net.forward(x).data));
  const lossFn = nn.MSELoss();
  const loss = lossFn(net(x), zeros(5, 2));
  assert.equal(loss.item(), nn.MSELoss().forward(net.forward(x), zeros(5, 2)).item());
  loss.backward();
  assert.ok(net.parameters().every((p) => p.grad !== null));
  // Still a module in every other way.
  assert.ok(net instanceof nn.Sequential && net instanceof nn.Module);
  assert.equal(net.constructor.name, "Sequential");
  assert.match(JSON.stringify(net), /"format":"nnbook.module"/);
  assert.equal(String(nn.Linear(2, 3)), "Linear(inFeatures=2, outFeatures=3, bias=true)");
});

test("a module of the user's own is callable too, and may have fields named name or length", () => {
  class Net extends nn.Module {
    fc1 = nn.Linear(2, 8);
    fc2 = nn.Linear(8, 1);
    override name = "mine";
    override length = 3;
    forward(x: Tensor) {
      return this.fc2(this.fc1(x).relu());
    }
  }
  const net = new Net();
  assert.deepEqual(net(randn(4, 2)).shape, [4, 1]);
  assert.equal(net.name, "mine");
  assert.equal(net.length, 3);
  assert.deepEqual(net.namedParameters().map(([n]) => n), ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]);
});

test("children, modules and apply walk the tree as PyTorch's do", () => {
  const inner = nn.Sequential(nn.Linear(2, 2), nn.Tanh());
  const net = nn.Sequential(inner, nn.Linear(2, 1));
  assert.deepEqual(net.children().map((m) => m.constructor.name), ["Sequential", "Linear"]);
  assert.deepEqual(net.modules().map((m) => m.constructor.name), ["Sequential", "Sequential", "Linear", "Tanh", "Linear"]);
  const order: string[] = [];
  assert.equal(net.apply((m) => order.push(m.constructor.name)), net);
  // Children first, then the module itself: PyTorch's order.
  assert.deepEqual(order, ["Linear", "Tanh", "Sequential", "Linear", "Sequential"]);
  net.apply((m) => {
    if (m instanceof nn.Linear) noGrad(() => m.weight.data.fill(0.5));
  });
  assert.ok(net.parameters().filter((p) => p.ndim === 2).every((p) => p.data.every((v) => v === 0.5)));
  assert.throws(() => net.apply(3 as never), /apply: expected a function \(module\) => void, not 3/);
});

interface StateFixture {
  keys: string[];
  state: Record<string, Enc>;
  x: Enc;
  out: Enc;
}

const pytorchNet = () => nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2));

test("stateDict has PyTorch's keys in PyTorch's order, and a PyTorch state dict loads and gives PyTorch's outputs", () => {
  const f = fixture<StateFixture>("state_dict");
  const net = pytorchNet();
  assert.deepEqual(Object.keys(net.stateDict()), f.keys);
  net.loadStateDict(f.state as Record<string, { shape: number[]; data: number[] }>);
  net.eval();
  assertClose(net(fromEnc(f.x)).data, fromEnc(f.out).data, 1e-5, 1e-6, "output after loading PyTorch's weights");
  assert.equal(net.stateDict()["1.num_batches_tracked"].item(), 3);
  // Nested lists, as torch's tolist() writes them, load too.
  const lists = Object.fromEntries(Object.entries(net.stateDict()).map(([k, t]) => [k, t.toArray()]));
  const copy = pytorchNet().eval();
  copy.loadStateDict(lists);
  assertClose(copy(fromEnc(f.x)).data, fromEnc(f.out).data, 1e-5, 1e-6, "output after loading nested lists");
});

test("a state dict that does not fit is refused with PyTorch's message, and the module is left as it was", () => {
  const net = pytorchNet();
  const before = Array.from(net.parameters()[0].data);
  const state = net.stateDict();
  const { ["3.bias"]: _dropped, ...missing } = state;
  assert.throws(() => net.loadStateDict(missing), /^Error: Error\(s\) in loading state_dict for Sequential: Missing key\(s\) in state_dict: "3\.bias"\. Its keys are 0\.weight, /);
  assert.throws(() => net.loadStateDict({ ...state, "4.weight": zeros(1) }), /Unexpected key\(s\) in state_dict: "4\.weight"\./);
  const wrong = { ...state, "0.weight": zeros(8, 3) };
  assert.throws(() => net.loadStateDict(wrong), /size mismatch for 0\.weight: copying a param with shape \[8,3\] from checkpoint, the shape in current model is \[4,3\]\./);
  assert.deepEqual(Array.from(net.parameters()[0].data), before);
  assert.deepEqual(net.loadStateDict(missing, { strict: false }), { missingKeys: ["3.bias"], unexpectedKeys: [] });
  assert.throws(() => net.loadStateDict(state, { strcit: true } as never), /loadStateDict: unknown option "strcit"; did you mean "strict"\? The options are strict/);
  assert.throws(() => net.loadStateDict({ ...state, "0.bias": "x" as never }), /"0\.bias" must be a tensor, \{ shape, data \} or nested arrays of numbers/);
});

interface LayerCase {
  layer: "LeakyReLU" | "ELU" | "Softplus" | "GELU" | "LogSoftmax" | "Identity" | "LayerNorm" | "Embedding";
  options: unknown;
  x: Enc;
  out: Enc;
  upstream: Enc;
  params: Record<string, Enc>;
  gradX: Enc | null;
  grads: Record<string, Enc>;
}

function makeLayer(c: LayerCase): nn.Module {
  const o = c.options as Record<string, unknown>;
  switch (c.layer) {
    case "LayerNorm": {
      const { normalizedShape, ...rest } = o as { normalizedShape: number[] };
      return nn.LayerNorm(normalizedShape, rest);
    }
    case "Embedding": {
      const { numEmbeddings, embeddingDim, ...rest } = o as { numEmbeddings: number; embeddingDim: number };
      return nn.Embedding(numEmbeddings, embeddingDim, rest);
    }
    case "Identity":
      return nn.Identity();
    default:
      return (nn[c.layer] as unknown as (a: unknown) => nn.Module)(c.options);
  }
}

test("the layers PyTorch users reach for match PyTorch: value and gradients, of the input and every parameter", async (t) => {
  for (const c of fixture<LayerCase[]>("layers_extra")) {
    await t.test(`${c.layer} ${JSON.stringify(c.options)}`, () => {
      const m = makeLayer(c);
      m.loadStateDict(c.params as never);
      const x = fromEnc(c.x, c.gradX !== null);
      const out = m(x);
      assert.deepEqual(out.shape, c.out.shape);
      assertClose(out.data, fromEnc(c.out).data, 1e-5, 1e-6, "output");
      out.mul(fromEnc(c.upstream)).sum().backward();
      if (c.gradX) assertClose(x.grad!.data, fromEnc(c.gradX).data, 1e-5, 1e-6, "input gradient");
      for (const [name, p] of m.namedParameters()) assertClose(p.grad!.data, fromEnc(c.grads[name]).data, 1e-5, 1e-6, `${name} gradient`);
    });
  }
});

test("layers take PyTorch's positional settings or an options object, and refuse what they do not know", () => {
  assert.equal(nn.LeakyReLU(0.2).negativeSlope, 0.2);
  assert.equal(nn.LeakyReLU({ negativeSlope: 0.3 }).negativeSlope, 0.3);
  assert.throws(() => nn.LeakyReLU({ negative_slope: 0.2 } as never), /LeakyReLU: unknown option "negative_slope"; did you mean "negativeSlope"\?/);
  assert.throws(() => nn.LeakyReLU("0.2" as never), /LeakyReLU: negativeSlope must be a finite number, not "0\.2"/);
  assert.throws(() => nn.GELU({ approximate: "fast" } as never), /GELU: approximate must be one of "none", "tanh", not "fast"/);
  assert.equal(nn.Softmax({ dim: 0 }).dim, 0);
  assert.equal(nn.Dropout({ p: 0.25 }).p, 0.25);
  assert.throws(() => nn.Dropout(1.5), /Dropout: p must be a number from 0 to 1, not 1\.5/);
  assert.throws(() => nn.Identity(54 as never), /Identity: takes no arguments, got 1/);
  assert.throws(() => nn.LayerNorm(0), /LayerNorm: normalizedShape must be a whole number ≥ 1 or a list of them/);
  assert.throws(() => nn.LayerNorm(4)(randn(2, 3)), /LayerNorm: the input's last dims must be \[4\], got \[2,3\]/);
  assert.throws(() => nn.Embedding(5, 2)([1, 5]), /Embedding: index 5 at position 1 is not a whole number in 0\.\.4/);
  assert.throws(() => nn.ModuleList([nn.Linear(2, 2), 3 as never]), /ModuleList: item 1 is not a module/);
  assert.throws(() => (nn.ModuleList([nn.Linear(2, 2)]) as unknown as (x: unknown) => unknown)(randn(1, 2)), /ModuleList has no forward of its own/);
});

test("a ModuleList registers its modules, indexes and iterates them, and is saved and loaded", () => {
  class Net extends nn.Module {
    layers = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)]);
    forward(x: Tensor) {
      for (const layer of this.layers) x = layer(x).relu();
      return x;
    }
  }
  const net = new Net();
  assert.deepEqual(Object.keys(net.stateDict()), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"]);
  assert.ok(net.layers[1] instanceof nn.Linear);
  assert.equal(net.layers.length, 2);
  net.layers.append(nn.Linear(4, 2));
  assert.deepEqual(net(randn(3, 4)).shape, [3, 2]);
  const saved = nn.load(JSON.stringify(nn.Sequential(nn.LayerNorm(3), nn.ELU(0.5), nn.Embedding(4, 3))));
  assert.equal(String(saved), "Sequential(\n  (0): LayerNorm([3], eps=0.00001, elementwiseAffine=true)\n  (1): ELU(alpha=0.5)\n  (2): Embedding(4, 3)\n)");
});

test("a network sees its layers change: replaced, added, deleted, or pushed onto an array field", () => {
  manualSeed(0);
  const net = nn.Sequential(nn.Linear(2, 2), nn.ReLU());
  const x = randn(3, 2).mul(10);
  assert.ok(net(x).data.every((v) => v >= 0)); // the forward pass was cached as [Linear, ReLU]
  (net as unknown as nn.Module[])[1] = nn.Tanh();
  assert.ok(net(x).data.every((v) => v > -1 && v < 1) && net(x).data.some((v) => v < 0), "the replaced layer runs");
  net.append(nn.Linear(2, 1));
  assert.deepEqual(net(x).shape, [3, 1]);
  assert.equal(net.parameters().length, 4);
  delete (net as unknown as Record<string, unknown>)[2];
  assert.deepEqual(net(x).shape, [3, 2]);
  assert.equal(net.parameters().length, 2);

  class Stack extends nn.Module {
    blocks: nn.Module[] = [nn.Linear(2, 2)];
    forward(t: Tensor) {
      return this.blocks.reduce((h, b) => b(h), t);
    }
  }
  const stack = new Stack();
  assert.equal(stack.parameters().length, 2);
  stack.blocks.push(nn.Linear(2, 3)); // no field is set: the array itself changed
  assert.equal(stack.parameters().length, 4);
  assert.deepEqual(stack(x).shape, [3, 3]);
});

test("a built-in layer's parameters and sub-modules are seen as they change, and a subclass of one registers its fields", () => {
  manualSeed(0);
  const encoder = nn.Linear(3, 4), decoder = nn.Linear(4, 3);
  const net = nn.Sequential(encoder, nn.ReLU(), decoder);
  assert.deepEqual(net.namedParameters().map(([k]) => k), ["0.weight", "0.bias", "2.weight", "2.bias"]);
  // Weights tied as PyTorch users tie them, by assignment: the shared tensor is one parameter.
  decoder.weight = nn.Parameter(encoder.weight.T.clone());
  assert.equal(net.parameters()[2], decoder.weight);
  const tied = nn.Linear(3, 3);
  tied.weight = encoder.weight as never;
  assert.equal(nn.Sequential(encoder, tied).parameters().length, 3, "a shared weight counts once");
  decoder.bias = null;
  assert.deepEqual(net.namedParameters().map(([k]) => k), ["0.weight", "0.bias", "2.weight"]);
  // A field added to a built-in layer holding a module is a child, as in PyTorch.
  (encoder as unknown as Record<string, unknown>).act = nn.Tanh();
  assert.deepEqual(encoder.namedChildren().map(([k]) => k), ["act"]);
  delete (encoder as unknown as Record<string, unknown>).act;
  assert.deepEqual(encoder.namedChildren(), []);

  class Gated extends nn.Linear {
    gate!: nn.Linear;
    scale = nn.Parameter(randn(1));
    constructor() {
      super(2, 2);
      this.gate = nn.Linear(2, 2);
    }
    override forward(x: Tensor) {
      return super.forward(x).mul(this.gate(x).sigmoid()).mul(this.scale);
    }
  }
  const g = new Gated();
  // Registered in the order they were assigned (gate after scale), as PyTorch's __setattr__ does.
  assert.deepEqual(g.namedParameters().map(([k]) => k), ["weight", "bias", "scale", "gate.weight", "gate.bias"]);
  assert.deepEqual(g(randn(5, 2)).shape, [5, 2]);
});
