import * as vscode from "vscode";
import type { NnbookController } from "./nnbookController";

/** "Restart Kernel" and "Restart Kernel and Run All", for the active nnbook notebook, confirmed as Jupyter does. */
export function registerKernelCommands(controller: NnbookController): vscode.Disposable {
  const activeNotebook = () => {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook?.notebookType === "nnbook" ? notebook : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand("nnbook.restartKernel", async () => {
      const notebook = activeNotebook();
      if (notebook && (await confirmRestart())) await controller.restartKernel(notebook);
    }),
    vscode.commands.registerCommand("nnbook.restartAndRunAll", async () => {
      const notebook = activeNotebook();
      if (!notebook || !(await confirmRestart())) return;
      await controller.restartKernel(notebook);
      await vscode.commands.executeCommand("notebook.execute", notebook.uri);
    }),
  );
}

const RESTART = "Restart";
const ALWAYS = "Restart, Don't Ask Again";

/** Asks before every variable is lost, unless `nnbook.kernel.confirmRestart` is off. */
async function confirmRestart(): Promise<boolean> {
  const settings = vscode.workspace.getConfiguration("nnbook");
  if (!settings.get<boolean>("kernel.confirmRestart", true)) return true;
  const answer = await vscode.window.showWarningMessage(
    "Restart the kernel? Every variable of this notebook will be lost.",
    { modal: true, detail: "Outputs stay. Turn off nnbook.kernel.confirmRestart to restart without asking." },
    RESTART,
    ALWAYS,
  );
  if (answer === ALWAYS) await settings.update("kernel.confirmRestart", false, vscode.ConfigurationTarget.Global);
  return answer === RESTART || answer === ALWAYS;
}
