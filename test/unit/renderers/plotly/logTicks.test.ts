import assert from "node:assert/strict";
import { test } from "node:test";
import { decadeStep } from "../../../../src/renderers/plotly/logTicks";

test("a log axis labels each power of ten up to ten decades, and about ten of them beyond", () => {
  assert.deepEqual([2, 9.9, 10].map(decadeStep), [1, 1, 1]);
  assert.deepEqual([10.5, 20, 25].map(decadeStep), [2, 2, 3]);
  // A loss that grew from 4.87 to 2.7·10³⁸ before train stopped: 10⁰, 10⁴, …, 10³⁶, not forty labels on top of each other.
  const decades = Math.log10(2.74e38) - Math.log10(4.87);
  assert.equal(decadeStep(decades), 4);
  assert.ok(decades / decadeStep(decades) <= 10);
});
