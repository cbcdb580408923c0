import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, tensor, manualSeed, randn, Tensor } from "../../../src/engine/index";
import * as data from "../../../src/engine/data/index";
import { Dataset } from "../../../src/engine/data/index";
import { train, History, TrainingError, setTrainingHooks, type ProgressState } from "../../../src/engine/train/index";

function mlp(seed = 1, hidden = 8, out = 1, last: nn.Module | null = null): nn.Sequential {
  manualSeed(seed);
  const layers: nn.Module[] = [nn.Linear(2, hidden), nn.Tanh(), nn.Linear(hidden, out)];
  if (last) layers.push(last);
  return nn.Sequential(...layers);
}

test("defaults: full batch up to 1,024 rows, 32 above; accuracy for classification only; a History back", async () => {
  const net = mlp();
  const h = await train(net, data.xor(), { epochs: 3, live: false });
  assert.ok(h instanceof History);
  assert.equal(h.epochs, 3);
  assert.equal(h.stepsPerEpoch, 1);
  assert.equal(h.loss.length, 3);
  assert.deepEqual(Object.keys(h.metrics), ["accuracy"]);
  assert.equal(h.metrics.accuracy.length, 3);
  assert.deepEqual(h.valLoss, []);
  assert.deepEqual(h.lr, [0.01, 0.01, 0.01]); // the default Adam's rate
  assert.equal(h.stoppedEarly, false);
  assert.equal(h.interrupted, false);

  const big = await train(nn.Linear(2, 3), data.blobs({ n: 1100 }), { epochs: 1, live: false, record: false });
  assert.equal(big.stepsPerEpoch, 35); // ⌈1100 / 32⌉
  const reg = await train(nn.Linear(1, 1), data.line(), { epochs: 2, live: false });
  assert.deepEqual(reg.metrics, {});
  const mae = await train(nn.Linear(1, 1), data.line(), { epochs: 2, live: false, metrics: ["mae"] });
  assert.equal(mae.metrics.mae.length, 2);
  await assert.rejects(train(mlp(), data.xor(), { epochs: 1, metrics: ["f1" as "mae"] }), /unknown metric "f1"/);
  await assert.rejects(train(mlp(), data.xor(), { epochs: 1.5 }), /epochs must be a whole number/);
  await assert.rejects(train(mlp(), { x: 1 } as never), /must be a Dataset/);
  await assert.rejects(train(nn.Linear(1, 1), data.line(), { loss: nn.MSELoss as never, epochs: 1 }), /loss must return a tensor.*nn\.MSELoss\(\)/);
  const custom = await train(nn.Linear(1, 1), data.line(), { loss: (p, t) => p.sub(t).abs().mean(), epochs: 2, live: false });
  assert.equal(custom.loss.length, 2);
});

test("the default loss follows the task and the last layer", async () => {
  // Sigmoid last → BCELoss: the first loss equals BCELoss on the initial predictions
  for (const [net, lossFn] of [
    [mlp(2, 4, 1, nn.Sigmoid()), nn.BCELoss()],
    [mlp(2, 4, 1), nn.BCEWithLogitsLoss()],
  ] as const) {
    const xor = data.xor();
    const expected = lossFn.forward(net.forward(xor.x), xor.y).item();
    const h = await train(net, xor, { epochs: 1, optimizer: optim.SGD(net.parameters(), { lr: 0.1 }), live: false });
    assert.ok(Math.abs(h.loss[0] - expected) < 1e-6);
  }
  const sp = data.spiral({ n: 30 }), lin = nn.Linear(2, 3);
  const ce = nn.CrossEntropyLoss().forward(lin.forward(sp.x), sp.y).item();
  assert.ok(Math.abs((await train(lin, sp, { epochs: 1, live: false })).loss[0] - ce) < 1e-6);
});

