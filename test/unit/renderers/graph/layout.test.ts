import assert from "node:assert/strict";
import { test } from "node:test";
import { COLUMN_GAP, layout } from "../../../../src/renderers/graph/layout";

const box = { width: 50, height: 20 };

test("columns left to right by the longest path to the output; every edge goes right", () => {
  // a, b → op1 → c; c, d → op2 → out; a is also used by op2.
  const edges: [number, number][] = [[0, 2], [1, 2], [2, 3], [3, 5], [4, 5], [0, 5], [5, 6]];
  const { placed, width, height } = layout(Array(7).fill(box), edges);
  assert.deepEqual(placed.map((p) => p.column), [0, 0, 1, 2, 2, 3, 4]);
  for (const [from, to] of edges) assert.ok(placed[from].x + placed[from].width < placed[to].x);
  assert.equal(width, 5 * 50 + 4 * COLUMN_GAP);
  assert.ok(height >= 2 * 20);
  // No two boxes of a column overlap.
  for (const p of placed) for (const q of placed) if (p !== q && p.column === q.column) assert.ok(p.y + p.height <= q.y || q.y + q.height <= p.y);
});

test("the barycentre sweeps undo a crossing", () => {
  // Two chains whose inputs are given crossed: 0 → 3, 1 → 2, and 2, 3 feed 4.
  const { placed } = layout(Array(5).fill(box), [[0, 3], [1, 2], [2, 4], [3, 4]]);
  assert.equal(placed[0].y < placed[1].y, placed[3].y < placed[2].y);
});

test("one node, and none", () => {
  assert.deepEqual(layout([box], []).placed, [{ ...box, x: 0, y: 0, column: 0 }]);
  assert.deepEqual(layout([], []), { placed: [], width: 0, height: 0 });
});
