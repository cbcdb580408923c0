import * as vscode from "vscode";
import { DEFAULT_MEMORY_LIMIT_MB, ExecutionOrder, KernelSession, type CellResult, type KernelState } from "../kernel";
import type { OutputItem } from "../protocol/outputs";
import type { VariableInfo } from "../protocol/variables";
import { ExecutionOutputs } from "./executionOutputs";

interface NotebookKernel {
  session: KernelSession;
  order: ExecutionOrder;
  variables: VariableInfo[];
}

/** What the status bar and the variables view follow: a notebook's kernel changed state or variables. */
export interface KernelChange {
  notebook: vscode.NotebookDocument;
  state: KernelState;
  variables: readonly VariableInfo[];
  /** The kernel has just come back from a restart the user asked for. */
  restarted?: boolean;
}

/**
 * Runs nnbook cells: one kernel (a process of its own) per open notebook, one queue of cells per
 * kernel whatever run queued them, as in Jupyter: a queued cell shows as pending and starts (and its
 * timer with it) only when the kernel takes it; a failure, the stop button or a restart ends the queue.
 */
export class NnbookController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly kernels = new Map<string, NotebookKernel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changes = new vscode.EventEmitter<KernelChange>();
  /** Fires when a notebook's kernel changes state or lists new variables. */
  readonly onDidChange = this.changes.event;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.controller = vscode.notebooks.createNotebookController("nnbook-kernel", "nnbook", "nnbook");
    this.controller.supportedLanguages = ["nnts"];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = "neural networks in TypeScript";
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.controller.interruptHandler = (notebook) => this.interrupt(notebook);
    // The kernel for every nnbook notebook, without asking the user to pick one.
    const prefer = (notebook: vscode.NotebookDocument) => {
      if (notebook.notebookType === "nnbook") this.controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
    };
    vscode.workspace.notebookDocuments.forEach(prefer);
    this.disposables.push(
      this.controller,
      this.changes,
      vscode.workspace.onDidOpenNotebookDocument(prefer),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.closeKernel(notebook)),
    );
  }

  dispose(): void {
    for (const kernel of this.kernels.values()) kernel.session.dispose();
    this.kernels.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The state of the notebook's kernel: "none" before its first run. */
  state(notebook: vscode.NotebookDocument): KernelState {
    return this.kernels.get(notebook.uri.toString())?.session.state ?? "none";
  }

  /** The top-level names of the notebook's kernel after its last run. */
  variables(notebook: vscode.NotebookDocument): readonly VariableInfo[] {
    return this.kernels.get(notebook.uri.toString())?.variables ?? [];
  }

  /** The items of `show.tensor` for the tensor the kernel listed as `name`. */
  inspect(notebook: vscode.NotebookDocument, name: string): Promise<OutputItem[] | undefined> {
    return this.kernels.get(notebook.uri.toString())?.session.inspect(name) ?? Promise.resolve(undefined);
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
          matmulThreads: settings.get<number>("kernel.threads", 0),
        },
      );
      const created: NotebookKernel = { session, order: new ExecutionOrder(), variables: [] };
      let previous: KernelState = session.state;
      session.onState((state) => {
        // The variables went with the kernel's state.
        if (state === "dead" || state === "restarting") created.variables = [];
        const restarted = previous === "restarting" && state === "idle";
        previous = state;
        this.changes.fire({ notebook, state, variables: created.variables, restarted });
      });
      kernel = created;
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  /**
   * Ends the notebook's kernel and starts a fresh one: nothing queued runs, and the execution counts
   * and states of the cells that ran in the old kernel are cleared, as their numbers meant that kernel.
   */
  async restartKernel(notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernelFor(notebook);
    kernel.order.reset();
    kernel.session.restart();
    await kernel.order.idle();
    for (const cell of notebook.getCells()) {
      if (cell.kind !== vscode.NotebookCellKind.Code || cell.executionSummary?.executionOrder === undefined) continue;
      // An execution that starts and ends with no order clears the cell's number, state and time; its outputs stay.
      const clearing = this.controller.createNotebookCellExecution(cell);
      clearing.start();
      clearing.executionOrder = undefined;
      clearing.end(undefined);
    }
  }

  /** The stop button: the running cell is asked to stop, and the cells queued behind it will not run. */
  private interrupt(notebook: vscode.NotebookDocument): void {
    const kernel = this.kernels.get(notebook.uri.toString());
    if (!kernel) return;
    kernel.order.stop();
    kernel.session.interrupt();
  }

  private closeKernel(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    this.kernels.get(key)?.session.dispose();
    this.kernels.delete(key);
  }

  private async execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const kernel = this.kernelFor(notebook);
    // Created now, so the queued cells show as pending; each starts when its turn comes.
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
    const outputs = new ExecutionOutputs(execution);
    outputs.clearPrevious();
    if (!vscode.workspace.isTrusted) {
      const message = "nnbook runs no cells in an untrusted workspace. Trust this folder (Workspaces: Manage Workspace Trust) to run it.";
      outputs.error({ name: "UntrustedWorkspace", message, stack: `UntrustedWorkspace: ${message}` });
      outputs.handOver();
      execution.end(false, Date.now());
      return false;
    }
    const cancel = execution.token.onCancellationRequested(() => kernel.session.interrupt());
    const result: CellResult = await kernel.session.run(execution.cell.index + 1, execution.cell.document.getText(), outputs, order);
    cancel.dispose();
    if (result.variables) {
      kernel.variables = result.variables;
      this.changes.fire({ notebook: execution.cell.notebook, state: kernel.session.state, variables: kernel.variables });
    }
    if (!result.ok) {
      outputs.error(result.error);
      if (result.error.kernelLost) kernel.order.reset();
    }
    outputs.handOver();
    execution.end(result.ok, Date.now());
    return result.ok;
  }
}

/** Where relative paths in cells start: the notebook's folder, or the workspace's for an untitled one. */
function notebookFolder(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === "file") return vscode.Uri.joinPath(notebook.uri, "..").fsPath;
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}
