// Following a forward pass to write it down (the exports): while a trace runs, each call a cell's code makes on
// tensors is recorded once, at the outermost level — `x.relu()`, not the ops relu is made of. Tensor methods and
// the built-in layers are followed by the trace itself (export/trace.ts); functions that are not methods say so
// here, by running their body through `traced`. Outside a trace, `traced` only calls the body.

/** One call, as a trace records it. */
export interface TracedCall {
  /** `method` of a tensor (`self`), a `function` (torch.cat, F.conv2d…), or a `module` called. */
  kind: "method" | "function" | "module";
  /** The method's or function's name as the cell language spells it ("relu", "cat", "F.conv2d"). */
  name: string;
  self?: unknown;
  args: unknown[];
  output: unknown;
}

/** Where calls go while a trace runs. */
export interface CallSink {
  /** Nesting of followed calls: only those at depth 0 are recorded. */
  depth: number;
  record(call: TracedCall): void;
}

let sink: CallSink | null = null;

/** Starts (or with null ends) recording into `next`. */
export function setCallSink(next: CallSink | null): void {
  sink = next;
}

export function callSink(): CallSink | null {
  return sink;
}

/** Runs `body`, the work of function `name` called with `args`, recording the call when a trace wants it. */
export function traced<T>(name: string, args: unknown[], body: () => T): T {
  const s = sink;
  if (s === null || s.depth > 0) return body();
  s.depth++;
  let output: T;
  try {
    output = body();
  } finally {
    s.depth--;
  }
  s.record({ kind: "function", name, args, output });
  return output;
}
