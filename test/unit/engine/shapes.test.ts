// Shape errors name the op and both shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor, zeros, nn, ShapeError } from "../../../src/engine/index";

function throwsShape(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof ShapeError, `expected a ShapeError, got ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

test("matmul", () => {
  throwsShape(() => zeros(4, 3).matmul(zeros(2, 1)), "matmul: cannot multiply [4,3] by [2,1] (3 ≠ 2)");
  throwsShape(() => zeros(3).matmul(zeros(2)), "matmul: cannot multiply [3] by [2] (3 ≠ 2)");
  throwsShape(() => zeros(2, 3, 4).matmul(zeros(3, 4, 5)), "matmul: cannot broadcast the batch dims of [2,3,4] and [3,4,5] (2 ≠ 3)");
});

test("broadcasting", () => {
  throwsShape(() => zeros(2, 3).add(zeros(4)), "add: cannot broadcast [2,3] with [4] (3 ≠ 4 at dim -1)");
  throwsShape(() => zeros(2, 3).mul(zeros(3, 3)), "mul: cannot broadcast [2,3] with [3,3] (2 ≠ 3 at dim -2)");
  assert.deepEqual(zeros(5, 1, 3).sub(zeros(4, 1)).shape, [5, 4, 3]);
});

test("reshape, dims", () => {
  throwsShape(() => zeros(2, 3).reshape(4, -1), "reshape: cannot reshape [2,3] (6 elements) into [4,-1]");
  throwsShape(() => zeros(2, 3).reshape(5), "reshape: cannot reshape [2,3] (6 elements) into [5]");
  throwsShape(() => zeros(2, 3).sum(2), "sum: dim 2 is out of range for a tensor with 2 dims (expected -2..1)");
  throwsShape(() => zeros(2, 3).softmax(-3), "softmax: dim -3 is out of range for a tensor with 2 dims (expected -2..1)");
  assert.deepEqual(zeros(2, 3, 4).reshape([4, 6]).shape, [4, 6]);
});

test("layers and losses", () => {
  throwsShape(() => nn.Linear(3, 2).forward(zeros(4, 5)), "linear: input [4,5] has 5 features but the layer expects 3 (weight [2,3])");
  assert.throws(() => nn.MSELoss().forward(zeros(4, 1), zeros(4)), (e: Error) => e instanceof ShapeError && /\[4,1\].*\[4\]/.test(e.message));
  assert.deepEqual(nn.Linear(3, 2).forward(tensor([1, 2, 3])).shape, [2]);
});
