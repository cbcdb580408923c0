import path from "node:path";
import { KernelSession, type CellResult } from "../../../src/kernel";
import type { OutputItem } from "../../../src/protocol/outputs";

const out = path.resolve(__dirname, "../../../out/kernel");

/** A kernel on the built bundles (`npm test` builds first). */
export function newKernel(options?: ConstructorParameters<typeof KernelSession>[1]): KernelSession {
  return new KernelSession({ dir: out }, options);
}

export interface Ran {
  result: CellResult;
  events: ({ kind: "stream"; name: string; text: string } | { kind: "display"; items: OutputItem[] })[];
  stdout: string;
  text: string[];
}

/** Runs one cell and records everything it produced, in order. */
export async function runCell(kernel: KernelSession, cellNumber: number, source: string): Promise<Ran> {
  const events: Ran["events"] = [];
  const result = await kernel.run(cellNumber, source, {
    stream: (name, text) => events.push({ kind: "stream", name, text }),
    display: (items) => events.push({ kind: "display", items }),
  });
  const stdout = events.map((e) => (e.kind === "stream" && e.name === "stdout" ? e.text : "")).join("");
  const text = events.flatMap((e) => (e.kind === "display" ? e.items.filter((i) => i.mime === "text/plain").map((i) => String(i.data)) : []));
  return { result, events, stdout, text };
}
