import * as vscode from "vscode";
import { NnbookController } from "./nnbookController";
import { NnbookSerializer } from "./nnbookSerializer";
import { registerNewNotebookCommand } from "./newNotebookCommand";

export const NOTEBOOK_TYPE = "nnbook";

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new NnbookSerializer(), {
      transientOutputs: false,
    }),
    new NnbookController(context.extensionUri),
    registerNewNotebookCommand(),
  );
}

export function deactivate(): void {}
