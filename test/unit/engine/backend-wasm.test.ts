// The WebAssembly SIMD matrix-product kernels against the JavaScript loops they replace:
// same results to float32 rounding (summation order differs), on shapes that exercise every
// padding case of the register blocks, with offsets into larger arrays.
import assert from "node:assert/strict";
import { test } from "node:test";
import { jsNN, jsNT, jsTN, mmNN, mmNT, mmTN, WASM_MIN_WORK } from "../../../src/engine/backend/matmul";
import { wasmKernels } from "../../../src/engine/backend/wasm-kernels";

type Kernel = typeof jsNN;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

const SIZES = [1, 3, 4, 5, 17, 64, 785];

/** |x − y| ≤ tol · (Σ|a||b| for that output + |c₀|): float32 rounding scaled by the terms summed. */
function check(name: string, js: Kernel, wasm: Kernel, m: number, k: number, n: number, seed: number, aT: boolean, bT: boolean): void {
  const r = lcg(seed);
  const ao = 3, bo = 5, co = 7;
  const a = Float32Array.from({ length: ao + m * k + 2 }, r);
  const b = Float32Array.from({ length: bo + k * n + 2 }, r);
  const c0 = Float32Array.from({ length: co + m * n + 2 }, r);
  const cj = c0.slice(), cw = c0.slice();
  js(a, ao, b, bo, cj, co, m, k, n);
  wasm(a, ao, b, bo, cw, co, m, k, n);
  for (let t = 0; t < cw.length; t++) {
    if (t < co || t >= co + m * n) {
      assert.equal(cw[t], c0[t], `${name} ${m}×${k}×${n}: wrote outside c at ${t}`);
      continue;
    }
    const i = Math.floor((t - co) / n), j = (t - co) % n;
    let scale = Math.abs(c0[t]);
    for (let p = 0; p < k; p++) {
      const x = a[ao + (aT ? p * m + i : i * k + p)], y = b[bo + (bT ? j * k + p : p * n + j)];
      scale += Math.abs(x * y);
    }
    const tol = 1e-6 * scale + 1e-7;
    assert.ok(Math.abs(cw[t] - cj[t]) <= tol, `${name} ${m}×${k}×${n} at (${i},${j}): wasm ${cw[t]} vs js ${cj[t]}`);
  }
}

const w = wasmKernels();

test("WebAssembly SIMD kernels compile in this runtime", () => {
  assert.ok(w, "WebAssembly SIMD unavailable");
});

for (const [name, js, aT, bT] of [
  ["mmNN", jsNN, false, false],
  ["mmNT", jsNT, false, true],
  ["mmTN", jsTN, true, false],
] as const) {
  test(`${name}: wasm matches the JavaScript loops on edge sizes`, { skip: !w }, () => {
    const wasm = w![name];
    let seed = 1;
    for (const m of SIZES) for (const k of SIZES) for (const n of SIZES) {
      if (m * k * n > 300_000) continue; // keeps the test fast; large blocks are covered below
      check(name, js, wasm, m, k, n, seed++, aT, bT);
    }
  });

  test(`${name}: wasm matches on random and layer-sized shapes`, { skip: !w }, () => {
    const wasm = w![name];
    const r = lcg(99);
    const shapes: [number, number, number][] = [[64, 784, 128], [128, 64, 784], [64, 128, 64], [785, 17, 5], [5, 785, 17]];
    for (let t = 0; t < 40; t++) shapes.push([1 + Math.floor((r() + 0.5) * 70), 1 + Math.floor((r() + 0.5) * 70), 1 + Math.floor((r() + 0.5) * 70)]);
    let seed = 1000;
    for (const [m, k, n] of shapes) check(name, js, wasm, m, k, n, seed++, aT, bT);
  });

  test(`${name}: the dispatching kernel agrees with both paths, float32 and float64`, () => {
    const mm = { mmNN, mmNT, mmTN }[name];
    for (const [m, k, n] of [[2, 3, 4], [17, 64, 5], [64, 785, 3]] as const) {
      check(name, js, mm, m, k, n, 7, aT, bT);
      // Float64Array storage (the gradient checks) must take the JavaScript loops: exact match.
      const r = lcg(m + k + n);
      const a = Float64Array.from({ length: m * k }, r), b = Float64Array.from({ length: k * n }, r);
      const c1 = new Float64Array(m * n), c2 = new Float64Array(m * n);
      (js as unknown as (...x: unknown[]) => void)(a, 0, b, 0, c1, 0, m, k, n);
      (mm as unknown as (...x: unknown[]) => void)(a, 0, b, 0, c2, 0, m, k, n);
      assert.deepEqual(c2, c1);
    }
  });
}

test("products below the threshold, and empty ones, are handled", () => {
  assert.ok(WASM_MIN_WORK > 0);
  for (const [m, k, n] of [[0, 4, 4], [4, 0, 4], [4, 4, 0], [1, 1, 1]] as const) {
    const a = new Float32Array(m * k).fill(1), b = new Float32Array(k * n).fill(1), c = new Float32Array(m * n).fill(2);
    if (w) {
      w.mmNN(a, 0, b, 0, c, 0, m, k, n);
      w.mmNT(a, 0, b, 0, c, 0, m, k, n);
      w.mmTN(a, 0, b, 0, c, 0, m, k, n);
    }
    mmNN(a, 0, b, 0, c, 0, m, k, n);
    assert.ok(c.every((v) => v === 2 + (w ? 4 : 1) * k));
  }
});
