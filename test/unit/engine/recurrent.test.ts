import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, noGrad, manualSeed, randn, tensor, zeros, Tensor } from "../../../src/engine/index";
import { assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface RecurrentCase {
  kind: "RNN" | "LSTM" | "GRU";
  options: Record<string, unknown>;
  state: Record<string, Enc>;
  keys: string[];
  x: Enc;
  h0?: Enc;
  c0?: Enc;
  out: Enc;
  hN: Enc;
  cN?: Enc;
  u: Enc;
  v: Enc;
  w?: Enc;
  gradX: Enc;
  gradH0?: Enc;
  gradC0?: Enc;
  grads: Record<string, Enc>;
}

function make(c: RecurrentCase): nn.RNN | nn.LSTM | nn.GRU {
  return c.kind === "RNN" ? nn.RNN(3, 4, c.options) : c.kind === "LSTM" ? nn.LSTM(3, 4, c.options) : nn.GRU(3, 4, c.options);
}

test("RNN, LSTM and GRU with PyTorch's state dict give its outputs, final states and gradients", async (t) => {
  for (const c of fixture<RecurrentCase[]>("recurrent")) {
    await t.test(`${c.kind} ${JSON.stringify(c.options)}${c.h0 ? " with h0" : ""}, input [${c.x.shape}]`, () => {
      const layer = make(c);
      assert.deepEqual(Object.keys(layer.stateDict()), c.keys, "state dict keys in PyTorch's order");
      assert.deepEqual(layer.namedParameters().map(([k]) => k), c.keys);
      layer.loadStateDict(c.state as never);
      const x = fromEnc(c.x, true), h0 = c.h0 ? fromEnc(c.h0, true) : undefined, c0 = c.c0 ? fromEnc(c.c0, true) : undefined;
      let out: Tensor, hN: Tensor, cN: Tensor | null = null;
      if (layer instanceof nn.LSTM) [out, [hN, cN]] = layer(x, h0 && c0 ? [h0, c0] : undefined);
      else [out, hN] = (layer as nn.GRU)(x, h0);
      assertTensor(out, c.out, 1e-5, 1e-6, "output");
      assertTensor(hN, c.hN, 1e-5, 1e-6, "hN");
      if (cN) assertTensor(cN, c.cN!, 1e-5, 1e-6, "cN");
      let loss = out.mul(fromEnc(c.u)).sum().add(hN.mul(fromEnc(c.v)).sum());
      if (cN) loss = loss.add(cN.mul(fromEnc(c.w!)).sum());
      loss.backward();
      assertTensor(x.grad, c.gradX, 1e-5, 1e-6, "gradient of the input");
      if (h0) assertTensor(h0.grad, c.gradH0!, 1e-5, 1e-6, "gradient of h0");
      if (c0) assertTensor(c0.grad, c.gradC0!, 1e-5, 1e-6, "gradient of c0");
      for (const [name, p] of layer.namedParameters()) assertTensor(p.grad, c.grads[name], 1e-5, 1e-6, `gradient of ${name}`);
    });
  }
});

test("recurrent layers start as PyTorch's: shapes, U(−1/√hidden, 1/√hidden), positional numLayers", () => {
  const lstm = nn.LSTM(3, 5, 2);
  assert.equal(lstm.numLayers, 2);
  const sd = lstm.stateDict();
  assert.deepEqual(sd.weight_ih_l0.shape, [20, 3]);
  assert.deepEqual(sd.weight_hh_l1.shape, [20, 5]);
  assert.deepEqual(sd.weight_ih_l1.shape, [20, 5]);
  const bound = 1 / Math.sqrt(5);
  assert.ok(lstm.parameters().every((p) => p.data.every((v) => Math.abs(v) <= bound)));
  const gru = nn.GRU(2, 3, { bidirectional: true, numLayers: 2 });
  assert.deepEqual(gru.stateDict().weight_ih_l1_reverse.shape, [9, 6]);
  assert.equal(nn.RNN(2, 3, { bias: false }).parameters().length, 2);
  assert.equal(String(nn.RNN(2, 3, { nonlinearity: "relu", batchFirst: true })), "RNN(2, 3, nonlinearity=relu, batchFirst=true)");
  assert.match(lstm.describe().equation!, /c_t &= f_t \\odot c_\{t-1\}/);
  class Net extends nn.Module {
    rnn = nn.GRU(2, 3);
    forward(x: Tensor) { return this.rnn(x)[0]; }
  }
  assert.deepEqual(new Net().namedParameters().map(([k]) => k), ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0"]);
  // One autograd node per layer and direction, not one per step or element.
  const [out] = nn.LSTM(2, 3, { bidirectional: true })(randn(50, 4, 2));
  const names: string[] = [];
  for (let stack = [out], seen = new Set<Tensor>(); stack.length; ) {
    const t = stack.pop()!;
    if (seen.has(t) || !t.gradFn) continue;
    seen.add(t);
    names.push(t.gradFn.name);
    stack.push(...t.gradFn.inputs);
  }
  assert.equal(names.filter((n) => n === "LstmBackward0").length, 2, names.join(", "));
  assert.ok(names.length <= 5, names.join(", "));
});

test("recurrent layers say what does not fit and suggest the fix", () => {
  const lstm = nn.LSTM(3, 4);
  assert.throws(() => lstm(randn(10, 4)), /^ShapeError: LSTM: expected input \[seq, batch, 3\] \(or \[batch, seq, 3\] with batchFirst: true, or unbatched \[seq, 3\]\), got \[10,4\] — /);
  assert.throws(() => nn.GRU(3, 4)(randn(2, 5, 3, 1)), /GRU: expected input \[seq, batch, 3\].*got \[2,5,3,1\]/);
  assert.throws(() => nn.RNN(3, 4)(randn(5, 2, 3), zeros(2, 4)), /RNN: expected h0 \[1,2,4\] \(\[numLayers·directions, batch, hidden\]\), got \[2,4\] — e\.g\. zeros\(1, 2, 4\)/);
  assert.throws(() => lstm(randn(5, 2, 3), [zeros(1, 2, 4), zeros(1, 3, 4)]), /LSTM: expected c0 \[1,2,4\]/);
  assert.throws(() => nn.LSTM(3, 4, { num_layers: 2 } as never), /LSTM: unknown option "num_layers"; did you mean "numLayers"\?/);
  assert.throws(() => nn.GRU(3, 4, { batch_first: true } as never), /GRU: unknown option "batch_first"; did you mean "batchFirst"\?/);
  assert.throws(() => nn.RNN(3, 4, { nonlinearity: "sigmoid" as never }), /RNN: nonlinearity must be "tanh" or "relu", not "sigmoid"/);
  assert.throws(() => nn.LSTM(3, 4, { nonlinearity: "tanh" } as never), /LSTM: unknown option "nonlinearity"/);
  assert.throws(() => lstm(randn(5, 2, 3), [zeros(1, 2, 4)] as never), /LSTM: the initial state must be a pair of tensors \[h0, c0\]/);
  assert.throws(() => lstm(randn(5, 2, 3), zeros(1, 2, 4) as never), /LSTM: the initial state must be a pair of tensors/);
  assert.throws(() => nn.LSTM(3, 4, 2, { numLayers: 2 }), /LSTM: numLayers is given twice/);
  assert.throws(() => nn.GRU(3, 4, { numLayers: 2 }, {} as never), /GRU: the options come once/);
  assert.throws(() => nn.LSTM(3, 0), /LSTM: hiddenSize must be a whole number ≥ 1, not 0/);
  assert.throws(() => nn.LSTM(3, 4)(randn(5, 2, 6)), /got \[5,2,6\] — its last dim is the features, 6 here; make the layer with inputSize 6/);
  assert.throws(() => nn.LSTM(1, 4)(randn(5, 2)), /got \[5,2\] — add the feature dim: x\.unsqueeze\(-1\)/);
  assert.throws(() => nn.GRU(3, 4, { dropout: 0.2 }), /GRU: dropout acts between stacked layers, so with numLayers 1 it would do nothing/);
  assert.throws(() => nn.GRU(3, 4, { dropout: 1.5 }), /GRU: dropout must be a number from 0 to 1, not 1.5/);
});

test("toJSON → nn.load gives the same outputs; dropout only in training", () => {
  manualSeed(3);
  const x = randn(6, 2, 3);
  for (const layer of [nn.LSTM(3, 4, 2, { bidirectional: true }), nn.GRU(3, 4, { batchFirst: true, bias: false }), nn.RNN(3, 4, { nonlinearity: "relu", numLayers: 2 })]) {
    const copy = nn.load(JSON.stringify(layer)) as typeof layer;
    assert.equal(String(copy), String(layer));
    assert.deepEqual(Object.keys(copy.stateDict()), Object.keys(layer.stateDict()));
    const [a] = noGrad(() => layer(x)), [b] = noGrad(() => copy(x));
    assert.deepEqual([...(a as Tensor).data], [...(b as Tensor).data]);
  }
  const net = nn.LSTM(3, 4, 2, { dropout: 0.5 });
  const [train1] = noGrad(() => net(x)), [train2] = noGrad(() => net(x));
  assert.notDeepEqual([...train1.data], [...train2.data], "a fresh mask each call in training");
  net.eval();
  const [e1] = noGrad(() => net(x)), [e2] = noGrad(() => net(x));
  assert.deepEqual([...e1.data], [...e2.data]);
});

for (const kind of ["LSTM", "GRU"] as const) test(`an ${kind} learns to continue a sine wave`, () => {
  manualSeed(0);
  const W = 12, N = 48, wave = (t: number) => Math.sin(0.3 * t);
  const windows = (start: number) => Array.from({ length: W }, (_, k) => [wave(start + k)]);
  const xs = tensor(Array.from({ length: N }, (_, i) => windows(i))); // [N, W, 1]
  const ys = tensor(Array.from({ length: N }, (_, i) => [wave(i + W)]));
  class Forecaster extends nn.Module {
    rnn = kind === "LSTM" ? nn.LSTM(1, 16, { batchFirst: true }) : nn.GRU(1, 16, { batchFirst: true });
    head = nn.Linear(16, 1);
    forward(x: Tensor): Tensor {
      const h = this.rnn instanceof nn.LSTM ? this.rnn(x)[1][0] : (this.rnn as nn.GRU)(x)[1];
      return this.head(h.select(0, 0));
    }
  }
  const net = new Forecaster(), opt = optim.Adam(net.parameters(), { lr: 0.02 }), lossFn = nn.MSELoss();
  let first = 0, last = 0;
  for (let step = 0; step < 300; step++) {
    const loss = lossFn(net(xs), ys);
    if (step === 0) first = loss.item();
    last = loss.item();
    opt.zeroGrad();
    loss.backward();
    opt.step();
  }
  assert.ok(last < 0.01 * first, `MSE ${last} from ${first}`);
  // A window it never saw, far along the wave: predict the next three steps, feeding each prediction back.
  const seen = Array.from({ length: W }, (_, k) => wave(200 + k));
  for (let k = 0; k < 3; k++) {
    const next = noGrad(() => net(tensor([seen.slice(-W).map((v) => [v])]))).item();
    assert.ok(Math.abs(next - wave(200 + W + k)) < 0.1, `step ${k}: predicted ${next}, expected ${wave(200 + W + k)}`);
    seen.push(next);
  }
});
