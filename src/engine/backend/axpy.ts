// y += α·x, the update of plain gradient descent (w += −lr·g), in float32 arithmetic as PyTorch's
// add_(x, alpha=α) does it: α rounded to float32, the product and the sum each rounded to float32.
// Long arrays go to the WebAssembly SIMD loop of wasm-kernels.ts (one vector op for four weights, the
// copies in and out included); a JavaScript loop costs a conversion to and from float64 per element.

import { wasmKernels } from "./wasm-kernels";

/** Arrays shorter than this stay in JavaScript, where the call and the copies cost more than they save. */
export const WASM_MIN_AXPY = 1024;

/** y += α·x, element by element; x and y of one length. Float64 storage (gradient checks) computes in float64. */
export function axpy(y: Float32Array, x: Float32Array, alpha: number): void {
  if (!(y instanceof Float32Array && x instanceof Float32Array)) {
    for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
    return;
  }
  const w = y.length >= WASM_MIN_AXPY ? wasmKernels() : null;
  if (w) w.axpy(y, x, alpha);
  else jsAxpy(y, x, alpha);
}

/** The JavaScript twin of the WebAssembly loop, equal to it to the bit (a float32 product and sum: exact in float64, then rounded once each). */
export function jsAxpy(y: Float32Array, x: Float32Array, alpha: number): void {
  const a = Math.fround(alpha);
  for (let i = 0; i < y.length; i++) y[i] += Math.fround(a * x[i]);
}
