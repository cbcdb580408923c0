import assert from "node:assert/strict";
import { test } from "node:test";
import { data, manualSeed, nn, optim, train } from "../../../src/engine";
import { readLoss } from "../../../src/protocol/read";
import { lossX } from "../../../src/protocol/lossPayload";
import { lossItems, lossPayload, MAX_LOSS_POINTS } from "../../../src/views/lossView";

test("a history's view says what its curves say: validation span and best epoch, early stop, final metrics", async () => {
  manualSeed(3);
  const net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1));
  const noisy = data.moons({ n: 200, noise: 0.35, seed: 2 });
  const run = await train(net, noisy, { epochs: 400, validation: 0.5, seed: 1, optimizer: optim.Adam(net.parameters(), { lr: 0.03 }), earlyStopping: { patience: 15 }, live: false });
  assert.ok(run.stoppedEarly, "the fixture must stop early");
  const payload = lossPayload(run);
  assert.deepEqual(payload.series.map((s) => [s.label, s.part, s.metric]), [
    ["train", "train", undefined],
    ["validation", "validation", undefined],
    ["accuracy", "train", "accuracy"],
    ["validation accuracy", "validation", "accuracy"],
  ]);
  const [described] = payload.runs;
  assert.equal(described.best?.x, run.bestEpoch);
  assert.equal(described.best?.y, run.valLoss[run.bestEpoch - 1]);
  assert.equal(described.stoppedEarlyAt, run.epochs);
  const best = Math.min(...run.valLoss);
  assert.equal(run.valLoss.indexOf(best) + 1, run.bestEpoch);
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  assert.equal(described.lines[1], `validation ${fmt(run.valLoss[0])} → ${fmt(run.valLoss.at(-1)!)}, best ${fmt(best)} at epoch ${run.bestEpoch}`);
  assert.match(described.lines[2], new RegExp(`^stopped early at epoch ${run.epochs}: no improvement since epoch ${run.bestEpoch}$`));
  assert.match(described.lines[3], /^final accuracy \d+(\.\d)?%, validation accuracy \d+(\.\d)?%$/);
  const text = lossItems(run)[1].data as string;
  assert.equal(text, ["Loss", ...described.lines].join("\n"));
  assert.deepEqual(readLoss(JSON.parse(JSON.stringify(payload))), payload);
});

test("a loop's losses are one train curve; several runs are told apart by label and run index", () => {
  const one = lossPayload([1, 0.5, 0.25]);
  assert.equal(one.xLabel, "step");
  assert.deepEqual(one.runs[0].lines, ["loss 1 → 0.25, lowest at the last step"]);
  const two = lossPayload([{ loss: [1, 0.4], valLoss: [1.1, 0.9] }, { loss: [1, 0.8] }], { labels: ["lr 0.1", "lr 0.01"] });
  assert.deepEqual(two.series.map((s) => [s.label, s.run, s.part]), [["lr 0.1 train", 0, "train"], ["lr 0.1 validation", 0, "validation"], ["lr 0.01 train", 1, "train"]]);
  // Without a validation curve in the chart, a run's label alone names its loss.
  assert.deepEqual(lossPayload([{ loss: [1, 0.4] }, { loss: [1, 0.8] }], { labels: ["SGD", "Adam"] }).series.map((s) => s.label), ["SGD", "Adam"]);
  assert.match(lossItems([{ loss: [1, 0.4] }, { loss: [1, 0.8] }])[1].data as string, /^Loss\nrun 1:\n {2}train 1 → 0\.4, lowest at the last epoch\nrun 2:/);
});

