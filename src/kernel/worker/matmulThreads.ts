import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/** What a matrix-product helper thread is given (the engine's MatmulThread; its objects are the cells' realm's). */
export interface MatmulThreadData {
  memory: { buffer: SharedArrayBuffer };
  module: Uint8Array;
  names: string[];
  control: number;
  header: number;
  layout: { job: number; done: number; ready: number; failed: number; words: number };
  headerLayout: { next: number; finished: number; chunks: number; table: number; words: number };
}

/** The most threads a kernel uses for its products: more than that share the memory bus for little gain. */
export const MAX_MATMUL_THREADS = 8;

/** Threads for a kernel's products: `asked` (0: one per core), at most the cores there are and MAX_MATMUL_THREADS. */
export function matmulThreadCount(asked: number): number {
  const cores = availableParallelism();
  const wanted = Number.isInteger(asked) && asked > 0 ? asked : cores;
  return Math.max(1, Math.min(wanted, cores, MAX_MATMUL_THREADS));
}

/**
 * Starts a helper thread from the script at `script` (matmulThread.js next to the kernel's bundles).
 * It does not keep the process alive, and one that fails never says it is ready, so products
 * simply stay on the cells' thread. False when it could not be started at all.
 */
export function startMatmulThread(script: string, data: MatmulThreadData): boolean {
  const { layout, headerLayout: h } = data;
  const plain: MatmulThreadData = {
    memory: data.memory,
    module: data.module,
    names: Array.from(data.names, String),
    control: Number(data.control),
    header: Number(data.header),
    layout: { job: +layout.job, done: +layout.done, ready: +layout.ready, failed: +layout.failed, words: +layout.words },
    headerLayout: { next: +h.next, finished: +h.finished, chunks: +h.chunks, table: +h.table, words: +h.words },
  };
  try {
    const worker = new Worker(script, { workerData: plain, stdout: false, stderr: false });
    worker.on("error", () => {});
    worker.unref();
    return true;
  } catch {
    return false;
  }
}
