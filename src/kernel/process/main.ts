/**
 * The kernel process: started by the editor or the command line, one per notebook, so that nothing
 * a cell does — a V8 fatal error, running out of memory, an abort — can end more than the kernel.
 * Cells run in a worker thread; this thread compiles them (TypeScript loads here while the worker
 * starts), and stays free to relay messages, set the interrupt flag, end a worker that ignores it,
 * and watch the process's memory.
 */
import { Worker } from "node:worker_threads";
import type { CompiledRun, HostToKernel, KernelEnd, KernelSetup, KernelToHost, RunRequest, WorkerSetup, WorkerToHost } from "../messages";
import { describeSyntax } from "../worker/cellErrors";
import { PENDING_TEXT_BYTES, PendingText } from "../worker/pendingText";
import { truncationNote } from "../worker/streamBuffer";
import { enableRelaxedSimd } from "./relaxedSimd";

enableRelaxedSimd();

const setup = JSON.parse(process.argv[2]) as KernelSetup;
const send = (message: KernelToHost) => process.send?.(message);

const interruptFlag = new Int32Array(new SharedArrayBuffer(4));
const pendingBuffer = new SharedArrayBuffer(PENDING_TEXT_BYTES);
const pending = new PendingText(pendingBuffer);
let ending = false;

const workerSetup: WorkerSetup = { ...setup, interruptFlag: interruptFlag.buffer as SharedArrayBuffer, pendingText: pendingBuffer };
const worker = new Worker(setup.workerPath, {
  workerData: workerSetup,
  resourceLimits: { maxOldGenerationSizeMb: setup.memoryLimitMb },
  stdout: false,
  stderr: false,
});
// Forwarded even while ending: text the worker sent just before it was ended still belongs to its cell.
worker.on("message", (message: WorkerToHost) => send(message));
worker.on("error", (error) => {
  const outOfMemory = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" || /out of memory/i.test(error.message);
  void endKernel(outOfMemory ? { cause: "out-of-memory", detail: `its JavaScript heap passed ${setup.memoryLimitMb} MB` } : { cause: "crashed", detail: error.message });
});
worker.on("exit", (code) => void endKernel({ cause: "crashed", detail: `its worker exited with code ${code}` }));
// TypeScript loads once the worker has started, so the two start up side by side.
const compiler = import("./compileCell");

process.on("message", (message: HostToKernel) => {
  switch (message.type) {
    case "run":
      void compileAndRun(message);
      break;
    case "inspect":
    case "fileWritten":
      worker.postMessage(message);
      break;
    case "interrupt":
      Atomics.store(interruptFlag, 0, 1);
      break;
    case "terminate":
      void endKernel({ cause: "terminated" });
      break;
  }
});
// The host went away (editor closed, command line ended): so does the kernel.
process.on("disconnect", () => process.exit(0));

// Memory outside the JavaScript heap that no check saw being allocated (WebAssembly a module grew
// itself, native buffers) still counts: the whole process is held to the heap limit and the budget.
const rssLimit = (2 * setup.memoryLimitMb + 512) * 2 ** 20;
setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > rssLimit) {
    void endKernel({ cause: "out-of-memory", detail: `the process used ${Math.round(rss / 2 ** 20)} MB, over its ${Math.round(rssLimit / 2 ** 20)} MB` });
  }
}, 200).unref();

/** Compiles a cell and hands it to the worker; a cell that does not parse ends here. */
async function compileAndRun({ runId, cellNumber, executionCount, source }: RunRequest): Promise<void> {
  const fileName = `nnbook-cell-${cellNumber}-${runId}`;
  const { compileCell, CellSyntaxError } = await compiler;
  try {
    const { js, map, names } = compileCell(source, fileName);
    worker.postMessage({ type: "run", runId, cellNumber, executionCount, fileName, js, map, names } satisfies CompiledRun);
  } catch (error) {
    const syntax = error instanceof CellSyntaxError ? describeSyntax(error, cellNumber, executionCount) : undefined;
    const failed = syntax ?? { name: "Error", message: `the cell could not be compiled: ${(error as Error).message}`, stack: "" };
    send({ type: "done", runId, ok: false, error: failed });
  }
}

/** Ends the worker, sends the console text it had not sent yet, says why, and exits. */
async function endKernel(end: KernelEnd): Promise<void> {
  if (ending) return;
  ending = true;
  await worker.terminate();
  const { runId, chunks, droppedChars } = pending.take();
  for (const { name, text } of chunks) send({ type: "stream", runId, name, text });
  if (droppedChars > 0) send({ type: "stream", runId, name: "stderr", text: truncationNote(droppedChars, setup.maxTextBytes) });
  if (!process.connected) process.exit(0);
  process.send!({ type: "ended", end } satisfies KernelToHost, () => process.exit(0));
}
