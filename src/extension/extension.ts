import * as vscode from "vscode";
import { NnbookController } from "./nnbookController";
import { NnbookSerializer } from "./nnbookSerializer";
import { registerKernelCommands } from "./kernelCommands";
import { registerKernelStatus } from "./kernelStatus";
import { registerVariablesView } from "./variablesView";
import { registerNewNotebookCommand } from "./newNotebookCommand";
import { registerOpenCourseCommand } from "./openCourseCommand";
import { registerCellIntelliSense } from "../intellisense/editor/cellIntelliSense";

export const NOTEBOOK_TYPE = "nnbook";

export function activate(context: vscode.ExtensionContext): void {
  const controller = new NnbookController(context.extensionUri);
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new NnbookSerializer(), {
      transientOutputs: false,
    }),
    controller,
    registerNewNotebookCommand(),
    registerOpenCourseCommand(context.extensionUri),
    registerKernelCommands(controller),
    registerKernelStatus(controller),
    registerVariablesView(controller, context.extensionUri),
    registerCellIntelliSense(vscode.Uri.joinPath(context.extensionUri, "out", "intellisense")),
  );
}

export function deactivate(): void {}
