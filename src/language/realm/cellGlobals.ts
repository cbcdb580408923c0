import { cellConsole } from "./cellConsole";
import type { CellTimers } from "./cellTimers";
import { host } from "./hostCall";
import { structuredClone } from "./structuredClone";
import { TextDecoder, TextEncoder } from "./textCoding";

/**
 * What a cell sees besides JavaScript's own globals and the cell language, all made in the cells'
 * realm. scripts/intellisense/cellHost.d.ts declares exactly these names for the editor.
 */
export function cellGlobals(timers: CellTimers) {
  const timing = timers.globals();
  const start = host("now");
  return {
    console: cellConsole(),
    setTimeout: timing.setTimeout,
    clearTimeout: timing.clearTimeout,
    setInterval: timing.setInterval,
    clearInterval: timing.clearInterval,
    queueMicrotask: timing.queueMicrotask,
    structuredClone,
    TextEncoder,
    TextDecoder,
    performance: { now: () => host("now") - start, timeOrigin: Date.now() },
  };
}
