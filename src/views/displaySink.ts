import type { OutputItem } from "../protocol/outputs";

/** Where a view goes: `id` names an output that later calls with `update` replace in place. */
export type DisplayFn = (items: OutputItem[], options?: { id?: string; update?: boolean }) => void;

let sink: DisplayFn | undefined;

/** Set by the kernel: views put their output into the running cell through it. */
export function setDisplaySink(fn: DisplayFn | undefined): void {
  sink = fn;
}

export function display(items: OutputItem[], options?: { id?: string; update?: boolean }): void {
  if (!sink) throw new Error("show.* draws into a notebook cell; there is no cell running to draw into");
  sink(items, options);
}
