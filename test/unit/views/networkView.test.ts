import assert from "node:assert/strict";
import { drawnNumber } from "../../../src/protocol/numbers";
import { test } from "node:test";
import { manualSeed, nn, type Tensor } from "../../../src/engine";
import { PayloadError, readNetwork } from "../../../src/protocol/read";
import { networkItems, networkPayload } from "../../../src/views/networkView";

function xorNet(): nn.Sequential {
  manualSeed(2);
  return nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
}

test("a Sequential: a column per Linear layer labelled with its activation, weights [out, in], biases, one scale", () => {
  const net = xorNet();
  const p = networkPayload(net);
  assert.equal(p.title, "Sequential: 2 → 4 → 1");
  assert.deepEqual(p.columns.map((c) => [c.name, c.units, c.shown, c.activation]), [
    ["input", 2, 2, ""],
    ["0", 4, 4, "Tanh"],
    ["2", 1, 1, "Sigmoid"],
  ]);
  const [l0, l2] = [net[0] as nn.Linear, net[2] as nn.Linear];
  // Each to the digits its edge and hover need.
  assert.deepEqual(p.weights[0], Array.from(l0.weight.data, (v) => drawnNumber(v)));
  assert.deepEqual(p.weights[1], Array.from(l2.weight.data, (v) => drawnNumber(v)));
  assert.deepEqual(p.columns[1].bias, Array.from(l0.bias!.data, (v) => drawnNumber(v)));
  assert.equal(p.columns[0].bias, undefined);
  assert.equal(p.maxAbs, Math.max(...net.parameters().flatMap((t) => Array.from(t.data, Math.abs))));
  assert.deepEqual(p.notes, []);
  assert.deepEqual(readNetwork(JSON.parse(JSON.stringify(p))), p);
  const [, text] = networkItems(net);
  const lines = String(text.data).split("\n");
  assert.match(lines[0], /^Network Sequential: 2 → 4 → 1, scale ±[\d.]+$/);
  assert.match(lines[1], /^layer 0: 2 → 4, Tanh; weights -?[\d.]+ to -?[\d.]+, strongest w\[\d,\d\] = -?[\d.]+$/);
});

test("a model of the user's own with Linear layers inside is drawn, its layers in the order assigned", () => {
  class Net extends nn.Module {
    fc1 = nn.Linear(3, 5);
    act = nn.ReLU();
    drop = nn.Dropout(0.2);
    fc2 = nn.Linear(5, 2, { bias: false });
    forward(x: Tensor) {
      return this.fc2.forward(this.drop.forward(this.act.forward(this.fc1.forward(x))));
    }
  }
  const p = networkPayload(new Net());
  assert.equal(p.title, "Net: 3 → 5 → 2");
  assert.deepEqual(p.columns.map((c) => [c.name, c.activation, c.bias === undefined]), [
    ["input", "", true],
    ["fc1", "ReLU", false],
    ["fc2", "", true],
  ]);
  assert.deepEqual(p.notes, ["Not drawn, keeping each unit as it is: drop (Dropout)."]);

  class Bare extends nn.Module {
    a = nn.Linear(2, 3);
    b = nn.Linear(3, 1);
    forward(x: Tensor) {
      return this.b.forward(this.a.forward(x).relu());
    }
  }
  assert.match(networkPayload(new Bare()).notes.join(" "), /No activation layers: an activation applied in forward\(\) \(such as x\.relu\(\)\) is not seen/);
});

test("a layer wider than 64 units is drawn as its first 24, with the connections between drawn units, and the caption says so", () => {
  manualSeed(1);
  const p = networkPayload(nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)));
  assert.deepEqual(p.columns.map((c) => [c.units, c.shown]), [[784, 24], [128, 24], [10, 10]]);
  assert.equal(p.weights[0].length, 24 * 24);
  assert.equal(p.weights[1].length, 10 * 24);
  assert.deepEqual(p.notes, [
    "The input has 784 units: the first 24 are drawn, with the connections between drawn units only.",
    "Layer 0 has 128 units: the first 24 are drawn, with the connections between drawn units only.",
  ]);
  assert.ok(JSON.stringify(p).length < 30_000);
});

test("layers that are not neurons, chains that do not fit, and other values are errors naming them", () => {
  assert.throws(() => networkPayload(nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(2, 1))), /layer "0" \(Conv2d\) cannot be drawn as neurons .*show\.weights\(model\) draws its kernels and show\.activations\(model, x\) its feature maps/);
  assert.throws(() => networkPayload(nn.Sequential(nn.Linear(2, 4), nn.BatchNorm1d(4), nn.Linear(4, 1))), /show\.network: layer "1" \(BatchNorm1d\) cannot be drawn as neurons and connections; show\.network draws Linear layers and the activations between them\. show\.summary\(model\) lists every layer/);
  class Odd extends nn.Module {
    a = nn.Linear(2, 4);
    b = nn.Linear(3, 1);
    forward(x: Tensor) {
      return x;
    }
  }
  assert.throws(() => networkPayload(new Odd()), /layer "b" takes 3 inputs, and the layer before it \("a"\) gives 4; show\.network draws the Linear layers as one chain/);
  assert.throws(() => networkPayload(nn.Sequential(nn.ReLU())), /show\.network: the model has no Linear layers to draw/);
  assert.throws(() => networkPayload([1] as never), /show\.network: pass a model such as nn\.Sequential\(.*\), not a list/);
});

test("a malformed network payload is refused with the field and what is wrong", () => {
  const p = networkPayload(xorNet());
  const refuses = (json: unknown, message: RegExp) => assert.throws(() => readNetwork(json), (e: unknown) => e instanceof PayloadError && message.test(e.message));
  refuses({ ...p, version: 2 }, /this network is payload version 2/);
  refuses({ ...p, columns: [p.columns[0]] }, /columns must hold the input and at least one layer, not 1 column/);
  refuses({ ...p, weights: [p.weights[0]] }, /weights must have one matrix between each two columns \(2\), not 1/);
  refuses({ ...p, weights: [[1], p.weights[1]] }, /weights\[0\] must have columns\[1\]\.shown × columns\[0\]\.shown values \(8\), not 1/);
  refuses({ ...p, columns: [{ ...p.columns[0], shown: 100, units: 1000 }, ...p.columns.slice(1)] }, /columns\[0\]\.shown must be from 1 to 64, not 100/);
  refuses({ ...p, columns: [p.columns[0], { ...p.columns[1], bias: [1] }, p.columns[2]] }, /columns\[1\]\.bias must have one value per shown unit \(4\), not 1/);
  refuses({ ...p, maxAbs: "1" }, /maxAbs must be a number/);
});
