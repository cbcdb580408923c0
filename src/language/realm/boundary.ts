/**
 * What crosses between the kernel and the cell realm: the keys each side leaves on the other's global
 * object and the functions behind them. The kernel's bundles import this module, so it declares only
 * types and constants; taking the host function is hostCall.ts's, which runs inside the realm alone.
 */
import type { VariableInfo } from "../../protocol/variables";

export type Primitive = string | number | boolean | undefined;

/** What the cell realm asks of the kernel. */
export interface HostOps {
  /** Console text of run `runId`: shown in that cell if it is still running, else dropped. */
  write(runId: number, stream: "stdout" | "stderr", text: string): void;
  /** A view for run `runId`: `json` is `{ items, id?, update? }`. */
  display(runId: number, json: string): void;
  /** Run `runId` ended: `json` is a `CellEnd`. */
  done(runId: number, json: string): void;
  /** True once the user asked the running cell to stop. */
  shouldStop(): boolean;
  /** Milliseconds since the kernel started, as `performance.now()`. */
  now(): number;
  /** Calls the realm's `fireTimer(id)` after `ms` milliseconds. */
  setTimer(id: number, ms: number): void;
  clearTimer(id: number): void;
  /**
   * Reads a workspace file; the answer comes through the realm's `deliverFile(requestId, …)`, as text, or
   * with `latin1` as the file's bytes one character each.
   */
  readFile(requestId: number, path: string, encoding: "utf8" | "latin1"): void;
  /**
   * Writes `bytes` (one character each, as `latin1`) to a workspace file, replacing one that exists only when
   * `overwrite`; the answer comes through `deliverFile(requestId, ok, displayPath or why not, …)`.
   */
  writeFile(requestId: number, path: string, bytes: string, overwrite: boolean): void;
  /** "" when `bytes` more of tensor or WebAssembly memory fit the kernel's budget, else why not. */
  reserve(bytes: number, what: string): string;
  /** Threads the matrix products may use, this one included (the setting nnbook.kernel.threads). */
  matmulThreads(): number;
  /** Starts a helper thread of the matrix products with what the realm's `matmulThread()` hands over. */
  startMatmulThread(): boolean;
}

export type HostOp = keyof HostOps;
export type HostCall = <K extends HostOp>(op: K, ...args: Parameters<HostOps[K]>) => ReturnType<HostOps[K]>;

/** How a run ended, as the kernel receives it. */
export type CellEnd = ({ ok: true } | { ok: false; error: { name: string; message: string; stack: string } }) & {
  note?: string;
  /** The top-level names after the run, for the variables view. */
  variables?: VariableInfo[];
};

/** What the realm gives the kernel: functions it calls with primitives, and with the cell's own values. */
export interface RealmEntry {
  /** Run `runId` starts: what executes from now on belongs to it. */
  begin(runId: number): void;
  /** Follows run `runId`, whose script evaluated to `result` (a promise of the last value), to its end. */
  settle(runId: number, result: unknown): void;
  /** Run `runId` threw `thrown` before it could start. */
  fail(runId: number, thrown: unknown): void;
  fireTimer(id: number): void;
  /** A file read or written: `text` is its contents or the path written, else why not; `detail` the path to show, else the error's code ("ENOENT"). */
  deliverFile(requestId: number, ok: boolean, text: string, detail: string): void;
  /** A promise rejection nothing handled: reported to the cell it belongs to. */
  unhandled(reason: unknown): void;
  /** The items of `show.tensor` for the tensor the variables view listed as `name`, as JSON; "" when there is none. */
  inspect(name: string): string;
  /**
   * The names cells declared live in the script scope, not on the global object (the kernel's cellScope.ts):
   * `read` gives each with its value, for the variables view and "did you mean". Given again when names were added.
   */
  useScope(read: () => Record<string, unknown>): void;
  /** Lets cells `import` from `name` (the setting that allows Node modules): `load` gives the module. */
  allowModules(load: (specifier: string, asDefault: boolean) => unknown): void;
  /**
   * During `startMatmulThread`: the helper's shared memory, module bytes, export names and control slot
   * (the engine's MatmulThread), which the kernel passes to the thread it starts and does not otherwise touch.
   */
  matmulThread(): unknown;
}

export const HOST_CALL_KEY = "nnbook.host";
export const REALM_ENTRY_KEY = "nnbook.realm";
export const IMPORT_KEY = "nnbook.import";
