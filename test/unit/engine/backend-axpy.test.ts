// y += α·x, plain gradient descent's update: the WebAssembly SIMD loop against its JavaScript twin
// (equal to the bit), both against float32 arithmetic done by hand, on lengths around the vector width
// and the WebAssembly threshold, for both modules; and SGD's step through it against the float32 formula.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { axpy, jsAxpy, WASM_MIN_AXPY } from "../../../src/engine/backend/axpy";
import { buildWasmKernels, gemmDefaults, relaxedSimd } from "../../../src/engine/backend/wasm-kernels";
import { setStorage } from "../../../src/engine/storage";
import { lcg } from "./helpers";
import { nn, optim, tensor } from "../../../src/engine/index";

// As the kernel process does on Node 20, so that the relaxed SIMD module is tested too.
if (!relaxedSimd()) setFlagsFromString("--experimental-wasm-relaxed-simd");

const LENGTHS = [1, 3, 4, 5, 7, 1023, 1024, 1025, 4099, 100_352];
const f = Math.fround;

for (const fma of relaxedSimd() ? [false, true] : [false]) {
  test(`axpy in WebAssembly (${fma ? "relaxed SIMD module" : "mul+add module"}) equals its JavaScript twin and float32 arithmetic to the bit`, () => {
    const kernels = buildWasmKernels(gemmDefaults(fma));
    assert.ok(kernels, "the WebAssembly kernels build here");
    for (const n of LENGTHS) {
      for (const alpha of [-0.01, 0.1, -1 / 3]) {
        const r = lcg(n, 8);
        const x = Float32Array.from({ length: n }, r), y0 = Float32Array.from({ length: n }, r);
        const yw = y0.slice(), yj = y0.slice();
        kernels.axpy(yw, x, alpha);
        jsAxpy(yj, x, alpha);
        for (let i = 0; i < n; i++) {
          const want = f(y0[i] + f(f(alpha) * x[i]));
          assert.ok(Object.is(yj[i], want), `twin, n ${n}, α ${alpha}, element ${i}: ${yj[i]} vs ${want}`);
          assert.ok(Object.is(yw[i], want), `wasm, n ${n}, α ${alpha}, element ${i}: ${yw[i]} vs ${want}`);
        }
      }
    }
  });
}

test("axpy leaves x alone, handles NaN and infinities as float32 does, and picks WebAssembly from its threshold", () => {
  const n = WASM_MIN_AXPY + 3;
  const x = new Float32Array(n).fill(1), y = new Float32Array(n).fill(2);
  x[0] = NaN; x[1] = Infinity; y[2] = -Infinity;
  axpy(y, x, -0.5);
  assert.ok(Number.isNaN(y[0]));
  assert.equal(y[1], -Infinity);
  assert.equal(y[2], -Infinity);
  assert.equal(y[n - 1], 1.5);
  assert.ok(Number.isNaN(x[0]) && x[1] === Infinity && x[n - 1] === 1, "x unchanged");
});

test("axpy on float64 storage (gradient checks) computes in float64", () => {
  const y = new Float64Array([1, 2]), x = new Float64Array([0.1, 0.2]);
  axpy(y as unknown as Float32Array, x as unknown as Float32Array, -0.01);
  assert.equal(y[0], 1 - 0.01 * 0.1);
  assert.equal(y[1], 2 - 0.01 * 0.2);
});

test("optim.SGD's plain step is w + fl(−lr)·g in float32, for small and large layers, and maximize adds", () => {
  setStorage(Float32Array);
  for (const [inF, outF] of [[3, 2], [784, 128]]) {
    const layer = nn.Linear(inF, outF);
    for (const maximize of [false, true]) {
      const w0 = layer.weight.data.slice();
      const opt = optim.SGD(layer.parameters(), { lr: 0.01, maximize });
      opt.zeroGrad();
      layer.forward(tensor(Array.from({ length: 2 }, (_, r) => Array.from({ length: inF }, (_, c) => ((r * 7 + c) % 5) - 2)))).sum().backward();
      opt.step();
      const g = layer.weight.grad!.data, a = f(maximize ? 0.01 : -0.01);
      for (let i = 0; i < w0.length; i++) {
        const want = f(w0[i] + f(a * g[i]));
        assert.ok(Object.is(layer.weight.data[i], want), `${inF}→${outF}, maximize ${maximize}, weight ${i}`);
      }
    }
  }
});
