// Matrix products cut into parts over helper threads (wasm-threads.ts), with the kernel's own
// helper script: the same bits as on one thread for every layout, split along rows or columns;
// a thread that never starts or traps leaves the products to the calling thread, and says so.
import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { buildWasmKernels, relaxedSimd, type WasmKernels } from "../../../src/engine/backend/wasm-kernels";
import { lcg } from "./helpers";
import { HEADER, Helper, setMatmulThreads, THREAD_MIN_WORK, type MatmulThread } from "../../../src/engine/backend/wasm-threads";

if (!relaxedSimd()) setFlagsFromString("--experimental-wasm-relaxed-simd");

// As the kernel bundles it (`npm test` builds first).
const script = path.resolve(__dirname, "../../../out/kernel/matmulThread.js");
const workers: Worker[] = [];
/** Starts the kernel's helper script. */
const start = (thread: MatmulThread) => {
  const worker = new Worker(script, { workerData: thread });
  worker.unref();
  workers.push(worker);
};
after(() => Promise.all(workers.map((w) => w.terminate())));

async function untilReady(k: WasmKernels, threads: number): Promise<void> {
  for (const t0 = Date.now(); k.threads() < threads; ) {
    if (Date.now() - t0 > 20000) throw new Error(`only ${k.threads()} of ${threads} threads became ready`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Product = "mmNN" | "mmNT" | "mmTN";
function run(k: WasmKernels, product: Product, m: number, kk: number, n: number, seed: number): Float32Array {
  const r = lcg(seed), ao = 1, bo = 2, co = 3;
  const a = Float32Array.from({ length: ao + m * kk }, r), b = Float32Array.from({ length: bo + kk * n }, r);
  const c = Float32Array.from({ length: co + m * n + 1 }, r);
  k[product](a, ao, b, bo, c, co, m, kk, n);
  return c;
}

// Wide and tall, tile edges on both sides, blocks of the reduction, and the W1 layers.
const SHAPES: [number, number, number][] = [[256, 256, 256], [1000, 64, 1200], [300, 190, 301], [301, 190, 300], [97, 1713, 101], [7, 9000, 267], [267, 9000, 7], [261, 64, 1010], [1010, 64, 261]];

for (const fma of relaxedSimd() ? [true, false] : [false]) {
  test(`${fma ? "fused" : "mul+add"} products over 2 and 3 threads are bit for bit those of one`, async () => {
    const one = buildWasmKernels({ fma })!;
    for (const threads of [2, 3]) {
      const many = buildWasmKernels({ fma }, threads, start)!;
      await untilReady(many, threads);
      for (const [m, k, n] of SHAPES) {
        assert.ok(m * k * n >= THREAD_MIN_WORK, `${m}×${k}×${n} is large enough to be cut`);
        for (const product of ["mmNN", "mmNT", "mmTN"] as const) {
          const seed = m * 7 + k * 3 + n;
          assert.deepEqual(run(many, product, m, k, n, seed), run(one, product, m, k, n, seed), `${product} ${m}×${k}×${n} on ${threads} threads`);
        }
      }
      many.end();
    }
  });
}

test("a helper that never starts leaves every product to this thread", () => {
  const k = buildWasmKernels({}, 2, () => {})!;
  assert.equal(k.threads(), 1);
  assert.deepEqual(run(k, "mmNN", 64, 784, 128, 1), run(buildWasmKernels()!, "mmNN", 64, 784, 128, 1));
});

test("a job that traps in the helper fails that product, and later ones stay on this thread", async () => {
  let given: MatmulThread | undefined;
  const k = buildWasmKernels({}, 2, (thread) => {
    given = thread;
    start(thread);
  })!;
  await untilReady(k, 2);
  // A second caller on the same slot, posting one chunk: a gemm over memory past the end, a trap in the helper.
  const helper = new Helper(given!.memory.buffer, given!.control);
  const words = new Int32Array(given!.memory.buffer), table = 1024, commands = 1040;
  words.set([commands * 4, 1], table);
  words.set([0, 0x7ffffff0, 0x7ffffff0, 0x7ffffff0, 64, 1, 1, 1], commands);
  words.set([0, 0, 1, table * 4], given!.header / 4 + HEADER.next);
  helper.post();
  assert.throws(() => helper.wait(), /helper thread failed/);
  assert.equal(k.threads(), 1);
  assert.deepEqual(run(k, "mmTN", 128, 64, 784, 2), run(buildWasmKernels()!, "mmTN", 128, 64, 784, 2));
});

test("setMatmulThreads takes a whole number of threads, and a way to start them", () => {
  for (const bad of [0, 1.5, -1, 1000, NaN]) assert.throws(() => setMatmulThreads(bad), /whole number from 1 to \d+, not/);
  assert.throws(() => setMatmulThreads(2), /need a way to start them/);
  setMatmulThreads(1);
});
