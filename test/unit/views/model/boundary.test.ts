import assert from "node:assert/strict";
import { test } from "node:test";
import { data, Dataset, manualSeed, nn, optim, randn, train } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import { readBoundary } from "../../../../src/protocol/read";
import { boundaryItems, boundaryPayload, boundaryProblem } from "../../../../src/views/model/boundary";
import { MAX_POINTS } from "../../../../src/views/model/sample";

const XOR = () => Dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], { name: "xor" });

/** A line through x₁ = 0.5: class 1 on its right, as a logit (no sigmoid at the end). */
function vertical(last?: nn.Module): nn.Module {
  const layer = nn.Linear(2, 1);
  layer.weight.data.set([4, 0]);
  layer.bias!.data.set([-2]);
  return last ? nn.Sequential(layer, last) : nn.Sequential(layer);
}

test("a model trained to 100% on XOR: no point misclassified, accuracy in the title and the text", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid());
  await train(net, data.xor(), { epochs: 500, optimizer: optim.Adam(net.parameters(), { lr: 0.05 }), live: false, seed: 1 });
  const [rich, text] = boundaryItems(net, data.xor());
  const p = readBoundary(rich.data);
  assert.equal(rich.mime, Mime.boundary);
  assert.deepEqual([p.accuracy, p.misclassified, p.rows, p.task, p.output], [1, 0, 4, "binary", "probability"]);
  assert.deepEqual(p.points.predicted, p.points.label);
  assert.equal(p.title, "Decision boundary on xor · accuracy 100%");
  assert.equal(p.gridX.length * p.gridY.length, 80 * 80);
  assert.equal(p.probability.length, 6400);
  assert.equal(
    text.data,
    "Decision boundary on xor · accuracy 100%\naccuracy 100%: 0 of 4 points misclassified\nclasses: 0, 1; x1 × x2\nsurface: a 80 × 80 grid over -0.1 to 1.1 × -0.1 to 1.1",
  );
});

test("a deliberately wrong model: the misclassified points are the ones it gets wrong, the surface its probability", () => {
  const p = boundaryPayload(vertical(), XOR(), { grid: 10 });
  // Class 1 right of x₁ = 0.5: (0, 1) and (1, 1) are wrong.
  assert.deepEqual(p.points.predicted, [0, 0, 1, 1]);
  assert.deepEqual(p.points.label.flatMap((l, i) => (l !== p.points.predicted[i] ? [i] : [])), [1, 3]);
  assert.deepEqual([p.accuracy, p.misclassified, p.output], [0.5, 2, "logits"]);
  // The logits went through a sigmoid: P(1) = σ(4x₁ − 2), the same along every row of the grid.
  assert.deepEqual(p.gridX, [-0.1, 0.03333, 0.1667, 0.3, 0.4333, 0.5667, 0.7, 0.8333, 0.9667, 1.1]);
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-(4 * x - 2)));
  // In hundredths, as the hover reads them.
  p.gridX.forEach((x, c) => assert.ok(Math.abs(p.probability[5 * 10 + c] - sigmoid(x)) < 6e-3, `cell ${c}`));
  assert.ok(p.probability.every((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9));
  // A sigmoid at the end: the output is read as a probability already, the same surface.
  const q = boundaryPayload(vertical(nn.Sigmoid()), XOR(), { grid: 10 });
  assert.equal(q.output, "probability");
  assert.deepEqual(q.probability, p.probability);
  assert.match(boundaryItems(vertical(), XOR(), { grid: 10 })[1].data as string, /2 of 4 points misclassified, e\.g\. \(0, 1\), \(1, 1\)/);
});

test("multiclass: the predicted class of each cell and its softmax probability", () => {
  const ds = Dataset([[-1, 0], [1, 0], [0, 1]], [0, 1, 2], { task: "multiclass" });
  const layer = nn.Linear(2, 3);
  layer.weight.data.set([-1, 0, 1, 0, 0, 1]);
  layer.bias!.data.set([0, 0, 0]);
  const p = boundaryPayload(layer, ds, { grid: 10 });
  assert.equal(p.task, "multiclass");
  assert.deepEqual(p.points.predicted, [0, 1, 2]);
  const cell = 9 * 10; // top row, leftmost: x₁ = −1.2, x₂ = 1.1
  const logits = [1.2, -1.2, 1.1];
  const best = Math.exp(1.2) / logits.reduce((s, v) => s + Math.exp(v), 0);
  assert.equal(p.predicted![cell], 0);
  assert.ok(Math.abs(p.probability[cell] - best) < 2e-3);
  assert.equal(p.predicted!.length, 100);
});

