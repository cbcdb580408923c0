import assert from "node:assert/strict";
import { test } from "node:test";
import { data, Dataset, nn } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import { fitItems, fitPayload, fitProblem } from "../../../../src/views/model/fit";
import { show } from "../../../../src/views/show";

/** y = 2x, as a Linear with its weight set. */
function double(): nn.Linear {
  const layer = nn.Linear(1, 1);
  layer.weight.data.set([2]);
  layer.bias!.data.set([0]);
  return layer;
}

test("the curve is the model's output over the range, the MSE over every row", () => {
  const ds = Dataset([[0], [1], [2], [3]], [[0], [1], [2], [3]], { task: "regression", name: "line" });
  const [rich, text] = fitItems(double(), ds);
  const p = rich.data as ReturnType<typeof fitPayload>;
  assert.equal(rich.mime, Mime.fit);
  // Errors x: 0, 1, 2, 3 → mean of squares 14 / 4.
  assert.equal(p.mse, 3.5);
  assert.equal(p.title, "Fit to line · MSE 3.5");
  assert.equal(p.curve.x.length, 200);
  assert.deepEqual([p.curve.x[0], p.curve.x.at(-1)], [-0.15, 3.15]);
  // Both rounded to 4 significant digits.
  p.curve.x.forEach((x, i) => assert.ok(Math.abs(p.curve.y[i] - 2 * x) < 5e-3, `point ${i}`));
  assert.deepEqual(p.points, { x: [0, 1, 2, 3], y: [0, 1, 2, 3] });
  assert.equal(text.data, "Fit to line · MSE 3.5\nMSE 3.5 over 4 points\ncurve: y from -0.3 to 6.3 for x -0.15 to 3.15");
});

test("fit errors say what to use instead", () => {
  assert.throws(() => fitPayload(nn.Linear(2, 1), data.xor()), /^TypeError: show\.fit draws a regression, and this dataset is binary classification: use show\.boundary$/);
  const two = Dataset([[0, 1], [1, 2]], [[0.5], [1.5]], { task: "regression" });
  assert.throws(() => fitPayload(nn.Linear(2, 1), two), /show\.fit needs 1 feature; this dataset has 2: a curve is drawn against one input/);
  assert.throws(() => fitPayload(nn.Linear(1, 2), data.sine()), /show\.fit: the model gives 2 outputs per row; a fit needs 1/);
  assert.throws(() => fitPayload(nn.Linear(3, 1), data.sine()), /the model takes 3 inputs, and this dataset has 1 feature; train a model with nn\.Linear\(1, …\) first/);
  assert.equal(fitProblem(nn.Linear(2, 1), data.xor()), "show.fit draws a regression, and this dataset is binary classification: use show.boundary");
  assert.equal(fitProblem(double(), data.sine()), undefined);
});

test("show.fit and show.confusion take no options, and say so when given some", () => {
  assert.throws(() => (show.fit as (...a: unknown[]) => void)(double(), data.sine(), { title: "t" }), /^TypeError: show\.fit takes a model and a dataset, and no options$/);
  assert.throws(() => (show.confusion as (...a: unknown[]) => void)(nn.Linear(2, 1), data.xor(), {}), /^TypeError: show\.confusion takes a model and a dataset, and no options$/);
});
