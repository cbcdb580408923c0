import { formatWithOptions, inspect } from "node-inspect-extracted";
import { host } from "./hostCall";
import { owner } from "./owner";

type Stream = "stdout" | "stderr";

/**
 * `console` for cells, formatting as Node's does (Node's own `util.inspect`, built into this realm)
 * and writing through the kernel into the cell it belongs to.
 */
export function cellConsole(): Record<string, (...args: unknown[]) => void> {
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  let indent = "";
  const write = (stream: Stream, text: string) => {
    const shown = indent ? text.replace(/^/gm, indent) : text;
    host("write", owner(), stream, shown + "\n");
  };
  const format = (args: unknown[]) => formatWithOptions({ colors: false, depth: 4 }, ...args);
  const log = (stream: Stream) => (...args: unknown[]) => write(stream, format(args));
  const label = (value: unknown) => (value === undefined ? "default" : String(value));
  return {
    log: log("stdout"),
    info: log("stdout"),
    debug: log("stdout"),
    warn: log("stderr"),
    error: log("stderr"),
    trace: (...args) => write("stderr", `Trace: ${format(args)}\n${(new Error().stack ?? "").split("\n").slice(2).join("\n")}`),
    dir: (value, options?) => write("stdout", inspect(value, { colors: false, depth: 2, ...(options as object | undefined) })),
    assert: (condition, ...args) => {
      if (!condition) write("stderr", args.length ? `Assertion failed: ${format(args)}` : "Assertion failed");
    },
    count: (name?) => {
      const key = label(name), n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      write("stdout", `${key}: ${n}`);
    },
    countReset: (name?) => void counts.delete(label(name)),
    time: (name?) => void timers.set(label(name), host("now")),
    timeLog: (name?, ...args) => write("stdout", `${label(name)}: ${elapsed(timers, label(name))}${args.length ? " " + format(args) : ""}`),
    timeEnd: (name?) => {
      write("stdout", `${label(name)}: ${elapsed(timers, label(name))}`);
      timers.delete(label(name));
    },
    group: (...args) => {
      if (args.length) write("stdout", format(args));
      indent += "  ";
    },
    groupEnd: () => void (indent = indent.slice(2)),
  };
}

function elapsed(timers: Map<string, number>, name: string): string {
  const start = timers.get(name);
  if (start === undefined) return `(no timer "${name}" was started with console.time)`;
  return `${(host("now") - start).toFixed(3)}ms`;
}
