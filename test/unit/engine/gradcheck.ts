// Finite-difference gradient checking in float64. A test file that uses this switches the
// engine's storage to Float64Array first, so neither side is blurred by float32 rounding.
import assert from "node:assert/strict";
import { Tensor, noGrad } from "../../../src/engine/index";
import { alloc } from "../../../src/engine/storage";
import { Generator } from "../../../src/engine/random";

export interface InputSpec {
  shape: number[];
  /** Values drawn from [lo, hi], kept at least `gap` away from 0 (for kinks like relu/abs). */
  lo?: number;
  hi?: number;
  gap?: number;
  /** A constant input (no gradient checked), e.g. a target. */
  constant?: boolean;
  /** Fixed values instead of random ones. */
  values?: number[];
  /** An existing tensor, e.g. a layer's parameter: checked in place. */
  tensor?: Tensor;
}

export function makeInput(spec: InputSpec, g: Generator): Tensor {
  if (spec.tensor) return spec.tensor;
  const n = spec.shape.reduce((a, b) => a * b, 1), d = alloc(n);
  const lo = spec.lo ?? -2, hi = spec.hi ?? 2, gap = spec.gap ?? 0;
  for (let i = 0; i < n; i++) {
    if (spec.values) {
      d[i] = spec.values[i];
      continue;
    }
    let v: number;
    do v = lo + (hi - lo) * g.uniform();
    while (Math.abs(v) < gap);
    d[i] = v;
  }
  return new Tensor(d, spec.shape.slice(), !spec.constant);
}

/**
 * Check ∂L/∂input from backward() against central differences of L = Σ f(inputs)·u,
 * u a fixed random weighting (so every output element matters differently).
 */
export function gradcheck(name: string, f: (...xs: Tensor[]) => Tensor, specs: InputSpec[], seed = 1, h = 1e-6, rtol = 1e-5, atol = 1e-7): void {
  const g = new Generator(seed);
  const inputs = specs.map((s) => makeInput(s, g));
  const out = f(...inputs);
  const u = makeInput({ shape: out.shape, lo: 0.5, hi: 1.5, constant: true }, g);
  const lossOf = () => noGrad(() => {
    const o = f(...inputs).data;
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * u.data[i];
    return s;
  });
  out.mul(u).sum().backward();
  inputs.forEach((x, k) => {
    if (specs[k].constant) return;
    assert.ok(x.grad, `${name}: input ${k} got no gradient`);
    for (let i = 0; i < x.numel(); i++) {
      const keep = x.data[i];
      x.data[i] = keep + h;
      const up = lossOf();
      x.data[i] = keep - h;
      const down = lossOf();
      x.data[i] = keep;
      const numeric = (up - down) / (2 * h), analytic = x.grad.data[i];
      assert.ok(
        Math.abs(numeric - analytic) <= atol + rtol * Math.abs(numeric),
        `${name}: d/d input${k}[${i}] analytic ${analytic} vs numeric ${numeric}`,
      );
    }
  });
}
