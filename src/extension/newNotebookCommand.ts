import * as vscode from "vscode";

const STARTER = [
  "const x = tensor([[1, 2], [3, 4]]);",
  "x.matmul(x.T)",
].join("\n");

/** "nnbook: New Notebook": an untitled notebook with one cell to start from. */
export function registerNewNotebookCommand(): vscode.Disposable {
  return vscode.commands.registerCommand("nnbook.newNotebook", async () => {
    const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, STARTER, "nnts");
    const notebook = await vscode.workspace.openNotebookDocument("nnbook", new vscode.NotebookData([cell]));
    await vscode.window.showNotebookDocument(notebook);
  });
}
