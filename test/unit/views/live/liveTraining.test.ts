import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { data, Dataset, manualSeed, nn, randn, train } from "../../../../src/engine";
import { setTrainingHooks } from "../../../../src/engine/train/hooks";
import { Mime } from "../../../../src/protocol/mimes";
import type { OutputItem } from "../../../../src/protocol/outputs";
import { setDisplaySink } from "../../../../src/views/displaySink";
import { drawnLiveIn, liveTraining } from "../../../../src/views/live/liveTraining";
import { LIVE_VIEWS } from "../../../../src/views/live/liveViews";

interface Shown {
  items: OutputItem[];
  id?: string;
  update?: boolean;
}

function capture(run = 7): Shown[] {
  const shown: Shown[] = [];
  setDisplaySink((items, options) => shown.push({ items, ...options }));
  setTrainingHooks(liveTraining(() => run));
  return shown;
}

afterEach(() => {
  setTrainingHooks(undefined);
  setDisplaySink(undefined);
});

const net = (inputs = 2, outputs = 1) => {
  manualSeed(1);
  return nn.Sequential(nn.Linear(inputs, 8), nn.Tanh(), nn.Linear(8, outputs));
};

test("live views by name: one output per view, replaced in place, drawn once more at the end", async () => {
  const shown = capture();
  const history = await train(net(), data.moons({ n: 100, seed: 1 }), { epochs: 20, live: ["loss", "boundary"] });
  const ids = [...new Set(shown.map((s) => s.id))];
  assert.equal(ids.length, 2);
  assert.match(ids[0]!, /^train-\d+-loss$/);
  assert.match(ids[1]!, /^train-\d+-boundary$/);
  // The first drawing of each is new, every later one an update of it.
  assert.deepEqual(shown.slice(0, 2).map((s) => s.update), [false, false]);
  assert.ok(shown.slice(2).every((s) => s.update === true));
  assert.deepEqual(shown.map((s) => s.items[0].mime).slice(0, 2), [Mime.loss, Mime.boundary]);
  // The last drawing is of the end: no progress left in it.
  const last = shown.at(-1)!.items[0].data as { progress?: unknown; grid?: unknown; gridX: number[] };
  assert.equal(last.progress, undefined);
  // Coarse while training, show.boundary's grid once done.
  assert.equal(last.gridX.length, 80);
  assert.equal((shown[1].items[0].data as { gridX: number[] }).gridX.length, 40);
  const firstBoundary = shown[1].items[0].data as { progress?: { done: number; total: number } };
  assert.deepEqual(firstBoundary.progress, { done: 1, total: 20 });
  // Drawn live in run 7, so that run's last value does not draw the loss again; another run's does.
  assert.ok(drawnLiveIn(history, 7));
  assert.ok(!drawnLiveIn(history, 8));
});

test("live: true is the loss curve alone, false draws nothing, fit draws a regression", async () => {
  const shown = capture();
  const history = await train(net(), data.xor(), { epochs: 3 });
  assert.deepEqual([...new Set(shown.map((s) => s.items[0].mime))], [Mime.loss]);
  assert.ok(drawnLiveIn(history, 7));
  shown.length = 0;
  const quiet = await train(net(), data.xor(), { epochs: 3, live: false });
  assert.equal(shown.length, 0);
  assert.ok(!drawnLiveIn(quiet, 7));
  const boundaryOnly = await train(net(), data.xor(), { epochs: 3, live: ["boundary"] });
  assert.ok(!drawnLiveIn(boundaryOnly, 7), "the loss was not drawn, so the value shows it");
  shown.length = 0;
  await train(net(1), data.sine(), { epochs: 3, live: ["fit"] });
  assert.deepEqual([...new Set(shown.map((s) => s.items[0].mime))], [Mime.fit]);
});

test("updates are throttled: a long run draws far fewer times than it has epochs", async () => {
  const shown = capture();
  const start = Date.now();
  await train(net(), data.moons({ n: 200, seed: 1 }), { epochs: 3000, live: ["loss", "boundary"], record: false });
  const seconds = (Date.now() - start) / 1000;
  const drawings = shown.length / 2;
  assert.ok(drawings <= Math.ceil(seconds * 8) + 2, `${drawings} drawings in ${seconds.toFixed(2)} s`);
  assert.ok(drawings >= 2);
});

