import { test } from "node:test";
import assert from "node:assert/strict";
import { Perceptron, nn, tensor } from "../../../src/engine/index";

const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);

test("the perceptron learns AND and OR with the classic rule", () => {
  for (const [name, labels] of [["and", [0, 0, 0, 1]], ["or", [0, 1, 1, 1]], ["nand", [1, 1, 1, 0]]] as const) {
    const p = Perceptron(2);
    const y = tensor(labels.map((v) => [v]));
    const h = p.fit({ x, y }, { lr: 1, epochs: 20 });
    assert.ok(h.converged, name);
    assert.deepEqual(p.predict(x).toArray(), y.toArray(), name);
    assert.equal(h.errors.at(-1), 0);
    assert.equal(h.epochs, h.errors.length);
    assert.deepEqual(p.weight.shape, [1, 2]);
    assert.deepEqual(p.bias.shape, [1]);
  }
});

test("the first update follows w ← w + η(y − ŷ)x", () => {
  const p = new Perceptron(2);
  // w = 0, b = 0 → ŷ = step(0) = 1; y = 0 → w ← w − η·x, b ← b − η
  p.fit({ x: tensor([[2, 3]]), y: tensor([0]) }, { lr: 0.5, epochs: 1 });
  assert.deepEqual(p.weight.toArray(), [[-1, -1.5]]);
  assert.deepEqual(p.bias.toArray(), [-0.5]);
});

test("the perceptron cannot learn XOR", () => {
  const p = Perceptron(2);
  const h = p.fit({ x, y: tensor([[0], [1], [1], [0]]) }, { lr: 1, epochs: 50 });
  assert.equal(h.converged, false);
  assert.equal(h.epochs, 50);
  assert.ok(h.errors.every((e) => e > 0));
});

test("it is a module: parameters, save and load", () => {
  const p = Perceptron(3);
  assert.ok(p instanceof nn.Module);
  assert.deepEqual(p.namedParameters().map(([n]) => n), ["weight", "bias"]);
  p.weight.data.set([1, 2, 3]);
  const q = nn.load(JSON.stringify(p)) as Perceptron;
  assert.deepEqual(q.weight.toArray(), [[1, 2, 3]]);
  assert.throws(() => p.fit({ x: tensor([[1, 2]]), y: tensor([1]) }), /\[n, 3\]/);
  assert.throws(() => Perceptron(1).fit({ x: tensor([[1]]), y: tensor([-1]) }), /0 or 1/);
});

test("fit's options are checked: a misspelled key or a learning rate of 0 is an error that names it", () => {
  const p = Perceptron(2), and = { x: tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y: tensor([[0], [0], [0], [1]]) };
  assert.throws(() => p.fit(and, { epoch: 3 } as never), /Perceptron\.fit: unknown option "epoch"; did you mean "epochs"\?/);
  assert.throws(() => p.fit(and, { lr: 0 }), /Perceptron\.fit: lr must be a number > 0, not 0/);
  assert.throws(() => p.fit(and, { epochs: 2.5 }), /Perceptron\.fit: epochs must be a whole number ≥ 1, not 2\.5/);
});
