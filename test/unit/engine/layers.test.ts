import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, tensor, ones, randn, manualSeed, Tensor } from "../../../src/engine/index";
import { assertClose, assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface BNCase {
  shape: number[];
  weight: Enc;
  bias: Enc;
  train: Record<"x" | "out" | "upstream" | "xGrad" | "weightGrad" | "biasGrad" | "runningMean" | "runningVar", Enc>[];
  evalX: Enc;
  evalOut: Enc;
}

test("BatchNorm1d matches PyTorch in train and eval mode", async (t) => {
  for (const c of fixture<BNCase[]>("batchnorm")) {
    await t.test(`input [${c.shape}]`, () => {
      const bn = nn.BatchNorm1d(c.shape[1]);
      bn.weight.data.set(fromEnc(c.weight).data);
      bn.bias.data.set(fromEnc(c.bias).data);
      c.train.forEach((s, i) => {
        bn.zeroGrad();
        const x = fromEnc(s.x, true);
        const y = bn.forward(x);
        assertTensor(y, s.out, 1e-5, 1e-5, `step ${i} out`);
        y.mul(fromEnc(s.upstream)).sum().backward();
        assertTensor(x.grad, s.xGrad, 1e-5, 1e-5, `step ${i} x grad`);
        assertTensor(bn.weight.grad, s.weightGrad, 1e-5, 1e-5, `step ${i} weight grad`);
        assertTensor(bn.bias.grad, s.biasGrad, 1e-5, 1e-5, `step ${i} bias grad`);
        assertTensor(bn.runningMean, s.runningMean, 1e-5, 1e-6, `step ${i} runningMean`);
        assertTensor(bn.runningVar, s.runningVar, 1e-5, 1e-6, `step ${i} runningVar`);
      });
      bn.eval();
      assertTensor(bn.forward(fromEnc(c.evalX)), c.evalOut, 1e-5, 1e-5, "eval out");
    });
  }
});

test("BatchNorm1d exposes its buffers and checks its input", () => {
  const bn = nn.BatchNorm1d(4);
  assert.deepEqual(bn.namedBuffers().map(([n]) => n), ["runningMean", "runningVar", "numBatchesTracked"]);
  assert.deepEqual(bn.namedParameters().map(([n]) => n), ["weight", "bias"]);
  assert.throws(() => bn.forward(ones(5, 3)), /\[batch, 4\]/);
  assert.throws(() => bn.forward(ones(1, 4)), /more than 1 value/);
  assert.deepEqual(nn.Sequential(nn.Linear(2, 4), bn).namedBuffers().map(([n]) => n), ["1.runningMean", "1.runningVar", "1.numBatchesTracked"]);
});

test("Dropout zeroes about p of the inputs in training, scales the rest, and is the identity in eval", () => {
  manualSeed(0);
  const d = nn.Dropout(0.25), x = ones(100, 100, { requiresGrad: true });
  const y = d.forward(x);
  const zerosFrac = y.data.filter((v) => v === 0).length / y.numel();
  assert.ok(Math.abs(zerosFrac - 0.25) < 0.02, `dropped ${zerosFrac}`);
  assert.ok(y.data.every((v) => v === 0 || Math.abs(v - 1 / 0.75) < 1e-6));
  y.sum().backward();
  assertClose(x.grad!.data, y.data); // the gradient is the same mask
  d.eval();
  assert.equal(d.forward(x), x);
  assert.ok(nn.Dropout(1).forward(ones(3)).data.every((v) => v === 0));
  assert.throws(() => nn.Dropout(1.5), /Dropout: p must be a number from 0 to 1, not 1\.5/);
});

interface ClipCase {
  maxNorm: number;
  grads: Enc[];
  total: number;
  clipped: Enc[];
}

test("clipGradNorm matches torch.nn.utils.clip_grad_norm_", () => {
  for (const c of fixture<ClipCase[]>("clipping")) {
    const ps = c.grads.map((g) => {
      const p = new Tensor(new Float32Array(g.data.length), g.shape.slice(), true);
      p.grad = fromEnc(g);
      return p;
    });
    const total = nn.clipGradNorm(ps, c.maxNorm);
    assertClose([total.item()], [c.total]);
    ps.forEach((p, i) => assertTensor(p.grad, c.clipped[i]));
  }
});

test("nn.init schemes have the documented spread", () => {
  manualSeed(0);
  const w = new Tensor(new Float32Array(200 * 300), [200, 300]);
  const std = (t: Tensor) => Math.sqrt(t.pow(2).mean().item());
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 0.03 * b, `${a} vs ${b}`);
  close(std(nn.init.xavierUniform(w)), Math.sqrt(2 / 500));
  close(std(nn.init.xavierNormal(w)), Math.sqrt(2 / 500));
  close(std(nn.init.heUniform(w)), Math.sqrt(2 / 300));
  close(std(nn.init.heNormal(w)), Math.sqrt(2 / 300));
  assert.ok(nn.init.zeros(w).data.every((v) => v === 0));
  assert.throws(() => nn.init.xavierUniform(ones(3)), /at least 2 dims/);
  const l = nn.Linear(300, 200, { init: "he" });
  close(std(l.weight), Math.sqrt(2 / 300));
  assert.ok(l.bias!.data.every((v) => v === 0));
  assert.ok(nn.Linear(3, 2, { init: "zeros" }).weight.data.every((v) => v === 0));
  assert.throws(() => nn.Linear(3, 2, { init: "bogus" as never }), /unknown scheme/);
});

test("toJSON / nn.load round trip rebuilds built-in networks exactly", () => {
  manualSeed(2);
  const net = nn.Sequential(nn.Linear(3, 5), nn.BatchNorm1d(5), nn.LeakyReLU(0.1), nn.Dropout(0.2), nn.Linear(5, 2, { bias: false }), nn.Softmax(-1));
  net.forward(randn([8, 3])); // move the running stats away from their start
  net.eval();
  const text = JSON.stringify(net);
  const copy = nn.load(text) as nn.Sequential;
  copy.eval();
  assert.equal(String(copy), String(net));
  assert.deepEqual(JSON.stringify(copy), text);
  const x = randn([4, 3]);
  assert.deepEqual(copy.forward(x).toArray(), net.forward(x).toArray());
  assert.deepEqual(copy.namedBuffers().map(([n, t]) => [n, t.toArray()]), net.namedBuffers().map(([n, t]) => [n, t.toArray()]));
});

test("nn.load into a custom module, with clear errors", () => {
  class Net extends nn.Module {
    fc = nn.Linear(2, 2);
    scale = nn.Parameter(tensor([2]));
    forward(x: Tensor) {
      return this.fc.forward(x).mul(this.scale);
    }
  }
  const a = new Net(), b = new Net();
  const json = a.toJSON();
  assert.throws(() => nn.load(json), /the model is a Net, a module class of your own, and no class Net is defined in this kernel: run the cell that defines class Net extends nn.Module/);
  nn.load(json, b);
  assert.deepEqual(b.fc.weight.toArray(), a.fc.weight.toArray());
  assert.throws(() => nn.load(json, nn.Linear(2, 2)), /missing: weight, bias; unexpected: scale, fc.weight, fc.bias/);
  assert.throws(() => nn.load(JSON.stringify(nn.Linear(2, 3)), nn.Linear(2, 2)), /weight has shape \[2,2\] here but \[3,2\]/);
  assert.throws(() => nn.load("{}"), /not a saved module/);
});
