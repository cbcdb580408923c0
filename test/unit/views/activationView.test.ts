import assert from "node:assert/strict";
import { formatNumber } from "../../../src/protocol/numbers";
import { test } from "node:test";
import { noGrad } from "../../../src/engine";
import { Mime } from "../../../src/protocol/mimes";
import { readActivation } from "../../../src/protocol/read";
import { ACTIVATION_NAMES } from "../../../src/views/activationChoice";
import { activationItems, activationPayload } from "../../../src/views/activationView";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

/** The payload's value of `key` at z, which the linspace holds exactly for whole and half numbers. */
function at(payload: ReturnType<typeof activationPayload>, key: "y" | "dy", z: number): number {
  const i = payload.x.findIndex((x) => Math.abs(x - z) < 1e-6);
  assert.ok(i >= 0, `z = ${z} is on the grid`);
  return Number(payload[key][i]);
}

test("the derivative by autograd matches the closed forms at known points", () => {
  const cases: [string, number, number][] = [
    ["sigmoid", 0, 0.25],
    ["sigmoid", 2, sigmoid(2) * (1 - sigmoid(2))],
    ["tanh", 0, 1],
    ["tanh", 1, 1 - Math.tanh(1) ** 2],
    ["relu", 1.5, 1],
    ["relu", -1.5, 0],
    // At 0 the engine passes no gradient, as torch does.
    ["relu", 0, 0],
    ["leakyRelu", -2, 0.01],
    ["gelu", 0, 0.5],
    ["gelu", 1, 0.8413447460685429 + phi(1)],
    ["silu", 0, 0.5],
    ["silu", 2, sigmoid(2) * (1 + 2 * (1 - sigmoid(2)))],
    ["step", 1, 0],
  ];
  for (const [name, z, expected] of cases) {
    const payload = activationPayload(name);
    // Stored to the digits the chart draws, which read as the exact value does.
    assert.ok(Math.abs(at(payload, "dy", z) - expected) <= 5e-4 * Math.max(1, Math.abs(expected)), `${name}'(${z}) = ${at(payload, "dy", z)}, expected ${expected}`);
    assert.equal(formatNumber(at(payload, "dy", z)), formatNumber(expected), `${name}'(${z})`);
  }
  assert.ok(Math.abs(at(activationPayload("sigmoid"), "y", 0) - 0.5) < 1e-7);
  assert.equal(at(activationPayload("step"), "y", 0), 1);
});

test("every activation's payload carries both formulas as TeX and reads back as it was", () => {
  for (const name of ACTIVATION_NAMES) {
    const payload = activationPayload(name);
    assert.equal(payload.name, name);
    assert.ok(payload.tex.length > 0 && payload.derivativeTex.startsWith("\\frac{da}{dz}"), name);
    assert.equal(payload.x.length, payload.y.length);
    assert.equal(payload.x.length, payload.dy.length);
    assert.deepEqual(readActivation(JSON.parse(JSON.stringify(payload))), payload);
  }
  assert.equal(activationPayload("sigmoid").tex, "a = \\sigma(z) = \\frac{1}{1 + e^{-z}}");
});

test("names are taken as the engine and the layers spell them, in any case", () => {
  assert.equal(activationPayload("LeakyReLU").name, "leakyRelu");
  assert.equal(activationPayload("ReLU").title, "ReLU");
  assert.equal(activationPayload("leaky_relu").name, "leakyRelu");
});

test("the text fallback gives the function and its derivative at a few points", () => {
  const [rich, text] = activationItems("sigmoid");
  assert.equal(rich.mime, Mime.activation);
  assert.equal(text.mime, Mime.text);
  assert.equal(
    text.data,
    [
      "Sigmoid and its derivative",
      "z           -2      -1       0       1       2",
      "a        0.119   0.269     0.5   0.731   0.881",
      "da/dz    0.105   0.197    0.25   0.197   0.105",
    ].join("\n"),
  );
});

test("a name it cannot draw is refused with the right one suggested", () => {
  assert.throws(() => activationPayload("sigmod"), /no activation is called "sigmod"; did you mean show\.activation\("sigmoid"\)\?/);
  assert.throws(() => activationPayload("relux"), /did you mean show\.activation\("relu"\)/);
  assert.throws(() => activationPayload("softmax"), /softmax is not elementwise/);
  assert.throws(() => activationPayload("Softmax"), /softmax is not elementwise/);
  assert.throws(() => activationPayload("banana"), (e: Error) => !/did you mean/.test(e.message) && /the activations are "relu", "leakyRelu"/.test(e.message));
  assert.throws(() => activationPayload(3), /name must be a string/);
  assert.throws(() => noGrad(() => activationPayload("tanh")), /outside it/);
});
