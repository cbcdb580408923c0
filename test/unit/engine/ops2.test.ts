// The elementwise ops, comparisons, matrix forms and reductions against PyTorch: forward values
// and gradients of sum(out · upstream), the NaN and huge-logit cases, and long sums checked
// against float64 (fixtures from scripts/reference/ops_fixtures.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor, full, linspace, nn, ones, tensor, zeros } from "../../../src/engine/index";
import { linear } from "../../../src/engine/ops/linear";
import { assertTensor, fixture, fromEnc, type Enc, type OpCase } from "./helpers";

type Pattern = [mult: number, lo: number, hi: number];
interface Precision {
  sumTenth: number;
  meanTenth: number;
  dot: { n: number; a: Pattern; b: Pattern; value: number; float32: number };
  matmulLong: { m: number; k: number; n: number; a: Pattern; b: Pattern; value: Enc };
  crossEntropy: { rows: number; logits: Pattern; value: number };
  mse: { n: number; pred: Pattern; target: Pattern; value: number };
  linspace1: Enc;
}

const { cases, precision } = fixture<{ cases: OpCase[]; precision: Precision }>("ops2");

const p = (a: Record<string, any>) => (a.p === "inf" ? Infinity : a.p === "-inf" ? -Infinity : a.p);
const run: Record<string, (t: Tensor[], a: Record<string, any>) => Tensor> = {
  sigmoid: ([x]) => x.sigmoid(), tanh: ([x]) => x.tanh(), gelu: ([x]) => x.gelu(), silu: ([x]) => x.silu(),
  leakyRelu: ([x], a) => x.leakyRelu(a.alpha), abs: ([x]) => x.abs(),
  square: ([x]) => x.square(), sign: ([x]) => x.sign(), sin: ([x]) => x.sin(), cos: ([x]) => x.cos(), relu: ([x]) => x.relu(),
  clamp: ([x], a) => x.clamp(a.min, a.max),
  maximum: ([x, y]) => x.maximum(y), minimum: ([x, y]) => x.minimum(y),
  gt: ([x, y]) => x.gt(y), ge: ([x, y]) => x.ge(y), lt: ([x, y]) => x.lt(y), le: ([x, y]) => x.le(y), eq: ([x, y]) => x.eq(y), ne: ([x, y]) => x.ne(y),
  gtScalar: ([x], a) => x.gt(a.other), geScalar: ([x], a) => x.ge(a.other), ltScalar: ([x], a) => x.lt(a.other),
  leScalar: ([x], a) => x.le(a.other), eqScalar: ([x], a) => x.eq(a.other), neScalar: ([x], a) => x.ne(a.other),
  mm: ([x, y]) => x.mm(y), dot: ([x, y]) => x.dot(y), mv: ([x, y]) => x.mv(y), matmul: ([x, y]) => x.matmul(y),
  sum: ([x], a) => x.sum(a.dim, a.keepDim), mean: ([x], a) => x.mean(a.dim, a.keepDim), prod: ([x], a) => x.prod(a.dim, a.keepDim),
  var: ([x], a) => x.var(a.dim, a.unbiased, a.keepDim), std: ([x], a) => x.std(a.dim, a.unbiased, a.keepDim),
  norm: ([x], a) => x.norm(p(a), a.dim, a.keepDim),
  max: ([x]) => x.max(), min: ([x]) => x.min(),
  maxValues: ([x], a) => x.max(a.dim, a.keepDim).values, minValues: ([x], a) => x.min(a.dim, a.keepDim).values,
  maxIndices: ([x], a) => x.max(a.dim, a.keepDim).indices, minIndices: ([x], a) => x.min(a.dim, a.keepDim).indices,
  argmax: ([x], a) => x.argmax(a.dim, a.keepDim), argmin: ([x], a) => x.argmin(a.dim, a.keepDim),
  softmax: ([x], a) => (a.dim === undefined ? x.softmax() : x.softmax(a.dim)),
  logSoftmax: ([x], a) => (a.dim === undefined ? x.logSoftmax() : x.logSoftmax(a.dim)),
  crossEntropy: ([x], a) => nn.CrossEntropyLoss().forward(x, a.target),
};

const noGradient = new Set(["gt", "ge", "lt", "le", "eq", "ne", "maxIndices", "minIndices", "argmax", "argmin"]);

test("elementwise ops, comparisons, products and reductions match PyTorch (forward and backward)", async (t) => {
  for (const c of cases) {
    await t.test(`${c.op}(${c.inputs.map((i) => `[${i.shape}]`).join(", ")}) ${JSON.stringify(c.args)}`, () => {
      const fn = run[c.op];
      assert.ok(fn, `no runner for ${c.op}`);
      const inputs = c.inputs.map((e) => fromEnc(e, true));
      const out = fn(inputs, c.args);
      assertTensor(out, c.out, 1e-5, 1e-6, "out");
      if (noGradient.has(c.op.replace(/Scalar$/, ""))) {
        assert.equal(out.requiresGrad, false, "no gradient");
        assert.equal(out.gradFn, null, "no gradFn");
        return;
      }
      assert.ok(c.grads, "the fixture has gradients");
      out.mul(fromEnc(c.upstream!)).sum().backward();
      c.grads.forEach((g, i) => assertTensor(inputs[i].grad, g, 1e-5, 1e-5, `grad ${i}`));
    });
  }
});

