import * as vscode from "vscode";
import { isJsonMime } from "../protocol/mimes";
import type { CellOutput, OutputItem } from "../protocol/outputs";

/** Protocol output items to VS Code's, and back: JSON mimes carry JSON, the rest text. */
export function toVscodeItem(item: OutputItem): vscode.NotebookCellOutputItem {
  return isJsonMime(item.mime)
    ? vscode.NotebookCellOutputItem.json(item.data, item.mime)
    : vscode.NotebookCellOutputItem.text(String(item.data), item.mime);
}

export function toVscodeOutput(output: CellOutput): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(output.items.map(toVscodeItem), output.metadata);
}

const decoder = new TextDecoder();

export function fromVscodeOutput(output: vscode.NotebookCellOutput): CellOutput {
  const items = output.items.map((item) => {
    const text = decoder.decode(item.data);
    return { mime: item.mime, data: isJsonMime(item.mime) ? JSON.parse(text) : text };
  });
  return output.metadata && Object.keys(output.metadata).length > 0 ? { items, metadata: output.metadata } : { items };
}
