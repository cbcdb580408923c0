import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("2. gradient descent fits the line by hand and with nn.Linear, and a sigmoid neuron draws a straight boundary", () => {
  const run = runLesson("02-regression.nnbook", `
    // The data's true line is y = 2x + 1; both loops recover it, and agree with each other.
    check(Math.abs(w - 2) < 0.05 && Math.abs(b - 1) < 0.05, "the hand loop finds slope 2 and intercept 1: " + w + ", " + b);
    const lw = model.weight.item(), lb = model.bias.item();
    check(Math.abs(lw - 2) < 0.05 && Math.abs(lb - 1) < 0.05, "nn.Linear finds slope 2 and intercept 1: " + lw + ", " + lb);
    check(Math.abs(lw - w) < 1e-5 && Math.abs(lb - b) < 1e-5, "autograd's loop is the hand loop: " + (lw - w) + ", " + (lb - b));
    check(losses.length === 60 && handLosses.every((l: number, i: number) => Math.abs(l - losses[i]) < 1e-5), "the two loss curves agree step by step");
    check(handLosses.at(-1) < 0.012 && handLosses.at(-1) > 0.005, "the loss levels off at the noise, 0.1²: " + handLosses.at(-1));
    // Least squares, in closed form, is where gradient descent ends up.
    const xs = Array.from(points.x.data), ys = Array.from(points.y.data), n = xs.length;
    const mx = xs.reduce((s, v) => s + v, 0) / n, my = ys.reduce((s, v) => s + v, 0) / n;
    const slope = xs.reduce((s, v, i) => s + (v - mx) * (ys[i] - my), 0) / xs.reduce((s, v) => s + (v - mx) ** 2, 0);
    check(Math.abs(w - slope) < 1e-3 && Math.abs(b - (my - slope * mx)) < 1e-3, "the loop reaches the least-squares line: " + slope);

    // Logistic regression: high accuracy, counted here.
    const predicted = noGrad(() => neuron(blobs.x)).gt(0.5);
    const accuracy = predicted.eq(blobs.y).sum().item() / blobs.length;
    check(accuracy >= 0.97 && run.metrics.accuracy.at(-1) >= 0.97, "the neuron classifies the blobs: " + accuracy);
    check(run.loss.at(-1) < run.loss[0] / 5, "BCE falls: " + run.loss[0] + " → " + run.loss.at(-1));
    // The line read from the weights is where the model's probability is 0.5, and only there.
    const [v1, v2] = linear.weight.toArray()[0], c = linear.bias.item();
    const along = linspace(-3, 3, 13).toArray().map((x1: number) => [x1, -(v1 * x1 + c) / v2]);
    const onIt = noGrad(() => neuron(tensor(along)));
    check(onIt.sub(0.5).abs().max().item() < 1e-5, "p = 0.5 all along the line: " + onIt.toArray().flat().join(" "));
    const normal = Math.hypot(v1, v2), off = along.map(([a, q]: number[]) => [a + 0.5 * v1 / normal, q + 0.5 * v2 / normal]);
    check(noGrad(() => neuron(tensor(off))).gt(0.6).sum().item() === 13, "half a unit across the line, p > 0.6");
    check([1, 4, 7].every((i) => Math.abs(p.get(i, 0) - 0.5) < 1e-5), "the lesson's probes on the line get p = 0.5");
  `);
  assertLesson(run);
  assert.match(cellText(run, 2), /^after 60 steps: w = 1\.9\d\d, b = 1\.0\d\d, MSE = 0\.00\d\d$/m);
  assert.match(cellText(run, 3), /apart from the hand loop's by \d\.\de-[6-9]/);
  assert.match(cellText(run, 7), /^boundary: \d\.\d{3}·x₁ [+-] \d\.\d{3}·x₂ [+-] \d\.\d{3} = 0, {2}i\.e\. {2}x₂ = -?\d\.\d{3}·x₁ [+-] \d\.\d{3}$/m);
});
