import * as vscode from "vscode";
import { STARTER } from "../format/starterNotebook";

/** "nnbook: New Notebook": an untitled notebook with the starter, ready to run. */
export function registerNewNotebookCommand(): vscode.Disposable {
  return vscode.commands.registerCommand("nnbook.newNotebook", async () => {
    const cells = STARTER.map(
      (cell) =>
        new vscode.NotebookCellData(
          cell.kind === "code" ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup,
          cell.source,
          cell.kind === "code" ? "nnts" : "markdown",
        ),
    );
    const notebook = await vscode.workspace.openNotebookDocument("nnbook", new vscode.NotebookData(cells));
    await vscode.window.showNotebookDocument(notebook);
  });
}
