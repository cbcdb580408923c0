import * as vscode from "vscode";
import {
  NnbookFormatError,
  parseNnbook,
  serializeNnbook,
  metadataWithLayout,
  splitLayout,
  FORMAT_VERSION,
  type NnbookCell,
} from "../format";
import { showBrokenFileNotice } from "./brokenFileNotice";
import { fromVscodeOutput, toVscodeOutput } from "./outputItems";

/**
 * `.nnbook` files ↔ VS Code notebooks. A file that cannot be read makes opening fail with the
 * reason and position, so it is never shown as an empty notebook that a save would overwrite.
 */
export class NnbookSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    // A new, empty file is a new notebook, not a broken one.
    if (content.byteLength === 0) return new vscode.NotebookData([]);
    let file;
    try {
      file = parseNnbook(content);
    } catch (error) {
      if (error instanceof NnbookFormatError) showBrokenFileNotice(error);
      throw error;
    }
    const notebook = new vscode.NotebookData(file.cells.map(toCellData));
    // The file's byte order mark and line endings ride in the metadata, which VS Code hands back on save.
    notebook.metadata = metadataWithLayout(file.metadata, file.layout);
    return notebook;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const saveOutputs = vscode.workspace.getConfiguration("nnbook").get<boolean>("saveOutputs", true);
    const { metadata, layout } = splitLayout(data.metadata ?? {});
    return serializeNnbook({
      nnbook: FORMAT_VERSION,
      metadata,
      cells: data.cells.map((cell) => fromCellData(cell, saveOutputs)),
      layout,
    });
  }
}

function toCellData(cell: NnbookCell): vscode.NotebookCellData {
  if (cell.kind === "markdown") {
    const data = new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, cell.source, "markdown");
    if (cell.metadata) data.metadata = cell.metadata;
    return data;
  }
  const data = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, cell.source, "nnts");
  data.outputs = cell.outputs.map(toVscodeOutput);
  if (cell.metadata) data.metadata = cell.metadata;
  const run = cell.execution;
  if (run) {
    data.executionSummary = {
      executionOrder: run.order,
      success: run.success,
      timing: run.startTime !== undefined && run.endTime !== undefined ? { startTime: run.startTime, endTime: run.endTime } : undefined,
    };
  }
  return data;
}

function fromCellData(data: vscode.NotebookCellData, saveOutputs: boolean): NnbookCell {
  const metadata = data.metadata && Object.keys(data.metadata).length > 0 ? { ...data.metadata } : undefined;
  if (data.kind === vscode.NotebookCellKind.Markup) {
    return metadata ? { kind: "markdown", source: data.value, metadata } : { kind: "markdown", source: data.value };
  }
  const cell: NnbookCell = {
    kind: "code",
    language: "nnts",
    source: data.value,
    outputs: saveOutputs ? (data.outputs ?? []).map(fromVscodeOutput) : [],
  };
  if (metadata) cell.metadata = metadata;
  const summary = data.executionSummary;
  if (saveOutputs && summary) {
    const execution = {
      order: summary.executionOrder,
      success: summary.success,
      startTime: summary.timing?.startTime,
      endTime: summary.timing?.endTime,
    };
    const present = Object.fromEntries(Object.entries(execution).filter(([, v]) => v !== undefined));
    if (Object.keys(present).length > 0) cell.execution = present;
  }
  return cell;
}
