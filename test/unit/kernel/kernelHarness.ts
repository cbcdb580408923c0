import path from "node:path";
import { CellOutputs, KernelSession, type CellResult, type OutputEdit } from "../../../src/kernel";
import type { CellOutput, OutputItem } from "../../../src/protocol/outputs";
import type { VariableInfo } from "../../../src/protocol/variables";

const out = path.resolve(__dirname, "../../../out/kernel");

/** A kernel on the built bundles (`npm test` builds first). */
export function newKernel(options?: ConstructorParameters<typeof KernelSession>[1]): KernelSession {
  return new KernelSession({ dir: out }, options);
}

export type KernelEvent = { kind: "stream"; name: string; text: string } | { kind: "display"; items: OutputItem[]; id?: string; update?: boolean };

export interface Ran {
  /** How the run ended, without the variables it listed (those are in `variables`). */
  result: CellResult;
  variables?: VariableInfo[];
  events: KernelEvent[];
  /** The cell's outputs as the editor and the command line keep them, and the edits that made them. */
  outputs: CellOutput[];
  edits: OutputEdit[];
  stdout: string;
  text: string[];
}

/** Runs one cell and records everything it produced, in order. */
export async function runCell(kernel: KernelSession, cellNumber: number, source: string, executionCount?: number): Promise<Ran> {
  const events: Ran["events"] = [];
  const outputs = new CellOutputs();
  const edits: OutputEdit[] = [];
  const { variables, ...result } = await kernel.run(cellNumber, source, {
    stream: (name, text) => {
      events.push({ kind: "stream", name, text });
      edits.push(outputs.stream(name, text));
    },
    display: (items, { id, update }) => {
      // Only the options that were sent, so events compare with deepEqual.
      events.push({ kind: "display", items, ...(id !== undefined ? { id } : {}), ...(update !== undefined ? { update } : {}) });
      edits.push(outputs.display(items, { id, update }));
    },
  }, executionCount);
  const stdout = events.map((e) => (e.kind === "stream" && e.name === "stdout" ? e.text : "")).join("");
  const text = events.flatMap((e) => (e.kind === "display" ? e.items.filter((i) => i.mime === "text/plain").map((i) => String(i.data)) : []));
  return { result, variables, events, outputs: outputs.list, edits, stdout, text };
}