test("same seed and same initial weights give identical numbers; another seed other batches", async () => {
  const run = async (seed: number) => {
    const net = mlp(3, 16, 3);
    return train(net, data.spiral({ n: 90 }), { epochs: 5, batchSize: 16, seed, validation: 0.2, live: false });
  };
  const a = await run(7), b = await run(7), c = await run(8);
  assert.deepEqual(a.loss, b.loss);
  assert.deepEqual(a.valLoss, b.valLoss);
  assert.deepEqual(a.metrics, b.metrics);
  assert.notDeepEqual(a.loss, c.loss);
  // without a seed, manualSeed makes it repeatable
  const d = async () => {
    const net = mlp(3, 16, 3);
    manualSeed(11);
    return train(net, data.spiral({ n: 90 }), { epochs: 3, batchSize: 16, live: false });
  };
  assert.deepEqual((await d()).loss, (await d()).loss);
});

test("the seed also seeds dropout: same seed, same numbers; another seed others; the global generator untouched", async () => {
  const net = () => {
    manualSeed(4);
    return nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 1));
  };
  const moons = data.moons({ n: 80, noise: 0.2, seed: 1 });
  const run = (seed: number, batchSize = 16) => train(net(), moons, { epochs: 8, batchSize, seed, live: false, record: false });
  const a = await run(3), b = await run(3), c = await run(5);
  assert.deepEqual(a.loss, b.loss);
  assert.deepEqual(a.metrics, b.metrics);
  assert.notDeepEqual(a.loss, c.loss);
  // full batch: nothing is shuffled, so only the dropout masks make two seeds differ
  const full1 = await run(3, 80), full2 = await run(3, 80), other = await run(5, 80);
  assert.deepEqual(full1.loss, full2.loss);
  assert.notDeepEqual(full1.loss, other.loss);
  // training with a seed leaves the global generator where it was
  manualSeed(9);
  const expected = randn([3]).toArray();
  const model = net();
  manualSeed(9);
  await train(model, moons, { epochs: 3, seed: 1, live: false, record: false });
  assert.deepEqual(randn([3]).toArray(), expected);
  // without a seed, manualSeed makes a run with dropout repeatable too
  const unseeded = async () => {
    const m = net();
    manualSeed(12);
    return train(m, moons, { epochs: 4, batchSize: 16, live: false, record: false });
  };
  assert.deepEqual((await unseeded()).loss, (await unseeded()).loss);
});

test("two trainings at once each keep their own random numbers, and the global generator its own", async () => {
  const big = data.moons({ n: 2000, noise: 0.2, seed: 2 });
  const model = () => {
    manualSeed(6);
    return nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 1));
  };
  // long enough (over 50 ms) that each yields to the other between steps
  const run = (m: nn.Module) => train(m, big, { epochs: 3, batchSize: 64, seed: 8, live: false, record: false });
  const alone = await run(model());
  const m1 = model(), m2 = model();
  manualSeed(1);
  const before = randn([2]).toArray();
  manualSeed(1);
  const [p, q] = await Promise.all([run(m1), run(m2)]);
  assert.deepEqual(p.loss, alone.loss);
  assert.deepEqual(q.loss, alone.loss);
  assert.deepEqual(randn([2]).toArray(), before);
});

test("validation: a fraction split off with the seed, or a Dataset; metrics get val names", async () => {
  const ds = data.moons({ n: 100, noise: 0.1 });
  const h = await train(mlp(), ds, { epochs: 4, validation: 0.25, seed: 2, live: false });
  assert.equal(h.valLoss.length, 4);
  assert.deepEqual(Object.keys(h.metrics), ["accuracy", "valAccuracy"]);
  assert.ok(h.metrics.valAccuracy.every((v) => v >= 0 && v <= 1 && Math.round(v * 25) === v * 25)); // 25 validation rows
  const [tr, va] = ds.split(0.5);
  const h2 = await train(mlp(), tr, { epochs: 2, validation: va, live: false });
  assert.equal(h2.valLoss.length, 2);
  await assert.rejects(train(mlp(), ds, { validation: 1.5 }), /validation must be a Dataset or a fraction/);
});

