import assert from "node:assert/strict";
import { test } from "node:test";
import { Dataset, manualSeed, nn, optim, randn, tensor, type Tensor } from "../../../src/engine";
import * as data from "../../../src/engine/data/index";
import { train } from "../../../src/engine/train/index";
import { PayloadError, readWeights } from "../../../src/protocol/read";
import { Mime } from "../../../src/protocol/mimes";
import { packInt24 } from "../../../src/protocol/packed";
import { viewItem } from "../../../src/protocol/payloadMap";
import { storedWeights, weightDecimals, type WeightsPayload } from "../../../src/protocol/weightsPayload";
import { MAX_FRAMES, MAX_VALUES, weightsItems, weightsPayload, weightsText } from "../../../src/views/weightsView";

function xorNet(): nn.Sequential {
  manualSeed(3);
  return nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
}

async function trained(epochs = 200) {
  const net = xorNet();
  const run = await train(net, data.xor(), { loss: nn.BCELoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.05 }), epochs, seed: 1, live: false });
  return { net, run };
}

test("a model: each weight matrix [out, in] row-major with its bias, one frame, on one scale over every matrix", () => {
  const net = xorNet();
  const p = weightsPayload(net);
  assert.equal(p.title, "Weights");
  assert.deepEqual(p.epochs, []);
  assert.deepEqual(p.matrices.map((m) => [m.name, m.shape, m.rows, m.cols, m.bias?.name]), [
    ["0.weight", [4, 2], [0, 1, 2, 3], [0, 1], "0.bias"],
    ["2.weight", [1, 4], [0], [0, 1, 2, 3], "2.bias"],
  ]);
  const w = (net[0] as nn.Linear).weight;
  const all = net.parameters().flatMap((t) => Array.from(t.data, Math.abs));
  assert.equal(p.maxAbs, Math.max(...all));
  // Each value to 1/10,000 of the scale's order: 4 decimals on a scale below 10.
  assert.ok(p.maxAbs > 0.1 && p.maxAbs < 1);
  assert.equal(weightDecimals(p.maxAbs), 5);
  assert.deepEqual(p.matrices[0].frames[0], Array.from(w.data, (v) => Number(v.toFixed(5))));
  assert.equal(p.matrices[0].frames[0][1 * 2 + 0], Number(w.data[1 * 2 + 0].toFixed(5)));
  assert.deepEqual(readWeights(JSON.parse(JSON.stringify(p))), p);
});

test("a history: a frame per recorded epoch from epoch 0, and the text says how far each matrix moved", async () => {
  const { net, run } = await trained();
  const p = weightsPayload(run);
  // 101 recorded epochs: a slider's worth of them, spread evenly with the first and last.
  assert.ok(p.epochs.every((e) => run.snapshots.some((s) => s.epoch === e)));
  assert.equal(p.epochs[0], 0);
  assert.equal(p.epochs.at(-1), 200);
  assert.equal(p.recordedEpochs, 101);
  assert.equal(p.epochs.length, MAX_FRAMES);
  assert.equal(p.title, "Weights over training, epochs 0–200");
  // The last frame is the trained model.
  const decimals = weightDecimals(p.maxAbs);
  assert.deepEqual(p.matrices[1].frames.at(-1), Array.from((net[2] as nn.Linear).weight.data, (v) => Number(v.toFixed(decimals))));
  // The scale covers every frame, not only the last.
  let max = 0;
  for (const s of run.snapshots) for (const w of s.weights!) for (const v of w.data) max = Math.max(max, Math.abs(v));
  assert.equal(p.maxAbs, max);
  const [, text] = weightsItems(run);
  const lines = String(text.data).split("\n");
  assert.match(lines[0], /^Weights over training, epochs 0–200 \(at epoch 200; 25 epochs in the view\), scale ±\d/);
  assert.match(lines[1], /^0\.weight \[4, 2\] \(output unit × input\): min -?[\d.]+, mean -?[\d.]+, max [\d.]+; 0\.bias: min .*; mean \|Δw\| epoch 0 → 200: [\d.]+$/);
  const first = run.snapshots[0].weights![0].data, last = run.snapshots.at(-1)!.weights![0].data;
  const moved = first.reduce((s, v, i) => s + Math.abs(last[i] - v), 0) / first.length;
  assert.ok(lines[1].endsWith(`: ${Number(moved.toPrecision(3))}`), lines[1]);
  assert.deepEqual(readWeights(JSON.parse(JSON.stringify(p))), p);
});

