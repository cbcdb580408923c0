// Matrix-product kernels on row-major arrays with offsets (for batches). All accumulate
// into c, so broadcast batches sum their gradients for free. Each handles four steps of
// the reduction at once: the output row is then loaded and stored a quarter as often,
// which is where plain JavaScript loops lose most of their time.
//
// mmNN, mmNT and mmTN hand float32 products to the WebAssembly SIMD kernels of
// wasm-kernels.ts (packed, cache-blocked, register-tiled; copies included) and keep the
// JavaScript loops below (jsNN, jsNT, jsTN) for tiny products, where the call and the
// operand copies cost more than they save, for float64 storage (gradient checks), and where
// WebAssembly SIMD is unavailable.

import { wasmKernels, type GemmOptions, type WasmKernels } from "./wasm-kernels";
import { alloc } from "../storage";

/**
 * Products with fewer multiply-adds than this (m·k·n) stay in JavaScript. Measured with the
 * packed kernels (about 1.3 µs a call before any arithmetic): at 4×2×2 the loops win by 10×, at
 * 8×8×8 by 1.2–1.4×; at 16×8×8 and 32×16×2 the SIMD kernels win by 1.1–1.5×.
 */
export const WASM_MIN_WORK = 1024;

function pick(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): WasmKernels | null {
  if (m * k * n < WASM_MIN_WORK) return null;
  if (!(a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array)) return null;
  return wasmKernels();
}

/** The WebAssembly kernels' tile, blocking and multiply-add, or null where float32 products stay in JavaScript. */
export function wasmKernelOptions(): GemmOptions | null {
  return wasmKernels()?.options ?? null;
}

type Kernel = (a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number) => void;

const rawNN: Kernel = (a, ao, b, bo, c, co, m, k, n) => {
  const w = pick(a, b, c, m, k, n);
  if (w) w.mmNN(a, ao, b, bo, c, co, m, k, n);
  else jsNN(a, ao, b, bo, c, co, m, k, n);
};
const rawNT: Kernel = (a, ao, b, bo, c, co, m, k, n) => {
  const w = pick(a, b, c, m, k, n);
  if (w) w.mmNT(a, ao, b, bo, c, co, m, k, n);
  else jsNT(a, ao, b, bo, c, co, m, k, n);
};
const rawTN: Kernel = (a, ao, b, bo, c, co, m, k, n) => {
  const w = pick(a, b, c, m, k, n);
  if (w) w.mmTN(a, ao, b, bo, c, co, m, k, n);
  else jsTN(a, ao, b, bo, c, co, m, k, n);
};

/**
 * Float32 reductions longer than K_LONG (in practice: the batch dim of a weight gradient) are cut
 * into blocks of K_BLOCK whose results are added in float64. A float32 running sum drifts with
 * its length: half a million gradients of 0.1 come to 50000.8 in one run, 50000 in blocks. The cost
 * is one m·n addition per block, and copies of the operands where blocks are not contiguous.
 */
export const K_LONG = 4096, K_BLOCK = 256;

/** Columns p0 .. p0 + kb of the [rows, k] matrix at x[xo], as a [rows, kb] copy. */
function columns(x: Float32Array, xo: number, rows: number, k: number, p0: number, kb: number): Float32Array {
  const out = alloc(rows * kb);
  for (let r = 0; r < rows; r++) out.set(x.subarray(xo + r * k + p0, xo + r * k + p0 + kb), r * kb);
  return out;
}

/** `kernel` over blocks of the reduction; aRows: a is [k, m] (its blocks are rows), bRows: b is [k, n]. */
function blocked(kernel: Kernel, aRows: boolean, bRows: boolean, a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  const acc = new Float64Array(m * n), part = alloc(m * n);
  for (let p0 = 0; p0 < k; p0 += K_BLOCK) {
    const kb = Math.min(K_BLOCK, k - p0);
    const ab = aRows ? a : columns(a, ao, m, k, p0, kb), abo = aRows ? ao + p0 * m : 0;
    const bb = bRows ? b : columns(b, bo, n, k, p0, kb), bbo = bRows ? bo + p0 * n : 0;
    part.fill(0);
    kernel(ab, abo, bb, bbo, part, 0, m, kb, n);
    for (let i = 0; i < part.length; i++) acc[i] += part[i];
  }
  for (let i = 0; i < acc.length; i++) c[co + i] += acc[i];
}

const long = (c: Float32Array, k: number) => k > K_LONG && c instanceof Float32Array;

/** c[m,n] += a[m,k] · b[k,n]. */
export function mmNN(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  if (long(c, k)) blocked(rawNN, false, true, a, ao, b, bo, c, co, m, k, n);
  else rawNN(a, ao, b, bo, c, co, m, k, n);
}

/** c[m,n] += a[m,k] · b[n,k]ᵀ. */
export function mmNT(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  if (long(c, k)) blocked(rawNT, false, false, a, ao, b, bo, c, co, m, k, n);
  else rawNT(a, ao, b, bo, c, co, m, k, n);
}

/** c[m,n] += a[k,m]ᵀ · b[k,n]. */
export function mmTN(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  if (long(c, k)) blocked(rawTN, true, true, a, ao, b, bo, c, co, m, k, n);
  else rawTN(a, ao, b, bo, c, co, m, k, n);
}

/** c[m,n] += a[m,k] · b[k,n]. i-k-j order: the inner loop runs along rows of b and c. */
export function jsNN(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const ci = co + i * n, ai = ao + i * k;
    let p = 0;
    for (; p < k4; p += 4) {
      const a0 = a[ai + p], a1 = a[ai + p + 1], a2 = a[ai + p + 2], a3 = a[ai + p + 3];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue; // ReLU outputs are often zero
      const b0 = bo + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
    }
    for (; p < k; p++) {
      const ap = a[ai + p], bp = bo + p * n;
      if (ap !== 0) for (let j = 0; j < n; j++) c[ci + j] += ap * b[bp + j];
    }
  }
}

/** c[m,n] += a[m,k] · b[n,k]ᵀ. Each output is a dot product of two contiguous rows. */
export function jsNT(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const ai = ao + i * k, ci = co + i * n;
    let j = 0;
    // Four rows of b against one row of a: each a[p] is loaded once for four sums.
    for (; j < n4; j += 4) {
      const b0 = bo + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[ai + p];
        s0 += x * b[b0 + p];
        s1 += x * b[b1 + p];
        s2 += x * b[b2 + p];
        s3 += x * b[b3 + p];
      }
      c[ci + j] += s0;
      c[ci + j + 1] += s1;
      c[ci + j + 2] += s2;
      c[ci + j + 3] += s3;
    }
    for (; j < n; j++) {
      const bj = bo + j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      c[ci + j] += s;
    }
  }
}

/** c[m,n] += a[k,m]ᵀ · b[k,n]: a sum of outer products of rows, all contiguous. */
export function jsTN(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  const k4 = k - (k % 4);
  let p = 0;
  for (; p < k4; p += 4) {
    const a0 = ao + p * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
    const b0 = bo + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
    for (let i = 0; i < m; i++) {
      const x0 = a[a0 + i], x1 = a[a1 + i], x2 = a[a2 + i], x3 = a[a3 + i];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const ci = co + i * n;
      for (let j = 0; j < n; j++) c[ci + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
    }
  }
  for (; p < k; p++) {
    const ap = ao + p * m, bp = bo + p * n;
    for (let i = 0; i < m; i++) {
      const x = a[ap + i];
      if (x === 0) continue;
      const ci = co + i * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}
