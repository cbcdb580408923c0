/**
 * A helper thread of the cells' matrix products (the engine's wasm-threads.ts): it instantiates
 * the product module over the memory it shares with the cells' thread and, woken through its
 * control slot, claims chunks of the job in the header until none is left. A chunk is a list of
 * calls of the module's exports with i32 arguments — and nothing else: whatever the memory holds,
 * this thread only ever runs the WebAssembly it was given.
 */
import { workerData } from "node:worker_threads";
import type { MatmulThreadData } from "./matmulThreads";

// The WebAssembly JavaScript API is not in the ES2022 lib: only what is used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

/**
 * How long the thread watches for the next job before it sleeps, in ms: a training step's products
 * come a fraction of a millisecond apart, and waking a sleeping thread costs tens of microseconds.
 * Watching for 2 ms instead gave the same W1 steps and burned more of a shared core.
 */
const SPIN_MS = 0.25;

const { memory, module, names, control, layout, header: at, headerLayout: H } = workerData as MatmulThreadData;
const slot = new Int32Array(memory.buffer, control, layout.words);
const header = new Int32Array(memory.buffer, at, H.words);
let words = new Int32Array(memory.buffer);
let fns: ((...args: number[]) => void)[] = [];

/** The next job's number (−1: end), after `seen`: watched for a while, then slept on. */
function nextJob(seen: number): number {
  let job = Atomics.load(slot, layout.job);
  for (const until = performance.now() + SPIN_MS; job === seen && performance.now() < until; ) {
    for (let spin = 0; job === seen && spin < 1000; spin++) job = Atomics.load(slot, layout.job);
  }
  while (job === seen) {
    Atomics.wait(slot, layout.job, seen);
    job = Atomics.load(slot, layout.job);
  }
  return job;
}

/** Runs one chunk's commands. A function of its own, so that it is optimized as a function is, call by call. */
function runChunk(chunk: number): void {
  const table = (header[H.table] >> 2) + 2 * chunk;
  if (words.length < table + 2) words = new Int32Array(memory.buffer);
  const start = words[table] >> 2, count = words[table + 1];
  if (words.length < start + 8 * count) words = new Int32Array(memory.buffer);
  for (let c = 0, w = start; c < count; c++, w += 8) fns[words[w]](words[w + 1], words[w + 2], words[w + 3], words[w + 4], words[w + 5], words[w + 6], words[w + 7]);
}

/** Claims and runs chunks until none is left; each counts as finished, trapped or not. */
function runJob(): void {
  const chunks = header[H.chunks];
  for (let c = Atomics.add(header, H.next, 1); c < chunks; c = Atomics.add(header, H.next, 1)) {
    try {
      runChunk(c);
    } catch {
      Atomics.store(slot, layout.failed, 1);
    }
    Atomics.add(header, H.finished, 1);
    Atomics.notify(header, H.finished);
  }
}

let seen = 0;
try {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(module), { env: { mem: memory } }).exports;
  fns = names.map((name) => exports[name] as (...args: number[]) => void);
  if (fns.some((fn) => typeof fn !== "function")) throw new Error("the module lacks an export it was said to have");
  Atomics.store(slot, layout.ready, 1);
  for (let job = nextJob(seen); job >= 0; job = nextJob(seen)) {
    seen = job;
    runJob();
    Atomics.store(slot, layout.done, job);
    Atomics.notify(slot, layout.done);
  }
} catch {
  // Not ready, or failed with its job marked done: either way the cells' thread goes on alone.
  Atomics.store(slot, layout.failed, 1);
  Atomics.store(slot, layout.done, seen + 1);
  Atomics.notify(slot, layout.done);
}
