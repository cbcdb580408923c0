import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor, noGrad, ones } from "../../../src/engine/index";
import { linear } from "../../../src/engine/ops/linear";

test("broadcast gradients reduce back to the input shape", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
  const b = tensor([10, 20, 30], { requiresGrad: true });
  const c = tensor(2, { requiresGrad: true });
  x.add(b).mul(c).sum().backward();
  assert.deepEqual(b.grad!.shape, [3]);
  assert.deepEqual(b.grad!.toArray(), [4, 4, 4]);
  assert.deepEqual(c.grad!.shape, []);
  assert.equal(c.grad!.item(), 21 + 2 * (10 + 20 + 30)); // Σ(x + b)
  assert.deepEqual(x.grad!.toArray(), [[2, 2, 2], [2, 2, 2]]);
});

test("gradients accumulate across backward calls until cleared", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  w.mul(3).sum().backward();
  w.mul(3).sum().backward();
  assert.deepEqual(w.grad!.toArray(), [6, 6]);
  w.grad = null;
  w.mul(3).sum().backward();
  assert.deepEqual(w.grad!.toArray(), [3, 3]);
});

test("a tensor used twice gets both contributions", () => {
  const x = tensor(3, { requiresGrad: true });
  const y = x.mul(x).add(x); // x² + x → 2x + 1
  y.backward();
  assert.equal(x.grad!.item(), 7);
  const a = tensor([1, 2], { requiresGrad: true });
  const s = a.add(a); // the same gradient array reaches `a` twice
  s.sum().backward();
  assert.deepEqual(a.grad!.toArray(), [2, 2]);
});

test("a deep chain does not overflow the stack (iterative backward)", () => {
  const x = tensor(1, { requiresGrad: true });
  let y = x;
  for (let i = 0; i < 20000; i++) y = y.mul(1);
  y.backward();
  assert.equal(x.grad!.item(), 1);
});

test("backward on a non-scalar is an error that gives the shape", () => {
  const x = tensor([[1, 2]], { requiresGrad: true });
  assert.throws(() => x.mul(2).backward(), /scalar.*\[1,2\]/);
  x.mul(2).backward(ones(1, 2));
  assert.deepEqual(x.grad!.toArray(), [[2, 2]]);
});

test("backward through a freed graph is an error that says so", () => {
  const x = tensor(2, { requiresGrad: true });
  const y = x.mul(x);
  y.backward();
  assert.throws(() => y.backward(), /already freed/);
  const z = x.mul(x);
  z.backward(null, { retainGraph: true });
  z.backward();
  assert.equal(x.grad!.item(), 4 + 4 + 4);
});

test("backward on a tensor that does not require grad is an error", () => {
  assert.throws(() => tensor(1).mul(2).backward(), /does not require grad/);
});

test("noGrad records nothing, detach cuts the graph", () => {
  const w = tensor([1, 2], { requiresGrad: true });
  const y = noGrad(() => w.mul(2));
  assert.equal(y.requiresGrad, false);
  assert.equal(y.gradFn, null);
  assert.equal(noGrad(() => 5), 5);
  const d = w.mul(2).detach();
  assert.equal(d.requiresGrad, false);
  assert.equal(d.isLeaf, true);
});

test("gradFn names the op and its inputs; retainGrad keeps intermediate grads", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const h = x.mul(2).retainGrad();
  const y = h.sum();
  assert.equal(y.gradFn!.name, "SumBackward0");
  assert.equal(h.gradFn!.inputs[0], x);
  y.backward();
  assert.deepEqual(h.grad!.toArray(), [1, 1]);
  assert.equal(h.isLeaf, false);
});

test("a backward that fails part-way leaves no gradient behind for the next one", () => {
  const w = tensor([1, 2, 3], { requiresGrad: true }), x = tensor([4, 5, 6]);
  // w's own sum hands w a gradient before the product's backward refuses the changed x.
  const loss = x.mul(w).sum().add(w.sum());
  x.add_(1);
  assert.throws(() => loss.backward(), /changed by an in-place op/);
  assert.equal(w.grad, null);
  w.mul(3).sum().backward();
  assert.deepEqual(Array.from(w.grad!.data), [3, 3, 3]);
});

test("a layer adds its weights' gradients into their .grad in place, and they add up as before", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  const w = tensor([[0.1, -0.2, 0.3], [0.5, 0.4, -0.6]], { requiresGrad: true }), b = tensor([0.5, -1], { requiresGrad: true });
  const step = () => linear(x, w, b).square().sum().backward();
  step();
  const once = { w: Array.from(w.grad!.data), b: Array.from(b.grad!.data) };
  const wGrad = w.grad!.data, bGrad = b.grad!.data;
  step();
  assert.equal(w.grad!.data, wGrad, "the same array: added into in place, as PyTorch's AccumulateGrad does");
  assert.equal(b.grad!.data, bGrad);
  once.w.forEach((v, i) => assert.ok(Math.abs(w.grad!.data[i] - 2 * v) <= 1e-6 * Math.abs(v), `w.grad[${i}]`));
  once.b.forEach((v, i) => assert.ok(Math.abs(b.grad!.data[i] - 2 * v) <= 1e-6 * Math.abs(v), `b.grad[${i}]`));
  // A gradient handed in that is the leaf's own .grad still counts once more.
  const v = tensor([1, 2], { requiresGrad: true });
  v.mul(3).sum().backward();
  const y = v.add(0);
  y.backward(v.grad!);
  assert.deepEqual(Array.from(v.grad!.data), [6, 6]);
});
