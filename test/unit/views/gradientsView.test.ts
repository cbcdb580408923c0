import assert from "node:assert/strict";
import { drawnNumber } from "../../../src/protocol/numbers";
import { test } from "node:test";
import { manualSeed, nn, optim, type Tensor } from "../../../src/engine";
import * as data from "../../../src/engine/data/index";
import { train } from "../../../src/engine/train/index";
import { PayloadError, readGradients } from "../../../src/protocol/read";
import { gradientsItems, gradientsPayload } from "../../../src/views/gradientsView";

/** 8 Linear layers, each followed by a sigmoid: the textbook case of a gradient that does not reach the input. */
function deepSigmoid(): nn.Sequential {
  manualSeed(1);
  const sizes = [2, 16, 16, 16, 16, 16, 16, 16, 1];
  return nn.Sequential(...sizes.slice(1).flatMap((out, i) => [nn.Linear(sizes[i], out), nn.Sigmoid()]));
}

async function deepRun(record?: { activations: boolean }) {
  const net = deepSigmoid();
  const run = await train(net, data.circles(), { loss: nn.BCELoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.01 }), epochs: 50, seed: 1, live: false, record });
  return { net, run };
}

test("a deep sigmoid net is flagged vanishing at its first layers, the cause named from its activations", async () => {
  const { run } = await deepRun();
  const p = gradientsPayload(run);
  assert.deepEqual(p.layers.map((l) => l.name), ["0.weight", "2.weight", "4.weight", "6.weight", "8.weight", "10.weight", "12.weight", "14.weight"]);
  assert.deepEqual(p.epochs, run.snapshots.filter((s) => s.gradients).map((s) => s.epoch));
  assert.equal(p.epochs[0], 1);
  // The recorded statistics as they are, one per epoch.
  assert.equal(p.layers[0].mean[0], drawnNumber(run.snapshots[1].gradients![0].meanAbs));
  assert.equal(p.layers[7].max.at(-1), drawnNumber(run.snapshots.at(-1)!.gradients!.find((g) => g.name === "14.weight")!.maxAbs));
  assert.ok(p.flags.length >= 1 && p.flags.every((f) => f.kind === "vanishing"));
  assert.equal(p.flags[0].layer, "0");
  assert.match(p.verdict, /^Vanishing gradients: mean \|∂L\/∂W\| of layers? 0[ ,]/);
  assert.match(p.verdict, /below a millionth of the largest \(layer 0's [\d.e+-]+ against layer 14's [\d.e+-]+, over training\)/);
  assert.match(p.verdict, /Likely cause: 8 sigmoid layers in depth: each multiplies the gradient by its slope, at most 0\.25 for sigmoid/);
  const [, text] = gradientsItems(run);
  const lines = String(text.data).split("\n");
  assert.equal(lines[0], "Gradient flow (input layer first), epochs 1–50");
  assert.match(lines[1], /^0\.weight   mean \|∂L\/∂W\| [\d.e+-]+ → [\d.e+-]+, max [\d.e+-]+$/);
  assert.equal(lines.at(-1), p.verdict);
  assert.deepEqual(readGradients(JSON.parse(JSON.stringify(p))), p);
});

test("a ReLU 2-16-16-1 net on XOR is healthy, and the sentence says how small the smallest layer's gradient is", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1));
  const run = await train(net, data.xor(), { optimizer: optim.Adam(net.parameters(), { lr: 0.05 }), epochs: 300, seed: 1, live: false });
  const p = gradientsPayload(run);
  assert.deepEqual(p.flags, []);
  assert.match(p.verdict, /^Gradients reach every layer: over training, the smallest mean \|∂L\/∂W\| is layer (0|2|4)'s, [\d.e+-]+, (1\/[\d.]+|0\.\d+) of the largest \(layer (0|2|4)'s\)\.$/);
});

