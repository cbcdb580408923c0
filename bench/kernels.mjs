// The matrix products behind W1's first layer (64×784 inputs, 128 units) on their own:
// nnbook's JavaScript kernels against TensorFlow.js's matMul in the same three layouts
// (forward, weight gradient, input gradient). Tells kernel speed apart from framework overhead.
//
//   node bench/kernels.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleEngine } from "./engine.mjs";
import { initTf } from "./frameworks/tfjs.mjs";
import { rng } from "./workloads.mjs";

const B = 64, IN = 784, OUT = 128, FLOPS = 2 * B * IN * OUT;
const r = rng(7);
const fill = (n) => Float32Array.from({ length: n }, () => r.uniform() - 0.5);
const x = fill(B * IN), w = fill(OUT * IN), g = fill(B * OUT), wt = new Float32Array(IN * OUT);
for (let j = 0; j < OUT; j++) for (let p = 0; p < IN; p++) wt[p * OUT + j] = w[j * IN + p];

function time(fn) {
  for (let i = 0; i < 10; i++) fn();
  const runs = [];
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) fn();
    runs.push((performance.now() - t0) / 20);
  }
  return runs.sort((a, b) => a - b)[2];
}
const row = (label, ms) => console.log(`  ${label.padEnd(44)} ${ms.toFixed(3).padStart(7)} ms  ${(FLOPS / ms / 1e6).toFixed(1).padStart(5)} GFLOP/s`);

const dir = mkdtempSync(path.join(tmpdir(), "nnbook-kernels-"));
try {
  const k = await import(pathToFileURL(await bundleEngine(dir, { entry: "src/engine/backend/matmul.ts" })).href);
  console.log("nnbook (src/engine/backend/matmul.ts)");
  const out = new Float32Array(B * OUT), dW = new Float32Array(OUT * IN), dX = new Float32Array(B * IN);
  row("forward  x·Wᵀ   mmNT [64,784]·[128,784]ᵀ", time(() => k.mmNT(x, 0, w, 0, out.fill(0), 0, B, IN, OUT)));
  row("weights  gᵀ·x   mmTN [64,128]ᵀ·[64,784]", time(() => k.mmTN(g, 0, x, 0, dW.fill(0), 0, OUT, B, IN)));
  row("inputs   g·W    mmNN [64,128]·[128,784]", time(() => k.mmNN(g, 0, w, 0, dX.fill(0), 0, B, OUT, IN)));
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
