import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("1. the perceptron learns AND, OR, NAND and NOT with its rule, and never XOR", () => {
  const run = runLesson("01-perceptron.nnbook", `
    check(andRun.converged && andRun.errors.at(-1) === 0, "AND converges: " + andRun.errors.join(" "));
    // The line the text names: 2x1 + x2 - 3 = 0.
    check(andPerceptron.weight.toArray()[0].join(",") === "2,1" && andPerceptron.bias.item() === -3, "AND's line is 2x1 + x2 - 3");
    check(gateRuns.length === 3 && gateRuns.every((g: { learned: boolean }) => g.learned), "OR, NAND and NOT are learned");
    for (const [name, ds] of Object.entries(gates)) {
      const p = Perceptron(ds.x.shape[1]);
      p.fit(ds, { lr: 1, epochs: 20 });
      check(p.predict(ds.x).eq(ds.y).sum().item() === ds.length, name + ": every point right after fitting");
    }
    check(xorRun.epochs === 100 && !xorRun.converged, "XOR runs all 100 epochs without converging");
    check(xorRun.errors.every((e: number) => e >= 1), "XOR: a mistake in every epoch: " + xorRun.errors.join(" "));
    check(xorPerceptron.predict(xor.x).eq(xor.y).sum().item() < 4, "XOR: the final line misclassifies a point");
  `);
  assertLesson(run);
  // The rule by hand: the first point is wrong, only the bias moves.
  assert.match(cellText(run, 2), /^z = 0, ŷ = 1, y - ŷ = -1\nw → \[0, 0\], b → -1$/m);
  assert.match(cellText(run, 3), /mistakes per epoch: [\d, ]+, 0; learned w = \[2, 1\], b = -3/);
});
