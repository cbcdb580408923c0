import { CellOutputs, ExecutionOrder, KernelSession, type CellResult, type KernelFiles } from "../kernel";
import type { CodeCell, NnbookFile } from "../format";
import { echoText } from "./echoText";

export interface RunOptions {
  files: KernelFiles;
  /** Where relative paths in cells start: the notebook's folder. */
  notebookDir: string;
  timeoutSeconds?: number;
  /** Threads for large matrix products; default one per core. */
  threads?: number;
  /** Text output as it comes: console text and the text form of each view. */
  onText?: (text: string) => void;
  /** The text of live views (training progress) at each update. */
  onProgress?: (text: string) => void;
}

export interface RunOutcome {
  /** The notebook with the outputs of this run in its code cells. */
  notebook: NnbookFile;
  /** The first failure: which cell, where, and the message. */
  failure?: { cellNumber: number; executionCount: number; line?: number; message: string };
}

/**
 * Runs a notebook's code cells in order in one kernel, as Run All in the editor does: a failed
 * cell stops the run, and the cells after it keep no outputs.
 */
export async function runNotebook(input: NnbookFile, options: RunOptions): Promise<RunOutcome> {
  // On the command line the notebook's folder and the current one are the workspace.
  const session = new KernelSession(options.files, { notebookDir: options.notebookDir, fileRoots: [options.notebookDir, process.cwd()], matmulThreads: options.threads });
  const notebook: NnbookFile = { ...input, cells: input.cells.map((c) => ({ ...c })) };
  // --timeout is a deadline for the whole run: the cell running when it passes is stopped and
  // fails, even if it stopped cleanly (train() does), and no cell after it runs.
  let timedOut = false;
  const timer =
    options.timeoutSeconds !== undefined
      ? setTimeout(() => {
          timedOut = true;
          session.interrupt();
        }, options.timeoutSeconds * 1000)
      : undefined;
  const timeout = () => {
    const message = `the run took longer than --timeout ${options.timeoutSeconds} s and was stopped`;
    return { name: "Timeout", message, stack: `Timeout: ${message}` };
  };
  const codeCells = [...notebook.cells.entries()].filter((entry): entry is [number, CodeCell] => entry[1].kind === "code");
  let failure: RunOutcome["failure"];
  try {
    await new ExecutionOrder().run(
      codeCells,
      async ([index, cell], order) => {
        const outputs = new CellOutputs();
        const startTime = Date.now();
        const listener = echoText(outputs, options.onText, options.onProgress);
        const result: CellResult = timedOut ? { ok: false, error: timeout() } : await session.run(index + 1, cell.source, listener, order);
        const error = timedOut ? { ...timeout(), location: result.ok ? undefined : result.error.location } : result.ok ? undefined : result.error;
        if (error) {
          outputs.error(error);
          options.onText?.(error.stack + "\n");
          // The line only where it is in this cell (a function of another cell may have thrown).
          const line = error.location?.cellNumber === index + 1 ? error.location.line : undefined;
          failure = { cellNumber: index + 1, executionCount: order, line, message: `${error.name}: ${error.message}` };
        }
        notebook.cells[index] = { ...cell, outputs: outputs.list, execution: { order, success: !error, startTime, endTime: Date.now() } };
        return !error;
      },
      ([index, cell]) => {
        notebook.cells[index] = { ...cell, outputs: [], execution: undefined };
      },
    );
  } finally {
    if (timer) clearTimeout(timer);
    session.dispose();
  }
  return { notebook, failure };
}
