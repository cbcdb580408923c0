// Shared test helpers: fixtures from PyTorch, tensors from JSON, close-enough checks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Tensor } from "../../../src/engine/index";

export interface Enc {
  shape: number[];
  data: (number | "nan" | "inf" | "-inf")[];
}

const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };

/** One op of a PyTorch fixture (op_case in scripts/reference/make_fixtures.py): its inputs, output and gradients. */
export interface OpCase {
  op: string;
  args: Record<string, any>;
  inputs: Enc[];
  out: Enc;
  upstream?: Enc;
  grads?: Enc[];
}

export function values(e: Enc): number[] {
  return e.data.map((v) => (typeof v === "string" ? SPECIAL[v] : v));
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/engine/${name}.json`, import.meta.url), "utf8")) as T;
}

export function fromEnc(e: Enc, requiresGrad = false): Tensor {
  return new Tensor(Float32Array.from(values(e)), e.shape.slice(), requiresGrad);
}

/** Element-wise |a − b| ≤ atol + rtol·|b|, with a message that says where. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, atol = 1e-6, what = ""): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i], b = expected[i];
    if (Number.isNaN(b) && Number.isNaN(a)) continue;
    if (a === b) continue;
    assert.ok(Math.abs(a - b) <= atol + rtol * Math.abs(b), `${what}[${i}]: got ${a}, expected ${b}`);
  }
}

export function assertTensor(t: Tensor | null, e: Enc, rtol = 1e-5, atol = 1e-6, what = ""): void {
  assert.ok(t, `${what}: missing tensor`);
  assert.deepEqual(t.shape, e.shape, `${what}: shape`);
  assertClose(t.data, values(e), rtol, atol, what);
}

/** Numbers uniform in [−span/2, span/2) from a seed, the same on every run (a linear congruential generator). */
export function lcg(seed: number, span = 1): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * span;
  };
}
