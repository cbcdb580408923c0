import assert from "node:assert/strict";
import { test } from "node:test";
import { tensor, zeros } from "../../../../src/engine";
import { heatmapItems, heatmapPayload } from "../../../../src/views/charts/heatmap";

test("a 2-D tensor or rows of numbers, row-major, signed when any value is negative", () => {
  const p = heatmapPayload(tensor([[1, -2, 3], [4, 5, -6]]), { xLabel: "input", yLabel: "unit", title: "W" });
  assert.deepEqual([p.kind, p.rows, p.cols, p.z, p.signed, p.xLabel, p.yLabel], ["heatmap", 2, 3, [1, -2, 3, 4, 5, -6], true, "input", "unit"]);
  const plain = heatmapPayload([[0, 1], [2, 3]]);
  assert.deepEqual([plain.signed, plain.xLabel, plain.yLabel], [false, "column", "row"]);
});

test("the text fallback gives shape and range", () => {
  const [, text] = heatmapItems([[0, 1], [2, 3]], { title: "Attention" });
  assert.equal(text.data, "Attention: [2, 2] (row × column), min 0, mean 1.5, max 3");
});

test("wrong shapes, values and options are errors naming them", () => {
  assert.throws(() => heatmapPayload(tensor([1, 2])), /show\.heatmap: t must be 2-D, not a tensor of shape \[2\]; make it one row with \.reshape\(1, -1\)/);
  assert.throws(() => heatmapPayload([[1, 2], [3]]), /row 1 has 1 values and row 0 has 2/);
  assert.throws(() => heatmapPayload([[1, NaN]]), /show\.heatmap: t\[1\] is NaN/);
  assert.throws(() => heatmapPayload([[1]], { xlabel: "a" } as never), /did you mean "xLabel"\?/);
  assert.throws(() => heatmapPayload(zeros(400, 400)), /160,000 values of a \[400, 400\] matrix are more than the 90,000 it draws; show a slice of it/);
});

test("each cell is stored to the 3 digits its colour and hover show; the text is of the exact values", () => {
  const rows = [[0.22175726294517517, 0.3856186270713806], [-1.1175817251205444, 0.9684925675392151]];
  const [chart, text] = heatmapItems(rows);
  assert.deepEqual((chart.data as { z: number[] }).z, [0.222, 0.386, -1.118, 0.968]);
  // -1.12 would move the value by more than 1/1,000 of the spread: one digit more.
  const mean = rows.flat().reduce((a, b) => a + b) / 4;
  assert.equal(text.data, `Heatmap: [2, 2] (row × column), min -1.12, mean ${Number(mean.toPrecision(3))}, max 0.968`);
});