/** The float32 values ((i·mult) mod 1000)/1000 spread over [lo, hi), as the fixture script makes them. */
function pattern(n: number, [mult, lo, hi]: Pattern, shape = [n]): Tensor {
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = lo + ((hi - lo) * ((i * mult) % 1000)) / 1000;
  return new Tensor(d, shape);
}

test("long sums are exact to float32: a million 0.1s sum to 100000", () => {
  assert.equal(full([1000000], 0.1).sum().item(), precision.sumTenth);
  assert.equal(precision.sumTenth, 100000);
  assert.equal(full([1000000], 0.1).mean().item(), Math.fround(precision.meanTenth));
  assert.equal(full([1000, 1000], 0.1).sum([0, 1]).item(), 100000);
  assert.equal(full([1000000], 0.1).reshape(1000, 1000).sum(0).sum().item(), 100000);
});

test("long dots, matrix products and losses are exact to float32", () => {
  const { dot } = precision;
  const a = pattern(dot.n, dot.a), b = pattern(dot.n, dot.b);
  assert.equal(a.dot(b).item(), Math.fround(dot.value));
  assert.equal(a.matmul(b).item(), Math.fround(dot.value));
  assert.equal(a.reshape(1, -1).mv(b).item(), Math.fround(dot.value));
  const mm = precision.matmulLong;
  const A = pattern(mm.m * mm.k, mm.a, [mm.m, mm.k]), B = pattern(mm.k * mm.n, mm.b, [mm.k, mm.n]);
  // The kernels add in float32, in blocks summed in float64: 250 000 positive terms end within 1e-6
  // (a single float32 running sum is 6e-5 off).
  assertTensor(A.matmul(B), mm.value, 1e-6, 0, "matmul");
  const ce = precision.crossEntropy;
  const logits = pattern(ce.rows * 3, ce.logits, [ce.rows, 3]);
  const target = Array.from({ length: ce.rows }, (_, i) => i % 3);
  assert.ok(Math.abs(nn.CrossEntropyLoss().forward(logits, target).item() - ce.value) <= 2e-7 * ce.value, "cross-entropy");
  const mse = precision.mse;
  assert.equal(nn.MSELoss().forward(pattern(mse.n, mse.pred), pattern(mse.n, mse.target)).item(), Math.fround(mse.value));
});

test("gradients summed over many rows are exact to float32: broadcasting and a linear layer's bias", () => {
  const rows = 500000;
  const b = tensor([0, 0], { requiresGrad: true });
  zeros(rows, 2).add(b).mul(0.1).sum().backward();
  assert.deepEqual(b.grad!.toArray(), [50000, 50000]);
  const w = zeros(2, 3, { requiresGrad: true }), bias = tensor([0, 0], { requiresGrad: true });
  linear(ones(rows, 3), w, bias).mul(0.1).sum().backward();
  assert.deepEqual(bias.grad!.toArray(), [50000, 50000]);
  // The weight gradient is a product over the rows: float32 kernels in blocks of 256 added in float64
  // (in one float32 run it comes to 50177, 0.35% off).
  for (const v of w.grad!.data) assert.ok(Math.abs(v - 50000) <= 5e-6 * 50000, `weight gradient ${v}`);
});

test("logSoftmax keeps log Σ for logits of 1e14 and beyond", () => {
  const out = tensor([[1e14, 1e14, 0]]).logSoftmax().toArray()[0];
  assert.equal(out[0], Math.fround(-Math.LN2));
  assert.equal(tensor([[1e16, 1e16, 0]]).logSoftmax(1).toArray()[0][1], Math.fround(-Math.LN2));
});

test("softmax and logSoftmax take the last dim by default", () => {
  const x = tensor([[1, 2, 3], [0, 0, 0]]);
  assert.deepEqual(x.softmax().toArray(), x.softmax(-1).toArray());
  assert.deepEqual(x.logSoftmax().toArray(), x.logSoftmax(1).toArray());
});

test("linspace(a, b, 1) is [a], as in PyTorch", () => {
  assertTensor(linspace(2, 5, 1), precision.linspace1);
  assert.deepEqual(linspace(0, 1, 0).shape, [0]);
  assert.throws(() => linspace(0, 1, -1), /linspace: steps must be a whole number ≥ 0, got -1/);
});