test("accuracy: ≥ 0.5 on probabilities, ≥ 0 on logits with BCEWithLogitsLoss, argmax for several classes", async () => {
  const ds = Dataset([[1], [2], [3], [4]], [[1], [1], [0], [0]]);
  const fixed = (out: number[][]) => {
    const m = nn.Sequential(nn.Linear(1, out[0].length));
    m.forward = () => tensor(out).add(m.parameters()[0].sum().mul(0)); // constant output, still differentiable
    return m;
  };
  const probs = fixed([[0.6], [0.4], [0.4], [0.6]]); // right, wrong, right, wrong
  assert.deepEqual((await train(probs, ds, { loss: nn.BCELoss(), epochs: 1, live: false })).metrics.accuracy, [0.5]);
  const logits = fixed([[0.1], [-0.1], [0.3], [-2]]); // right, wrong, wrong, right
  assert.deepEqual((await train(logits, ds, { loss: nn.BCEWithLogitsLoss(), epochs: 1, live: false })).metrics.accuracy, [0.5]);
  const multi = Dataset([[1], [2], [3]], [0, 2, 1]);
  const scores = fixed([[3, 1, 0], [0, 1, 2], [0, 1, 2]]); // right, right, wrong
  const h = await train(scores, multi, { epochs: 1, live: false });
  assert.ok(Math.abs(h.metrics.accuracy[0] - 2 / 3) < 1e-9);
});

test("early stopping: patience on the training loss without validation, on the validation loss with it", async () => {
  const net = mlp();
  // lr 0: the loss never improves after epoch 1
  const h = await train(net, data.xor(), { epochs: 100, optimizer: optim.SGD(net.parameters(), { lr: 0 }), earlyStopping: { patience: 3 }, live: false });
  assert.equal(h.stoppedEarly, true);
  assert.equal(h.epochs, 4);
  assert.equal(h.bestEpoch, 1);
  assert.match(String(h), /stopped early, best epoch 1/);

  // minDelta: improvements smaller than it do not count
  const slow = mlp();
  const h2 = await train(slow, data.xor(), { epochs: 100, optimizer: optim.SGD(slow.parameters(), { lr: 1e-4 }), earlyStopping: { patience: 2, minDelta: 1 }, live: false });
  assert.equal(h2.epochs, 3);

  // with validation, the validation loss decides: an overfitting run stops although training loss falls
  manualSeed(5);
  const big = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1));
  const noisy = data.moons({ n: 60, noise: 0.5, seed: 1 });
  const h3 = await train(big, noisy, { epochs: 400, validation: 0.5, seed: 1, optimizer: optim.Adam(big.parameters(), { lr: 0.02 }), earlyStopping: { patience: 10 }, live: false });
  assert.equal(h3.stoppedEarly, true);
  assert.ok(h3.epochs < 400);
  assert.equal(h3.epochs, h3.bestEpoch + 10);
  const bestVal = Math.min(...h3.valLoss);
  assert.equal(h3.valLoss[h3.bestEpoch - 1], bestVal);
  assert.ok(h3.loss[h3.epochs - 1] < h3.loss[h3.bestEpoch - 1]);

  // bestEpoch is kept without early stopping too
  const h4 = await train(mlp(), data.xor(), { epochs: 20, live: false });
  assert.equal(h4.loss[h4.bestEpoch - 1], Math.min(...h4.loss));
});

