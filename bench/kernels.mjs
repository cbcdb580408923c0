// The matrix products behind W1's first layer (64×784 inputs, 128 units) on their own:
// nnbook's JavaScript kernels against TensorFlow.js's matMul in the same three layouts
// (forward, weight gradient, input gradient). Tells kernel speed apart from framework overhead.
// Then nnbook's three layouts at 1024×1024×1024, and an estimate of one core's 128-bit SIMD peak.
//
//   node bench/kernels.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleEngine } from "./engine.mjs";
import { initTf } from "./frameworks/tfjs.mjs";
import { rng } from "./workloads.mjs";
import { enableRelaxedSimd } from "./relaxedSimd.mjs";

const relaxed = await enableRelaxedSimd(); // as the kernel process does

const B = 64, IN = 784, OUT = 128, FLOPS = 2 * B * IN * OUT;
const r = rng(7);
const fill = (n) => Float32Array.from({ length: n }, () => r.uniform() - 0.5);
const x = fill(B * IN), w = fill(OUT * IN), g = fill(B * OUT), wt = new Float32Array(IN * OUT);
for (let j = 0; j < OUT; j++) for (let p = 0; p < IN; p++) wt[p * OUT + j] = w[j * IN + p];

/** Median of five rounds of `reps` calls, after `reps / 2` warm-up calls; ms per call. */
function time(fn, reps = 20) {
  for (let i = 0; i < Math.max(1, reps / 2); i++) fn();
  const runs = [];
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    runs.push((performance.now() - t0) / reps);
  }
  return runs.sort((a, b) => a - b)[2];
}
const row = (label, ms, flops = FLOPS) => console.log(`  ${label.padEnd(44)} ${ms.toFixed(3).padStart(7)} ms  ${(flops / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s`);

/**
 * GFLOP/s of a register-only loop of 12 independent f32x4 multiply-adds (fused with relaxed
 * SIMD, else mul then add): no memory traffic, so about what one core's 128-bit SIMD can do.
 */
function simdPeak(asm, fma) {
  const { I, assemble, i32, v128 } = asm;
  const N = 12, acc = (t) => 1 + t, x = 1 + N, y = 2 + N;
  const madd = (t) => (fma ? [I.get(x), I.get(y), I.get(acc(t)), I.f32x4_relaxed_madd] : [I.get(acc(t)), I.get(x), I.get(y), I.f32x4_mul, I.f32x4_add]);
  const body = [
    I.loop,
    ...Array.from({ length: N }, (_, t) => [...madd(t).flat(), ...I.set(acc(t))]),
    I.get(0), I.const(1), I.sub, I.tee(0), I.br_if(0),
    I.end,
    ...Array.from({ length: N }, (_, t) => [...I.const(16 * t), ...I.get(acc(t)), ...I.v128_store(0)]), // keeps the sums live
  ];
  const mem = new WebAssembly.Memory({ initial: 1 });
  const bytes = assemble([{ name: "peak", params: [i32], locals: [[N + 2, v128]], body }]);
  const { peak } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } }).exports;
  const trips = 1e7;
  return (N * 8 * trips) / time(() => peak(trips), 2) / 1e6;
}

const dir = mkdtempSync(path.join(tmpdir(), "nnbook-kernels-"));
try {
  const k = await import(pathToFileURL(await bundleEngine(dir, { entry: "src/engine/backend/matmul.ts" })).href);
  const o = k.wasmKernelOptions();
  const module = o ? `WebAssembly ${o.fma ? "relaxed SIMD fused multiply-add" : "SIMD mul+add"}, tile ${o.mr}×${o.nr}, KC ${o.kc} MC ${o.mc} NC ${o.nc}` : "JavaScript loops";
  console.log(`nnbook (src/engine/backend/matmul.ts): ${module}${relaxed ? "" : " (relaxed SIMD unavailable)"}`);
  const out = new Float32Array(B * OUT), dW = new Float32Array(OUT * IN), dX = new Float32Array(B * IN);
  row("forward  x·Wᵀ   mmNT [64,784]·[128,784]ᵀ", time(() => k.mmNT(x, 0, w, 0, out.fill(0), 0, B, IN, OUT)));
  row("weights  gᵀ·x   mmTN [64,128]ᵀ·[64,784]", time(() => k.mmTN(g, 0, x, 0, dW.fill(0), 0, OUT, B, IN)));
  row("inputs   g·W    mmNN [64,128]·[128,784]", time(() => k.mmNN(g, 0, w, 0, dX.fill(0), 0, B, OUT, IN)));
  const S = 1024, big = fill(S * S), big2 = fill(S * S), bigC = new Float32Array(S * S);
  for (const name of ["mmNN", "mmNT", "mmTN"]) row(`${name} 1024×1024×1024`, time(() => k[name](big, 0, big2, 0, bigC, 0, S, S, S), 3), 2 * S ** 3);
  const asm = await import(pathToFileURL(await bundleEngine(dir, { entry: "src/engine/backend/wasm-asm.ts" })).href);
  console.log("one core's 128-bit SIMD, estimated by a register-only loop of 12 independent f32x4 multiply-adds");
  const peak = (label, gflops) => console.log(`  ${label.padEnd(55)} ${gflops.toFixed(1).padStart(5)} GFLOP/s (estimate)`);
  if (relaxed) peak("fused (f32x4.relaxed_madd)", simdPeak(asm, true));
  peak("mul then add", simdPeak(asm, false));
  for (const backend of ["cpu", "wasm"]) {
    const { tf, info } = await initTf(backend);
    console.log(`tfjs-${backend}${info.wasmBinary ? ` (${info.wasmBinary})` : ""}: tf.matMul, weights stored [in, out]`);
    const tx = tf.tensor2d(x, [B, IN]), tw = tf.tensor2d(wt, [IN, OUT]), tg = tf.tensor2d(g, [B, OUT]);
    const run = (f) => () => f().dataSync();
    row("forward  matMul(x, W)", time(run(() => tf.tidy(() => tf.matMul(tx, tw)))));
    row("weights  matMul(x, g, transposeA)", time(run(() => tf.tidy(() => tf.matMul(tx, tg, true, false)))));
    row("inputs   matMul(g, W, false, transposeB)", time(run(() => tf.tidy(() => tf.matMul(tg, tw, false, true)))));
    tf.dispose([tx, tw, tg]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
