import assert from "node:assert/strict";
import { test } from "node:test";
import { tensor } from "../../../../src/engine";
import { histItems, histPayload } from "../../../../src/views/charts/hist";

test("values are binned in the kernel, equal widths, the last bin closed", () => {
  const p = histPayload(tensor([0, 1, 1, 2, 3, 4]), { bins: 4, xLabel: "weight" });
  assert.deepEqual([p.kind, p.xLabel, p.yLabel], ["hist", "weight", "count"]);
  assert.deepEqual(p.edges, [0, 1, 2, 3, 4]);
  assert.deepEqual(p.counts, [1, 2, 1, 2]);
  // Sturges' rule by default: 1,000 values, 11 bins.
  assert.equal(histPayload(Array.from({ length: 1000 }, (_, i) => i)).counts.length, 11);
  assert.deepEqual(histPayload([5, 5], { bins: 2 }).edges, [4.5, 5, 5.5]);
});

test("a million values send one count per bin", () => {
  const p = histPayload(Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i)));
  assert.equal(p.counts.reduce((a, b) => a + b, 0), 1_000_000);
  assert.ok(JSON.stringify(p).length < 2_000);
});

test("the text fallback draws the shape with a bar per bin", () => {
  const [, text] = histItems([0, 1, 1, 2], { bins: 2 });
  assert.equal(text.data, "Histogram of value: 4 values in 2 bins\n[0, 1) ########## 1\n[1, 2] ############################## 3");
});

test("a bin with a few values among many still shows a mark", () => {
  const [, text] = histItems([...new Array(1000).fill(0), 1], { bins: 2 });
  assert.match(String(text.data), /\[0\.5, +1\] # 1$/);
});

test("wrong values and options are errors naming them", () => {
  assert.throws(() => histPayload([1], { bins: 0 }), /show\.hist: bins must be a whole number ≥ 1, not 0/);
  assert.throws(() => histPayload([1], { bins: 2.5 }), /bins must be a whole number ≥ 1, not 2\.5/);
  assert.throws(() => histPayload([1], { bin: 3 } as never), /unknown option "bin"; did you mean "bins"\?/);
  assert.throws(() => histPayload([1], { bins: 5000 }), /5,000 bins are more than the 1,000 it draws/);
  assert.throws(() => histPayload([]), /values is empty/);
  assert.throws(() => histPayload([1, -Infinity]), /show\.hist: values\[1\] is -Infinity/);
});