test("NaN or Infinity stops training with where and why, and the history so far", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 1));
  const err = await train(net, data.line({ n: 64 }), { epochs: 50, batchSize: 16, optimizer: optim.SGD(net.parameters(), { lr: 50 }), live: false }).then(
    () => assert.fail("expected an error"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof TrainingError);
  assert.match(err.message, /^train: the (loss|network's output) became (NaN|Infinity|-Infinity) at epoch \d+, step \d+ of 4/);
  assert.match(err.message, /learning rate \(50\) is too high.*lower it, e\.g\. to 5\b/);
  assert.match(err.message, /clipNorm/);
  assert.ok(err.history instanceof History);
  assert.equal(err.history.epochs, err.epoch - 1);
  assert.equal(err.history.loss.length, err.epoch - 1);

  // BCELoss on an output that is NaN: the same error, with the BCEWithLogitsLoss hint
  const sig = mlp(1, 4, 1, nn.Sigmoid());
  (sig.parameters()[0] as Tensor).data[0] = NaN;
  await assert.rejects(train(sig, data.xor(), { loss: nn.BCELoss(), epochs: 5, live: false }), (e: TrainingError) => {
    assert.match(e.message, /the network's output became NaN at epoch 1, step 1 of 1/);
    assert.match(e.message, /BCEWithLogitsLoss/);
    assert.equal(e.epoch, 1);
    assert.equal(e.step, 1);
    return true;
  });
  await assert.rejects(train(mlp(), Dataset([[NaN, 1]], [[1]]), { epochs: 1 }), /the data has NaN in x at row 0, column 0/);
});

test("the stop hook ends training after the current step; the model keeps its weights", async () => {
  let checks = 0;
  setTrainingHooks({ shouldStop: () => ++checks >= 7 });
  try {
    const net = mlp(1, 8, 3);
    const h = await train(net, data.spiral({ n: 60 }), { epochs: 100, batchSize: 20, live: false });
    assert.equal(h.interrupted, true);
    assert.equal(checks, 7); // checked after each step: 3 steps per epoch, stopped at epoch 3, step 1
    assert.equal(h.epochs, 3);
    assert.equal(h.loss.length, 3);
    assert.match(String(h), /interrupted/);
    assert.equal(h.snapshots.at(-1)!.epoch, 3);
    assert.deepEqual(Array.from(h.snapshots.at(-1)!.weights![0].data), Array.from(net.parameters()[0].data));
  } finally {
    setTrainingHooks(undefined);
  }
});

test("progress: after each epoch and once more when done, only when live", async () => {
  const calls: ProgressState[] = [];
  const seen: History[] = [];
  setTrainingHooks({ progress: (h, s) => (calls.push({ ...s }), seen.push(h)) });
  try {
    const h = await train(mlp(), data.xor(), { epochs: 3 });
    assert.deepEqual(calls, [
      { epoch: 1, epochs: 3, step: 1, stepsPerEpoch: 1, done: false },
      { epoch: 2, epochs: 3, step: 1, stepsPerEpoch: 1, done: false },
      { epoch: 3, epochs: 3, step: 1, stepsPerEpoch: 1, done: false },
      { epoch: 3, epochs: 3, step: 1, stepsPerEpoch: 1, done: true },
    ]);
    assert.ok(seen.every((s) => s === h));
    calls.length = 0;
    await train(mlp(), data.xor(), { epochs: 3, live: false });
    assert.equal(calls.length, 0);
    // an error ends the live view too
    const bad = mlp();
    (bad.parameters()[0] as Tensor).data[0] = NaN;
    await assert.rejects(train(bad, data.xor(), { epochs: 3 }), TrainingError);
    assert.deepEqual(calls.map((c) => c.done), [true]);
  } finally {
    setTrainingHooks(undefined);
  }
});

test("train yields to the event loop during long runs", async () => {
  let fired = false, firedBeforeEnd = false;
  setTimeout(() => (fired = true), 0);
  setTrainingHooks({ progress: (_, s) => s.done && (firedBeforeEnd = fired) });
  try {
    manualSeed(1);
    const net = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 3));
    const start = Date.now();
    await train(net, data.spiral(), { epochs: 400, record: false });
    assert.ok(Date.now() - start > 60, "the run should be long enough to need a yield");
    assert.ok(firedBeforeEnd);
  } finally {
    setTrainingHooks(undefined);
  }
});

test("l2 adds λ·Σw² over weight matrices, not biases", async () => {
  manualSeed(4);
  const a = nn.Linear(2, 1), b = nn.load(JSON.stringify(a)) as nn.Linear;
  const x = tensor([[0.5, -1], [1, 2], [0, 1]]), y = tensor([[1], [0], [2]]);
  await train(a, { x, y }, { loss: nn.MSELoss(), optimizer: optim.SGD(a.parameters(), { lr: 0.1 }), l2: 0.5, epochs: 1, live: false, record: false });
  // by hand: loss = mse + 0.5·Σw², one SGD step
  const loss = nn.MSELoss().forward(b.forward(x), y).add(b.weight.pow(2).sum().mul(0.5));
  loss.backward();
  const w = Array.from(b.weight.data, (v, i) => v - 0.1 * b.weight.grad!.data[i]);
  const bias = b.bias!.data[0] - 0.1 * b.bias!.grad!.data[0];
  assert.ok(Array.from(a.weight.data).every((v, i) => Math.abs(v - w[i]) < 1e-6));
  assert.ok(Math.abs(a.bias!.data[0] - bias) < 1e-6);
});

