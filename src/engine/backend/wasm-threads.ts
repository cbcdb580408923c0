// Threads for the WebAssembly matrix products. The engine cannot start a thread itself (it runs
// in the cells' realm, in tests and in a browser); the host that can — the kernel's worker, a
// Node script — says how many threads to use and how to start one, with `setMatmulThreads`.
//
// Each helper thread instantiates the same module over the same shared memory and waits on its
// control slot, a few int32 words at the start of that memory. A product is cut into chunks along
// its columns or rows (whole tiles each, so every element of c is summed in the same order as on
// one thread), more chunks than threads. The operand every chunk reads whole (a, when the columns
// are cut) is packed first, once, in a round of its own that the threads share out in the same way.
// The calling thread writes each chunk's commands into the memory — [function index, seven i32
// arguments] each — wakes the helpers, and every thread then claims chunks from one shared counter
// until none is left. A thread the system has set aside for a moment (two cores shared with the
// editor, the compiler, the garbage collector) holds up at most the chunk it is on: the others take
// the rest. The helper's loop is the host's (the kernel's matmulThread.ts): it only calls the
// module's exports, as listed in `names`.

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
  /** Byte offset of the job's header (which chunks there are, which are claimed). */
  header: number;
  /** Indices of the slot's words (int32). */
  layout: typeof SLOT;
  /** Indices of the header's words (int32). */
  headerLayout: typeof HEADER;
}

/** Starts a helper thread (the host's); one that fails to start just never says it is ready. */
export type ThreadStart = (thread: MatmulThread) => void;

/**
 * The words of a helper's control slot. job: the number of the last job posted (the caller writes
 * it; −1 ends the helper); done: the last job the helper is through with; ready: 1 once it waits for
 * jobs; failed: 1 once a command trapped.
 */
export const SLOT = { job: 0, done: 1, ready: 2, failed: 3, words: 16 } as const;
/**
 * The words of the job header, the first slot. next: the next chunk to claim (Atomics.add);
 * finished: chunks done; chunks: how many; table: byte offset of [commands (bytes), count] per chunk.
 */
export const HEADER = { next: 0, finished: 1, chunks: 2, table: 3, words: 16 } as const;
/** Int32 words of one command: the function's index, then its arguments. */
export const COMMAND_WORDS = 8;
/** Bytes at the start of a shared memory that hold the job header and the control slots; the products' data follows. */
export const CONTROL_BYTES = 4096;
export const MAX_HELPERS = CONTROL_BYTES / (SLOT.words * 4) - 1;

/**
 * Products with fewer multiply-adds than this (m·k·n) run on one thread. Inside a training step,
 * a helper that has gone to sleep between products, and copies into a shared buffer (slower than
 * into a thread's own), cost more than a second core saves on W1's 64×784×128 products (6.4
 * million multiply-adds: 2 threads 0.9–1.0× the speed of one, W1's steps 0.5–0.9×). From 256³
 * (2^24) two threads won: 1.3–1.5× there, 1.8× at 1024³ (Xeon, 2 cores).
 */
export const THREAD_MIN_WORK = 1 << 24;
/**
 * Chunks per thread at most; the fewest multiply-adds a chunk is cut to; and the fewest rows or
 * columns (of the dimension cut) it spans. The operand that all chunks share is packed once, in a
 * round before theirs; 64 or 128 columns, and 2 to 8 chunks a thread, came out the same at 1024³.
 */
export const CHUNKS_PER_THREAD = 4, CHUNK_MIN_WORK = 1 << 18, CHUNK_MIN_SPAN = 128;

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

/**
 * Returns once words[index] is `reached`: spins first (the other thread is usually nearly there, and
 * this one has nothing else to do), then sleeps until it changes.
 */
function waitUntil(words: Int32Array, index: number, reached: (value: number) => boolean): void {
  for (let spin = 0; spin < 1 << 24 && !reached(Atomics.load(words, index)); spin++);
  for (let value = Atomics.load(words, index); !reached(value); value = Atomics.load(words, index)) Atomics.wait(words, index, value, 1000);
}

/** A started helper, as its caller sees it: wake it for a job, wait until it is through. */
export class Helper {
  private readonly slot: Int32Array;
  private job = 0;

  constructor(buffer: ArrayBufferLike, control: number) {
    this.slot = new Int32Array(buffer, control, SLOT.words);
  }

  get ready(): boolean {
    return Atomics.load(this.slot, SLOT.ready) === 1 && this.slot[SLOT.failed] === 0;
  }

  /** Wakes the helper for the job in the header. */
  post(): void {
    Atomics.store(this.slot, SLOT.job, ++this.job);
    Atomics.notify(this.slot, SLOT.job);
  }

  /** Returns once the helper is through with the posted job; throws if a command of it trapped. */
  wait(): void {
    const slot = this.slot, job = this.job;
    waitUntil(slot, SLOT.done, (done) => done === job);
    if (slot[SLOT.failed] !== 0) throw new Error("a matrix product's helper thread failed; its products run on one thread from now on");
  }

  /** Ends the helper's loop. */
  end(): void {
    Atomics.store(this.slot, SLOT.job, -1);
    Atomics.notify(this.slot, SLOT.job);
  }
}

/**
 * Runs the chunks whose table is at byte `table` of the memory (their commands written there too)
 * on this thread and on `helpers`: each claims the next until none is left. `run(c)` runs chunk c here.
 */
export function runChunks(buffer: ArrayBufferLike, table: number, chunks: number, helpers: Helper[], run: (chunk: number) => void): void {
  const header = new Int32Array(buffer, 0, HEADER.words);
  header[HEADER.next] = 0;
  header[HEADER.finished] = 0;
  header[HEADER.chunks] = chunks;
  header[HEADER.table] = table;
  for (const helper of helpers) helper.post();
  for (let c = Atomics.add(header, HEADER.next, 1); c < chunks; c = Atomics.add(header, HEADER.next, 1)) {
    run(c);
    Atomics.add(header, HEADER.finished, 1);
  }
  // Every chunk is claimed; wait for those still running elsewhere, then for each helper to be through.
  waitUntil(header, HEADER.finished, (finished) => finished >= chunks);
  let failed: unknown;
  for (const helper of helpers) {
    try {
      helper.wait();
    } catch (error) {
      failed = error;
    }
  }
  if (failed) throw failed;
}