test("a learning rate too large makes the gradients explode, and the sentence says so from the loss", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1));
  const run = await train(net, data.sine(), { optimizer: optim.SGD(net.parameters(), { lr: 1 }), epochs: 20, seed: 1, live: false, record: { every: 1 } });
  const p = gradientsPayload(run);
  assert.ok(p.flags.length >= 1 && p.flags.every((f) => f.kind === "exploding"));
  assert.match(p.verdict, /^Exploding gradients: mean \|∂L\/∂W\| of layers? .* grows by orders of magnitude \(layer \d's from [\d.]+ at epoch 1 to [\d.]+ at epoch \d+\)\. Likely cause: the learning rate is too large \(the loss rose from 0\.436 to [\d.]+\); lower it, or clip/);
});

test("the cause of vanishing comes from the model when given, and is left open without it", async () => {
  const { run } = await deepRun({ activations: false });
  assert.match(gradientsPayload(run).verdict, /Likely cause: saturating activations \(sigmoid or tanh\) in depth, or an initialisation too small; pass the model as show\.gradients\(run, \{ model \}\)/);
  class Net extends nn.Module {
    body = deepSigmoid();
    forward(x: Tensor) {
      return this.body.forward(x);
    }
  }
  assert.match(gradientsPayload(run, { model: new Net() }).verdict, /Likely cause: 8 sigmoid layers in depth/);
  // Without saturating activations the likely cause is the initialisation.
  const relu = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1));
  assert.match(gradientsPayload(run, { model: relu }).verdict, /Likely cause: the initialisation: weights too small shrink the gradient/);
});

test("wrong arguments and a history without gradients are errors that say what to do", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1));
  const run = await train(net, data.xor(), { epochs: 3, live: false, record: { gradients: false } });
  assert.throws(() => gradientsPayload(run), /show\.gradients: this history has no recorded gradients: .*record: \{ gradients: false \}\. Train again with record: \{ gradients: true \}/);
  assert.throws(() => gradientsPayload(net as never), /show\.gradients: pass the history that train\(\) returned, not a Sequential/);
  const ok = await train(net, data.xor(), { epochs: 3, live: false });
  assert.throws(() => gradientsPayload(ok, { modle: net } as never), /show\.gradients: unknown option "modle"; did you mean "model"\?/);
  assert.throws(() => gradientsPayload(ok, { model: 3 } as never), /show\.gradients: model must be the model the history trained \(an nn\.Module\), not 3/);
  assert.throws(() => gradientsPayload(ok, "net" as never), /the options must be an object such as \{ model: … \}/);
});

test("a malformed gradient flow payload is refused with the field and what is wrong", async () => {
  manualSeed(1);
  const net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1));
  const p = gradientsPayload(await train(net, data.xor(), { epochs: 4, live: false }));
  const refuses = (json: unknown, message: RegExp) => assert.throws(() => readGradients(json), (e: unknown) => e instanceof PayloadError && message.test(e.message));
  refuses({ ...p, version: 0 }, /this gradient flow is payload version 0/);
  refuses({ ...p, epochs: [] }, /epochs must hold at least one epoch/);
  refuses({ ...p, layers: [] }, /layers must hold at least one layer/);
  refuses({ ...p, layers: [{ ...p.layers[0], mean: [1] }] }, /layers\[0\]\.mean must have one value per epoch \(4\), not 1/);
  refuses({ ...p, layers: [{ ...p.layers[0], max: [1, 2, 3, {}] }] }, /layers\[0\]\.max\[3\] must be a number or one of "NaN"/);
  refuses({ ...p, flags: [{ layer: "9", kind: "vanishing" }] }, /flags\[0\]\.layer must name one of the layers, not "9"/);
  refuses({ ...p, flags: [{ layer: "0", kind: "big" }] }, /flags\[0\]\.kind must be one of "vanishing", "exploding"/);
  refuses({ ...p, verdict: null }, /verdict must be a string, not null/);
});
