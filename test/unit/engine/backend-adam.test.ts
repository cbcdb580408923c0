// One Adam step in WebAssembly SIMD against its JavaScript twin, equal to the bit, for Adam with and
// without L2, AdamW and maximize, on lengths around the vector width and the WebAssembly threshold, for
// both modules; and through optim.Adam over several steps; float64 storage keeps float64.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { adamFlags, adamScalars, adamStep, jsAdam, WASM_MIN_ADAM, type AdamStep } from "../../../src/engine/backend/adamStep";
import { buildWasmKernels, gemmDefaults, relaxedSimd } from "../../../src/engine/backend/wasm-kernels";
import { lcg } from "./helpers";
import { manualSeed, nn, optim, randn, type Tensor } from "../../../src/engine/index";

// As the kernel process does on Node 20, so that the relaxed SIMD module is tested too.
if (!relaxedSimd()) setFlagsFromString("--experimental-wasm-relaxed-simd");

const STEPS: AdamStep[] = [
  { beta1: 0.9, beta2: 0.999, eps: 1e-8, stepSize: 0.01 / (1 - 0.9 ** 3), biasCorrection2Sqrt: Math.sqrt(1 - 0.999 ** 3), weightDecay: 0, decoupled: false, lr: 0.01, maximize: false },
  { beta1: 0.8, beta2: 0.99, eps: 1e-6, stepSize: 0.003, biasCorrection2Sqrt: 0.3, weightDecay: 0.05, decoupled: false, lr: 0.002, maximize: false },
  { beta1: 0.9, beta2: 0.999, eps: 1e-8, stepSize: 0.001, biasCorrection2Sqrt: 0.04, weightDecay: 0.01, decoupled: true, lr: 0.001, maximize: false },
  { beta1: 0.5, beta2: 0.9, eps: 1e-3, stepSize: 0.1, biasCorrection2Sqrt: 0.5, weightDecay: 0.1, decoupled: true, lr: 0.1, maximize: true },
];

for (const fma of relaxedSimd() ? [false, true] : [false]) {
  test(`Adam in WebAssembly (${fma ? "relaxed SIMD module" : "mul+add module"}) equals its JavaScript twin to the bit`, () => {
    const kernels = buildWasmKernels(gemmDefaults(fma));
    assert.ok(kernels, "the WebAssembly kernels build here");
    for (const n of [1, 3, 4, 5, 255, 256, 257, 2050]) {
      for (const [k, s] of STEPS.entries()) {
        const r = lcg(n * 10 + k, 4);
        const w = Float32Array.from({ length: n }, r), g = Float32Array.from({ length: n }, r);
        const m = Float32Array.from({ length: n }, r), v = Float32Array.from({ length: n }, () => Math.abs(r()));
        const ww = w.slice(), mw = m.slice(), vw = v.slice(), wj = w.slice(), mj = m.slice(), vj = v.slice();
        kernels.adam(ww, g, mw, vw, adamScalars(s), adamFlags(s));
        jsAdam(wj, g, mj, vj, null, s);
        for (let i = 0; i < n; i++) {
          const at = `n ${n}, step ${k}, element ${i}`;
          assert.ok(Object.is(ww[i], wj[i]) && Object.is(mw[i], mj[i]) && Object.is(vw[i], vj[i]), `${at}: ${[ww[i], mw[i], vw[i]]} vs ${[wj[i], mj[i], vj[i]]}`);
        }
        assert.ok(wj.filter((x, i) => x !== w[i]).length > n / 2, `n ${n}, step ${k}: the weights moved`);
      }
    }
  });
}

test("optim.Adam and optim.AdamW on a layer long enough for WebAssembly take the same steps as the JavaScript loop", () => {
  for (const [make, s] of [[(p: Tensor[]) => optim.Adam(p, { lr: 0.01, weightDecay: 0.1 }), { ...STEPS[0], weightDecay: 0.1, lr: 0.01 }], [(p: Tensor[]) => optim.AdamW(p, { lr: 0.01 }), { ...STEPS[0], weightDecay: 0.01, decoupled: true, lr: 0.01 }]] as const) {
    manualSeed(3);
    const layer = nn.Linear(40, 30), x = randn([8, 40]);
    const opt = make(layer.parameters());
    const w = layer.weight.data.slice(), m = new Float32Array(w.length), v = new Float32Array(w.length);
    assert.ok(w.length >= WASM_MIN_ADAM);
    for (let t = 1; t <= 3; t++) {
      opt.zeroGrad();
      layer.forward(x).square().mean().backward();
      opt.step();
      jsAdam(w, layer.weight.grad!.data, m, v, null, { ...s, stepSize: s.lr / (1 - 0.9 ** t), biasCorrection2Sqrt: Math.sqrt(1 - 0.999 ** t) });
      for (let i = 0; i < w.length; i++) assert.ok(Object.is(layer.weight.data[i], w[i]), `step ${t}, weight ${i}`);
    }
  }
});

test("adamStep leaves g alone; float64 storage computes in float64", () => {
  const n = WASM_MIN_ADAM + 1, s = STEPS[0];
  const g = new Float32Array(n).fill(0.5), w = new Float32Array(n).fill(1), m = new Float32Array(n), v = new Float32Array(n);
  adamStep(w, g, m, v, null, s);
  assert.ok(g.every((x) => x === 0.5));
  const w64 = new Float64Array([1]), g64 = new Float64Array([0.5]), m64 = new Float64Array(1), v64 = new Float64Array(1);
  adamStep(w64 as unknown as Float32Array, g64 as unknown as Float32Array, m64 as unknown as Float32Array, v64 as unknown as Float32Array, null, s);
  const mt = 0.1 * 0.5, vt = 0.001 * 0.5 * 0.5;
  assert.equal(w64[0], 1 - s.stepSize * (mt / (Math.sqrt(vt) / s.biasCorrection2Sqrt + s.eps)));
});
