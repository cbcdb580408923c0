import type { CellOutput } from "../protocol/outputs";
import { printJson } from "./jsonPrinter";
import { MAX_NESTING, nestingOf } from "./nesting";
import type { NnbookCell, NnbookFile } from "./nnbookFile";
import { withLayout } from "./textLayout";

/**
 * Writes a notebook in the canonical form: keys in the documented order, sources as lines; with the
 * byte order mark and line endings of the file it was read from.
 */
export function serializeNnbook(file: NnbookFile): Uint8Array {
  const doc = {
    nnbook: file.nnbook,
    metadata: file.metadata,
    cells: file.cells.map(cellJson),
  };
  // What the reader would refuse is not written: the save fails instead, and the file on disk stays readable.
  if (nestingOf(doc) > MAX_NESTING) {
    throw new Error(`cannot save the notebook: its metadata or outputs nest deeper than ${MAX_NESTING} levels of objects and arrays`);
  }
  return new TextEncoder().encode(withLayout(printJson(doc), file.layout));
}

function cellJson(cell: NnbookCell): Record<string, unknown> {
  const json: Record<string, unknown> = { kind: cell.kind };
  if (cell.kind === "code") json.language = cell.language;
  json.source = toLines(cell.source);
  if (cell.metadata && Object.keys(cell.metadata).length > 0) json.metadata = cell.metadata;
  if (cell.kind === "code") {
    if (cell.execution && Object.keys(cell.execution).length > 0) json.execution = cell.execution;
    json.outputs = cell.outputs.map(outputJson);
  }
  return json;
}

function outputJson(output: CellOutput): Record<string, unknown> {
  const json: Record<string, unknown> = { items: output.items.map(({ mime, data }) => ({ mime, data })) };
  if (output.metadata && Object.keys(output.metadata).length > 0) json.metadata = output.metadata;
  return json;
}

function toLines(source: string): string[] {
  return source === "" ? [] : source.split("\n");
}
