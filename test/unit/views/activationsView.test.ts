import assert from "node:assert/strict";
import { test } from "node:test";
import { data, F, manualSeed, nn, randn, Tensor } from "../../../src/engine";
import { assertClose } from "../engine/helpers";
import { readActivations } from "../../../src/protocol/read";
import { activationsItems, activationsPayload, activationsText } from "../../../src/views/activationsView";

test("dead ReLUs are counted per unit and named in words", () => {
  manualSeed(1);
  const first = nn.Linear(2, 8);
  const net = nn.Sequential(first, nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid());
  // Units 0–2 get a bias no input of XOR can overcome: dead.
  for (const j of [0, 1, 2]) first.bias!.data[j] = -100;
  const x = data.xor().x;
  const p = activationsPayload(net, x);
  assert.deepEqual(p.layers.map((l) => [l.name, l.kind, l.shape]), [["0", "Linear", [4, 8]], ["1", "ReLU", [4, 8]], ["2", "Linear", [4, 1]], ["3", "Sigmoid", [4, 1]]]);
  const relu = p.layers[1];
  assert.ok(relu.dead && relu.dead.units >= 3 && relu.dead.of === 8);
  assert.match(relu.note, new RegExp(`^${relu.dead.units} of 8 units dead \\(\\d+%\\): 0 on every one of these 4 inputs, so they pass no gradient$`));
  assert.equal(relu.counts.reduce((a, b) => a + b, 0), 32);
  assert.equal(p.layers[3].saturated !== undefined, true);
  assert.deepEqual(readActivations(JSON.parse(JSON.stringify(p))), p);
  const text = activationsItems(net, x)[1].data as string;
  assert.match(text, /^Activations of Sequential on 4 inputs\n0 Linear \[4, 8\]: mean/);
});

test("saturated sigmoids are counted; a model of the user's own is seen inside and left as it was", () => {
  class Net extends nn.Module {
    fc1 = nn.Linear(3, 6);
    act = nn.Sigmoid();
    fc2 = nn.Linear(6, 2);
    forward(x: Tensor): Tensor {
      return this.fc2.forward(this.act.forward(this.fc1.forward(x)));
    }
  }
  manualSeed(2);
  const net = new Net();
  net.fc1.weight.data.forEach((_, i, w) => (w[i] *= 40));
  net.train();
  const p = activationsPayload(net, randn(500, 3));
  assert.deepEqual(p.layers.map((l) => l.name), ["fc1", "act", "fc2"]);
  const sigmoid = p.layers[1];
  assert.ok(sigmoid.saturated! > 0.5, `saturated ${sigmoid.saturated}`);
  assert.match(sigmoid.note, /^\d+% of outputs saturated \(below 0\.01 or above 0\.99\), where the derivative is nearly 0$/);
  assert.equal(Object.hasOwn(net.fc1, "forward"), false);
  assert.equal(net.training, true);
  assert.equal(net.fc1.weight.grad, null);
});

test("many rows are sampled evenly; wrong arguments are named", () => {
  const net = nn.Sequential(nn.Linear(2, 3), nn.Tanh());
  const p = activationsPayload(net, randn(5000, 2));
  assert.deepEqual([p.rows, p.givenRows], [1000, 5000]);
  assert.equal(activationsPayload(net, data.xor()).rows, 4);
  assert.throws(() => activationsPayload({}, randn(2, 2)), /show\.activations: the first argument must be a model/);
  assert.throws(() => activationsPayload(net, [[1, 2]]), /show\.activations: x must be a tensor of inputs \(one row per example\) or a Dataset, not object/);
  const bad = nn.Linear(2, 3);
  bad.weight.data[0] = NaN;
  const broken = nn.Sequential(bad, nn.ReLU());
  assert.throws(() => activationsPayload(broken, randn(4, 2)), /show\.activations: layer 0 \(Linear\) gives NaN or infinite outputs/);
});

test("a CNN's activations carry the first input's feature maps per image layer, thinned past 16 channels", () => {
  manualSeed(2);
  const cnn = nn.Sequential(nn.Conv2d(1, 20, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(20 * 3 * 3, 2));
  const x = randn(5, 1, 8, 8);
  const p = activationsPayload(cnn, x);
  assert.deepEqual(p.input!.shape, [8, 8]);
  assert.deepEqual(p.input!.channels, [0]);
  assertClose(Float32Array.from(p.input!.pixels[0]), x.data.subarray(0, 64), 1e-3, 1e-3);
  const conv = p.layers[0].maps!;
  assert.deepEqual(conv.shape, [6, 6]);
  assert.deepEqual(conv.channels, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  assert.equal(conv.of, 20);
  // Channel 2 of input 0 is the convolution of x[0] with kernel 2, plus its bias.
  const direct = F.conv2d(x.slice(0, 0, 1), (cnn[0] as nn.Conv2d).weight, (cnn[0] as nn.Conv2d).bias);
  assertClose(Float32Array.from(conv.pixels[1]), direct.data.subarray(2 * 36, 3 * 36), 1e-3, 1e-3);
  assert.equal(p.layers[3].maps, undefined, "Flatten's output is not images");
  assert.deepEqual(readActivations(JSON.parse(JSON.stringify(p))).layers[2].maps!.shape, [3, 3]);
  assert.match(activationsText(p), /0 Conv2d \[5, 20, 6, 6\]: .*; feature maps of input 0: 10 of 20 channels/);
  assert.equal(activationsPayload(nn.Sequential(nn.Linear(2, 3)), randn(4, 2)).input, undefined);
});

test("recurrent and attention layers show their output, the first of what they return, in the order they run", () => {
  manualSeed(4);
  class Block extends nn.Module {
    lstm = nn.LSTM(8, 8, { batchFirst: true });
    attn = nn.MultiheadAttention(8, 2, { batchFirst: true });
    forward(x: Tensor) {
      const [h] = this.lstm(x);
      return this.attn(h, h, h)[0];
    }
  }
  const p = activationsPayload(new Block(), randn(4, 5, 8));
  assert.deepEqual(p.layers.map((l) => [l.name, l.shape]), [["lstm", [4, 5, 8]], ["attn", [4, 5, 8]], ["attn.outProj", [20, 8]]]);
});
