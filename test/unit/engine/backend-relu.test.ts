// ReLU's forward and backward: the WebAssembly SIMD loops against their JavaScript twins (the same floats,
// −0, NaN and infinities included), on lengths around the vector width and the WebAssembly threshold, for both
// modules; and the op through them against torch's rule.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { WASM_MIN_RELU, jsRelu, jsReluGrad } from "../../../src/engine/backend/relu";
import { buildWasmKernels, gemmDefaults, relaxedSimd } from "../../../src/engine/backend/wasm-kernels";
import { lcg } from "./helpers";
import { Tensor } from "../../../src/engine/index";

// As the kernel process does on Node 20, so that the relaxed SIMD module is tested too.
if (!relaxedSimd()) setFlagsFromString("--experimental-wasm-relaxed-simd");

// Around the vector width, the JavaScript bit mask (64), the WebAssembly threshold, and its chunks (ELEMENTWISE_CHUNK).
const LENGTHS = [1, 3, 4, 5, 7, 63, 64, 65, 1023, 1024, 1025, 65_536, 65_539, 131_072, 140_001];
const SPECIAL = [NaN, -NaN, 0, -0, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38, -3.4e38];

/** Values in [−1, 1) with the special ones spread among them. */
function values(n: number, seed: number): Float32Array {
  const r = lcg(seed, 2), x = Float32Array.from({ length: n }, r);
  for (let i = 0; i < n; i += 7) x[i] = SPECIAL[(i / 7) % SPECIAL.length];
  return x;
}

for (const fma of relaxedSimd() ? [false, true] : [false]) {
  test(`ReLU in WebAssembly (${fma ? "relaxed SIMD module" : "mul+add module"}) gives the floats of its JavaScript twins, forward and backward`, () => {
    const kernels = buildWasmKernels(gemmDefaults(fma));
    assert.ok(kernels, "the WebAssembly kernels build here");
    for (const n of LENGTHS) {
      const x = values(n, n), g = values(n, n + 1);
      const fw = new Float32Array(n), fj = new Float32Array(n), bw = new Float32Array(n), bj = new Float32Array(n);
      kernels.relu(x, fw);
      jsRelu(x, fj);
      kernels.reluGrad(x, g, bw);
      jsReluGrad(x, g, bj);
      for (let i = 0; i < n; i++) {
        assert.ok(Object.is(fw[i], fj[i]), `forward, n ${n}, element ${i} (x ${x[i]}): ${fw[i]} vs ${fj[i]}`);
        assert.ok(Object.is(bw[i], bj[i]), `backward, n ${n}, element ${i} (x ${x[i]}, g ${g[i]}): ${bw[i]} vs ${bj[i]}`);
      }
    }
  });
}

test("relu() follows torch through either path: max(x, 0) with NaN kept and +0 for −0; the gradient g where x > 0 or NaN, 0 at x ≤ 0", () => {
  for (const n of [WASM_MIN_RELU - 1, WASM_MIN_RELU + 5]) {
    const x = values(n, 7), up = values(n, 8);
    const t = new Tensor(x.slice(), [n], true);
    const y = t.relu();
    y.backward(new Tensor(up, [n]));
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const want = Number.isNaN(v) ? NaN : v > 0 ? v : 0;
      assert.ok(Object.is(y.data[i], want), `n ${n}: relu(${v}) = ${y.data[i]}, not ${want}`);
      const grad = Number.isNaN(v) || v > 0 ? up[i] : 0;
      assert.ok(Object.is(t.grad!.data[i], grad), `n ${n}: relu'(${v})·${up[i]} = ${t.grad!.data[i]}, not ${grad}`);
    }
    assert.deepEqual(Array.from(t.data), Array.from(x), "x is left as it was");
  }
});
