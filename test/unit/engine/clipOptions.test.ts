// The bound of clipGradNorm / clipGradValue as PyTorch code passes it: positionally or by name, checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, Tensor } from "../../../src/engine/index";
import { assertClose, assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface ClipCase {
  maxNorm: number;
  grads: Enc[];
  total: number;
  clipped: Enc[];
}

function withGrads(c: ClipCase): Tensor[] {
  return c.grads.map((g) => {
    const p = new Tensor(new Float32Array(g.data.length), g.shape.slice(), true);
    p.grad = fromEnc(g);
    return p;
  });
}

test("clipGradNorm takes PyTorch's keyword form max_norm=… as { maxNorm }, with the same result", () => {
  for (const c of fixture<ClipCase[]>("clipping")) {
    const ps = withGrads(c);
    assertClose([nn.utils.clipGradNorm(ps, { maxNorm: c.maxNorm }).item()], [c.total]);
    ps.forEach((p, i) => assertTensor(p.grad, c.clipped[i]));
  }
});

test("clipGradNorm with maxNorm Infinity measures the norm and leaves the gradients alone, as PyTorch's", () => {
  const c = fixture<ClipCase[]>("clipping")[0];
  const ps = withGrads(c);
  assertClose([nn.clipGradNorm(ps, Infinity).item()], [c.total]);
  ps.forEach((p, i) => assertTensor(p.grad, c.grads[i]));
});

test("a bound that is not a number ≥ 0 is an error naming it and the call, never a silent no-op", () => {
  const ps = withGrads(fixture<ClipCase[]>("clipping")[0]);
  const before = ps.map((p) => Array.from(p.grad!.data));
  const norm = /clipGradNorm: maxNorm must be a number ≥ 0, as in nn\.clipGradNorm\(net\.parameters\(\), 1\.0\), not /;
  assert.throws(() => nn.clipGradNorm(ps, -1), new RegExp(norm.source + "-1$"));
  assert.throws(() => nn.clipGradNorm(ps, NaN), new RegExp(norm.source + "NaN$"));
  assert.throws(() => nn.clipGradNorm(ps, "1" as never), new RegExp(norm.source + '"1"$'));
  assert.throws(() => (nn.clipGradNorm as unknown as (p: Tensor[]) => Tensor)(ps), new RegExp(norm.source + "nothing$"));
  assert.throws(() => nn.clipGradNorm(ps, { max_norm: 1 } as never), /clipGradNorm: unknown option "max_norm"; did you mean "maxNorm"\?/);
  assert.throws(() => nn.clipGradNorm(ps, {} as never), new RegExp(norm.source + "nothing$"));
  assert.throws(() => nn.clipGradValue(ps, -0.5), /clipGradValue: clipValue must be a number ≥ 0, as in nn\.clipGradValue\(net\.parameters\(\), 0\.5\), not -0\.5$/);
  assert.throws(() => nn.clipGradValue(ps, { clip_value: 1 } as never), /clipGradValue: unknown option "clip_value"; did you mean "clipValue"\?/);
  assert.deepEqual(ps.map((p) => Array.from(p.grad!.data)), before);
});

test("clipGradValue takes { clipValue } as PyTorch's clip_value=…", () => {
  const p = new Tensor(new Float32Array(3), [3], true);
  p.grad = new Tensor(Float32Array.from([-2, 0.25, 3]), [3]);
  nn.utils.clipGradValue([p], { clipValue: 0.5 });
  assert.deepEqual(Array.from(p.grad.data), [-0.5, 0.25, 0.5]);
});
