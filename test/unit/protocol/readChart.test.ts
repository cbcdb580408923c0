import assert from "node:assert/strict";
import { test } from "node:test";
import { PayloadError, readChart } from "../../../src/protocol/read";
import { heatmapPayload } from "../../../src/views/charts/heatmap";
import { histPayload } from "../../../src/views/charts/hist";
import { plotPayload } from "../../../src/views/charts/plot";
import { scatterPayload } from "../../../src/views/charts/scatter";

const IMG = "<img src=x onerror=alert(1)>";

function refuses(json: unknown, message: RegExp): void {
  assert.throws(() => readChart(json), (error: unknown) => {
    assert.ok(error instanceof PayloadError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

const PLOT = plotPayload([0, 1, 2], { a: [1, 2, 3], b: [3, 2, 1] }, { title: "T" });
const SCATTER = scatterPayload([0, 1], [2, 3], { color: [0, 1], labels: ["no", "yes"] });
const HIST = histPayload([0, 1, 1, 2], { bins: 2 });
const HEATMAP = heatmapPayload([[1, -1], [0, 2]]);

test("every chart the kernel writes reads back as it was", () => {
  for (const payload of [PLOT, SCATTER, HIST, HEATMAP, scatterPayload([0], [1]), scatterPayload([0], [1], { color: [0.5] })]) {
    assert.deepEqual(readChart(JSON.parse(JSON.stringify(payload))), payload);
  }
});

test("a malformed chart is refused with the field and what is wrong with it", () => {
  refuses({ ...PLOT, kind: IMG }, /^kind must be one of "plot", "scatter", "hist", "heatmap", not the string "<img/);
  refuses({ ...PLOT, version: 2 }, /^this chart is payload version 2, and this nnbook reads version 1; it was written by a newer nnbook/);
  refuses({ ...PLOT, title: 3 }, /^title must be a string, not number 3/);
  refuses({ ...PLOT, series: [{ label: "a", x: [0, 1], y: [1] }] }, /^series\[0\]\.y must have series\[0\]\.x values \(2\), not 1/);
  refuses({ ...PLOT, series: [{ label: "a", x: [0], y: ["NaN"] }] }, /^series\[0\]\.y\[0\] must be a number, not the string "NaN"/);
  refuses({ ...PLOT, log: 1 }, /^log must be true or false/);
  refuses({ ...SCATTER, color: [0] }, /^color must have x values \(2\), not 1/);
  refuses({ ...SCATTER, color: [0, 5] }, /^color\[1\] must be a class index below 2, not 5/);
  refuses({ ...SCATTER, classes: [IMG, 2] }, /^classes\[1\] must be a string/);
  refuses({ ...HIST, counts: [1, -2] }, /^counts\[1\] must be a whole number from 0/);
  refuses({ ...HIST, edges: [0, 1] }, /^edges must have counts \+ 1 values \(3\), not 2/);
  refuses({ ...HEATMAP, rows: 3 }, /^z must have rows × cols values \(6\), not 4/);
  refuses({ ...HEATMAP, signed: "no" }, /^signed must be true or false/);
});