test("max(dim) and min(dim) return PyTorch's { values, indices }, also as a pair", () => {
  const x = tensor([[1, 5, 5], [7, 2, 7]]);
  const { values, indices } = x.max(1);
  assert.deepEqual(values.toArray(), [5, 7]);
  assert.deepEqual(indices.toArray(), [1, 0]);
  const [v, i] = x.min(0, true);
  assert.deepEqual(v.toArray(), [[1, 2, 5]]);
  assert.deepEqual(i.toArray(), [[0, 1, 0]]);
  // Indexed as PyTorch code does: torch.max(outputs, 1)[1] is the predicted class.
  assert.deepEqual(x.max(1)[1].toArray(), [1, 0]);
  assert.deepEqual(x.max(1)[0].toArray(), [5, 7]);
  assert.equal(x.max(1).length, 2);
  assert.equal(String(x.max(1)), "torch.return_types.max(\nvalues=tensor([5., 7.]),\nindices=tensor([1., 0.]))");
  assert.deepEqual(x.max(tensor(6)).toArray(), [[6, 6, 6], [7, 6, 7]], "max(other) is maximum");
  assert.deepEqual(x.min(tensor(2)).toArray(), [[1, 2, 2], [2, 2, 2]], "min(other) is minimum");
});

test("std and var: unbiased by default, PyTorch 1.13's positional (dim, unbiased, keepDim), and std(false)", () => {
  const x = tensor([1, 2, 3, 4]);
  assert.equal(x.var().item(), Math.fround(5 / 3));
  assert.equal(x.var(false).item(), 1.25);
  assert.equal(x.std(0, false).item(), Math.fround(Math.sqrt(1.25)));
  assert.deepEqual(x.reshape(2, 2).var(1, true, true).shape, [2, 1]);
  assert.ok(Number.isNaN(tensor([3]).std().item()), "one element: NaN, as in PyTorch");
});

test("reduction errors say what is wrong and how to fix it", () => {
  const x = tensor([[1, 2], [3, 4]]);
  assert.throws(() => x.sum(2), /sum: dim 2 is out of range for a tensor with 2 dims \(expected -2\.\.1\)/);
  assert.throws(() => x.sum([0, -2]), /sum: dim 0 appears twice in \[0, -2\]/);
  assert.throws(() => tensor([]).max(), /max: the tensor is empty/);
  assert.throws(() => tensor([]).argmin(), /argmin: the tensor is empty/);
  assert.throws(() => new Tensor(new Float32Array(0), [2, 0]).max(1), /max: the dim to reduce is empty/);
  assert.throws(() => x.norm(0), /norm: p must be a number > 0, Infinity, -Infinity or "fro", got 0/);
  assert.throws(() => x.clamp(), /clamp: give at least one bound, e.g. x.clamp\(0, 1\)/);
  assert.throws(() => x.mm(tensor([1, 2])), /mm: expects 2-D \(a matrix\) and 2-D \(a matrix\), got \[2,2\] and \[2\]; use matmul/);
  assert.throws(() => x.dot(tensor([1, 2])), /dot: expects 1-D \(a vector\) and 1-D \(a vector\), got \[2,2\] and \[2\]/);
  assert.throws(() => tensor([1, 2]).dot(tensor([1, 2, 3])), /dot: the vectors have different lengths, \[2\] and \[3\] \(2 ≠ 3\)/);
  assert.throws(() => x.mv(tensor([1, 2, 3])), /mv: cannot multiply \[2,2\] by \[3\] \(2 ≠ 3\)/);
  assert.throws(() => x.gt(tensor([1, 2, 3])), /gt: cannot broadcast \[2,2\] with \[3\]/);
});

test("empty reductions follow PyTorch: sum 0, prod 1, mean NaN", () => {
  const e = new Tensor(new Float32Array(0), [2, 0]);
  assert.deepEqual(e.sum(1).toArray(), [0, 0]);
  assert.deepEqual(e.prod(1).toArray(), [1, 1]);
  assert.ok(e.mean(1).toArray().every(Number.isNaN));
  assert.equal(e.norm().item(), 0);
});

test("prod with a zero keeps PyTorch's sign and NaN: −0 and ∞·0 = NaN", () => {
  assert.ok(Object.is(tensor([2, 0, -3]).prod().item(), -0));
  assert.ok(Number.isNaN(tensor([Infinity, 0]).prod().item()));
});

test("relu's gradient passes g where x > 0 or x is NaN, and 0 elsewhere, exactly, at every size (as torch)", () => {
  const special = [NaN, -0, 0, 1, -1, Infinity, -Infinity, 1e-45, -1e-45];
  for (const n of [9, 64, 301]) {
    const xs = Array.from({ length: n }, (_, i) => (i < special.length ? special[i] : Math.sin(i * 7.3) * 3));
    const gs = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? Infinity : Math.cos(i) * 2));
    const x = tensor(xs, { requiresGrad: true });
    const y = x.relu();
    y.backward(tensor(gs));
    for (let i = 0; i < n; i++) {
      const v = Math.fround(xs[i]), g = Math.fround(gs[i]);
      const want = Number.isNaN(v) || v > 0 ? g : 0;
      assert.ok(Object.is(x.grad!.data[i], want), `n=${n} x=${v} g=${g}: got ${x.grad!.data[i]}, want ${want}`);
      assert.ok(Object.is(y.data[i], Number.isNaN(v) ? NaN : v > 0 ? v : 0), `n=${n}: relu(${v}) = ${y.data[i]}`);
    }
  }
});
