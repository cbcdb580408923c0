import assert from "node:assert/strict";
import { test } from "node:test";
import { data, Dataset, nn } from "../../../src/engine";
import { PayloadError, readBoundary, readConfusion, readDataset, readFit, readImages } from "../../../src/protocol/read";
import { datasetPayload } from "../../../src/views/datasetView";
import { boundaryPayload } from "../../../src/views/model/boundary";
import { confusionPayload } from "../../../src/views/model/confusion";
import { fitPayload } from "../../../src/views/model/fit";
import { imagesItems } from "../../../src/views/model/images";
import type { ImagesPayload } from "../../../src/protocol/imagesPayload";
import { Mime } from "../../../src/protocol/mimes";
import { packBytes } from "../../../src/protocol/packed";
import { viewItem } from "../../../src/protocol/payloadMap";

function refuses(read: (json: unknown) => unknown, json: unknown, message: RegExp): void {
  assert.throws(() => read(json), (error: unknown) => {
    assert.ok(error instanceof PayloadError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

const XOR = Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
const BINARY = boundaryPayload(nn.Linear(2, 1), XOR, { grid: 10 }, { done: 2, total: 5 });
const MULTI = boundaryPayload(nn.Linear(2, 3), data.spiral(), { grid: 10 });
const FIT = fitPayload(nn.Linear(1, 1), data.sine(), { done: 1, total: 3 });
const CONFUSION = confusionPayload(nn.Linear(2, 3), data.spiral());
const IMAGES = imagesItems(data.digits(), { count: 2 })[0].data as ImagesPayload;

test("every model view the kernel writes reads back as it was", () => {
  const json = (v: unknown) => JSON.parse(JSON.stringify(v));
  assert.deepEqual(readBoundary(json(BINARY)), BINARY);
  assert.deepEqual(readBoundary(json(MULTI)), MULTI);
  assert.deepEqual(readFit(json(FIT)), FIT);
  assert.deepEqual(readConfusion(json(CONFUSION)), CONFUSION);
  assert.deepEqual(readImages(json(IMAGES)), IMAGES);
  const digits = datasetPayload(data.digits());
  assert.deepEqual(readDataset(json(digits)), digits);
});

test("a malformed boundary says which field is wrong", () => {
  refuses(readBoundary, { ...BINARY, version: 2 }, /payload version 2, and this nnbook reads version 1/);
  refuses(readBoundary, { ...BINARY, task: "regression" }, /^task must be one of "binary", "multiclass"/);
  refuses(readBoundary, { ...BINARY, classes: ["a", "b", "c"] }, /a binary boundary has 2 classes, not 3/);
  refuses(readBoundary, { ...BINARY, probability: BINARY.probability.slice(1) }, /probability must have one value per grid cell \(100\), not 99/);
  refuses(readBoundary, { ...BINARY, probability: [1.5, ...BINARY.probability.slice(1)] }, /probability\[0\] must be between 0 and 1, not 1\.5/);
  refuses(readBoundary, { ...BINARY, points: { ...BINARY.points, label: [0, 1, 2, 0] } }, /points\.label\[2\] must be a class index below 2, not 2/);
  refuses(readBoundary, { ...BINARY, points: { ...BINARY.points, y: [0] } }, /points\.y must have one value per points\.x \(4\), not 1/);
  refuses(readBoundary, { ...BINARY, misclassified: 9 }, /misclassified must be at most the 4 rows, not 9/);
  refuses(readBoundary, { ...BINARY, output: "html" }, /^output must be one of "probability", "logits"/);
  refuses(readBoundary, { ...BINARY, progress: { done: 6, total: 5 } }, /progress\.done must be at most progress\.total \(5\), not 6/);
  refuses(readBoundary, { ...MULTI, predicted: undefined }, /^predicted must be an array of numbers or a base64 string, not undefined/);
  refuses(readBoundary, { ...MULTI, predicted: MULTI.predicted!.map(() => 3) }, /predicted\[0\] must be a class index below 3, not 3/);
});

test("a boundary is stored with its grids packed, one byte per cell, and reads back as it was", () => {
  const stored = viewItem(Mime.boundary, MULTI).data as Record<string, unknown>;
  assert.equal(stored.probability, packBytes(MULTI.probability.map((p) => Math.round(p * 100))));
  assert.equal((stored.probability as string).length, 136, "100 cells in 136 characters");
  assert.equal(stored.predicted, packBytes(MULTI.predicted!));
  assert.deepEqual(readBoundary(JSON.parse(JSON.stringify(stored))), MULTI);
  assert.deepEqual(readBoundary(JSON.parse(JSON.stringify(viewItem(Mime.boundary, BINARY).data))), BINARY);
});

test("a packed boundary grid of the wrong length, with a bad character or a value past 100 says so", () => {
  const stored = viewItem(Mime.boundary, MULTI).data as Record<string, string>;
  refuses(readBoundary, { ...stored, probability: packBytes([50, 50]) }, /^probability must pack one value per grid cell \(100, 100 bytes\), not 2 bytes$/);
  refuses(readBoundary, { ...stored, probability: "AA*A" + stored.probability.slice(4) }, /^probability is not base64: "\*" at 2 is not a base64 character$/);
  refuses(readBoundary, { ...stored, probability: stored.probability.slice(1) }, /^probability is not base64: its length \(135\) is not a multiple of 4$/);
  refuses(readBoundary, { ...stored, probability: packBytes(Array(100).fill(101)) }, /^probability\[0\] must be between 0 and 1, not 1\.01$/);
  refuses(readBoundary, { ...stored, predicted: packBytes(Array(100).fill(3)) }, /^predicted\[0\] must be a class index below 3, not 3$/);
  refuses(readBoundary, { ...stored, predicted: 7 }, /^predicted must be an array of numbers or a base64 string, not number 7$/);
});

test("a malformed fit, confusion matrix or image grid says which field is wrong", () => {
  refuses(readFit, { ...FIT, mse: -1 }, /mse must be 0 or more, not -1/);
  refuses(readFit, { ...FIT, curve: { x: [0, 1], y: [0] } }, /curve\.y must have one value per curve\.x \(2\), not 1/);
  refuses(readFit, { ...FIT, points: { x: ["<b>"], y: [0] } }, /points\.x\[0\] must be a number, not the string "<b>"/);
  refuses(readConfusion, { ...CONFUSION, counts: CONFUSION.counts.slice(1) }, /counts must have one row per class \(3\), not 2/);
  refuses(readConfusion, { ...CONFUSION, counts: [[1, 2], ...CONFUSION.counts.slice(1)] }, /counts\[0\] must have one count per class \(3\), not 2/);
  refuses(readConfusion, { ...CONFUSION, rows: 1 }, /the counts must add up to rows \(1\), not 300/);
  refuses(readConfusion, { ...CONFUSION, accuracy: 2 }, /accuracy must be between 0 and 1, not 2/);
  refuses(readImages, { ...IMAGES, shape: [8] }, /shape must be \[height, width\] of whole numbers from 1, not \[8\]/);
  refuses(readImages, { ...IMAGES, images: [{ ...IMAGES.images[0], pixels: [1, 2] }] }, /images\[0\]\.pixels must have height × width \(64\) values, not 2/);
  refuses(readImages, { ...IMAGES, max: -1 }, /max must be at least min \(0\), not -1/);
  refuses(readImages, { ...IMAGES, total: 1 }, /total must be at least the 2 images given, not 1/);
  refuses(readImages, { ...IMAGES, images: [{ ...IMAGES.images[0], wrong: "yes" }] }, /images\[0\]\.wrong must be true or false/);
  refuses(readDataset, { ...datasetPayload(data.digits()), images: { ...IMAGES, shape: [0, 8] } }, /^images: shape must be/);
});
