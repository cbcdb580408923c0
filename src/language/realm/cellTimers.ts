import { host } from "./hostCall";
import { actFor, owner } from "./owner";

/** What `setTimeout` and `setInterval` return, as in Node; `clearTimeout` also takes its number. */
export class Timeout {
  constructor(
    private readonly id: number,
    private readonly timers: CellTimers,
  ) {}
  /** The kernel stays alive as long as the notebook is open: ref and unref change nothing. */
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  /** Starts the timer again with its original delay. */
  refresh(): this {
    this.timers.refresh(this.id);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

interface Timer {
  fn: (...args: unknown[]) => void;
  args: unknown[];
  runId: number;
  delay: number;
  /** Set for an interval: it is due again every `delay` ms. */
  every?: number;
}

/** What an uncaught error in a callback does: reported to the cell that owns the callback. */
export type UncaughtReporter = (runId: number, error: unknown) => void;

/**
 * Timers for cells, kept in this realm: the kernel only counts milliseconds and calls back with an
 * id. A timer belongs to the cell that started it, so what its callback prints goes to that cell.
 */
export class CellTimers {
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;

  constructor(private readonly uncaught: UncaughtReporter) {}

  globals() {
    return {
      setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => this.start("setTimeout", fn, ms, args, false),
      setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => this.start("setInterval", fn, ms, args, true),
      clearTimeout: (id: unknown) => this.clear(id),
      clearInterval: (id: unknown) => this.clear(id),
      queueMicrotask: (fn: unknown) => {
        const callback = checkCallback("queueMicrotask", fn), runId = owner();
        void Promise.resolve().then(() => this.call(runId, callback, []));
      },
    };
  }

  /** Called by the kernel when timer `id` is due. */
  fire(id: number): void {
    const timer = this.timers.get(id);
    if (!timer) return;
    if (timer.every === undefined) this.timers.delete(id);
    else host("setTimer", id, timer.delay);
    this.call(timer.runId, timer.fn, timer.args);
  }

  /** How many timers run `runId` started are still pending. */
  pending(runId: number): { timeouts: number; intervals: number } {
    let timeouts = 0, intervals = 0;
    for (const timer of this.timers.values()) {
      if (timer.runId !== runId) continue;
      if (timer.every === undefined) timeouts++;
      else intervals++;
    }
    return { timeouts, intervals };
  }

  refresh(id: number): void {
    const timer = this.timers.get(id);
    if (timer) host("setTimer", id, timer.delay);
  }

  private start(name: string, fn: unknown, ms: unknown, args: unknown[], repeat: boolean): Timeout {
    const callback = checkCallback(name, fn);
    // As Node: a delay that is not a number ≥ 1 (or over 2^31 − 1) becomes 1.
    const n = Number(ms);
    const delay = Number.isFinite(n) && n >= 1 && n <= 2 ** 31 - 1 ? Math.floor(n) : 1;
    const id = this.nextId++;
    this.timers.set(id, { fn: callback, args, runId: owner(), delay, every: repeat ? delay : undefined });
    host("setTimer", id, delay);
    return new Timeout(id, this);
  }

  private clear(handle: unknown): void {
    const id = handle instanceof Timeout ? Number(handle) : typeof handle === "string" ? Number(handle) : handle;
    if (typeof id !== "number" || !this.timers.has(id)) return;
    this.timers.delete(id);
    host("clearTimer", id);
  }

  private call(runId: number, fn: (...args: unknown[]) => void, args: unknown[]): void {
    try {
      actFor(runId, () => fn(...args));
    } catch (error) {
      this.uncaught(runId, error);
    }
  }
}

function checkCallback(name: string, fn: unknown): (...args: unknown[]) => void {
  if (typeof fn !== "function") throw new TypeError(`${name}: the callback must be a function, not ${fn === null ? "null" : typeof fn}`);
  return fn as (...args: unknown[]) => void;
}
