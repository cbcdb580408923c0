import { Worker } from "node:worker_threads";
import type { OutputItem } from "../protocol/outputs";
import type { CellError, RunRequest, WorkerSetup, WorkerToHost } from "./messages";

/** Where the kernel's bundles are: the worker script and the cell language it loads. */
export interface KernelFiles {
  workerPath: string;
  languagePath: string;
}

/** What a running cell produces, as it comes. */
export interface CellListener {
  stream(name: "stdout" | "stderr", text: string): void;
  display(items: OutputItem[], options: { id?: string; update?: boolean }): void;
}

export type CellResult = { ok: true } | { ok: false; error: CellError };

export interface KernelOptions {
  /** The notebook's folder: relative paths in cells start there. Default: the current directory. */
  notebookDir?: string;
  /** Folders cells may read files from. Default: the notebook's folder. */
  fileRoots?: string[];
  /** Cells may import Node modules and see `require` and `process`. */
  allowNodeModules?: boolean;
  /** How long a cell may ignore an interrupt before its worker is ended. */
  interruptGraceMs?: number;
  /** Heap limit of the worker. */
  maxMemoryMb?: number;
}

const STATE_LOST = "Every variable from earlier cells is gone: run them again.";

interface PendingRun {
  listener: CellListener;
  resolve: (result: CellResult) => void;
}

/**
 * One notebook's kernel as the host sees it: a worker thread that keeps the cells' state, cells
 * run one at a time in the order asked. Used alike by the editor and the command line.
 */
export class KernelSession {
  private worker: Worker | undefined;
  private interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly runs = new Map<number, PendingRun>();
  private nextRunId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private escalation: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly files: KernelFiles,
    private readonly options: KernelOptions = {},
  ) {}

  /** Runs a cell after those already queued. Never rejects: failures are results. */
  run(cellNumber: number, source: string, listener: CellListener): Promise<CellResult> {
    const result = this.queue.then(() => this.start(cellNumber, source, listener));
    this.queue = result;
    return result;
  }

  /**
   * Asks the running cell to stop (training stops between two steps). A cell that does not stop
   * within the grace time (a loop that never yields) is ended with its worker; state is lost.
   */
  interrupt(): void {
    if (!this.worker || this.runs.size === 0) return;
    Atomics.store(this.interruptFlag, 0, 1);
    this.escalation ??= setTimeout(() => {
      this.escalation = undefined;
      if (this.runs.size > 0) {
        this.fail(
          "KernelRestarted",
          `The cell did not stop when asked, so its kernel was restarted.\n${STATE_LOST}`,
        );
      }
    }, this.options.interruptGraceMs ?? 1000);
  }

  /** Ends the worker and everything it held; the next run starts a fresh one. */
  restart(): void {
    this.fail("KernelRestarted", `The kernel was restarted.\n${STATE_LOST}`);
  }

  dispose(): void {
    this.restart();
  }

  private start(cellNumber: number, source: string, listener: CellListener): Promise<CellResult> {
    const worker = this.ensureWorker();
    const runId = this.nextRunId++;
    return new Promise<CellResult>((resolve) => {
      this.runs.set(runId, { listener, resolve });
      const request: RunRequest = { type: "run", runId, cellNumber, source };
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    this.interruptFlag = new Int32Array(new SharedArrayBuffer(4));
    const setup: WorkerSetup = {
      interruptFlag: this.interruptFlag.buffer as SharedArrayBuffer,
      languagePath: this.files.languagePath,
      notebookDir: this.options.notebookDir ?? process.cwd(),
      fileRoots: this.options.fileRoots ?? [this.options.notebookDir ?? process.cwd()],
      allowNodeModules: this.options.allowNodeModules ?? false,
    };
    const worker = new Worker(this.files.workerPath, {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb ?? 4096 },
      stdout: false,
      stderr: false,
    });
    worker.on("message", (message: WorkerToHost) => this.receive(message));
    worker.on("error", (error) => {
      if (this.worker !== worker) return;
      const outOfMemory = /memory/i.test(error.message);
      this.fail(
        outOfMemory ? "OutOfMemory" : "KernelCrashed",
        outOfMemory
          ? `The kernel ran out of memory (limit ${this.options.maxMemoryMb ?? 4096} MB) and was restarted.\n${STATE_LOST}`
          : `The kernel stopped unexpectedly (${error.message}) and was restarted.\n${STATE_LOST}`,
      );
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.fail("KernelCrashed", `The kernel stopped unexpectedly and was restarted.\n${STATE_LOST}`);
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: WorkerToHost): void {
    const run = this.runs.get(message.runId);
    if (!run) return;
    switch (message.type) {
      case "stream":
        run.listener.stream(message.name, message.text);
        break;
      case "display":
        run.listener.display(message.items, { id: message.id, update: message.update });
        break;
      case "done":
        this.runs.delete(message.runId);
        this.clearEscalation();
        run.resolve(message.ok ? { ok: true } : { ok: false, error: message.error });
        break;
    }
  }

  /** Ends the worker and fails whatever was running in it. */
  private fail(name: string, message: string): void {
    this.clearEscalation();
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const run of runs) run.resolve({ ok: false, error: { name, message, stack: `${name}: ${message}`, kernelLost: true } });
  }

  private clearEscalation(): void {
    if (this.escalation) clearTimeout(this.escalation);
    this.escalation = undefined;
  }
}
