// End-to-end learning: the classic sets, trained with `train`, reach the accuracy the courses promise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, manualSeed, noGrad, Perceptron, Tensor } from "../../../src/engine/index";
import * as data from "../../../src/engine/data/index";
import { train } from "../../../src/engine/train/index";

function accuracy(net: nn.Module, ds: data.Dataset): number {
  const pred = noGrad(() => net.forward(ds.x) as Tensor).argmax(1);
  return pred.data.filter((p, i) => p === ds.y.data[i]).length / ds.length;
}

test("XOR: a 2-4-1 net with Tanh and Sigmoid/BCE reaches 100%", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  const xor = data.xor();
  const run = await train(net, xor, { loss: nn.BCELoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.05 }), epochs: 500, seed: 1, live: false });
  assert.equal(run.metrics.accuracy.at(-1), 1);
  assert.ok(run.loss.at(-1)! < 0.05, String(run));
  const p = noGrad(() => net.forward(xor.x));
  assert.deepEqual(Array.from(p.data, (v) => (v >= 0.5 ? 1 : 0)), [0, 1, 1, 0]);
});

test("spiral with 3 classes: a small ReLU MLP gets ≥ 95% of the training points", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 3));
  const spiral = data.spiral({ classes: 3 });
  const run = await train(net, spiral, { loss: nn.CrossEntropyLoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.01 }), epochs: 600, seed: 1, live: false });
  assert.ok(accuracy(net, spiral) >= 0.95, String(run));
  // a linear model cannot: about a third to a half
  const linear = nn.Linear(2, 3);
  await train(linear, spiral, { optimizer: optim.Adam(linear.parameters(), { lr: 0.05 }), epochs: 300, seed: 1, live: false, record: false });
  assert.ok(accuracy(linear, spiral) < 0.65);
});

test("digits: a 64-32-10 MLP on normalised pixels gets ≥ 95% of the held-out test set", async () => {
  manualSeed(1);
  const [train80, test20] = data.digits().split(0.8, { seed: 1 });
  const trainSet = train80.normalize(), testSet = test20.normalize(trainSet);
  const net = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
  const run = await train(net, trainSet, { loss: nn.CrossEntropyLoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.01 }), epochs: 15, seed: 1, validation: testSet, live: false });
  assert.equal(run.stepsPerEpoch, Math.ceil(1438 / 32));
  const acc = accuracy(net, testSet);
  assert.ok(acc >= 0.95, `test accuracy ${acc}; ${run}`);
  assert.ok(Math.abs(run.metrics.valAccuracy.at(-1)! - acc) < 1e-9);
});

test("the perceptron takes the logic data sets directly: it learns AND and OR, never all of XOR", () => {
  // The rule itself is covered in perceptron.test.ts; this checks the data sets plug into it.
  for (const ds of [data.and(), data.or(), data.nand()]) assert.equal(Perceptron(2).fit(ds, { lr: 1, epochs: 20 }).converged, true, ds.name);
  const h = Perceptron(2).fit(data.xor(), { lr: 1, epochs: 100 });
  assert.equal(h.converged, false);
  assert.ok(Math.min(...h.errors) >= 1);
});
