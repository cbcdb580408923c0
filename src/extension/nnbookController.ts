import * as vscode from "vscode";
import { DEFAULT_MEMORY_LIMIT_MB, KernelSession, type CellResult } from "../kernel";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { toVscodeItem } from "./outputItems";

interface NotebookKernel {
  session: KernelSession;
  executionOrder: number;
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
      kernel = { session, executionOrder: 0 };
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  /** Ends the notebook's kernel: the next cell run starts a fresh one, with no state. */
  restartKernel(notebook: vscode.NotebookDocument): void {
    const kernel = this.kernels.get(notebook.uri.toString());
    if (!kernel) return;
    kernel.session.restart();
    kernel.executionOrder = 0;
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
    let failed = false;
    for (const execution of executions) {
      if (failed) {
        // Like Jupyter: after a failure, the cells queued behind it do not run.
        execution.start();
        execution.end(undefined);
        continue;
      }
      failed = !(await this.runCell(kernel, execution, notebook));
    }
  }

  private async runCell(kernel: NotebookKernel, execution: vscode.NotebookCellExecution, notebook: vscode.NotebookDocument): Promise<boolean> {
    execution.executionOrder = ++kernel.executionOrder;
    execution.start(Date.now());
    await execution.clearOutput();
    if (!vscode.workspace.isTrusted) {
      await execution.appendOutput(errorOutput("UntrustedWorkspace", "nnbook runs no cells in an untrusted workspace. Trust this folder (Workspaces: Manage Workspace Trust) to run it."));
      execution.end(false, Date.now());
      return false;
    }
    const cancel = execution.token.onCancellationRequested(() => kernel.session.interrupt());
    const outputs = new CellOutputs(execution);
    const result: CellResult = await kernel.session.run(execution.cell.index + 1, execution.cell.document.getText(), {
      stream: (name, text) => outputs.stream(name, text),
      display: (items, options) => outputs.display(items, options),
    });
    cancel.dispose();
    await outputs.settled();
    if (!result.ok) {
      await execution.appendOutput(errorOutput(result.error.name, result.error.message, result.error.stack));
      if (result.error.kernelLost) {
        kernel.executionOrder = 0;
      }
    }
    execution.end(result.ok, Date.now());
    return result.ok;
  }
}

/** Where relative paths in cells start: the notebook's folder, or the workspace's for an untitled one. */
function notebookFolder(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === "file") return vscode.Uri.joinPath(notebook.uri, "..").fsPath;
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}

function errorOutput(name: string, message: string, stack = `${name}: ${message}`): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message, stack })]);
}

/** A cell's outputs while it runs: consecutive console text joins one output; views by id update in place. */
class CellOutputs {
  private lastStream: { name: string; output: vscode.NotebookCellOutput } | undefined;
  private readonly byId = new Map<string, vscode.NotebookCellOutput>();
  // VS Code applies output edits asynchronously; chaining keeps them in the order they came.
  private pending: Thenable<void> = Promise.resolve();

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  stream(name: "stdout" | "stderr", text: string): void {
    const item = toVscodeItem({ mime: name === "stdout" ? Mime.stdout : Mime.stderr, data: text });
    const last = this.lastStream;
    if (last && last.name === name) {
      this.chain(() => this.execution.appendOutputItems(item, last.output));
      return;
    }
    const output = new vscode.NotebookCellOutput([item]);
    this.lastStream = { name, output };
    this.chain(() => this.execution.appendOutput(output));
  }

  display(items: OutputItem[], options: { id?: string; update?: boolean }): void {
    this.lastStream = undefined;
    const vscodeItems = items.map(toVscodeItem);
    const existing = options.id ? this.byId.get(options.id) : undefined;
    if (existing && options.update) {
      this.chain(() => this.execution.replaceOutputItems(vscodeItems, existing));
      return;
    }
    const output = new vscode.NotebookCellOutput(vscodeItems);
    if (options.id) this.byId.set(options.id, output);
    this.chain(() => this.execution.appendOutput(output));
  }

  settled(): Thenable<void> {
    return this.pending;
  }

  private chain(edit: () => Thenable<void>): void {
    this.pending = this.pending.then(edit);
  }
}
