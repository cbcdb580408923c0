/**
 * The cell realm's one way out. The kernel leaves a single function on the global object before the
 * cell language loads; it is taken and hidden here, and only primitives cross it in either direction.
 * So no object of the kernel's realm (whose `.constructor` would lead to the kernel's `Function`, and
 * from there to `process`) ever reaches a cell: console, timers and the rest are built in this realm.
 */
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
  /** Reads a workspace file; the answer comes through the realm's `deliverFile(requestId, …)`. */
  readFile(requestId: number, path: string): void;
  /** "" when `bytes` more of tensor or WebAssembly memory fit the kernel's budget, else why not. */
  reserve(bytes: number, what: string): string;
}

export type HostOp = keyof HostOps;
export type HostCall = <K extends HostOp>(op: K, ...args: Parameters<HostOps[K]>) => ReturnType<HostOps[K]>;

/** How a run ended, as the kernel receives it. */
export type CellEnd =
  | { ok: true; note?: string }
  | { ok: false; error: { name: string; message: string; stack: string }; note?: string };

/** What the realm gives the kernel: functions it calls with primitives, and with the cell's own values. */
export interface RealmEntry {
  /** Run `runId` starts: what executes from now on belongs to it. */
  begin(runId: number): void;
  /** Follows run `runId`, whose script evaluated to `result` (a promise of the last value), to its end. */
  settle(runId: number, result: unknown): void;
  /** Run `runId` threw `thrown` before it could start. */
  fail(runId: number, thrown: unknown): void;
  fireTimer(id: number): void;
  deliverFile(requestId: number, ok: boolean, text: string, displayPath: string): void;
  /** A promise rejection nothing handled: reported to the cell it belongs to. */
  unhandled(reason: unknown): void;
  /** Lets cells `import` from `name` (the setting that allows Node modules): `load` gives the module. */
  allowModules(load: (specifier: string, asDefault: boolean) => unknown): void;
}

export const HOST_CALL_KEY = "nnbook.host";
export const REALM_ENTRY_KEY = "nnbook.realm";
export const IMPORT_KEY = "nnbook.import";

const scope = globalThis as unknown as Record<symbol, unknown>;
const taken = scope[Symbol.for(HOST_CALL_KEY)] as HostCall | undefined;
delete scope[Symbol.for(HOST_CALL_KEY)];

/**
 * Calls the kernel. Always a direct call: `host.call(…)` or `apply` would go through
 * `Function.prototype`, which a cell can replace to catch the function itself.
 */
export const host: HostCall =
  taken ??
  (((op: HostOp) => {
    throw new Error(`the cell language runs inside a kernel; there is none here (asked for "${op}")`);
  }) as HostCall);
