import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor, tensor, zeros, ones, full, eye, arange, linspace, rand, randn, manualSeed, ShapeError, randint, randperm, zerosLike, onesLike, randnLike, randLike } from "../../../src/engine/index";

test("tensor() from a number, nested arrays and typed arrays", () => {
  const s = tensor(3);
  assert.deepEqual(s.shape, []);
  assert.equal(s.item(), 3);
  const m = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(m.shape, [2, 3]);
  // PyTorch's meanings: size() is the shape, numel() the element count, dim() the number of dims.
  assert.deepEqual(m.size(), [2, 3]);
  assert.equal(m.size(0), 2);
  assert.equal(m.size(-1), 3);
  assert.throws(() => m.size(2), /size: dim 2 is out of range for a tensor with 2 dims \(expected -2\.\.1\)/);
  assert.throws(() => m.softmax({ dim: 1 } as never), /^TypeError: softmax: dim must be a whole number such as -1, given as it is \(x\.softmax\(1\)\), not an object$/);
  assert.throws(() => m.mean({ dim: 0 } as never), /mean: dim must be a whole number such as -1, given as it is \(x\.mean\(1\)\), not an object/);
  assert.equal(m.numel(), 6);
  assert.equal(m.dim(), 2);
  assert.equal(m.ndim, 2);
  m.size().push(4);
  assert.deepEqual(m.shape, [2, 3], "size() is a copy of the shape");
  assert.ok(m.data instanceof Float32Array);
  assert.deepEqual(m.toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(tensor(new Float64Array([0.5, 1.5])).toArray(), [0.5, 1.5]);
  assert.deepEqual(tensor([new Float32Array([1, 2]), new Float32Array([3, 4])]).shape, [2, 2]);
  assert.deepEqual(tensor([]).shape, [0]);
  assert.equal(tensor([0.1]).data[0], Math.fround(0.1));
});

test("tensor() copies its input", () => {
  const src = new Float32Array([1, 2]);
  const t = tensor(src);
  src[0] = 9;
  assert.equal(t.data[0], 1);
});

test("ragged nested arrays are an error that says where", () => {
  assert.throws(() => tensor([[1, 2, 3], [4, 5]]), (e: Error) => e instanceof ShapeError && /\[1\]/.test(e.message) && /length 2/.test(e.message) && /3/.test(e.message));
  assert.throws(() => tensor([[1, 2], [3, [4]]] as never), /\[1\]\[1\]/);
  assert.throws(() => tensor([[1], 2] as never), /\[1\]/);
});

test("requiresGrad option", () => {
  assert.equal(tensor([1, 2], { requiresGrad: true }).requiresGrad, true);
  assert.equal(tensor([1, 2]).requiresGrad, false);
  assert.equal(zeros(2, { requiresGrad: true }).requiresGrad, true);
});

test("zeros, ones, full, eye accept dims or a shape array", () => {
  assert.deepEqual(zeros(2, 3).shape, [2, 3]);
  assert.deepEqual(zeros([2, 3]).shape, [2, 3]);
  assert.deepEqual(ones(2).toArray(), [1, 1]);
  assert.deepEqual(full([2, 2], 0.5).toArray(), [[0.5, 0.5], [0.5, 0.5]]);
  assert.deepEqual(eye(2).toArray(), [[1, 0], [0, 1]]);
  assert.throws(() => zeros(2.5), ShapeError);
});

test("arange and linspace follow torch", () => {
  assert.deepEqual(arange(4).toArray(), [0, 1, 2, 3]);
  assert.deepEqual(arange(0, 1, 0.25).toArray(), [0, 0.25, 0.5, 0.75]);
  assert.deepEqual(arange(5, 1, -2).toArray(), [5, 3]);
  assert.deepEqual(linspace(-1, 1, 5).toArray(), [-1, -0.5, 0, 0.5, 1]);
  assert.equal(linspace(0, 1, 7).data[6], 1);
});

test("rand and randn are seeded and have the right moments", () => {
  const a = rand([1000], { seed: 3 }), b = rand([1000], { seed: 3 }), c = rand([1000], { seed: 4 });
  assert.deepEqual(a.toArray(), b.toArray());
  assert.notDeepEqual(a.toArray(), c.toArray());
  assert.ok(a.data.every((v) => v >= 0 && v < 1));
  const n = randn([20000], { seed: 1 });
  const mean = n.mean().item(), std = Math.sqrt(n.pow(2).mean().item() - mean * mean);
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(std - 1) < 0.03, `std ${std}`);
  assert.deepEqual(randn(2, 3).shape, [2, 3]);
  assert.deepEqual(rand(2, 3, { seed: 1 }).toArray(), rand([2, 3], { seed: 1 }).toArray());
});

test("manualSeed makes the global generator repeat", () => {
  manualSeed(7);
  const a = randn([5]).toArray();
  manualSeed(7);
  assert.deepEqual(randn([5]).toArray(), a);
});

test("Tensor constructor checks the element count", () => {
  assert.throws(() => new Tensor(new Float32Array(5), [2, 3]), ShapeError);
});

test("item, toArray, detach, clone", () => {
  const t = tensor([[1, 2]], { requiresGrad: true });
  assert.throws(() => t.item(), /only one-element.*\[1,2\]/);
  assert.equal(tensor([[4]]).item(), 4);
  assert.equal(tensor(2).toArray(), 2);
  const d = t.detach();
  assert.equal(d.requiresGrad, false);
  assert.equal(d.data, t.data); // shares storage, like torch
  const c = t.clone();
  assert.notEqual(c.data, t.data);
  assert.equal(c.requiresGrad, true);
  assert.deepEqual(JSON.parse(JSON.stringify(t)), { shape: [1, 2], data: [1, 2] });
});

test("randint, randperm and the *Like makers, seeded as the others; their options are checked", () => {
  const r = randint(0, 10, [1000], { seed: 1 });
  assert.ok(r.data.every((v) => Number.isInteger(v) && v >= 0 && v < 10));
  assert.equal(new Set(r.data).size, 10, "every value from 0 to 9 is drawn");
  assert.deepEqual(Array.from(randint(0, 10, [5], { seed: 1 }).data), Array.from(r.data.subarray(0, 5)));
  const p = randperm(50, { seed: 2 });
  assert.deepEqual(Array.from(p.data).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(Array.from(p.data), Array.from({ length: 50 }, (_, i) => i));
  const w = randn(3, 4);
  assert.deepEqual(zerosLike(w).shape, [3, 4]);
  assert.ok(onesLike(w).data.every((v) => v === 1));
  assert.deepEqual(randnLike(w, { seed: 3 }).toArray(), randn([3, 4], { seed: 3 }).toArray());
  assert.deepEqual(randLike(w).shape, [3, 4]);
  assert.throws(() => randint(3, 3, [2]), /randint: low and high must be whole numbers with low < high, got 3 and 3/);
  assert.throws(() => zeros(2, 3, { requires_grad: true } as never), /zeros: unknown option "requires_grad"; did you mean "requiresGrad"\?/);
  assert.throws(() => randn(2, { seed: 0.5 }), /randn: seed must be a whole number, not 0\.5/);
  assert.throws(() => tensor([1], { requiresgrad: true } as never), /tensor: unknown option "requiresgrad"; did you mean "requiresGrad"\?/);
  assert.throws(() => zerosLike([1, 2] as never), /zerosLike: expected a tensor to take the shape of/);
});
