// Threads for the WebAssembly matrix products. The engine cannot start a thread itself (it runs
// in the cells' realm, in tests and in a browser); the host that can — the kernel's worker, a
// Node script — says how many threads to use and how to start one, with `setMatmulThreads`.
//
// Each helper thread instantiates the same module over the same shared memory and waits on its
// control slot, a few int32 words at the start of that memory. A product is cut into parts along
// its columns or rows (whole tiles each, so every element of c is summed in the same order as on
// one thread); the calling thread writes the commands of each helper's part into the memory —
// [function index, seven i32 arguments] each — posts them, runs its own part, and waits for the
// helpers. The helper's loop is the host's (the kernel's matmulThread.ts): it only calls the
// module's exports, as listed in `names`, with those arguments.

import type { WasmMemory } from "./wasm-kernels";

/** What a helper thread is given: the memory, the module over it, its exports by index, its control slot. */
export interface MatmulThread {
  memory: WasmMemory;
  /** The module's bytes, to instantiate in the helper's own thread. */
  module: Uint8Array;
  /** The exports a command's first word indexes. */
  names: string[];
  /** Byte offset of the helper's control slot in the memory. */
  control: number;
  /** Indices of the slot's words (int32). */
  layout: typeof SLOT;
}

/** Starts a helper thread (the host's); one that fails to start just never says it is ready. */
export type ThreadStart = (thread: MatmulThread) => void;

/**
 * The words of a control slot. job: the number of the last job posted (the caller writes it; −1
 * ends the helper); done: the last job finished; ready: 1 once the helper waits for jobs; failed: 1
 * once a command trapped; commands, count: where the job's commands are (bytes) and how many.
 */
export const SLOT = { job: 0, done: 1, ready: 2, failed: 3, commands: 4, count: 5, words: 16 } as const;
/** Int32 words of one command: the function's index, then its arguments. */
export const COMMAND_WORDS = 8;
/** Bytes at the start of a shared memory that hold control slots; the products' data follows. */
export const CONTROL_BYTES = 4096;
export const MAX_HELPERS = CONTROL_BYTES / (SLOT.words * 4) - 1;

/**
 * Products with fewer multiply-adds than this (m·k·n) run on one thread. Measured with a helper
 * that is awake (it spins between the products of a training step): two threads took 0.73× the
 * time of one at 32×32×32, 0.45× at 64³, 0.68× at 64×784×128 and 0.52× at 256³.
 */
export const THREAD_MIN_WORK = 1 << 15;

let config: { threads: number; start?: ThreadStart } = { threads: 1 };
const listeners: (() => void)[] = [];

/**
 * Use `threads` threads for large float32 products (1: only the caller's), starting the others with
 * `start`. Called by the host before products run; products already built are rebuilt.
 */
export function setMatmulThreads(threads: number, start?: ThreadStart): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_HELPERS + 1) {
    throw new RangeError(`matmul threads must be a whole number from 1 to ${MAX_HELPERS + 1}, not ${threads}`);
  }
  if (threads > 1 && !start) throw new TypeError("matmul threads beyond the first need a way to start them");
  config = { threads, start };
  for (const changed of listeners) changed();
}

/** The threads asked for, and how to start them. */
export const matmulThreadConfig = () => config;

/** Calls `changed` whenever setMatmulThreads does. */
export function onMatmulThreadsChange(changed: () => void): void {
  listeners.push(changed);
}

/** A started helper, as its caller sees it: post a job, wait for it. */
export class Helper {
  private readonly slot: Int32Array;
  private job = 0;

  constructor(buffer: ArrayBufferLike, control: number) {
    this.slot = new Int32Array(buffer, control, SLOT.words);
  }

  get ready(): boolean {
    return Atomics.load(this.slot, SLOT.ready) === 1 && this.slot[SLOT.failed] === 0;
  }

  /** Hands the helper `count` commands at byte offset `commands`. */
  post(commands: number, count: number): void {
    this.slot[SLOT.commands] = commands;
    this.slot[SLOT.count] = count;
    Atomics.store(this.slot, SLOT.job, ++this.job);
    Atomics.notify(this.slot, SLOT.job);
  }

  /** Returns once the posted job is done: spins (the helper is usually nearly done, and this thread has nothing else to do), then sleeps. */
  wait(): void {
    const slot = this.slot, job = this.job;
    for (let spin = 0; spin < 1 << 24 && Atomics.load(slot, SLOT.done) !== job; spin++);
    while (Atomics.load(slot, SLOT.done) !== job) Atomics.wait(slot, SLOT.done, Atomics.load(slot, SLOT.done), 1000);
    if (slot[SLOT.failed] !== 0) throw new Error("a matrix product's helper thread failed; its products run on one thread from now on");
  }

  /** Ends the helper's loop. */
  end(): void {
    Atomics.store(this.slot, SLOT.job, -1);
    Atomics.notify(this.slot, SLOT.job);
  }
}
