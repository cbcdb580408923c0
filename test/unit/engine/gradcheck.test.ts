// Every op's backward against central differences, computed in float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setStorage } from "../../../src/engine/storage";
import { type Tensor } from "../../../src/engine/index";
import { linear } from "../../../src/engine/ops/linear";
import { mseLoss } from "../../../src/engine/ops/loss";
import { gradcheck, type InputSpec } from "./gradcheck";

setStorage(Float64Array);

type Case = [string, (...xs: Tensor[]) => Tensor, InputSpec[]];
const S = (...shape: number[]): InputSpec => ({ shape });
const away = (...shape: number[]): InputSpec => ({ shape, gap: 0.05 });
const pos = (...shape: number[]): InputSpec => ({ shape, lo: 0.2, hi: 2 });
const fixed = (shape: number[], values: number[]): InputSpec => ({ shape, values });

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
  ["mseLoss", (p, t) => mseLoss(p, t), [S(4, 2), S(4, 2)]],
  ["a small MLP", (x, w1, b1, w2) => linear(linear(x, w1, b1).tanh(), w2, null).sigmoid().sum(), [S(5, 3), S(4, 3), S(4), S(2, 4)]],
];

test("gradients match finite differences (float64)", async (t) => {
  for (const [name, f, specs] of cases) await t.test(name, () => gradcheck(name, f, specs));
});

test("max spreads the gradient evenly between ties, like torch", async () => {
  const { tensor } = await import("../../../src/engine/index");
  const x = tensor([1, 3, 3], { requiresGrad: true });
  x.max().backward();
  assert.deepEqual(x.grad!.toArray(), [0, 0.5, 0.5]);
});
