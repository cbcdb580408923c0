// What a cell sees besides JavaScript's own globals and the cell language: exactly what cellGlobals()
// (src/language/realm/cellGlobals.ts) makes in the cells' realm. No DOM, no process, no require.

/** Writes to the cell's output as it runs: `log`, `info` and `debug` as text, `warn` and `error` marked as errors. */
declare var console: {
  /** Prints its arguments to the cell's output, formatted as Node's `console.log` does. */
  log(...data: unknown[]): void;
  /** Same as `console.log`. */
  info(...data: unknown[]): void;
  /** Same as `console.log`. */
  debug(...data: unknown[]): void;
  /** Prints to the cell's output, marked as an error. */
  warn(...data: unknown[]): void;
  /** Prints to the cell's output, marked as an error. */
  error(...data: unknown[]): void;
  /** Prints "Trace: …" and the stack, marked as an error. */
  trace(...data: unknown[]): void;
  /** Prints `value` as `util.inspect` shows it (`{ depth }` and the other inspect options). */
  dir(value: unknown, options?: { depth?: number | null; showHidden?: boolean }): void;
  /** Prints "Assertion failed" and the rest, marked as an error, when `condition` is falsy. */
  assert(condition: unknown, ...data: unknown[]): void;
  /** Prints how many times it was called with this label ("default" without one). */
  count(label?: string): void;
  countReset(label?: string): void;
  /** Starts a timer; `timeEnd` with the same label prints the milliseconds since. */
  time(label?: string): void;
  timeLog(label?: string, ...data: unknown[]): void;
  timeEnd(label?: string): void;
  /** Indents what is printed after it until `groupEnd`. */
  group(...label: unknown[]): void;
  groupEnd(): void;
};

/**
 * A timer made by `setTimeout` or `setInterval`, for `clearTimeout` / `clearInterval`. A timer belongs
 * to the cell that started it: what its callback prints shows in that cell while it runs, and nowhere after.
 */
interface TimerHandle {
  /** Kept for Node code: the kernel lives while the notebook is open, pending timers or not. */
  unref(): this;
  /** Kept for Node code: the kernel lives while the notebook is open, pending timers or not. */
  ref(): this;
  hasRef(): boolean;
  /** Restart the timer with its original delay. */
  refresh(): this;
}

/** Calls `callback` once after `ms` milliseconds. Output it prints goes to the cell that set it. */
declare function setTimeout<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): TimerHandle;
/** Calls `callback` once after `ms` milliseconds, e.g. `await new Promise((r) => setTimeout(r, 100))`. */
declare function setTimeout(callback: (arg: void) => void, ms?: number): TimerHandle;
declare function clearTimeout(timer: TimerHandle | string | number | undefined): void;
/** Calls `callback` every `ms` milliseconds until `clearInterval`. */
declare function setInterval<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): TimerHandle;
declare function setInterval(callback: (arg: void) => void, ms?: number): TimerHandle;
declare function clearInterval(timer: TimerHandle | string | number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
/** A deep copy of `value` by the structured clone algorithm (plain data, Date, RegExp, Map, Set, typed arrays, errors). */
declare function structuredClone<T>(value: T, options?: { transfer?: readonly unknown[] }): T;

/** Encodes strings as UTF-8 bytes. */
declare class TextEncoder {
  readonly encoding: "utf-8";
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}

/** Decodes UTF-8 bytes into a string (only UTF-8 in cells). */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
}

/** High-resolution time, e.g. to time a training loop. */
declare var performance: {
  /** Milliseconds since the kernel started, with sub-millisecond precision. */
  now(): number;
  /** When the kernel started, in milliseconds since the Unix epoch. */
  readonly timeOrigin: number;
};