test("clipNorm caps the step; the scheduler is stepped once per epoch", async () => {
  manualSeed(2);
  const net = nn.Linear(1, 1), before = [net.weight.data[0], net.bias!.data[0]];
  const big = Dataset([[100], [200]], [[1e4], [-1e4]]);
  await train(net, big, { loss: nn.MSELoss(), optimizer: optim.SGD(net.parameters(), { lr: 1 }), clipNorm: 0.5, epochs: 1, live: false });
  const moved = Math.hypot(net.weight.data[0] - before[0], net.bias!.data[0] - before[1]);
  assert.ok(moved <= 0.5 + 1e-5 && moved > 0.49, `moved ${moved}`);

  const m = mlp(), opt = optim.SGD(m.parameters(), { lr: 1 });
  const h = await train(m, data.xor(), { optimizer: opt, scheduler: optim.StepLR(opt, { stepSize: 2, gamma: 0.5 }), epochs: 5, live: false });
  assert.deepEqual(h.lr, [1, 1, 0.5, 0.5, 0.25]);
});

test("recording: weights, gradients and activations every `every` epochs, plus the first and the last", async () => {
  const net = nn.Sequential(nn.Linear(2, 6), nn.ReLU(), nn.Linear(6, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  const h = await train(net, data.circles({ n: 40 }), { loss: nn.BCELoss(), epochs: 7, record: { every: 3 }, live: false });
  assert.deepEqual(h.snapshots.map((s) => s.epoch), [0, 3, 6, 7]);
  const [first, , , last] = h.snapshots;
  assert.equal(first.gradients, undefined);
  assert.deepEqual(first.weights!.map((w) => w.name), ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]);
  assert.deepEqual(first.weights![0].shape, [6, 2]);
  assert.notDeepEqual(Array.from(first.weights![0].data), Array.from(net.parameters()[0].data));
  assert.deepEqual(Array.from(last.weights![0].data), Array.from(net.parameters()[0].data));
  assert.deepEqual(last.gradients!.map((g) => g.name), ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]);
  assert.ok(last.gradients!.every((g) => g.maxAbs >= g.meanAbs && g.meanAbs > 0));
  const acts = last.activations!;
  assert.deepEqual(acts.map((a) => a.type), ["Linear", "ReLU", "Linear", "Tanh", "Linear", "Sigmoid"]);
  assert.deepEqual(acts[1].shape, [32, 6]); // the sample: 5% of the rows between snapshots, at least 32
  assert.equal(acts[0].saturated, null);
  assert.ok(acts[1].min >= 0 && acts[1].zeros > 0); // ReLU: some outputs are exactly 0
  assert.ok(acts[3].saturated !== null && acts[5].saturated !== null);
  assert.ok(acts.every((a) => a.histogram.counts.reduce((s, c) => s + c, 0) === a.shape[0] * a.shape[1]));
  // the plain JSON form has no typed arrays
  const json = JSON.parse(JSON.stringify(h));
  assert.deepEqual(json.snapshots[0].weights[0].data.length, 12);
  assert.equal(json.epochs, 7);
  // off, or in parts
  assert.deepEqual((await train(net, data.xor(), { epochs: 2, record: false, live: false })).snapshots, []);
  const only = await train(net, data.xor(), { epochs: 2, record: { weights: false, activations: false }, live: false });
  assert.deepEqual(only.snapshots.map((s) => [s.epoch, !!s.weights, !!s.gradients, !!s.activations]), [[0, false, false, false], [1, false, true, false], [2, false, true, false]]);
  // by default about 100 snapshots however long the run
  assert.equal((await train(net, data.xor(), { epochs: 1000, live: false })).snapshots.length, 101);
});

