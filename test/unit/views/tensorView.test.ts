import assert from "node:assert/strict";
import { test } from "node:test";
import { arange, tensor } from "../../../src/engine";
import { readTensor } from "../../../src/protocol/read";
import { tensorPayload } from "../../../src/views/tensorView";

test("a tensor small enough to read is sent as its numbers", () => {
  const p = tensorPayload(tensor([[1, -2], [3, 4]]));
  assert.deepEqual(p.data, [1, -2, 3, 4]);
  assert.equal(p.heatmap, undefined);
  assert.equal(p.summary, undefined);
});

test("a large matrix is a heatmap of block means, with its statistics and no numbers", () => {
  // 784 × 128 with value r·128 + c: row blocks of 4 average four rows.
  const t = arange(0, 784 * 128).reshape(784, 128);
  const p = tensorPayload(t);
  assert.deepEqual(p.data, []);
  assert.ok(p.heatmap);
  assert.deepEqual([p.heatmap.rows, p.heatmap.cols, p.heatmap.pooled], [196, 128, { rows: 784, cols: 128, block: [4, 1] }]);
  // Cell (1, 5) is the mean of rows 4–7 at column 5.
  assert.equal(p.heatmap.z[1 * 128 + 5], ((4 + 5 + 6 + 7) / 4) * 128 + 5);
  assert.equal(p.heatmap.signed, false);
  assert.deepEqual(p.summary, { min: 0, max: 784 * 128 - 1, mean: (784 * 128 - 1) / 2 });
  assert.deepEqual(readTensor(JSON.parse(JSON.stringify(p))), p);
});

test("a wide vector is one row; a batch of matrices shows its first; a NaN is named where it is", () => {
  const v = tensorPayload(arange(0, 50).sub(25));
  assert.deepEqual([v.heatmap?.rows, v.heatmap?.cols, v.heatmap?.signed, v.heatmap?.pooled], [1, 50, true, undefined]);
  const batch = tensorPayload(arange(0, 2 * 20 * 30).reshape(2, 20, 30));
  assert.deepEqual([batch.heatmap?.rows, batch.heatmap?.cols, batch.heatmap?.z.at(-1)], [20, 30, 599]);
  const values = Array.from({ length: 40 }, (_, i) => i);
  values[33] = NaN;
  values[35] = Infinity;
  const bad = tensorPayload(tensor([values.slice(0, 20), values.slice(20)]));
  assert.deepEqual(bad.nonFinite, { count: 2, first: [1, 13] });
  assert.equal(bad.heatmap?.z[33], 0);
  assert.equal(bad.summary?.max, 39);
});
