import assert from "node:assert/strict";
import { test } from "node:test";
import { data, nn, tensor } from "../../../src/engine";
import { PayloadError, readDataset, readLoss, readSummary, readTensor } from "../../../src/protocol/read";
import { datasetPayload } from "../../../src/views/datasetView";
import { lossPayload } from "../../../src/views/lossView";
import { summaryPayload } from "../../../src/views/summaryView";
import { tensorPayload } from "../../../src/views/tensorView";

const IMG = "<img src=x onerror=alert(1)>";

function refuses(read: (json: unknown) => unknown, json: unknown, message: RegExp): void {
  assert.throws(() => read(json), (error: unknown) => {
    assert.ok(error instanceof PayloadError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

test("every payload the kernel writes reads back as it was", () => {
  const t = tensorPayload(tensor([[1, NaN], [Infinity, 4]]));
  assert.deepEqual(readTensor(JSON.parse(JSON.stringify(t))), t);
  const loss = lossPayload({ loss: [1, 0.5, NaN], valLoss: [1.2, 0.7, 0.6] }, { progress: { done: 3, total: 10 } });
  assert.deepEqual(readLoss(JSON.parse(JSON.stringify(loss))), loss);
  const ds = datasetPayload(data.xor());
  assert.deepEqual(readDataset(JSON.parse(JSON.stringify(ds))), ds);
  const summary = summaryPayload(nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)));
  assert.deepEqual(readSummary(JSON.parse(JSON.stringify(summary))), summary);
});

test("a version-1 summary, whose equations were HTML, is refused with what to do", () => {
  const old = { version: 1, title: "Sequential", rows: [{ name: "0", layer: "Linear", outputShape: "[N, 4]", params: 12, equation: IMG }], total: 12 };
  refuses(readSummary, old, /^this model summary is payload version 1, and this nnbook reads version 2; it was saved by an older nnbook: run the cell again/);
  refuses(readSummary, { ...old, version: 3 }, /payload version 3.*written by a newer nnbook: update the extension/);
  refuses(readSummary, { ...old, version: "2" }, /^version must be the model summary payload's version number, not the string "2"/);
});

test("a malformed payload is refused with the field and what is wrong with it", () => {
  const summary = summaryPayload(nn.Sequential(nn.Linear(2, 4)));
  refuses(readSummary, null, /^the payload must be an object, not null/);
  refuses(readSummary, [], /^the payload must be an object, not an array/);
  refuses(readSummary, { ...summary, rows: "none" }, /^rows must be an array, not the string "none"/);
  refuses(readSummary, { ...summary, rows: [{ ...summary.rows[0], equation: 3 }] }, /^rows\[0\]\.equation must be a string, not number 3/);
  refuses(readSummary, { ...summary, total: -1 }, /^total must be a whole number from 0, not number -1/);

  const t = tensorPayload(tensor([1, 2, 3]));
  refuses(readTensor, { ...t, data: [1, IMG, 3] }, /^data\[1\] must be a number or one of "NaN", "Infinity", "-Infinity", not the string "<img src=x onerror=alert\(1\)>"/);
  refuses(readTensor, { ...t, shape: [2.5] }, /^shape\[0\] must be a whole number from 0, not number 2\.5/);
  refuses(readTensor, { ...t, shape: [1e300] }, /^shape\[0\] must be a whole number from 0/);
  refuses(readTensor, { ...t, requiresGrad: "yes" }, /^requiresGrad must be true or false/);

  const loss = lossPayload([1, 0.5]);
  refuses(readLoss, { ...loss, title: { text: IMG } }, /^title must be a string, not an object/);
  refuses(readLoss, { ...loss, series: [{ ...loss.series[0], x: [1, "2"], y: [1, 2] }] }, /^series\[0\]\.x\[1\] must be a number/);
  refuses(readLoss, { ...loss, series: [{ ...loss.series[0], part: "test" }] }, /^series\[0\]\.part must be one of "train", "validation"/);
  refuses(readLoss, { ...loss, runs: [{ label: "", lines: [1] }] }, /^runs\[0\]\.lines\[0\] must be a string/);
  refuses(readLoss, { ...loss, progress: { done: 1 } }, /^progress\.total must be a whole number from 0, not undefined/);

  const ds = datasetPayload(data.xor());
  refuses(readDataset, { ...ds, task: IMG }, /^task must be one of "binary", "multiclass", "regression"/);
  refuses(readDataset, { ...ds, classes: [1, 2] }, /^classes\[0\] must be a string/);
});

test("strings are read as they are: drawing them as text is the renderer's part", () => {
  const loss = lossPayload([1, 0.5], { title: IMG, labels: [IMG] });
  assert.equal(readLoss(loss).title, IMG);
  assert.equal(readLoss(loss).series[0].label, IMG);
});

test("a tensor summary JSON wrote as null (a NaN statistic) reads as NaN", () => {
  const t = { version: 1, shape: [1], data: [1], requiresGrad: false, summary: { min: null, mean: null, max: 1 } };
  assert.deepEqual(readTensor(t).summary, { min: NaN, mean: NaN, max: 1 });
});
