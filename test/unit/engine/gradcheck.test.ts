// Every op's backward against central differences, computed in float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { setStorage } from "../../../src/engine/storage";
import { type Tensor } from "../../../src/engine/index";
import { linear } from "../../../src/engine/ops/linear";
import { bceLoss, bceWithLogitsLoss, mseLoss, nllLossMean } from "../../../src/engine/ops/loss";
import { gradcheck, makeInput, type InputSpec } from "./gradcheck";
import { Generator } from "../../../src/engine/random";
import { bceElements, bceWithLogitsElements, huberElements } from "../../../src/engine/ops/elementwiseLoss";
import { embedding } from "../../../src/engine/ops/embedding";
import { pad } from "../../../src/engine/ops/pad";
import { avgPool2d, conv2d, maxPool2d } from "../../../src/engine/nn/functional";
import { elu, geluTanh, softplus } from "../../../src/engine/ops/smoothActivations";
import { cat, stack } from "../../../src/engine/ops/join";
import { where } from "../../../src/engine/ops/where";
import { rnnLayer } from "../../../src/engine/ops/rnn";

setStorage(Float64Array);

type Case = [string, (...xs: Tensor[]) => Tensor, InputSpec[]];
const S = (...shape: number[]): InputSpec => ({ shape });
const away = (...shape: number[]): InputSpec => ({ shape, gap: 0.05 });
const pos = (...shape: number[]): InputSpec => ({ shape, lo: 0.2, hi: 2 });
const fixed = (shape: number[], values: number[]): InputSpec => ({ shape, values });

const posWeight = makeInput({ shape: [2], lo: 0.5, hi: 2, constant: true }, new Generator(3));
const rows = makeInput({ shape: [5], values: [0, 2, 2, 3, 0], constant: true }, new Generator(4));
const classes = makeInput({ shape: [4], values: [2, 0, 1, 2], constant: true }, new Generator(5));

