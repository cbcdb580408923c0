import * as vscode from "vscode";
import path from "node:path";
import type { CellLanguageServices, NotebookService } from "../index";

export const NOTEBOOK_TYPE = "nnbook";
export const CELL_LANGUAGE = "nnts";

/** A cell document resolved to its notebook's service and its index among the code cells. */
export interface CellTarget {
  entry: NotebookEntry;
  cell: number;
}

export interface NotebookEntry {
  readonly notebook: vscode.NotebookDocument;
  readonly service: NotebookService;
  /** The code cells the service was last given, in order (index = cell number in its answers). */
  cells: vscode.NotebookCell[];
  /** Cell URIs and versions of the last sync: unchanged means the service is up to date. */
  key: string;
}

export function isCodeCell(cell: vscode.NotebookCell): boolean {
  return cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === CELL_LANGUAGE;
}

/**
 * One language service per open notebook, made when a notebook with code cells first needs one
 * (the TypeScript compiler itself is loaded then, not when the extension activates), and disposed
 * when the notebook closes.
 */
export class NotebookServices implements vscode.Disposable {
  private services: CellLanguageServices | undefined;
  private readonly entries = new Map<vscode.NotebookDocument, NotebookEntry>();

  constructor(private readonly folder: vscode.Uri) {}

  /** The notebook's service, synced with its cells; undefined when it has no code cell. */
  get(notebook: vscode.NotebookDocument): NotebookEntry | undefined {
    let entry = this.entries.get(notebook);
    const cells = notebook.getCells().filter(isCodeCell);
    if (!entry) {
      if (cells.length === 0) return undefined;
      entry = { notebook, service: this.load().open(), cells: [], key: "" };
      this.entries.set(notebook, entry);
    }
    const key = cells.map((c) => `${c.document.uri.toString()}@${c.document.version}`).join("|");
    if (key !== entry.key) {
      entry.service.setCells(cells.map((c) => c.document.getText()));
      entry.cells = cells;
      entry.key = key;
    }
    return entry;
  }

  /** The service and cell number of a cell's text document. */
  forDocument(document: vscode.TextDocument): CellTarget | undefined {
    const notebook = notebookOf(document);
    const entry = notebook && this.get(notebook);
    const cell = entry?.cells.findIndex((c) => c.document === document) ?? -1;
    return entry && cell >= 0 ? { entry, cell } : undefined;
  }

  close(notebook: vscode.NotebookDocument): void {
    this.entries.get(notebook)?.service.dispose();
    this.entries.delete(notebook);
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.service.dispose();
    this.entries.clear();
  }

  private load(): CellLanguageServices {
    if (!this.services) {
      // The service bundle carries the TypeScript compiler (megabytes): required on first use only.
      const service = require(path.join(this.folder.fsPath, "service.js")) as typeof import("../index");
      this.services = service.createCellLanguageServices(path.join(this.folder.fsPath, "types"));
    }
    return this.services;
  }
}

export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== "vscode-notebook-cell") return undefined;
  return vscode.workspace.notebookDocuments.find(
    (nb) => nb.notebookType === NOTEBOOK_TYPE && nb.getCells().some((c) => c.document === document),
  );
}
