import { test } from "node:test";
import assert from "node:assert/strict";
import { F, nn, randn, manualSeed, tensor } from "../../../src/engine/index";
import { assertClose, fixture, fromEnc, type Enc } from "./helpers";

test("each F function is the same math as its module", () => {
  manualSeed(3);
  const x = randn(4, 3), y = randn(4, 3), labels = [0, 2, 1, 2];
  const same = (a: { data: Float32Array }, b: { data: Float32Array }, what: string) => assert.deepEqual(Array.from(a.data), Array.from(b.data), what);
  same(F.relu(x), nn.ReLU()(x), "relu");
  same(F.leakyRelu(x, 0.2), nn.LeakyReLU(0.2)(x), "leakyRelu");
  same(F.gelu(x, { approximate: "tanh" }), nn.GELU({ approximate: "tanh" })(x), "gelu");
  same(F.elu(x, 0.5), nn.ELU(0.5)(x), "elu");
  same(F.softplus(x, { beta: 2 }), nn.Softplus({ beta: 2 })(x), "softplus");
  same(F.softmax(x, 1), nn.Softmax(1)(x), "softmax");
  same(F.logSoftmax(x), nn.LogSoftmax()(x), "logSoftmax");
  same(F.sigmoid(x), x.sigmoid(), "sigmoid");
  same(F.mseLoss(x, y, { reduction: "sum" }), nn.MSELoss({ reduction: "sum" })(x, y), "mseLoss");
  same(F.l1Loss(x, y), nn.L1Loss()(x, y), "l1Loss");
  same(F.huberLoss(x, y, { delta: 0.5 }), nn.HuberLoss({ delta: 0.5 })(x, y), "huberLoss");
  same(F.crossEntropy(x, labels, { labelSmoothing: 0.1 }), nn.CrossEntropyLoss({ labelSmoothing: 0.1 })(x, labels), "crossEntropy");
  same(F.nllLoss(F.logSoftmax(x, 1), labels), nn.NLLLoss()(x.logSoftmax(1), labels), "nllLoss");
  same(F.binaryCrossEntropyWithLogits(x, y.sigmoid()), nn.BCEWithLogitsLoss()(x, y.sigmoid()), "bceWithLogits");
  same(F.binaryCrossEntropy(x.sigmoid(), y.sigmoid()), nn.BCELoss()(x.sigmoid(), y.sigmoid()), "bce");
  const layer = nn.Linear(3, 2);
  same(F.linear(x, layer.weight, layer.bias), layer(x), "linear");
  assert.equal(nn.functional.relu, F.relu);
});

test("F.dropout drops only when training, as F.dropout(x, p, training)", () => {
  const x = randn(50, 20);
  assert.equal(F.dropout(x, 0.5, false), x);
  const dropped = F.dropout(x, 0.5);
  const zeros = dropped.data.filter((v) => v === 0).length;
  assert.ok(zeros > 400 && zeros < 600, `${zeros} of 1000 dropped`);
  assert.throws(() => F.dropout(x, 2), /F\.dropout: p must be a number from 0 to 1, not 2/);
  assert.throws(() => F.dropout(x, 0.5, "yes" as never), /F\.dropout: training must be true or false, not "yes"/);
});

interface FunctionalFixture {
  pad: { x: Enc; widths: number[]; value: number; out: Enc; upstream: Enc; grad: Enc };
  oneHot: { indices: number[]; out: Enc };
}

test("F.pad and F.oneHot lay out their results as PyTorch's do, and pad passes the gradient back", () => {
  const f = fixture<FunctionalFixture>("functional");
  const x = fromEnc(f.pad.x, true);
  const out = F.pad(x, f.pad.widths, { value: f.pad.value });
  assert.deepEqual(out.shape, f.pad.out.shape);
  assertClose(out.data, fromEnc(f.pad.out).data);
  out.mul(fromEnc(f.pad.upstream)).sum().backward();
  assertClose(x.grad!.data, fromEnc(f.pad.grad).data);
  const hot = F.oneHot(tensor(f.oneHot.indices), 4);
  assert.deepEqual(hot.shape, f.oneHot.out.shape);
  assert.deepEqual(Array.from(hot.data), Array.from(fromEnc(f.oneHot.out).data));
  assert.deepEqual(F.oneHot([1, 0]).shape, [2, 2]);
  assert.throws(() => F.pad(x, [1]), /pad: expects pairs \(before, after\) for at most 3 dims/);
  assert.throws(() => F.pad(x, [1, 1], { mode: "reflect" } as never), /F\.pad: mode must be one of "constant", not "reflect"/);
  assert.throws(() => F.oneHot([0, 3], 3), /F\.oneHot: index 3 at position 1 is not below numClasses 3/);
  assert.throws(() => F.oneHot([0.5]), /F\.oneHot: index 0\.5 at position 0 is not a whole number ≥ 0/);
});
