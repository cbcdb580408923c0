import assert from "node:assert/strict";
import { test } from "node:test";
import { tensor } from "../../../../src/engine";
import { scatterItems, scatterPayload, MAX_SCATTER_POINTS } from "../../../../src/views/charts/scatter";

test("class indices in color become classes, named by labels or by index", () => {
  const p = scatterPayload(tensor([0, 1, 2]), [3, 4, 5], { color: tensor([0, 1, 1]), labels: ["no", "yes"], title: "XOR" });
  assert.deepEqual([p.kind, p.x, p.y, p.color, p.classes, p.title], ["scatter", [0, 1, 2], [3, 4, 5], [0, 1, 1], ["no", "yes"], "XOR"]);
  assert.deepEqual(scatterPayload([0, 1], [0, 1], { color: [0, 2] }).classes, ["0", "1", "2"]);
  const values = scatterPayload([0, 1], [0, 1], { color: [0.5, -2] });
  assert.equal(values.classes, undefined);
  assert.deepEqual(values.color, [0.5, -2]);
  assert.equal(scatterPayload([0], [0]).color, undefined);
  // A dataset's targets are a column [n, 1]: a list of values all the same.
  assert.deepEqual(scatterPayload([0, 1], [0, 1], { color: tensor([[1], [0]]) }).classes, ["0", "1"]);
});

test("the text fallback gives ranges and points per class", () => {
  const [, text] = scatterItems([0, 1, 2], [3, 4, 5], { color: [0, 1, 1], labels: ["no", "yes"], xLabel: "x₁" });
  assert.equal(text.data, "Scatter: 3 points\nx₁: 0 to 2\ny: 3 to 5\nno 1, yes 2");
});

test("wrong arguments and options are errors naming them", () => {
  assert.throws(() => scatterPayload([0, 1], [0]), /show\.scatter: y has 1 values and x has 2/);
  assert.throws(() => scatterPayload([0], [0], { colour: [0] } as never), /unknown option "colour"; did you mean "color"\?/);
  assert.throws(() => scatterPayload([0], [0], { color: "red" } as never), /color must be a tensor or a list of numbers, not "red"/);
  assert.throws(() => scatterPayload([0, 1], [0, 1], { color: [0] }), /color has 1 values and x has 2/);
  assert.throws(() => scatterPayload([0], [NaN]), /show\.scatter: y\[0\] is NaN/);
  assert.throws(() => scatterPayload(tensor([[0, 1], [2, 3]]), [0, 1, 2, 3]), /x must be 1-D, not a tensor of shape \[2, 2\]; flatten it with \.flatten\(\)/);
  assert.throws(() => scatterPayload([0], [0], { labels: ["a"] }), /labels name the classes in color; pass color too/);
  assert.throws(() => scatterPayload([0, 1], [0, 1], { color: [0.5, 1], labels: ["a"] }), /color is not class indices/);
  assert.throws(() => scatterPayload([0, 1], [0, 1], { color: [0, 2], labels: ["a", "b"] }), /labels has 2 names, and color has classes up to 2/);
  const many = new Array(MAX_SCATTER_POINTS + 1).fill(0);
  assert.throws(() => scatterPayload(many, many), /20,001 points are more than the 20,000 it draws; pass a sample of them/);
});
