// The WebAssembly SIMD matrix-product kernels against the JavaScript loops they replace:
// same results to float32 rounding (summation order differs), on shapes that exercise every
// padding case of the register tiles and every edge of the cache blocks, with offsets into
// larger arrays, for both modules: relaxed SIMD's multiply-add and plain mul+add.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { jsNN, jsNT, jsTN, mmNN, mmNT, mmTN, WASM_MIN_WORK, wasmKernelOptions } from "../../../src/engine/backend/matmul";
import { lcg } from "./helpers";
import { buildWasmKernels, gemmDefaults, relaxedSimd, wasmKernels, type GemmOptions, type WasmKernels } from "../../../src/engine/backend/wasm-kernels";

// As the kernel process does on Node 20, so that the relaxed SIMD module is tested too.
if (!relaxedSimd()) setFlagsFromString("--experimental-wasm-relaxed-simd");

type Kernel = typeof jsNN;

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
  assert.deepEqual(wasmKernelOptions(), w.options);
});

test("the relaxed SIMD module is built where it validates, and by default", { skip: !relaxedSimd() }, () => {
  assert.equal(w?.options.fma, true);
  assert.equal(buildWasmKernels({ fma: true })?.options.fma, true);
  assert.equal(buildWasmKernels({ fma: false })?.options.fma, false);
});

/** Both modules with their default tiles and blocks, for large products. */
const defaults: [string, WasmKernels][] = [];
/** The same tiles with blocks a few tiles wide, so that small shapes cross KC, MC and NC; and an unrolled reduction. */
const smallBlocks: [string, WasmKernels][] = [];
for (const fma of relaxedSimd() ? [true, false] : [false]) {
  const t = gemmDefaults(fma), tag = `${fma ? "fma" : "mul+add"} ${t.mr}×${t.nr}`;
  defaults.push([tag, buildWasmKernels({ fma })!]);
  smallBlocks.push([tag, buildWasmKernels({ fma, kc: 8, mc: 2 * t.mr, nc: 2 * t.nr })!]);
}
smallBlocks.push(["mul+add 5×8 unrolled by 4", buildWasmKernels({ fma: false, mr: 5, nr: 8, unroll: 4, kc: 12, mc: 10, nc: 16 })!]);

/** Sizes just around 1, the tile and twice the block of one dimension. */
const around = (tile: number, block: number) => [...new Set([1, tile - 1, tile, tile + 1, block - 1, block, block + 1, 2 * block + 1])].filter((x) => x >= 1);

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

for (const [label, mod] of smallBlocks) {
  const o: GemmOptions = mod.options;
  test(`${label}: tile and block edges (MR ${o.mr}, NR ${o.nr}, KC ${o.kc}, MC ${o.mc}, NC ${o.nc}) in all three layouts`, () => {
    let seed = 5000;
    for (const m of around(o.mr, o.mc)) for (const k of around(o.unroll, o.kc)) for (const n of around(o.nr, o.nc)) {
      check(`${label} mmNN`, jsNN, mod.mmNN, m, k, n, seed++, false, false);
      check(`${label} mmNT`, jsNT, mod.mmNT, m, k, n, seed++, false, true);
      check(`${label} mmTN`, jsTN, mod.mmTN, m, k, n, seed++, true, false);
    }
  });
}

for (const [label, mod] of defaults) {
  test(`${label}: a large product (300×1100×130: several KC and MC blocks) in all three layouts`, () => {
    check(`${label} mmNN`, jsNN, mod.mmNN, 300, 1100, 130, 1, false, false);
    check(`${label} mmNT`, jsNT, mod.mmNT, 300, 1100, 130, 2, false, true);
    check(`${label} mmTN`, jsTN, mod.mmTN, 300, 1100, 130, 3, true, false);
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

test("a product whose columns fill whole tiles but whose rows do not stays inside the kernels' memory", { skip: !w }, () => {
  // 4 rows are padded to 6 by a 3-row tile; 120,000 columns are whole tiles of 12 (and of 8), so c needs no
  // padded copy, but the kernel still writes its two padding rows: 960 KB past c, more than a page of slack.
  for (const fma of relaxedSimd() ? [true, false] : [false]) {
    const k = buildWasmKernels({ fma, mr: 3 })!;
    const m = 4, n = 120_000;
    const a = Float32Array.from({ length: m }, (_, i) => i + 1), b = new Float32Array(n).fill(0.5), c = new Float32Array(m * n);
    k.mmNN(a, 0, b, 0, c, 0, m, 1, n);
    for (let i = 0; i < m; i++) assert.equal(c[i * n + n - 1], (i + 1) * 0.5);
  }
});