test("layer picks a layer by its name or its weight's, and a typo is answered with the nearest name", async () => {
  const net = xorNet();
  assert.deepEqual(weightsPayload(net, { layer: "2" }).matrices.map((m) => m.name), ["2.weight"]);
  assert.deepEqual(weightsPayload(net, { layer: "0.weight" }).matrices.map((m) => m.name), ["0.weight"]);
  assert.throws(() => weightsPayload(net, { layer: "0.weigth" }), /show\.weights: no layer with a weight matrix is called "0\.weigth"; did you mean "0\.weight"\? the layers are "0", "0\.weight", "2", "2\.weight"/);
  assert.throws(() => weightsPayload(net, { layer: "1" }), /no layer with a weight matrix is called "1"/);
  assert.throws(() => weightsPayload(net, { layer: 0 } as never), /show\.weights: layer must be a string, not 0/);
  assert.throws(() => weightsPayload(net, { layers: "0" } as never), /show\.weights: unknown option "layers"; did you mean "layer"\?/);
});

test("no weight matrices, no recorded weights, or not a model: errors that say what to do", async () => {
  assert.throws(() => weightsPayload(nn.Sequential(nn.ReLU())), /show\.weights: the model has no weight matrices \(2-D parameters, as nn\.Linear's weight\) or kernels \(nn\.Conv2d's\) to show; it has no parameters/);
  const run = await train(xorNet(), data.xor(), { epochs: 3, live: false, record: { weights: false } });
  assert.throws(() => weightsPayload(run), /this history has no recorded weights: .*record: \{ weights: false \}\. Train again with record: \{ weights: true \}/);
  const none = await train(xorNet(), data.xor(), { epochs: 3, live: false, record: false });
  assert.throws(() => weightsPayload(none), /no recorded weights/);
  assert.throws(() => weightsPayload([1, 2] as never), /show\.weights: pass a model .* or the history that train\(\) returned, not a list/);
});

test("a 784 × 128 layer over 101 snapshots is thinned to a bounded payload, and the caption says how", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
  // 40 rows of 784 inputs (an MNIST-sized layer), 10 classes.
  const wide = new Dataset(randn([40, 784], { seed: 2 }), tensor(Array.from({ length: 40 }, (_, i) => i % 10)));
  const run = await train(net, wide, { epochs: 100, live: false, seed: 1, record: { activations: false, gradients: false } });
  assert.equal(run.snapshots.length, 101);
  const p = weightsPayload(run);
  const [w0] = p.matrices;
  assert.deepEqual([w0.rows.length, w0.cols.length, w0.cols[1]], [64, 88, 9]);
  const values = p.matrices.reduce((n, m) => n + m.frames.length * (m.frames[0].length + (m.bias?.frames[0].length ?? 0)), 0);
  assert.ok(values <= MAX_VALUES, `${values} values`);
  assert.ok(p.epochs.length >= 2 && p.epochs.length < 101 && p.epochs[0] === 0 && p.epochs.at(-1) === 100);
  assert.equal(p.recordedEpochs, 101);
  assert.ok(JSON.stringify(p).length < 200_000, `${JSON.stringify(p).length} characters`);
  assert.match(p.notes.join(" "), /0\.weight \[128, 784\]: every 2nd output unit \(64 of 128\) and every 9th input \(88 of 784\) shown\./);
  assert.match(p.notes.join(" "), new RegExp(`${p.epochs.length} of the 101 recorded epochs shown, spread evenly`));
  // The text reports the whole matrix, not the thinned part.
  const last = run.snapshots.at(-1)!.weights![0].data;
  assert.equal(w0.summary.max, Math.max(...last));
  assert.equal(w0.summary.min, Math.min(...last));
});

