// Arrays of a backward walk are reused by later allocations (storage.ts). Here the engine's suites
// run again with every array given back for reuse filled with NaN first (reusePoison.ts, imported
// before them), so an op whose gradient, output or saved value still used one would fail there;
// and the reuse itself is checked: a walk's arrays come back, what .grad keeps does not.
import "./reusePoison";
import "./ops.test";
import "./ops2.test";
import "./shapes-ops.test";
import "./functional.test";
import "./autograd.test";
import "./inplace.test";
import "./layers.test";
import "./recurrent.test";
import "./attention.test";
import "./conv.test";
import "./losses.test";
import "./lossOptions.test";
import "./nn.test";
import "./micrograd.test";
import "./optimizers.test";
import "./train.test";
import "./learning.test";
import assert from "node:assert/strict";
import { test } from "node:test";
import { nn, randn, tensor } from "../../../src/engine/index";
import { alloc, reusable } from "../../../src/engine/storage";

test("the arrays a walk made are handed out again; the gradients it keeps are not among them", () => {
  const net = nn.Sequential(nn.Linear(40, 50), nn.Tanh(), nn.Linear(50, 40));
  const x = randn(30, 40);
  const out = net(x);
  out.sum().backward();
  const kept = new Set(net.parameters().map((p) => p.grad!.data));
  const outBefore = Float32Array.from(out.data);
  // The walk made arrays of 30·50 and 30·40 values (the gradients of the hidden layer and of the output).
  const waiting = [reusable(30 * 50), reusable(30 * 40)];
  assert.ok(waiting[0] >= 1 && waiting[1] >= 1, `arrays wait to be reused: ${waiting}`);
  const reused = [alloc(30 * 50), alloc(30 * 40)];
  assert.deepEqual([reusable(30 * 50), reusable(30 * 40)], [waiting[0] - 1, waiting[1] - 1]);
  for (const a of reused) {
    assert.ok(!kept.has(a), "a .grad array was handed out again");
    assert.ok(a.every((v) => v === 0), "a reused array comes zeroed");
  }
  assert.deepEqual(out.data, outBefore, "the forward pass's output is not reused");
  const grads = net.parameters().map((p) => Float32Array.from(p.grad!.data));
  // A second step, out of reused arrays, adds the same gradients again.
  net(x).sum().backward();
  net.parameters().forEach((p, i) => assert.deepEqual(p.grad!.data, grads[i].map((v) => Math.fround(v + v)), `parameter ${i}`));
});

test("a graph kept for a second backward gives the same gradients out of reused arrays", () => {
  const w = tensor([[0.5, -1.2, 2]], { requiresGrad: true });
  const x = randn(64, 3);
  const loss = x.matmul(w.T).sigmoid().mul(x.matmul(w.T).tanh()).sum();
  loss.backward(null, { retainGraph: true });
  const first = Float32Array.from(w.grad!.data);
  w.grad = null;
  loss.backward();
  assert.deepEqual(w.grad!.data, first);
});