test("the model runs in eval mode without a graph, and its modes are restored", () => {
  manualSeed(2);
  const net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 1));
  net.train();
  const a = boundaryPayload(net, XOR(), { grid: 10 });
  const b = boundaryPayload(net, XOR(), { grid: 10 });
  assert.deepEqual(a.probability, b.probability, "dropout is off: the same output twice");
  assert.ok(net.namedModules().every(([, m]) => m.training));
  assert.ok(net.parameters().every((p) => p.grad === null || p.grad === undefined));
});

test("a large data set: every row counted, an even sample of them drawn, and said so", () => {
  manualSeed(3);
  const ds = data.blobs({ n: 12_000, seed: 1 });
  const net = nn.Sequential(nn.Linear(2, ds.numClasses));
  const [rich, text] = boundaryItems(net, ds, { grid: 10 });
  const p = readBoundary(rich.data);
  assert.equal(p.rows, 12_000);
  assert.equal(p.points.x.length, MAX_POINTS);
  assert.match(text.data as string, /points drawn: 5,000 of 12,000, evenly spread/);
});

test("errors say what is wrong and what to use instead", () => {
  const four = Dataset(randn([10, 4]), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], { task: "multiclass" });
  assert.throws(() => boundaryPayload(nn.Linear(4, 2), four), /^RangeError: show\.boundary needs 2 features; this dataset has 4: use show\.confusion for a classifier with any number of features$/);
  assert.throws(() => boundaryPayload(nn.Linear(1, 1), data.sine()), /show\.boundary draws classes, and this dataset is a regression \(real-valued y\): use show\.fit/);
  assert.throws(() => boundaryPayload(nn.Linear(3, 1), XOR()), /show\.boundary: the model takes 3 inputs, and this dataset has 2 features; train a model with nn\.Linear\(2, …\) first/);
  assert.throws(() => boundaryPayload(XOR() as never, XOR()), /show\.boundary: the first argument must be a model \(an nn\.Module such as nn\.Sequential\(…\)\), not a Dataset/);
  assert.throws(() => boundaryPayload(nn.Linear(2, 1), [[0, 1]] as never), /the second argument must be a Dataset \(e\.g\. data\.moons\(\)\), not a list/);
  assert.throws(() => boundaryPayload(nn.Linear(2, 3), XOR()), /the model gives 3 outputs per row, and this dataset has 2 classes; they must match/);
  assert.throws(() => boundaryPayload(nn.Linear(2, 1), data.spiral()), /the model gives 1 output per row, and this dataset has 3 classes; end the model with nn\.Linear\(…, 3\)/);
  assert.throws(() => boundaryPayload(nn.Linear(2, 1), XOR(), { gird: 10 } as never), /show\.boundary: unknown option "gird"; did you mean "grid"\? The options are grid, title/);
  assert.throws(() => boundaryPayload(nn.Linear(2, 1), XOR(), { grid: 5 }), /show\.boundary: grid must be from 10 to 200 cells per side, not 5/);
  assert.throws(() => boundaryPayload(nn.Linear(2, 1), XOR(), { grid: 2.5 }), /show\.boundary: grid must be a whole number ≥ 1, not 2\.5/);
  const blown = nn.Linear(2, 1);
  blown.weight.data.set([NaN, 0]);
  assert.throws(() => boundaryPayload(blown, XOR()), /the model's output is NaN for some inputs/);
  assert.equal(boundaryProblem(nn.Linear(4, 2), four), "show.boundary needs 2 features; this dataset has 4: use show.confusion for a classifier with any number of features");
  assert.equal(boundaryProblem(nn.Linear(2, 1), XOR()), undefined);
});