test("a malformed weights payload is refused with the field and what is wrong", () => {
  const p = weightsPayload(xorNet());
  const refuses = (json: unknown, message: RegExp) =>
    assert.throws(() => readWeights(json), (e: unknown) => e instanceof PayloadError && message.test(e.message));
  const m = p.matrices[0];
  refuses({ ...p, version: 2 }, /this weights view is payload version 2/);
  refuses({ ...p, matrices: [] }, /matrices must hold at least one matrix/);
  refuses({ ...p, maxAbs: -1 }, /maxAbs must be 0 or more/);
  refuses({ ...p, matrices: [{ ...m, shape: [4] }] }, /matrices\[0\]\.shape must have 2 sizes/);
  refuses({ ...p, matrices: [{ ...m, rows: [0, 4] }] }, /matrices\[0\]\.rows\[1\] must be an index below 4, not 4/);
  refuses({ ...p, matrices: [{ ...m, cols: [1, 0] }] }, /matrices\[0\]\.cols must be increasing/);
  refuses({ ...p, matrices: [{ ...m, frames: [[1]] }] }, /matrices\[0\]\.frames\[0\] must have one value per shown row × column \(8\), not 1/);
  refuses({ ...p, matrices: [{ ...m, frames: [m.frames[0], m.frames[0]] }] }, /matrices\[0\]\.frames must have one frame per epoch \(1\), not 2/);
  refuses({ ...p, matrices: [{ ...m, bias: { name: "b", frames: [[1]] } }] }, /matrices\[0\]\.bias\.frames\[0\] must have one value per shown row \(4\), not 1/);
  refuses({ ...p, matrices: [{ ...m, frames: [["x", 1, 1, 1, 1, 1, 1, 1]] }] }, /matrices\[0\]\.frames\[0\]\[0\] must be a number/);
  refuses({ ...p, matrices: [{ ...m, summary: { ...m.summary, moved: "far" } }] }, /matrices\[0\]\.summary\.moved must be a number/);
  refuses({ ...p, recordedEpochs: -1 }, /recordedEpochs must be a whole number/);
  const stored = viewItem(Mime.weights, p).data as WeightsPayload & { matrices: { frames: string[] }[] };
  const packed = stored.matrices[0];
  refuses({ ...stored, matrices: [{ ...packed, frames: [packed.frames[0].slice(4)] }] }, /^matrices\[0\]\.frames\[0\] must pack one value per shown row × column \(8, 24 bytes\), not 21 bytes$/);
  refuses({ ...stored, matrices: [{ ...packed, frames: ["!" + packed.frames[0].slice(1)] }] }, /^matrices\[0\]\.frames\[0\] is not base64: "!" at 0 is not a base64 character$/);
  refuses({ ...stored, matrices: [{ ...packed, frames: [null] }] }, /^matrices\[0\]\.frames\[0\] must be an array of numbers or a base64 string, not null$/);
});

test("a run's weights are stored as whole numbers of their decimals, 4 characters each, and read back exactly", async () => {
  const net = xorNet();
  const run = await train(net, data.xor(), { epochs: 30, optimizer: optim.Adam(net.parameters(), { lr: 0.1 }), live: false, seed: 1 });
  const p = weightsPayload(run);
  const stored = viewItem(Mime.weights, p).data as { matrices: { frames: string[]; bias: { frames: string[] } }[] };
  const unit = 10 ** weightDecimals(p.maxAbs);
  const [m] = stored.matrices;
  assert.equal(m.frames.length, p.matrices[0].frames.length);
  assert.equal(m.frames[0], packInt24(p.matrices[0].frames[0].map((v) => Math.round(v * unit))));
  assert.equal(m.frames[0].length, 4 * 8);
  assert.equal(m.bias.frames[0].length, 4 * 4);
  assert.deepEqual(readWeights(JSON.parse(JSON.stringify(stored))), p);
  // A scale past what three bytes hold in its units is stored as lists.
  const huge = { ...p, maxAbs: 1e9 };
  assert.deepEqual(viewItem(Mime.weights, huge).data, huge);
});

test("a convolution's kernels are drawn as kernels: [out, in·kH·kW] in PyTorch's order, with the bias and whole kernels when thinned", () => {
  const cnn = nn.Sequential(nn.Conv2d(2, 3, [2, 3]), nn.ReLU(), nn.Flatten(), nn.Linear(3 * 3 * 2, 2));
  const p = weightsPayload(cnn);
  const [conv, linear] = p.matrices;
  assert.deepEqual(conv.kernel, { channels: 2, size: [2, 3] });
  assert.deepEqual(conv.shape, [3, 12]);
  assert.equal(linear.kernel, undefined);
  const w = (cnn[0] as nn.Conv2d).weight as Tensor, decimals = weightDecimals(p.maxAbs);
  // W[o, c, ky, kx] is column c·6 + ky·3 + kx of row o.
  assert.equal(conv.frames[0][1 * 12 + 1 * 6 + 1 * 3 + 2], Number(w.data[((1 * 2 + 1) * 2 + 1) * 3 + 2].toFixed(decimals)));
  assert.equal(conv.bias!.name, "0.bias");
  assert.match(weightsText(p), /0\.weight \[3, 2, 2, 3\] \(output channel × input channel × kernel\)/);
  assert.deepEqual(readWeights(JSON.parse(JSON.stringify(storedWeights(p)))).matrices[0].kernel, conv.kernel);
  // 40 input channels: every 3rd shown, each as its whole 3×3 kernel.
  const wide = weightsPayload(nn.Conv2d(40, 4, 3)).matrices[0];
  assert.equal(wide.cols.length, 14 * 9);
  assert.deepEqual(wide.cols.slice(0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 27]);
  assert.match(weightsPayload(nn.Conv2d(40, 4, 3)).notes.join(" "), /0?weight \[4, 40, 3, 3\]: every 3rd input channel \(14 of 40\) shown/);
  const broken = { ...JSON.parse(JSON.stringify(p)), matrices: [{ ...JSON.parse(JSON.stringify(p)).matrices[0], kernel: { channels: 3, size: [2, 3] } }] };
  assert.throws(() => readWeights(broken), /3 channels of 2×3 make 18 columns, not the matrix's 12/);
});
