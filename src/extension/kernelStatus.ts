import * as vscode from "vscode";
import type { KernelState } from "../kernel";
import type { NnbookController } from "./nnbookController";

/** How long "kernel restarted" stays in the status bar before it says "idle" again. */
const RESTARTED_MS = 5000;

const LOOK: Record<KernelState, { icon: string; text: string; tooltip: string }> = {
  none: { icon: "$(circle-outline)", text: "no kernel", tooltip: "The kernel starts with the first cell you run." },
  starting: { icon: "$(sync~spin)", text: "starting", tooltip: "The kernel is loading the cell language." },
  restarting: { icon: "$(sync~spin)", text: "restarting", tooltip: "The kernel is restarting: every variable is gone." },
  idle: { icon: "$(circle-large-outline)", text: "idle", tooltip: "The kernel is idle." },
  busy: { icon: "$(loading~spin)", text: "busy", tooltip: "The kernel is running a cell." },
  dead: { icon: "$(error)", text: "dead", tooltip: "The kernel ended (see the cell that was running): the next cell you run starts a fresh one." },
};

/** A status bar item with the state of the active nnbook notebook's kernel; clicking it restarts the kernel. */
export function registerKernelStatus(controller: NnbookController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("nnbook.kernelState", vscode.StatusBarAlignment.Left, 100);
  item.name = "nnbook Kernel";
  item.command = "nnbook.restartKernel";
  let restartedUntil = 0;
  let restartedTimer: ReturnType<typeof setTimeout> | undefined;

  const show = () => {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (notebook?.notebookType !== "nnbook") return item.hide();
    const state = controller.state(notebook);
    const restarted = state === "idle" && Date.now() < restartedUntil;
    const look = LOOK[state];
    item.text = restarted ? "$(check) nnbook: kernel restarted" : `${look.icon} nnbook: ${look.text}`;
    item.tooltip = `${restarted ? "The kernel restarted: every variable is gone." : look.tooltip} Click to restart the kernel.`;
    item.backgroundColor = state === "dead" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    item.show();
  };

  show();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveNotebookEditor(show),
    controller.onDidChange((change) => {
      if (change.restarted) {
        restartedUntil = Date.now() + RESTARTED_MS;
        clearTimeout(restartedTimer);
        restartedTimer = setTimeout(show, RESTARTED_MS + 50);
      }
      if (change.notebook === vscode.window.activeNotebookEditor?.notebook) show();
    }),
    { dispose: () => clearTimeout(restartedTimer) },
  );
}