test("a view name that is not one, or a view that cannot draw this model, is an error before training starts", async () => {
  capture();
  const model = net();
  const before = Array.from(model.parameters()[0].data);
  await assert.rejects(train(model, data.xor(), { epochs: 3, live: ["boundry"] }), /^RangeError: train: live: unknown view "boundry"; did you mean "boundary"\? The live views are "loss", "boundary", "fit", "weights", "gradients"$/);
  const four = Dataset(randn([12, 4]), [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], { task: "multiclass" });
  await assert.rejects(
    train(net(4, 3), four, { epochs: 3, live: ["loss", "boundary"] }),
    /^RangeError: train: live view "boundary" cannot be drawn for this model and data: show\.boundary needs 2 features; this dataset has 4: use show\.confusion/,
  );
  await assert.rejects(train(model, data.xor(), { epochs: 3, live: ["fit"] }), /live view "fit" cannot be drawn for this model and data: show\.fit draws a regression/);
  await assert.rejects(train(model, data.xor(), { epochs: 3, live: "loss" as never }), /^TypeError: train: live must be true, false or a list of view names such as \["loss", "boundary"\], not the string "loss"$/);
  await assert.rejects(train(model, data.xor(), { epochs: 3, live: ["loss", "loss"] }), /train: live names "loss" twice/);
  assert.deepEqual(Array.from(model.parameters()[0].data), before, "nothing was trained");
});

test("a view that cannot draw the model as it stands says so in its place, and training ends with its own error", async () => {
  const shown = capture();
  const model = net();
  (model.parameters()[0].data as Float32Array)[0] = NaN;
  await assert.rejects(train(model, data.xor(), { epochs: 3, live: ["boundary"] }), /TrainingError|the network's output became NaN/);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].items[0].mime, Mime.text);
  assert.match(shown[0].items[0].data as string, /^live boundary view: cannot draw the model as it stands at the end: show\.boundary: the model's output is NaN/);
});

test("the registry: each view draws from the model, the data and the history", () => {
  const recorded = { weights: true, gradients: true };
  assert.deepEqual(Object.keys(LIVE_VIEWS), ["loss", "boundary", "fit", "weights", "gradients"]);
  assert.equal(LIVE_VIEWS.boundary.problem!(net(), data.xor(), recorded), undefined);
  assert.equal(LIVE_VIEWS.loss.problem, undefined);
  assert.equal(LIVE_VIEWS.weights.problem!(net(), data.xor(), recorded), undefined);
});

test("live weights and gradients: drawn from the snapshots so far, each one output replaced in place, and refused when not recorded", async () => {
  const shown = capture();
  await train(net(), data.xor(), { epochs: 40, live: ["weights", "gradients"], seed: 1 });
  const weights = shown.filter((d) => d.items[0].mime === Mime.weights);
  const gradients = shown.filter((d) => d.items[0].mime === Mime.gradients);
  assert.ok(weights.length >= 2 && gradients.length >= 1, `${weights.length} weights and ${gradients.length} gradients drawings`);
  // One output each: the first drawing makes it, every later one replaces it.
  for (const drawings of [weights, gradients]) {
    assert.equal(new Set(drawings.map((d) => d.id)).size, 1);
    assert.deepEqual(drawings.map((d) => Boolean(d.update)), [false, ...drawings.slice(1).map(() => true)]);
  }
  // The last weights drawing has every recorded epoch, to step through after training.
  const last = weights.at(-1)!.items[0].data as { epochs: number[] };
  assert.equal(last.epochs.at(-1), 40);
  await assert.rejects(train(net(), data.xor(), { epochs: 5, live: ["gradients"], record: { gradients: false } }), /train: live view "gradients" cannot be drawn for this model and data: it is drawn from the gradients training records, and record\.gradients is off/);
  await assert.rejects(train(net(), data.xor(), { epochs: 5, live: ["weights"], record: false }), /live view "weights" cannot be drawn/);
});
