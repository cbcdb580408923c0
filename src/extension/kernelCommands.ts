import * as vscode from "vscode";
import type { NnbookController } from "./nnbookController";

/** "Restart Kernel" and "Restart Kernel and Run All", for the active nnbook notebook. */
export function registerKernelCommands(controller: NnbookController): vscode.Disposable {
  const activeNotebook = () => {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook?.notebookType === "nnbook" ? notebook : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand("nnbook.restartKernel", () => {
      const notebook = activeNotebook();
      if (notebook) controller.restartKernel(notebook);
    }),
    vscode.commands.registerCommand("nnbook.restartAndRunAll", async () => {
      const notebook = activeNotebook();
      if (!notebook) return;
      controller.restartKernel(notebook);
      await vscode.commands.executeCommand("notebook.execute", notebook.uri);
    }),
  );
}
