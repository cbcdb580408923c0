import type { ErrorData, OutputItem } from "../protocol/outputs";

/** What the worker is started with. */
export interface WorkerSetup {
  /** Int32Array over a SharedArrayBuffer: [0] is set to 1 to ask the running cell to stop. */
  interruptFlag: SharedArrayBuffer;
  /** The bundled cell language, evaluated inside the cells' context. */
  languagePath: string;
  /** The notebook's folder: relative paths in cells start there. */
  notebookDir: string;
  /** Folders cells may read files from (the workspace); the notebook's folder when there is none. */
  fileRoots: string[];
  /** Cells may `import` Node modules (and see `require` and `process`). */
  allowNodeModules: boolean;
}

export interface RunRequest {
  type: "run";
  runId: number;
  /** 1-based position of the cell in its notebook, for messages ("cell 3, line 2"). */
  cellNumber: number;
  source: string;
}

export type HostToWorker = RunRequest;

export type WorkerToHost =
  | { type: "stream"; runId: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; runId: number; items: OutputItem[]; id?: string; update?: boolean }
  | { type: "done"; runId: number; ok: true }
  | { type: "done"; runId: number; ok: false; error: CellError };

/** A failed cell: the error for the editor, and where it happened for one-line reports. */
export interface CellError extends ErrorData {
  /** Where in the user's cells it was thrown, when known. */
  location?: { cellNumber: number; line: number; column: number };
  /** The kernel ended (restart, crash, out of memory): the state of earlier cells is gone. */
  kernelLost?: boolean;
}
