// Shape ops, joining and indexing against PyTorch: each output (or list of outputs), its gradFn's
// name and the gradients of sum(out · upstream) (fixtures from scripts/reference/shapes_fixtures.py),
// then the errors, word for word.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor, arange, cat, stack, tensor, where, zeros } from "../../../src/engine/index";
import { assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface ShapeCase {
  op: string;
  args: Record<string, any>;
  inputs: Enc[];
  grad: number[];
  out: Enc[];
  list: boolean;
  gradFn: string[];
  upstream: Enc[];
  grads: Enc[];
}

const { cases } = fixture<{ cases: ShapeCase[] }>("shapes");

const run: Record<string, (t: Tensor[], a: Record<string, any>) => Tensor | Tensor[]> = {
  view: ([x], a) => x.view(...a.shape),
  unsqueeze: ([x], a) => x.unsqueeze(a.dim),
  squeeze: ([x], a) => (a.dim === undefined ? x.squeeze() : x.squeeze(a.dim)),
  expand: ([x], a) => x.expand(...a.sizes),
  repeat: ([x], a) => x.repeat(...a.times),
  chunk: ([x], a) => x.chunk(a.chunks, a.dim),
  split: ([x], a) => x.split(a.size, a.dim),
  cat: (xs, a) => (a.dim === 0 ? cat(xs) : cat(xs, a.dim)),
  stack: (xs, a) => stack(xs, a.dim),
  where: ([c, x, y]) => where(c.gt(0), x, y),
  whereNumber: ([c, x], a) => where(c.gt(0), x, a.other),
  whereNumberFirst: ([c, y], a) => where(c.gt(0), a.value, y),
  at: ([x], a) => x.at(a.i),
  select: ([x], a) => x.select(a.dim, a.i),
  narrow: ([x], a) => x.narrow(a.dim, a.start, a.length),
  slice: ([x], a) => x.slice(a.dim, a.start, a.end, a.step),
  index: ([x], a) => x.index(a.indices.flat().length === a.indices.length ? a.indices : tensor(a.indices)),
};

test("shape ops, joining and indexing match PyTorch: values, gradFn names and gradients", async (t) => {
  for (const c of cases) {
    await t.test(`${c.op}(${c.inputs.map((i) => `[${i.shape}]`).join(", ")}) ${JSON.stringify(c.args)}`, () => {
      const fn = run[c.op];
      assert.ok(fn, `no runner for ${c.op}`);
      const inputs = c.inputs.map((e, k) => fromEnc(e, c.grad.includes(k)));
      const result = fn(inputs, c.args);
      assert.equal(Array.isArray(result), c.list, "a list of tensors, as in PyTorch");
      const outs = Array.isArray(result) ? result : [result];
      assert.equal(outs.length, c.out.length, "number of pieces");
      outs.forEach((o, i) => {
        assertTensor(o, c.out[i], 1e-6, 0, `out ${i}`);
        assert.equal(o.gradFn?.name, c.gradFn[i], `gradFn of out ${i}`);
      });
      outs.map((o, i) => o.mul(fromEnc(c.upstream[i])).sum()).reduce((p, q) => p.add(q)).backward();
      c.grad.forEach((k, i) => assertTensor(inputs[k].grad, c.grads[i], 1e-6, 1e-7, `grad of input ${k}`));
    });
  }
});

test("view, squeeze, unsqueeze, at and pieces along dim 0 share the data, as PyTorch's views do", () => {
  const x = arange(6).reshape(2, 3);
  assert.equal(x.view(-1).data, x.data);
  assert.equal(x.unsqueeze(0).squeeze(0).data, x.data);
  assert.equal(x.at(1).data.buffer, x.data.buffer);
  x.at(1).data[0] = 30;
  x.narrow(0, 0, 1).data[2] = 20;
  x.chunk(2)[0].data[1] = 10;
  assert.deepEqual(x.toArray(), [[0, 10, 20], [30, 4, 5]]);
  assert.notEqual(x.select(1, 0).data.buffer, x.data.buffer, "along another dim: a copy");
  assert.notEqual(x.expand(2, 2, 3).data, x.data);
  assert.notEqual(tensor([1]).expand(1).data, tensor([1]).data);
});

test("get reads one element as a number; set writes one in place", () => {
  const x = arange(6).reshape(2, 3);
  assert.equal(x.get(1, 2), 5);
  assert.equal(x.get(-1, -3), 3);
  assert.equal(tensor(7).get(), 7);
  assert.equal(x.set([0, -1], 9), x);
  assert.equal(x.get(0, 2), 9);
  const v = zeros(3).set(-1, 4);
  assert.deepEqual(v.toArray(), [0, 0, 4]);
  assert.equal(typeof x.get(0, 0), "number");
});

test("tolist, float, long and requiresGrad_ as in PyTorch", () => {
  const x = tensor([[1, 2]]);
  assert.deepEqual(x.tolist(), [[1, 2]]);
  assert.equal(x.float(), x);
  const labels = tensor([1.9, -1.9, 2], { requiresGrad: true }).long();
  assert.deepEqual(labels.toArray(), [1, -1, 2], "toward zero, as PyTorch's long()");
  assert.equal(labels.requiresGrad, false);
  const w = arange(3).mul(2).requiresGrad_();
  assert.equal(w.requiresGrad, true);
  assert.equal(w.isLeaf, true);
  w.sum().backward();
  assert.deepEqual(w.grad!.toArray(), [1, 1, 1]);
  const y = w.mul(2);
  assert.equal(y.requiresGrad_(), y, "true on a computed tensor that requires grad: nothing to change");
  assert.throws(() => y.requiresGrad_(false), {
    message: "requiresGrad_: you can only change the requiresGrad flag of a leaf tensor; this one was computed by MulBackward0. To use it without gradients, take t.detach()",
  });
  assert.equal(w.requiresGrad_(false).requiresGrad, false);
  assert.equal(w.gradFn, null);
});

function throws(fn: () => unknown, message: string, type: new (...a: any[]) => Error = Error): void {
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof type, `expected a ${type.name}, got ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

test("out-of-range indices name the op, the dim, the index and the size, as PyTorch does", () => {
  const x = zeros(4, 3);
  throws(() => x.at(5), "at: index 5 is out of bounds for dimension 0 with size 4", RangeError);
  throws(() => x.at(-5), "at: index -5 is out of bounds for dimension 0 with size 4", RangeError);
  throws(() => x.select(1, 3), "select: index 3 is out of bounds for dimension 1 with size 3", RangeError);
  throws(() => x.select(2, 0), "select: dim 2 is out of range for a tensor with 2 dims (expected -2..1)");
  throws(() => x.index([0, 4]), "index: index 4 is out of bounds for dimension 0 with size 4", RangeError);
  throws(() => x.index(tensor([1.5])), "index: an index must be a whole number, got 1.5", TypeError);
  throws(() => x.get(0, 3), "get: index 3 is out of bounds for dimension 1 with size 3", RangeError);
  throws(() => x.get(1), "get: give one index per dim: 1 for a tensor of shape [4,3] (2 dims), e.g. t.get(0, 0); for a slice use t.at(i) or t.select(dim, i)", RangeError);
  throws(() => x.set([1], 2), "set: give one index per dim: 1 for a tensor of shape [4,3] (2 dims), e.g. t.set([0, 0], value)", RangeError);
  throws(() => x.set([0, 0], tensor(1) as any), "set: the value must be a number, got object; to write a tensor into a part use narrow(…).copy_(src) inside noGrad", TypeError);
  throws(() => x.at(0.5), "at: an index must be a whole number, got 0.5", TypeError);
  throws(() => tensor(3).at(0), "at: a 0-dim tensor has no dims to index; use t.item() for its value", RangeError);
  throws(() => tensor(3).slice(0, 0, 1), "slice: a 0-dim tensor has no dims to index; use t.item() for its value", RangeError);
  throws(() => tensor(3).narrow(0, 0, 1), "narrow: a 0-dim tensor has no dims to index; use t.item() for its value", RangeError);
  throws(() => x.narrow(0, 3, 2), "narrow: start 3 + length 2 exceeds dimension 0 with size 4 of [4,3]", RangeError);
  throws(() => x.narrow(0, 5, 0), "narrow: start 5 is out of range for dimension 0 with size 4 (expected a whole number in -4..4)", RangeError);
  throws(() => x.slice(0, 0, 4, 0), "slice: step must be a whole number > 0 (as in PyTorch), got 0; for a reversed order use t.index(...)", RangeError);
  throws(() => x.slice(0, 0.5), "slice: start must be a whole number, got 0.5", TypeError);
  throws(() => x.index("0" as any), "index: expects a tensor or an array of row numbers, got string; for one row use t.at(i)", TypeError);
});

test("shape, split and join errors say what is wrong", () => {
  const x = zeros(2, 3);
  throws(() => x.view(4, -1), "view: cannot reshape [2,3] (6 elements) into [4,-1]");
  throws(() => x.view(-1, -1), "view: only one dim can be -1, got [-1,-1]");
  throws(() => x.unsqueeze(3), "unsqueeze: dim 3 is out of range for a tensor with 3 dims (expected -3..2)");
  throws(() => x.expand(2, 4), "expand: the expanded size 4 must match the existing size 3 at dim 1, which is not 1 (target [2,4], tensor [2,3])");
  throws(() => x.expand(3), "expand: the target [3] has fewer dims than the tensor [2,3]; give one size per dim (-1 keeps a dim)");
  throws(() => x.expand(-1, 2, 3), "expand: size -1 at dim 0 of [-1,2,3] is not a whole number ≥ 0 (-1 keeps an existing dim, and a new leading dim has none)");
  throws(() => x.repeat(2), "repeat: give at least one count per dim: 1 count for [2,3], e.g. t.repeat(1, 1)");
  throws(() => x.split([1, 1], 1), "split: the sizes [1, 1] add up to 2, but dimension 1 of [2,3] has size 3", RangeError);
  throws(() => x.split(0), "split: the piece size must be a whole number > 0, got 0", RangeError);
  throws(() => x.chunk(0), "chunk: the number of chunks must be a whole number > 0, got 0", RangeError);
  throws(() => cat([x, zeros(2, 2)]), "cat: tensors must have the same shape except in dim 0, but tensors[0] is [2,3] and tensors[1] is [2,2]");
  throws(() => cat([x, zeros(3)], 1), "cat: tensors must have the same shape except in dim 1, but tensors[0] is [2,3] and tensors[1] is [3]");
  throws(() => cat([]), "cat: expects a non-empty array of tensors, e.g. cat([a, b], 0), got []", TypeError);
  throws(() => cat([x, [1, 2, 3] as any]), "cat: tensors[1] is object, not a Tensor; make it with tensor(…)", TypeError);
  throws(() => stack([x, zeros(3, 2)]), "stack: every tensor must have the same shape, but tensors[0] is [2,3] and tensors[1] is [3,2]");
  throws(() => stack([x], 3), "stack: dim 3 is out of range for a tensor with 3 dims (expected -3..2)");
  throws(() => where(x.gt(0), zeros(4), 1), "where: cannot broadcast [2,3] with [4] (3 ≠ 4 at dim -1)");
  throws(() => where(true as any, x, 0), "where: the condition must be a Tensor (e.g. x.gt(0)), got boolean; where(cond, a, b) takes a where cond is nonzero", TypeError);
});

test("squeeze of a dim whose size is not 1 leaves the tensor as it is; chunk may give fewer pieces", () => {
  assert.deepEqual(zeros(2, 3).squeeze(0).shape, [2, 3]);
  assert.deepEqual(zeros(1, 1).squeeze().shape, []);
  assert.deepEqual(arange(5).chunk(4).map((p) => p.numel()), [2, 2, 1]);
  assert.deepEqual(where(tensor([NaN, 0]), 1, 2).toArray(), [1, 2], "NaN counts as true, as PyTorch's bool()");
  assert.equal(where(tensor([1, 0]), tensor([1, 2], { requiresGrad: true }), 0).gradFn?.name, "WhereBackward0");
});
