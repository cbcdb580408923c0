import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor, noGrad, ones } from "../../../src/engine/index";

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
