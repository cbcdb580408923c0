import * as vscode from "vscode";
import type { VariableInfo } from "../protocol/variables";
import type { NnbookController } from "./nnbookController";
import { showTensorPanel } from "./tensorPanel";

export const VARIABLES_VIEW = "nnbook.variables";

/** A row's description: the type, the shape or parameter count, and the value. */
export function variableDescription(v: VariableInfo): string {
  const size = v.shape && v.type !== "Array" ? ` [${v.shape.join(", ")}]` : v.shape ? `(${v.shape[0]})` : "";
  const params = v.parameters !== undefined ? ` · ${v.parameters.toLocaleString("en-US")} parameters` : "";
  return `${v.type}${size}${params}  ${v.value}`;
}

class VariablesTree implements vscode.TreeDataProvider<VariableInfo> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly controller: NnbookController) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(): VariableInfo[] {
    const notebook = activeNnbook();
    return notebook ? [...this.controller.variables(notebook)] : [];
  }

  getTreeItem(v: VariableInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(v.name, vscode.TreeItemCollapsibleState.None);
    item.description = variableDescription(v);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${v.name}**: ${v.type}`);
    if (v.shape) tooltip.appendMarkdown(` · shape [${v.shape.join(", ")}]`);
    if (v.parameters !== undefined) tooltip.appendMarkdown(` · ${v.parameters.toLocaleString("en-US")} parameters`);
    tooltip.appendCodeblock(v.value, "text");
    if (v.inspectable) tooltip.appendMarkdown("Click to see it as `show.tensor` draws it.");
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(icon(v.type));
    item.contextValue = v.inspectable ? "tensor" : "variable";
    if (v.inspectable) item.command = { command: "nnbook.showVariable", title: "Show Tensor", arguments: [v.name] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function icon(type: string): string {
  if (type === "Tensor") return "symbol-array";
  if (type === "Dataset") return "table";
  if (type === "function" || type === "class") return "symbol-method";
  if (type === "number" || type === "boolean" || type === "string" || type === "undefined" || type === "null") return "symbol-constant";
  return "symbol-class";
}

function activeNnbook(): vscode.NotebookDocument | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  return notebook?.notebookType === "nnbook" ? notebook : undefined;
}

/**
 * The Variables view in the panel: the active notebook's top-level names with type, shape, parameter
 * count and value, listed anew after each cell; a tensor opens as `show.tensor` draws it.
 */
export function registerVariablesView(controller: NnbookController, extensionUri: vscode.Uri): vscode.Disposable {
  const tree = new VariablesTree(controller);
  const view = vscode.window.createTreeView(VARIABLES_VIEW, { treeDataProvider: tree });
  const describe = () => {
    const notebook = activeNnbook();
    view.message = !notebook
      ? "Open an nnbook notebook to see its variables."
      : controller.variables(notebook).length === 0
        ? "No variables yet: run a cell that declares one."
        : undefined;
  };
  describe();
  return vscode.Disposable.from(
    tree,
    view,
    controller.onDidChange((change) => {
      if (change.notebook !== activeNnbook()) return;
      tree.refresh();
      describe();
    }),
    vscode.window.onDidChangeActiveNotebookEditor(() => {
      tree.refresh();
      describe();
    }),
    vscode.commands.registerCommand("nnbook.showVariables", () => vscode.commands.executeCommand(`${VARIABLES_VIEW}.focus`)),
    vscode.commands.registerCommand("nnbook.showVariable", async (name: unknown) => {
      const notebook = activeNnbook();
      if (!notebook || typeof name !== "string") return;
      const items = await controller.inspect(notebook, name);
      if (!items) {
        void vscode.window.showWarningMessage(`nnbook: ${name} is no longer a tensor in this notebook's kernel (or the kernel did not answer); run its cell again.`);
        return;
      }
      showTensorPanel(extensionUri, name, items);
    }),
  );
}
