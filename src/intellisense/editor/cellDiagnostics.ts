import * as vscode from "vscode";
import { cellRange } from "./convert";
import { NOTEBOOK_TYPE, notebookOf, type NotebookServices } from "./notebookServices";

const DELAY_MS = 300;
const NODE_MODULES_SETTING = "nnbook.kernel.allowNodeModules";

/** Type and syntax errors of a notebook's cells as squiggles and problems, refreshed after edits settle. */
export class CellDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("nnbook");
  private readonly timers = new Map<vscode.NotebookDocument, ReturnType<typeof setTimeout>>();
  /** The cell URIs given diagnostics last time, per notebook, to clear cells that went away. */
  private readonly shown = new Map<vscode.NotebookDocument, vscode.Uri[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: NotebookServices) {
    this.subscriptions = [
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.schedule(nb)),
      vscode.workspace.onDidChangeNotebookDocument((e) => this.schedule(e.notebook)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.close(nb)),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleCell(e.document)),
      // A cell whose language changes is reopened as a new document.
      vscode.workspace.onDidOpenTextDocument((doc) => this.scheduleCell(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(NODE_MODULES_SETTING)) vscode.workspace.notebookDocuments.forEach((nb) => this.schedule(nb));
      }),
    ];
    vscode.workspace.notebookDocuments.forEach((nb) => this.schedule(nb));
  }

  private scheduleCell(document: vscode.TextDocument): void {
    const notebook = notebookOf(document);
    if (notebook) this.schedule(notebook);
  }

  private schedule(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE || notebook.isClosed) return;
    clearTimeout(this.timers.get(notebook));
    this.timers.set(
      notebook,
      setTimeout(() => {
        this.timers.delete(notebook);
        if (!notebook.isClosed) this.update(notebook);
      }, DELAY_MS),
    );
  }

  private update(notebook: vscode.NotebookDocument): void {
    const entry = this.services.get(notebook);
    const byCell = new Map<number, vscode.Diagnostic[]>();
    const nodeModules = vscode.workspace.getConfiguration(undefined, notebook.uri).get<boolean>(NODE_MODULES_SETTING, false);
    for (const d of entry?.service.diagnostics({ nodeModules }) ?? []) {
      const document = entry!.cells[d.cell]?.document;
      if (!document) continue;
      const diagnostic = new vscode.Diagnostic(
        cellRange(document, d),
        d.message,
        d.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = "nnbook";
      diagnostic.code = d.code;
      diagnostic.relatedInformation = d.related?.flatMap((r) => {
        const related = entry!.cells[r.span.cell]?.document;
        return related ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(related.uri, cellRange(related, r.span)), r.message)] : [];
      });
      byCell.set(d.cell, [...(byCell.get(d.cell) ?? []), diagnostic]);
    }
    for (const uri of this.shown.get(notebook) ?? []) this.collection.delete(uri);
    const uris = (entry?.cells ?? []).map((cell, i) => {
      this.collection.set(cell.document.uri, byCell.get(i) ?? []);
      return cell.document.uri;
    });
    this.shown.set(notebook, uris);
  }

  private close(notebook: vscode.NotebookDocument): void {
    clearTimeout(this.timers.get(notebook));
    this.timers.delete(notebook);
    for (const uri of this.shown.get(notebook) ?? []) this.collection.delete(uri);
    this.shown.delete(notebook);
    this.services.close(notebook);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}