test("metric picks one metric or none, and every option is checked", async () => {
  const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
  const run = await train(net, data.xor(), { epochs: 5, live: false });
  assert.equal(lossPayload(run, { metric: false }).series.length, 1);
  assert.equal(lossPayload(run, { metric: "accuracy" }).series.length, 2);
  assert.throws(() => lossPayload(run, { metric: "acuracy" }), /show\.loss: no metric "acuracy"; did you mean "accuracy"\? \(the history has "accuracy"\)/);
  assert.throws(() => lossPayload(run, { metric: 1 as never }), /show\.loss: metric must be a metric's name such as "accuracy", or false for none, not 1/);
  assert.throws(() => lossPayload(run, { lables: ["a"] } as never), /show\.loss: unknown option "lables"; did you mean "labels"\?/);
  assert.throws(() => lossPayload([run, run], { labels: ["a"] }), /show\.loss: 1 labels for 2 runs; give one label per run/);
  assert.throws(() => lossPayload([]), /the list of runs is empty/);
});

test("a version-1 loss chart saved by an older nnbook is still read, as one run", () => {
  const old = { version: 1, title: "Training loss", xLabel: "epoch", yLabel: "loss", log: false, series: [{ label: "train", x: [1, 2], y: [1, 0.5] }, { label: "validation", x: [1, 2], y: [1.2, "NaN"] }] };
  const read = readLoss(old);
  assert.equal(read.version, 2);
  assert.deepEqual(read.series.map((s) => [s.run, s.part]), [[0, "train"], [0, "validation"]]);
  assert.deepEqual(read.runs, []);
});

test("a curve is stored as drawn: x left implicit, each loss to the digits its hover shows, and drawn at 1, 2, …", () => {
  const losses = [0.7026410102844238, 0.6776254773139954, 0.0018496772972866893];
  const payload = lossPayload(losses);
  assert.deepEqual(payload.series[0].x, undefined);
  assert.deepEqual(payload.series[0].y, [0.7026, 0.6776, 0.00185]);
  const read = readLoss(JSON.parse(JSON.stringify(payload)));
  assert.deepEqual(read, payload);
  // The chart draws each loss at its x, which the renderer takes from lossX.
  assert.deepEqual(lossX(read.series[0]), [1, 2, 3]);
  // The sentences are of the exact values.
  assert.deepEqual(payload.runs[0].lines, ["loss 0.703 → 0.00185, lowest at the last step"]);
});

test("a long run is thinned to its lows and highs, the first, last and best epochs kept exactly where they are", () => {
  const n = 3000;
  const loss = Array.from({ length: n }, (_, i) => 1 / (1 + i / 50) + 0.01 * Math.sin(i) + (i === 1234 ? 0.5 : 0));
  const valLoss = loss.map((v, i) => v + 0.001 * (i - 2000) ** 2 / n);
  const best = valLoss.indexOf(Math.min(...valLoss)) + 1;
  const payload = lossPayload({ loss, valLoss, bestEpoch: best, metrics: { accuracy: loss.map((_, i) => Math.min(1, i / n + 0.5)) } });
  for (const s of payload.series) {
    assert.ok(s.x && s.x.length === s.y.length && s.x.length <= MAX_LOSS_POINTS, `${s.label}: ${s.x?.length} points`);
    assert.ok(s.x.every((v, i) => i === 0 || v > s.x![i - 1]), "x in order");
    assert.deepEqual([s.x[0], s.x.at(-1)], [1, n]);
    assert.ok(s.x.includes(best), `${s.label} keeps epoch ${best}`);
  }
  const [train, validation] = payload.series;
  assert.equal(validation.y[validation.x!.indexOf(best)], Number(valLoss[best - 1].toPrecision(4)));
  assert.equal(payload.runs[0].best?.y, valLoss[best - 1]);
  // The spike survives the thinning.
  assert.equal(train.y[train.x!.indexOf(1235)], Number(loss[1234].toPrecision(4)));
  assert.ok(JSON.stringify(payload).length < 40_000, `${JSON.stringify(payload).length} characters`);
  assert.deepEqual(readLoss(JSON.parse(JSON.stringify(payload))), payload);
  assert.deepEqual(lossX(train), train.x);
});

test("a saved curve's x must have one value per loss", () => {
  const bad = { ...lossPayload([1, 0.5]), series: [{ label: "train", run: 0, part: "train", x: [1, 2, 3], y: [1, 0.5] }] };
  assert.throws(() => readLoss(bad), /^PayloadError: series\[0\]\.x: 3 values for 2 in y; give one per y value, or leave x out for 1, 2, …$/);
  assert.throws(() => readLoss({ ...bad, series: [{ ...bad.series[0], x: "1..2" }] }), /series\[0\]\.x must be an array, not the string "1\.\.2"/);
});
