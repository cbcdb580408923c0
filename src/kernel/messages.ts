import type { ErrorData, OutputItem } from "../protocol/outputs";
import type { VariableInfo } from "../protocol/variables";

/**
 * The kernel is a process of its own (process/main.ts) that runs cells in a worker thread
 * (worker/main.ts). Host ⇄ process over IPC; process ⇄ worker over a MessagePort; the interrupt flag
 * and the text not yet sent live in shared memory between the process and its worker.
 */

/** What the kernel process is started with (its one argument, as JSON). */
export interface KernelSetup {
  workerPath: string;
  /** The bundled cell language, evaluated inside the cells' context. */
  languagePath: string;
  /** The notebook's folder: relative paths in cells start there. */
  notebookDir: string;
  /** Folders cells may read files from (the workspace); the notebook's folder when there is none. */
  fileRoots: string[];
  /** Cells may `import` Node modules (and see `require` and `process`). */
  allowNodeModules: boolean;
  /** The JavaScript heap of the cells, and separately their tensors and WebAssembly memory, in MB. */
  memoryLimitMb: number;
  /** Console text a cell keeps, in bytes; more is dropped and counted. */
  maxTextBytes: number;
  /** Threads the cells' large matrix products use, their own included (1: theirs alone). */
  matmulThreads: number;
}

/** What the worker is started with. */
export interface WorkerSetup extends KernelSetup {
  /** Int32Array over a SharedArrayBuffer: [0] is set to 1 to ask the running cell to stop. */
  interruptFlag: SharedArrayBuffer;
  /** Console text written but not yet sent (see worker/pendingText.ts). */
  pendingText: SharedArrayBuffer;
}

export interface RunRequest {
  type: "run";
  runId: number;
  /** 1-based position of the cell in its notebook. */
  cellNumber: number;
  /** The execution count the editor shows for this run ([3]), when there is one. */
  executionCount?: number;
  source: string;
}

/** The variables view asks for the items of the tensor listed as `name`. */
export interface InspectRequest {
  type: "inspect";
  requestId: number;
  name: string;
}

/** The host wrote (or could not write) the file a cell asked for in `writeFile`. */
export interface FileWritten {
  type: "fileWritten";
  requestId: number;
  ok: boolean;
  /** The path to show when written, else why not. */
  text: string;
}

export type HostToKernel =
  | RunRequest
  | InspectRequest
  | FileWritten
  /** Asks the running cell to stop (training stops between two steps). */
  | { type: "interrupt" }
  /** Ends the worker now: a cell ignored the interrupt. The kernel sends what text is left, then `ended`. */
  | { type: "terminate" };

/** A run as the worker gets it: the kernel process compiled the cell (process/compileCell.ts). */
export interface CompiledRun {
  type: "run";
  runId: number;
  cellNumber: number;
  executionCount?: number;
  /** The script's name in stack traces: `nnbook-cell-<cell>-<run>`, without ".js". */
  fileName: string;
  js: string;
  /** The source map from `js` back to the cell's text. */
  map: string;
  /** The top-level names the cell assigns, for the worker to declare (see compileCell). */
  names: string[];
}

export type HostToWorker = CompiledRun | InspectRequest | FileWritten;

export type WorkerToHost =
  /** The worker has loaded the cell language: the kernel is ready for cells. */
  | { type: "ready" }
  | { type: "stream"; runId: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; runId: number; items: OutputItem[]; id?: string; update?: boolean }
  | { type: "done"; runId: number; ok: true; variables?: VariableInfo[] }
  | { type: "done"; runId: number; ok: false; error: CellError; variables?: VariableInfo[] }
  /** The items of an inspected tensor; undefined when the name no longer holds it. */
  | { type: "inspected"; requestId: number; items?: OutputItem[] }
  /**
   * A cell saves a file: the kernel may not write, so the host does (kernel/workspaceWrite.ts) and answers
   * with `fileWritten`. `path` is as the cell gave it, relative to the notebook.
   */
  | { type: "writeFile"; requestId: number; path: string; bytes: Uint8Array; overwrite: boolean };

/** Why a kernel ended by itself, before the process exits. */
export type KernelEnd =
  | { cause: "terminated" }
  | { cause: "out-of-memory"; detail: string }
  | { cause: "crashed"; detail: string };

export type KernelToHost = WorkerToHost | { type: "ended"; end: KernelEnd };

/** A failed cell: the error for the editor, and where it happened for one-line reports. */
export interface CellError extends ErrorData {
  /** Where in the user's cells it was thrown, when known. */
  location?: { cellNumber: number; executionCount?: number; line: number; column: number };
  /** The kernel ended (restart, crash, out of memory): the state of earlier cells is gone. */
  kernelLost?: boolean;
}
