// The worked examples from the articles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor, nn } from "../../../src/engine/index";

test("sigmoid(0.80) = 0.690", () => {
  assert.equal(tensor(0.8).sigmoid().item().toFixed(3), "0.690");
  assert.equal(String(tensor(0.8).sigmoid()), "tensor(0.6900)");
});

test("−log 0.9 = 0.105", () => {
  assert.equal(tensor(0.9).log().neg().item().toFixed(3), "0.105");
});

test("softmax([2, 1, 0.5]) = [0.629, 0.231, 0.140]", () => {
  const p = tensor([2, 1, 0.5]).softmax(0);
  assert.deepEqual(Array.from(p.data, (v) => v.toFixed(3)), ["0.629", "0.231", "0.140"]);
  assert.equal(String(p), "tensor([0.6285, 0.2312, 0.1402])");
});

test("a [4, 8, 6, 1] MLP has 101 parameters", () => {
  const net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6), nn.ReLU(), nn.Linear(6, 1));
  assert.equal(net.parameters().reduce((n, p) => n + p.numel(), 0), 101);
  assert.equal(net.numParameters(), 101);
});

test("[[1,2],[3,4]] @ itself prints like torch", () => {
  const x = tensor([[1, 2], [3, 4]]);
  assert.equal(String(x.matmul(x)), "tensor([[ 7., 10.],\n        [15., 22.]])");
});