const cases: Case[] = [
  ["neg", (x) => x.neg(), [S(2, 3)]],
  ["exp", (x) => x.exp(), [S(2, 3)]],
  ["log", (x) => x.log(), [pos(2, 3)]],
  ["sqrt", (x) => x.sqrt(), [pos(2, 3)]],
  ["abs", (x) => x.abs(), [away(2, 3)]],
  ["relu", (x) => x.relu(), [away(2, 3)]],
  ["sigmoid", (x) => x.sigmoid(), [{ shape: [2, 3], lo: -8, hi: 8 }]],
  ["tanh", (x) => x.tanh(), [S(2, 3)]],
  ["leakyRelu", (x) => x.leakyRelu(0.2), [away(2, 3)]],
  ["gelu", (x) => x.gelu(), [{ shape: [3, 4], lo: -4, hi: 4 }]],
  ["silu", (x) => x.silu(), [{ shape: [2, 3], lo: -6, hi: 6 }]],
  ["step", (x) => x.step(), [away(2, 3)]],
  ["add", (x, y) => x.add(y), [S(2, 3), S(2, 3)]],
  ["add broadcast [2,3]+[3]", (x, y) => x.add(y), [S(2, 3), S(3)]],
  ["add broadcast [2,1]+[1,3]", (x, y) => x.add(y), [S(2, 1), S(1, 3)]],
  ["add scalar tensor", (x, y) => x.add(y), [S(2, 3), S()]],
  ["add number", (x) => x.add(2.5), [S(2, 3)]],
  ["sub broadcast [3,1,2]-[4,1]", (x, y) => x.sub(y), [S(3, 1, 2), S(4, 1)]],
  ["mul broadcast [2,3]*[2,1]", (x, y) => x.mul(y), [S(2, 3), S(2, 1)]],
  ["mul number", (x) => x.mul(-3), [S(4)]],
  ["div", (x, y) => x.div(y), [S(2, 3), pos(2, 3)]],
  ["div broadcast [3]/[2,1]", (x, y) => x.div(y), [S(3), pos(2, 1)]],
  ["pow tensor exponent", (x, y) => x.pow(y), [pos(2, 3), S(3)]],
  ["pow number", (x) => x.pow(3), [S(2, 3)]],
  ["pow fractional", (x) => x.pow(0.5), [pos(5)]],
  ["matmul 2-D", (x, y) => x.matmul(y), [S(3, 4), S(4, 2)]],
  ["matmul vec·mat", (x, y) => x.matmul(y), [S(4), S(4, 2)]],
  ["matmul mat·vec", (x, y) => x.matmul(y), [S(3, 4), S(4)]],
  ["matmul dot", (x, y) => x.matmul(y), [S(4), S(4)]],
  ["matmul batched", (x, y) => x.matmul(y), [S(2, 3, 4), S(2, 4, 5)]],
  ["matmul batch broadcast", (x, y) => x.matmul(y), [S(2, 1, 3, 4), S(3, 4, 2)]],
  ["matmul batch × 2-D", (x, y) => x.matmul(y), [S(2, 3, 4), S(4, 2)]],
  ["linear", (x, w, b) => linear(x, w, b), [S(5, 3), S(4, 3), S(4)]],
  ["linear 3-D input, no bias", (x, w) => linear(x, w, null), [S(2, 5, 3), S(4, 3)]],
  ["T", (x) => x.T, [S(2, 3)]],
  ["transpose", (x) => x.transpose(0, -1), [S(2, 3, 4)]],
  ["permute", (x) => x.permute(2, 0, 1), [S(2, 3, 4)]],
  ["reshape", (x) => x.reshape(3, -1).mul(x.reshape(3, -1)), [S(2, 3, 2)]],
  ["flatten", (x) => x.flatten(1).exp(), [S(2, 3, 2)]],
  ["sum all", (x) => x.sum(), [S(2, 3)]],
  ["sum dim", (x) => x.sum(1), [S(2, 3, 4)]],
  ["sum dims keepDim", (x) => x.sum([0, 2], true), [S(2, 3, 4)]],
  ["mean all", (x) => x.mean(), [S(2, 3)]],
  ["mean dim -1", (x) => x.mean(-1), [S(2, 3, 4)]],
  ["max all", (x) => x.max(), [S(3, 4)]],
  ["max dim", (x) => x.max(1).values, [S(3, 4, 2)]],
  ["max dim keepDim", (x) => x.max(0, true).values, [S(3, 4)]],
  ["softmax dim 1", (x) => x.softmax(1), [S(2, 3, 4)]],
  ["softmax dim -1", (x) => x.softmax(-1), [S(3, 5)]],
  ["logSoftmax dim 0", (x) => x.logSoftmax(0), [S(4, 3)]],
  ["logSoftmax large inputs", (x) => x.logSoftmax(1), [fixed([2, 3], [1000, 1001, 1002, -1000, 0, 1000])]],
  ["clone", (x) => x.clone().mul(x), [S(3)]],
  ["square", (x) => x.square(), [S(2, 3)]],
  ["sign", (x) => x.sign(), [away(2, 3)]],
  ["sin", (x) => x.sin(), [{ shape: [2, 3], lo: -6, hi: 6 }]],
  ["cos", (x) => x.cos(), [{ shape: [2, 3], lo: -6, hi: 6 }]],
  ["clamp both", (x) => x.clamp(-0.5, 0.8), [fixed([2, 3], [-1.5, -0.4, 0.1, 0.7, 0.9, 2])]],
  ["clamp min", (x) => x.clamp(0), [away(2, 3)]],
  ["clamp max", (x) => x.clamp(null, 0), [away(2, 3)]],
  ["maximum broadcast [2,3],[3]", (x, y) => x.maximum(y), [S(2, 3), S(3)]],
  ["minimum broadcast [2,1],[1,3]", (x, y) => x.minimum(y), [S(2, 1), S(1, 3)]],
  ["maximum number", (x) => x.maximum(0.5), [fixed([4], [-1, 0.2, 0.7, 2])]],
  ["mm", (x, y) => x.mm(y), [S(3, 4), S(4, 2)]],
  ["dot", (x, y) => x.dot(y), [S(5), S(5)]],
  ["mv", (x, y) => x.mv(y), [S(3, 4), S(4)]],
  ["sum dims [-1, 0]", (x) => x.sum([-1, 0]), [S(2, 3, 4)]],
  ["mean dims keepDim", (x) => x.mean([0, 2], true), [S(2, 3, 4)]],
  ["prod all", (x) => x.prod(), [S(2, 3)]],
  ["prod dim", (x) => x.prod(1), [S(2, 3, 2)]],
  ["prod with one zero", (x) => x.prod(-1, true), [fixed([2, 3], [2, 0, 3, 1.5, -1, 0.5])]],
  ["prod with two zeros", (x) => x.prod(), [fixed([4], [2, 0, 0, 3])]],
  ["var all", (x) => x.var(), [S(2, 3)]],
  ["var dim biased", (x) => x.var(1, false), [S(2, 3, 4)]],
  ["var dims keepDim", (x) => x.var([0, 2], true, true), [S(2, 3, 4)]],
  ["std all", (x) => x.std(), [S(2, 3)]],
  ["std dim -1", (x) => x.std(-1), [S(3, 4)]],
  ["std biased", (x) => x.std(false), [S(5)]],
  ["norm 2", (x) => x.norm(), [S(2, 3)]],
  ["norm 2 dim", (x) => x.norm(2, 1, true), [S(2, 3, 4)]],
  ["norm 1", (x) => x.norm(1, [0, 1]), [away(2, 3)]],
  ["norm Infinity", (x) => x.norm(Infinity, 0), [away(3, 4)]],
  ["norm 3", (x) => x.norm(3), [away(4)]],
  ["norm -Infinity", (x) => x.norm(-Infinity, 1), [away(3, 4)]],
  ["min all", (x) => x.min(), [S(3, 4)]],
  ["min dim", (x) => x.min(1).values, [S(3, 4, 2)]],
  ["max other", (x, y) => x.max(y), [S(2, 3), S(3)]],
  ["softmax default dim", (x) => x.softmax(), [S(3, 4)]],
  ["logSoftmax default dim", (x) => x.logSoftmax(), [S(3, 4)]],
  ["mseLoss", (p, t) => mseLoss(p, t), [S(4, 2), S(4, 2)]],
  ["nll loss, mean over rows", (x) => nllLossMean("test", x.logSoftmax(1), classes), [S(4, 3)]],
  ["bceLoss", (p, t) => bceLoss(p, t), [{ shape: [4, 2], lo: 0.05, hi: 0.95 }, { shape: [4, 2], lo: 0, hi: 1, constant: true }]],
  ["bceWithLogitsLoss", (x, t) => bceWithLogitsLoss(x, t), [{ shape: [4, 2], lo: -4, hi: 4 }, { shape: [4, 2], lo: 0, hi: 1 }]],
  ["huber, both sides of delta", (p, t) => huberElements(p, t, 0.7), [{ shape: [4, 3], lo: -2, hi: 2 }, S(4, 3)]],
  ["bce per element", (p, t) => bceElements(p, t), [{ shape: [4, 2], lo: 0.05, hi: 0.95 }, { shape: [4, 2], lo: 0, hi: 1, constant: true }]],
  ["bce with logits and posWeight", (x, t) => bceWithLogitsElements(x, t, posWeight), [{ shape: [4, 2], lo: -4, hi: 4 }, { shape: [4, 2], lo: 0, hi: 1 }]],
  ["embedding rows, repeated", (w) => embedding(w, rows, null), [S(4, 3)]],
  ["constant pad", (x) => pad(x, [1, 2, 0, 1], 0.5), [S(2, 2, 3)]],
  ["elu", (x) => elu(x, 0.7), [away(3, 4)]],
  ["softplus, past the threshold too", (x) => softplus(x, 2, 3), [{ shape: [3, 4], lo: -3, hi: 3 }]],
  ["gelu, tanh form", (x) => geluTanh(x), [S(3, 4)]],
  ["view", (x) => x.view(4, -1).square(), [S(2, 3, 2)]],
  ["unsqueeze -1", (x) => x.unsqueeze(-1).mul(x.unsqueeze(0)), [S(3)]],
  ["squeeze all", (x) => x.squeeze().square(), [S(3, 1, 2, 1)]],
  ["squeeze dim", (x) => x.squeeze(1).exp(), [S(3, 1, 2)]],
  ["expand size-1 dims and a new one", (x) => x.expand(2, 3, -1, 4).square(), [S(3, 1, 1)]],
  ["repeat with an extra dim", (x) => x.repeat(2, 1, 3).square(), [S(2, 2)]],
  ["chunk", (x) => { const [a, b, c] = x.chunk(3, -1); return a.mul(b).add(c.sum()); }, [S(2, 6)]],
  ["split by sizes", (x) => { const [a, b] = x.split([1, 3]); return a.sum().mul(b.square()); }, [S(4, 2)]],
  ["cat three, dim 1", (x, y, z) => cat([x, y.square(), z], 1), [S(2, 3), S(2, 1), S(2, 2)]],
  ["stack dim -1", (x, y) => stack([x, y.exp(), x], -1), [S(2, 3), S(2, 3)]],
  ["where broadcast", (c, x, y) => where(c.gt(0), x.square(), y), [{ ...away(3, 1), constant: true }, S(3, 4), S(4)]],
  ["where number", (x) => where(x.gt(0), x.exp(), 0.5), [away(2, 3)]],
  ["at", (x) => x.at(-1).square(), [S(3, 2, 2)]],
  ["select dim 1", (x) => x.select(1, 2).exp(), [S(2, 4, 3)]],
  ["narrow negative start", (x) => x.narrow(-1, -3, 2).square(), [S(2, 5)]],
  ["slice with step and negative bounds", (x) => x.slice(0, -9, -1, 3).square(), [S(10, 2)]],
  ["index repeated rows", (x) => x.index([2, 0, 2, -1]).square(), [S(4, 3)]],
  ["index a 2-D tensor of rows", (x, i) => x.index(i).exp(), [S(3, 2), { shape: [2, 2], values: [0, 2, 2, 1], constant: true }]],
  ["conv2d, stride, padding, dilation, groups", (x, w, b) => conv2d(x, w, b, { stride: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2 }), [S(2, 4, 5, 6), S(4, 2, 3, 2), S(4)]],
  ["maxPool2d, padded, ceil mode", (x) => maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [S(2, 2, 5, 6)]],
  ["avgPool2d, padded, ceil mode, padding not counted", (x) => avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }), [S(2, 2, 5, 6)]],
  // One recurrent layer and direction: x [T, B, I], h0 (and c0) [B, H], W_ih [G·H, I], W_hh [G·H, H], biases [G·H].
  ["rnn tanh, reversed", (x, h, wi, wh, bi, bh) => rnnLayer("tanh", x, h, null, wi, wh, bi, bh, true), [S(4, 2, 3), S(2, 3), S(3, 3), S(3, 3), S(3), S(3)]],
  ["rnn relu, no bias", (x, h, wi, wh) => rnnLayer("relu", x, h, null, wi, wh, null, null, false), [away(4, 2, 3), S(2, 3), S(3, 3), S(3, 3)]],
  ["lstm with c0", (x, h, c, wi, wh, bi, bh) => rnnLayer("lstm", x, h, c, wi, wh, bi, bh, false), [S(4, 2, 3), S(2, 3), S(2, 3), S(12, 3), S(12, 3), S(12), S(12)]],
  ["gru, reversed", (x, h, wi, wh, bi, bh) => rnnLayer("gru", x, h, null, wi, wh, bi, bh, true), [S(4, 2, 3), S(2, 3), S(9, 3), S(9, 3), S(9), S(9)]],
  ["a small MLP", (x, w1, b1, w2) => linear(linear(x, w1, b1).tanh(), w2, null).sigmoid().sum(), [S(5, 3), S(4, 3), S(4), S(2, 4)]],
];

