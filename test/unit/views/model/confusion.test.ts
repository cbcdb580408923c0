import assert from "node:assert/strict";
import { test } from "node:test";
import { data, Dataset, manualSeed, nn, train } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import { confusionItems, confusionPayload } from "../../../../src/views/model/confusion";

test("counts by true class (rows) and prediction (columns), with recall and precision in the text", () => {
  // Predicts class 1 exactly where x₁ ≥ 0.5.
  const layer = nn.Linear(2, 1);
  layer.weight.data.set([4, 0]);
  layer.bias!.data.set([-2]);
  const ds = Dataset([[0, 0], [0, 1], [1, 0], [1, 1], [0.9, 0.2]], [[0], [1], [1], [0], [1]], { classes: ["off", "on"], name: "gate" });
  const [rich, text] = confusionItems(layer, ds);
  const p = rich.data as ReturnType<typeof confusionPayload>;
  assert.equal(rich.mime, Mime.confusion);
  // true off: (0,0) → off, (1,1) → on; true on: (0,1) → off, (1,0) → on, (0.9,0.2) → on.
  assert.deepEqual(p.counts, [[1, 1], [1, 2]]);
  assert.deepEqual([p.rows, p.accuracy, p.classes], [5, 0.6, ["off", "on"]]);
  assert.equal(
    text.data,
    [
      "Confusion matrix on gate · accuracy 60% (5 rows)",
      "true \\ predicted  off  on",
      "off                 1   1",
      "on                  1   2",
      "off: recall 50%, precision 50%",
      "on: recall 66.7%, precision 66.7%",
    ].join("\n"),
  );
});

test("a trained digits classifier: the diagonal holds the right answers, a class never predicted says so", async () => {
  manualSeed(1);
  const [tr, te] = data.digits().normalize().split(0.8, { seed: 1 });
  const net = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
  await train(net, tr, { epochs: 20, batchSize: 64, live: false, seed: 1 });
  const p = confusionPayload(net, te);
  const diagonal = p.counts.reduce((sum, row, c) => sum + row[c], 0);
  assert.equal(p.accuracy, diagonal / te.length);
  assert.ok(p.accuracy > 0.9, `accuracy ${p.accuracy}`);
  assert.equal(p.counts.flat().reduce((a, b) => a + b, 0), te.length);
  const never = nn.Linear(64, 10);
  never.weight.data.fill(0);
  never.bias!.data.set([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.match(confusionItems(never, te)[1].data as string, /\n1: recall 0%, precision – \(never predicted\)/);
});

test("confusion errors", () => {
  assert.throws(() => confusionPayload(nn.Linear(1, 1), data.sine()), /show\.confusion draws classes, and this dataset is a regression/);
  assert.throws(() => confusionPayload(nn.Linear(3, 2), data.xor()), /show\.confusion: the model takes 3 inputs, and this dataset has 2 features/);
  assert.throws(() => confusionPayload(nn.Linear(2, 4), data.spiral()), /the model gives 4 outputs per row, and this dataset has 3 classes/);
});
