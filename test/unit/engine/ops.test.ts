// Every op against PyTorch: the forward value and the gradient of sum(out · upstream).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor } from "../../../src/engine/index";
import { linear } from "../../../src/engine/ops/linear";
import { assertTensor, fixture, fromEnc, type OpCase } from "./helpers";

const run: Record<string, (t: Tensor[], a: Record<string, any>) => Tensor> = {
  neg: ([x]) => x.neg(), exp: ([x]) => x.exp(), log: ([x]) => x.log(), sqrt: ([x]) => x.sqrt(), abs: ([x]) => x.abs(),
  relu: ([x]) => x.relu(), sigmoid: ([x]) => x.sigmoid(), tanh: ([x]) => x.tanh(), gelu: ([x]) => x.gelu(),
  silu: ([x]) => x.silu(), leakyRelu: ([x], a) => x.leakyRelu(a.alpha),
  add: ([x, y]) => x.add(y), sub: ([x, y]) => x.sub(y), mul: ([x, y]) => x.mul(y), div: ([x, y]) => x.div(y),
  pow: ([x, y]) => x.pow(y), powScalar: ([x], a) => x.pow(a.exponent),
  matmul: ([x, y]) => x.matmul(y), linear: ([x, w, b]) => linear(x, w, b),
  sum: ([x], a) => x.sum(a.dim, a.keepDim), mean: ([x], a) => x.mean(a.dim, a.keepDim), max: ([x], a) => (a.dim === undefined ? x.max() : x.max(a.dim).values),
  argmax: ([x], a) => x.argmax(a.dim), softmax: ([x], a) => x.softmax(a.dim), logSoftmax: ([x], a) => x.logSoftmax(a.dim),
  reshape: ([x], a) => x.reshape(...a.shape), transpose: ([x], a) => x.transpose(a.dims[0], a.dims[1]),
  permute: ([x], a) => x.permute(...a.dims), flatten: ([x], a) => x.flatten(a.startDim), T: ([x]) => x.T,
};

test("ops match PyTorch (forward and backward)", async (t) => {
  for (const c of fixture<OpCase[]>("ops")) {
    await t.test(`${c.op}(${c.inputs.map((i) => `[${i.shape}]`).join(", ")}) ${JSON.stringify(c.args)}`, () => {
      const fn = run[c.op];
      assert.ok(fn, `no runner for ${c.op}`);
      const inputs = c.inputs.map((e) => fromEnc(e, c.grads !== undefined));
      const out = fn(inputs, c.args);
      assertTensor(out, c.out, 1e-5, 1e-6, "out");
      if (!c.grads) return;
      out.mul(fromEnc(c.upstream!)).sum().backward();
      c.grads.forEach((g, i) => assertTensor(inputs[i].grad, g, 1e-5, 1e-5, `grad ${i}`));
    });
  }
});
