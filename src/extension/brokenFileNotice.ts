import * as vscode from "vscode";
import type { NnbookFormatError } from "../format";

/**
 * VS Code shows only "could not be opened" when a serializer throws; this says what is wrong and
 * where, and offers the file as text at that spot. The serializer is not told which file it reads:
 * the file is the nnbook tab that has no notebook document yet.
 */
export function showBrokenFileNotice(error: NnbookFormatError): void {
  const open = new Set(vscode.workspace.notebookDocuments.map((d) => d.uri.toString()));
  const opening = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => tab.input)
    .filter((input): input is vscode.TabInputNotebook => input instanceof vscode.TabInputNotebook && input.notebookType === "nnbook")
    .map((input) => input.uri)
    .filter((uri) => !open.has(uri.toString()));
  const uri = opening.length === 1 ? opening[0] : undefined;
  const name = uri ? vscode.workspace.asRelativePath(uri) : "this notebook";
  const action = "Open as Text";
  void vscode.window
    .showErrorMessage(`Cannot open ${name}: line ${error.line}, column ${error.column}: ${error.reason}. The file was left as it is.`, ...(uri ? [action] : []))
    .then(async (choice) => {
      if (choice !== action || !uri) return;
      const position = new vscode.Position(error.line - 1, error.column - 1);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
    });
}
