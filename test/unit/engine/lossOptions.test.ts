import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, tensor, randn } from "../../../src/engine/index";
import { assertClose, fixture, fromEnc, type Enc } from "./helpers";

interface Case {
  loss: keyof typeof LOSSES;
  options: Record<string, unknown>;
  pred: Enc;
  target: Enc;
  out: Enc;
  upstream: Enc;
  grad: Enc;
}

const LOSSES = {
  MSELoss: nn.MSELoss,
  L1Loss: nn.L1Loss,
  HuberLoss: nn.HuberLoss,
  BCELoss: nn.BCELoss,
  BCEWithLogitsLoss: nn.BCEWithLogitsLoss,
  CrossEntropyLoss: nn.CrossEntropyLoss,
  NLLLoss: nn.NLLLoss,
};

/** Options from the fixture: a tensor option is written as { shape, data }. */
function options(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "object" && v !== null ? fromEnc(v as Enc) : v]));
}

test("every loss with its options and reductions matches PyTorch, value and gradient", async (t) => {
  for (const c of fixture<Case[]>("loss_options")) {
    await t.test(`${c.loss} ${JSON.stringify(Object.keys(c.options).length ? c.options : {}).slice(0, 60)}`, () => {
      const make = LOSSES[c.loss] as unknown as (o: unknown) => nn.Module;
      const lossFn = make(options(c.options));
      const pred = fromEnc(c.pred, true);
      const out = lossFn(pred, fromEnc(c.target));
      assert.deepEqual(out.shape, c.out.shape);
      assertClose(out.data, fromEnc(c.out).data, 1e-5, 1e-6, "value");
      out.mul(fromEnc(c.upstream)).sum().backward();
      assertClose(pred.grad!.data, fromEnc(c.grad).data, 1e-5, 1e-6, "gradient");
    });
  }
});

test("a loss's options are checked: an unknown key, PyTorch's spelling, a wrong value", () => {
  assert.throws(() => nn.MSELoss({ reduce: "sum" } as never), /MSELoss: unknown option "reduce"; did you mean "reduction"\?/);
  assert.throws(() => nn.MSELoss({ reduction: "avg" } as never), /MSELoss: reduction must be one of "mean", "sum", "none", not "avg"/);
  assert.throws(() => nn.MSELoss("sum" as never), /MSELoss: the options must be an object such as \{ reduction: … \}, not "sum"/);
  assert.throws(() => nn.CrossEntropyLoss({ label_smoothing: 0.1 } as never), /unknown option "label_smoothing"; did you mean "labelSmoothing"\?/);
  assert.throws(() => nn.CrossEntropyLoss({ labelSmoothing: 1.5 }), /labelSmoothing must be a number from 0 to 1, not 1\.5/);
  assert.throws(() => nn.BCEWithLogitsLoss({ pos_weight: tensor([2]) } as never), /did you mean "posWeight"\?/);
  assert.throws(() => nn.BCEWithLogitsLoss({ posWeight: [2] as never }), /BCEWithLogitsLoss: posWeight must be a tensor, e\.g\. tensor\(\[1, 2, 1\]\), not a list/);
  assert.throws(() => nn.HuberLoss({ delta: 0 }), /HuberLoss: delta must be a number > 0, not 0/);
  assert.throws(() => nn.CrossEntropyLoss({ weight: tensor([1, 2]) })(randn(3, 4), [0, 1, 2]), /CrossEntropyLoss: weight must hold one number per class, \[4\], got \[2\]/);
  assert.throws(() => nn.NLLLoss()(randn(3, 4), [0, 5, 2]), /NLLLoss: target class 5 at row 1 is not a whole number in 0\.\.3/);
});
