// ReLU forward and backward, the two passes over memory a ReLU network spends most of its non-product time
// in. Long float32 arrays go to the WebAssembly SIMD loops of wasm-kernels.ts (four values an instruction, the
// copies in and out included, in chunks: 16,384 values in about a quarter of the JavaScript loop's time). The
// JavaScript loops below are their twins, giving the same floats (+0 for −0, NaN kept), for short arrays,
// float64 storage and runtimes without WebAssembly SIMD.

import { wasmKernels } from "./wasm-kernels";

/** Arrays shorter than this stay in JavaScript, where the call and the copies cost more than they save. */
export const WASM_MIN_RELU = 1024;

const long = (x: Float32Array) => x.length >= WASM_MIN_RELU && x instanceof Float32Array;

/** out = max(x, 0): +0 for −0, NaN for NaN (as torch). */
export function reluInto(x: Float32Array, out: Float32Array): void {
  const w = long(x) ? wasmKernels() : null;
  if (w) w.relu(x, out);
  else jsRelu(x, out);
}

/** out = g where x > 0 or x is NaN (as torch), else 0; 0 at x = 0, as torch. */
export function reluGradInto(x: Float32Array, g: Float32Array, out: Float32Array): void {
  const w = long(x) && g instanceof Float32Array ? wasmKernels() : null;
  if (w) w.reluGrad(x, g, out);
  else jsReluGrad(x, g, out);
}

/** The JavaScript twin of the forward loop. */
export function jsRelu(x: Float32Array, out: Float32Array): void {
  // (v + |v|)/2 is v or +0, exactly, with no branch on the sign (random signs mispredict half the time;
  // V8 compiles Math.max(v, 0) with branches on some processors: 6 ns against 1.7 a value). NaN stays NaN,
  // as in torch; -0 becomes 0; −∞, where the sum would be NaN, takes a branch that is almost never taken.
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v === -Infinity ? 0 : (v + Math.abs(v)) * 0.5;
  }
}

/** The JavaScript twin of the backward loop. */
export function jsReluGrad(x: Float32Array, g: Float32Array, out: Float32Array): void {
  if (out instanceof Float32Array && g instanceof Float32Array && g.length >= 64) {
    // g where x > 0 or x is NaN, else +0, as a bit mask: exact, and again without a branch.
    const gi = new Int32Array(g.buffer, g.byteOffset, g.length), oi = new Int32Array(out.buffer, out.byteOffset, out.length);
    for (let i = 0; i < g.length; i++) oi[i] = gi[i] & -!(x[i] <= 0);
  } else for (let i = 0; i < g.length; i++) out[i] = x[i] <= 0 ? 0 : g[i];
}
