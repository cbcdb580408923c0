import * as vscode from "vscode";
import { DEFAULT_MEMORY_LIMIT_MB, ExecutionOrder, KernelSession, type CellResult } from "../kernel";
import { ExecutionOutputs } from "./executionOutputs";

interface NotebookKernel {
  session: KernelSession;
  order: ExecutionOrder;
}

/** Runs nnbook cells: one kernel (a process of its own) per open notebook, cells queued in order. */
export class NnbookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly kernels = new Map<string, NotebookKernel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.controller = vscode.notebooks.createNotebookController("nnbook-kernel", "nnbook", "nnbook");
    this.controller.supportedLanguages = ["nnts"];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = "neural networks in TypeScript";
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.controller.interruptHandler = (notebook) => this.kernels.get(notebook.uri.toString())?.session.interrupt();
    // The kernel for every nnbook notebook, without asking the user to pick one.
    const prefer = (notebook: vscode.NotebookDocument) => {
      if (notebook.notebookType === "nnbook") this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidOpenNotebookDocument(prefer),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.closeKernel(notebook)),
    );
  }

  dispose(): void {
    for (const kernel of this.kernels.values()) kernel.session.dispose();
    this.kernels.clear();
    for (const d of this.disposables) d.dispose();
  }

  private kernelFor(notebook: vscode.NotebookDocument): NotebookKernel {
    const key = notebook.uri.toString();
    let kernel = this.kernels.get(key);
    if (!kernel) {
      const settings = vscode.workspace.getConfiguration("nnbook", notebook.uri);
      const session = new KernelSession(
        { dir: vscode.Uri.joinPath(this.extensionUri, "out", "kernel").fsPath },
        {
          notebookDir: notebookFolder(notebook),
          fileRoots: vscode.workspace.workspaceFolders?.map((folder) => folder.uri.fsPath) ?? [notebookFolder(notebook)],
          allowNodeModules: settings.get<boolean>("kernel.allowNodeModules", false),
          memoryLimitMb: settings.get<number>("kernel.memoryLimitMb", DEFAULT_MEMORY_LIMIT_MB),
        },
      );
      kernel = { session, order: new ExecutionOrder() };
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  /** Ends the notebook's kernel: the next cell run starts a fresh one, with no state. */
  restartKernel(notebook: vscode.NotebookDocument): void {
    const kernel = this.kernels.get(notebook.uri.toString());
    if (!kernel) return;
    kernel.session.restart();
    kernel.order.reset();
  }

  private closeKernel(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.kernels.get(key)?.session.dispose();
    this.kernels.delete(key);
  }

  private async execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernelFor(notebook);
    // Created up front so the queued cells show as pending.
    const executions = cells.map((cell) => this.controller.createNotebookCellExecution(cell));
    await kernel.order.run(
      executions,
      (execution, order) => this.runCell(kernel, execution, order),
      (execution) => {
        // Not run: ended without a result.
        execution.start();
        execution.end(undefined);
      },
    );
  }

  private async runCell(kernel: NotebookKernel, execution: vscode.NotebookCellExecution, order: number): Promise<boolean> {
    execution.executionOrder = order;
    execution.start(Date.now());
    await execution.clearOutput();
    const outputs = new ExecutionOutputs(execution);
    if (!vscode.workspace.isTrusted) {
      const message = "nnbook runs no cells in an untrusted workspace. Trust this folder (Workspaces: Manage Workspace Trust) to run it.";
      outputs.error({ name: "UntrustedWorkspace", message, stack: `UntrustedWorkspace: ${message}` });
      await outputs.settled();
      execution.end(false, Date.now());
      return false;
    }
    const cancel = execution.token.onCancellationRequested(() => kernel.session.interrupt());
    const result: CellResult = await kernel.session.run(execution.cell.index + 1, execution.cell.document.getText(), outputs);
    cancel.dispose();
    if (!result.ok) {
      outputs.error(result.error);
      if (result.error.kernelLost) kernel.order.reset();
    }
    await outputs.settled();
    execution.end(result.ok, Date.now());
    return result.ok;
  }
}

/** Where relative paths in cells start: the notebook's folder, or the workspace's for an untitled one. */
function notebookFolder(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === "file") return vscode.Uri.joinPath(notebook.uri, "..").fsPath;
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}
