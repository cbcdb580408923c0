import { Mime } from "../protocol/mimes";
import type { CellOutput, OutputItem } from "../protocol/outputs";

/**
 * One change to a cell's outputs, in the order it was made. `index` says which output: its position
 * in the cell, which never changes, since a run only appends outputs.
 */
export type OutputEdit =
  | { kind: "append"; index: number; items: OutputItem[] }
  /** Console text added to the stream output it continues. */
  | { kind: "appendItems"; index: number; items: OutputItem[] }
  /** A view drawn again in place: its items replace the output's. */
  | { kind: "replaceItems"; index: number; items: OutputItem[] };

/** Applies an edit to outputs held as plain data. */
export function applyOutputEdit(outputs: CellOutput[], edit: OutputEdit): void {
  switch (edit.kind) {
    case "append":
      outputs[edit.index] = { items: [...edit.items] };
      break;
    case "appendItems":
      outputs[edit.index].items = joinStreamText(outputs[edit.index].items, edit.items);
      break;
    case "replaceItems":
      outputs[edit.index].items = [...edit.items];
      break;
  }
}

/** Appended console text joins the item of its stream, as VS Code joins it: one item per stream. */
function joinStreamText(items: OutputItem[], added: OutputItem[]): OutputItem[] {
  const joined = [...items];
  for (const item of added) {
    const last = joined[joined.length - 1];
    const stream = item.mime === Mime.stdout || item.mime === Mime.stderr;
    if (stream && last?.mime === item.mime) joined[joined.length - 1] = { mime: item.mime, data: String(last.data) + String(item.data) };
    else joined.push(item);
  }
  return joined;
}
