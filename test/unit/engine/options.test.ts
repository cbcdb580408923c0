import assert from "node:assert/strict";
import { test } from "node:test";
import { checkOptions, requireOptions, type OptionKind } from "../../../src/engine/options";

const KINDS = { stepSize: "count", gamma: "positive", reduction: ["mean", "sum", "none"], lrLambda: "function", milestones: "numbers" } as const;
// Options as a cell may pass them: anything, checked at run time.
const check = (fn: string, options: unknown) => checkOptions(fn, options as Record<string, unknown>, KINDS as Record<string, OptionKind>);

test("an unknown option names the one meant, PyTorch's snake_case included", () => {
  assert.throws(() => check("StepLR", { step_size: 30 }), /^TypeError: StepLR: unknown option "step_size"; did you mean "stepSize"\? The options are stepSize, gamma, reduction, lrLambda, milestones$/);
  assert.throws(() => check("StepLR", { gama: 0.1 }), /unknown option "gama"; did you mean "gamma"\?/);
  assert.throws(() => check("StepLR", { colour: 1 }), /unknown option "colour"; The options are/);
});

test("a value of the wrong kind names what was expected", () => {
  assert.throws(() => check("StepLR", { stepSize: 0.5 }), /StepLR: stepSize must be a whole number ≥ 1, not 0\.5/);
  assert.throws(() => check("StepLR", { gamma: 0 }), /StepLR: gamma must be a number > 0, not 0/);
  assert.throws(() => check("StepLR", { gamma: NaN }), /gamma must be a number > 0, not NaN/);
  assert.throws(() => check("MSELoss", { reduction: "avg" }), /MSELoss: reduction must be one of "mean", "sum", "none", not "avg"/);
  assert.throws(() => check("LambdaLR", { lrLambda: 2 }), /lrLambda must be a function, not 2/);
  assert.throws(() => check("MultiStepLR", { milestones: [1, "2"] }), /milestones must be a list of finite numbers, not a list/);
  assert.throws(() => check("StepLR", 30 as never), /StepLR: the options must be an object such as \{ stepSize: … \}, not 30/);
  assert.deepEqual(check("StepLR", { stepSize: 3, gamma: 0.5, reduction: "sum", milestones: [2, 4] }), { stepSize: 3, gamma: 0.5, reduction: "sum", milestones: [2, 4] });
});

test("a required option that is missing is named, with an example", () => {
  assert.throws(() => requireOptions("StepLR", {}, { stepSize: "30" }), /^TypeError: StepLR: the option stepSize is required, e\.g\. \{ stepSize: 30 \}$/);
  assert.throws(() => requireOptions("StepLR", undefined, { stepSize: "30" }), /stepSize is required/);
  requireOptions("StepLR", { stepSize: 30 }, { stepSize: "30" });
});
