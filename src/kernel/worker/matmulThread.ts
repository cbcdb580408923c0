/**
 * A helper thread of the cells' matrix products (the engine's wasm-threads.ts): it instantiates
 * the product module over the memory it shares with the cells' thread, and runs the jobs posted
 * in its control slot. A job is a list of calls of the module's exports with i32 arguments — and
 * nothing else: whatever the memory holds, this thread only ever runs the WebAssembly it was given.
 */
import { workerData } from "node:worker_threads";
import type { MatmulThreadData } from "./matmulThreads";

// The WebAssembly JavaScript API is not in the ES2022 lib: only what is used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

/**
 * How long the thread watches for the next job before it sleeps, in ms. A training step's products
 * come a fraction of a millisecond apart, and waking a sleeping thread takes about as long as half
 * of one of them (OpenMP's threads spin for the same reason, for much longer).
 */
const SPIN_MS = 2;

const { memory, module, names, control, layout } = workerData as MatmulThreadData;
const slot = new Int32Array(memory.buffer, control, layout.words);
let words = new Int32Array(memory.buffer);
let seen = 0;
try {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(module), { env: { mem: memory } }).exports;
  const fns = names.map((name) => exports[name] as (...args: number[]) => void);
  if (fns.some((fn) => typeof fn !== "function")) throw new Error("the module lacks an export it was said to have");
  Atomics.store(slot, layout.ready, 1);
  for (;;) {
    let job = Atomics.load(slot, layout.job);
    for (const until = performance.now() + SPIN_MS; job === seen && performance.now() < until; ) {
      for (let spin = 0; job === seen && spin < 1000; spin++) job = Atomics.load(slot, layout.job);
    }
    while (job === seen) {
      Atomics.wait(slot, layout.job, seen);
      job = Atomics.load(slot, layout.job);
    }
    if (job < 0) break;
    seen = job;
    const at = slot[layout.commands] >> 2, count = slot[layout.count];
    if (words.length < at + 8 * count) words = new Int32Array(memory.buffer);
    try {
      for (let c = 0, w = at; c < count; c++, w += 8) fns[words[w]](words[w + 1], words[w + 2], words[w + 3], words[w + 4], words[w + 5], words[w + 6], words[w + 7]);
    } catch {
      Atomics.store(slot, layout.failed, 1);
    }
    Atomics.store(slot, layout.done, job);
    Atomics.notify(slot, layout.done);
  }
} catch {
  // Not ready, or failed with its job marked done: either way the cells' thread goes on alone.
  Atomics.store(slot, layout.failed, 1);
  Atomics.store(slot, layout.done, seen + 1);
  Atomics.notify(slot, layout.done);
}
