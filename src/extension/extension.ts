import * as vscode from "vscode";
import { NnbookController } from "./nnbookController";
import { NnbookSerializer } from "./nnbookSerializer";
import { registerKernelCommands } from "./kernelCommands";
import { registerNewNotebookCommand } from "./newNotebookCommand";

export const NOTEBOOK_TYPE = "nnbook";

export function activate(context: vscode.ExtensionContext): void {
  const controller = new NnbookController(context.extensionUri);
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new NnbookSerializer(), {
      transientOutputs: false,
    }),
    controller,
    registerNewNotebookCommand(),
    registerKernelCommands(controller),
  );
}

export function deactivate(): void {}
