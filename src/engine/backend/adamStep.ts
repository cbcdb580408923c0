// One Adam (or AdamW) step over a parameter: the moments and the update computed in float64, the
// weight and the moments stored in float32. Long arrays go to the WebAssembly SIMD loop of
// wasm-gemm.ts (two weights an instruction, copies in and out included); the JavaScript loop
// below is its twin, equal to it to the bit, and runs short arrays, float64 storage and amsgrad.

import { ADAM_FLAGS, ADAM_SCALARS } from "./wasm-gemm";
import { wasmKernels } from "./wasm-kernels";

/** Arrays shorter than this stay in JavaScript, where the call and the copies cost more than they save. */
export const WASM_MIN_ADAM = 256;

export interface AdamStep {
  beta1: number;
  beta2: number;
  eps: number;
  /** lr / (1 − β₁ᵗ) */
  stepSize: number;
  /** √(1 − β₂ᵗ) */
  biasCorrection2Sqrt: number;
  /** λ: L2 in the gradient (Adam) or a decay of the weight (AdamW: w ← w·(1 − lr·λ)) */
  weightDecay: number;
  decoupled: boolean;
  lr: number;
  maximize: boolean;
}

/** w, m and v (and amsgrad's running max of v, vmax) updated in place for gradient g (all of one length). */
export function adamStep(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, s: AdamStep): void {
  const float32 = w instanceof Float32Array && g instanceof Float32Array && m instanceof Float32Array && v instanceof Float32Array;
  const k = float32 && vmax === null && w.length >= WASM_MIN_ADAM ? wasmKernels() : null;
  if (k) k.adam(w, g, m, v, adamScalars(s), adamFlags(s));
  else jsAdam(w, g, m, v, vmax, s);
}

/** The scalars as the WebAssembly loop reads them, in ADAM_SCALARS' order. */
export function adamScalars(s: AdamStep): number[] {
  const value: Record<(typeof ADAM_SCALARS)[number], number> = {
    beta1: s.beta1, oneMinusBeta1: 1 - s.beta1, beta2: s.beta2, oneMinusBeta2: 1 - s.beta2, biasCorrection2Sqrt: s.biasCorrection2Sqrt,
    eps: s.eps, stepSize: s.stepSize, weightDecay: s.weightDecay, decay: 1 - s.lr * s.weightDecay,
  };
  return ADAM_SCALARS.map((name) => value[name]);
}

export function adamFlags(s: AdamStep): number {
  return (s.decoupled ? ADAM_FLAGS.decoupled : 0) | (s.maximize ? ADAM_FLAGS.maximize : 0);
}

/** The JavaScript loop: each value read from the arrays, computed in float64, stored back. */
export function jsAdam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, s: AdamStep): void {
  const { beta1: b1, beta2: b2, eps, stepSize, biasCorrection2Sqrt: c2, weightDecay: wd, decoupled, lr, maximize } = s;
  for (let i = 0; i < w.length; i++) {
    let gi = maximize ? -g[i] : g[i];
    if (decoupled) w[i] *= 1 - lr * wd; // AdamW: shrink the weight directly
    else gi += wd * w[i]; // Adam: L2 in the gradient
    m[i] = b1 * m[i] + (1 - b1) * gi; // m ← β₁m + (1 − β₁)g
    v[i] = b2 * v[i] + (1 - b2) * gi * gi; // v ← β₂v + (1 − β₂)g²
    let vi = v[i];
    if (vmax !== null) vi = vmax[i] = Math.max(vmax[i], vi); // amsgrad: the largest v so far
    w[i] -= stepSize * (m[i] / (Math.sqrt(vi) / c2 + eps)); // w ← w − lr·m̂/(√v̂ + ε)
  }
}