test("gradients match finite differences (float64)", async (t) => {
  for (const [name, f, specs] of cases) await t.test(name, () => gradcheck(name, f, specs));
});

/** The grad_fn names in the graph behind `t`. */
function gradFnNames(t: Tensor, into: Set<string>): Set<string> {
  const seen = new Set<Tensor>(), stack = [t];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.gradFn) {
      into.add(x.gradFn.name);
      stack.push(...x.gradFn.inputs);
    }
  }
  return into;
}

test("every op the engine records is gradient-checked here", () => {
  const opsDir = new URL("../../../src/engine/ops/", import.meta.url);
  const recorded = new Set<string>();
  for (const file of readdirSync(opsDir)) {
    for (const m of readFileSync(new URL(file, opsDir), "utf8").matchAll(/"([A-Za-z]+Backward\d+)"/g)) recorded.add(m[1]);
  }
  const checked = new Set<string>();
  for (const [, f, specs] of cases) gradFnNames(f(...specs.map((s) => makeInput(s, new Generator(1)))), checked);
  const missing = [...recorded].filter((n) => !checked.has(n));
  assert.deepEqual(missing, [], `ops recorded in src/engine/ops with no gradient check in this file: ${missing.join(", ")}`);
});

test("gradients shared on ties, as in PyTorch 1.13", async () => {
  const { tensor } = await import("../../../src/engine/index");
  const a = tensor([1, 2, 3], { requiresGrad: true }), b = tensor([1, 1, 4], { requiresGrad: true });
  a.maximum(b).sum().backward();
  assert.deepEqual([a.grad!.toArray(), b.grad!.toArray()], [[0.5, 1, 0], [0.5, 0, 1]]);
  const x = tensor([-3, 3, 1], { requiresGrad: true });
  x.norm(Infinity).backward();
  assert.deepEqual(x.grad!.toArray(), [-0.5, 0.5, 0]);
  const c = tensor([-1, -0.5, 0, 0.5, 1, 2], { requiresGrad: true });
  c.clamp(-0.5, 0.5).sum().backward();
  assert.deepEqual(c.grad!.toArray(), [0, 1, 1, 1, 0, 0], "1 on the bounds, 0 outside");
  const m = tensor([[1, 3, 3]], { requiresGrad: true });
  m.min(1).values.sum().backward();
  m.max(1).values.sum().backward();
  assert.deepEqual(m.grad!.toArray(), [[1, 1, 0]], "with a dim, to the returned (first) index");
});

test("max spreads the gradient evenly between ties, like torch", async () => {
  const { tensor } = await import("../../../src/engine/index");
  const x = tensor([1, 3, 3], { requiresGrad: true });
  x.max().backward();
  assert.deepEqual(x.grad!.toArray(), [0, 0.5, 0.5]);
});