test("recorded gradients are those of the epoch's last step, before clipping", async () => {
  manualSeed(6);
  const net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));
  const copy = nn.load(JSON.stringify(net)) as nn.Sequential;
  const xor = data.xor();
  const h = await train(net, xor, { loss: nn.MSELoss(), epochs: 1, clipNorm: 1e-3, live: false });
  nn.MSELoss().forward(copy.forward(xor.x), xor.y).backward();
  copy.namedParameters().forEach(([name, p], i) => {
    const g = Array.from(p.grad!.data, Math.abs), rec = h.snapshots[1].gradients![i];
    assert.equal(rec.name, name);
    assert.ok(Math.abs(rec.meanAbs - g.reduce((s, v) => s + v, 0) / g.length) < 1e-6);
    assert.ok(Math.abs(rec.maxAbs - Math.max(...g)) < 1e-6);
  });
});

test("gradient summaries are taken on the epochs that are recorded only, and on the one early stopping ends", async () => {
  // Full batch: every step ends an epoch. 1,000 epochs are recorded every 10th (101 snapshots).
  const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1));
  const named = net.namedParameters.bind(net);
  let calls = 0;
  net.namedParameters = () => (calls++, named());
  const h = await train(net, data.xor(), { loss: nn.MSELoss(), epochs: 1000, live: false });
  assert.equal(h.snapshots.length, 101);
  assert.ok(h.snapshots.slice(1).every((s) => s.gradients!.length === 4));
  // weights (101) and gradients (100) of the snapshots, and the few calls train() makes to start
  assert.ok(calls < 220, `namedParameters() was called ${calls} times`);

  // Early stopping after epoch 4, which `every: 3` does not record on its own: its gradients are still there.
  const still = mlp();
  const h2 = await train(still, data.xor(), { epochs: 100, optimizer: optim.SGD(still.parameters(), { lr: 0 }), earlyStopping: { patience: 3 }, record: { every: 3 }, live: false });
  assert.deepEqual(h2.snapshots.map((s) => [s.epoch, !!s.gradients]), [[0, false], [3, true], [4, true]]);
});

test("recording activations costs under 10% of the rows a small MLP on spiral pushes through its first layer", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3));
  const first = net[0] as nn.Linear, forward = first.forward.bind(first);
  let rows = 0;
  first.forward = (x: Tensor) => ((rows += x.shape[0]), forward(x));
  await train(net, data.spiral(), { epochs: 300, record: false, live: false });
  const plain = rows;
  rows = 0;
  await train(net, data.spiral(), { epochs: 300, live: false });
  const extra = rows - plain;
  assert.ok(extra > 0);
  assert.ok(extra / plain < 0.1, `recording added ${((100 * extra) / plain).toFixed(1)}% rows (forward only; backward doubles the training side)`);
});

test("train restores each module's train/eval mode and accepts { x, y }", async () => {
  const net = nn.Sequential(nn.Linear(2, 4), nn.Dropout(0.5), nn.Linear(4, 1));
  net.eval();
  const seenModes: boolean[] = [];
  const drop = net[1] as nn.Dropout, fwd = drop.forward.bind(drop);
  drop.forward = (x: Tensor) => (seenModes.push(drop.training), fwd(x));
  await train(net, { x: tensor([[0, 1], [1, 0]]), y: tensor([[1], [0]]) }, { epochs: 2, record: false, live: false });
  assert.ok(seenModes.includes(true)); // training steps ran in train mode
  assert.ok(net.namedModules().every(([, m]) => m.training === false));
});

test("History.toString: one line with the loss from first to last and the metrics", () => {
  const h = new History();
  h.epochs = 200;
  h.loss = [0.6931, 0.3, 0.0123];
  h.metrics = { accuracy: [0.5, 1, 1] };
  assert.equal(String(h), "History(200 epochs, loss 0.693 → 0.0123, accuracy 100%)");
  h.valLoss = [0.7, 0.2, 0.05];
  h.metrics.valAccuracy = [0.4, 0.9, 0.975];
  assert.equal(String(h), "History(200 epochs, loss 0.693 → 0.0123, val loss 0.05, accuracy 100%, val accuracy 97.5%)");
  h.loss = [0.5, 0.0001234];
  h.valLoss = [];
  h.metrics = {};
  h.interrupted = true;
  assert.equal(String(h), "History(200 epochs, loss 0.5 → 1.23e-4, interrupted)");
});
