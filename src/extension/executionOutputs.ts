import * as vscode from "vscode";
import { CellOutputs, EditQueue, type CellListener, type OutputEdit } from "../kernel";
import type { ErrorData, OutputItem } from "../protocol/outputs";
import { toVscodeItem } from "./outputItems";

/** A cell's outputs while it runs in the editor: the kernel's output rules, applied to its VS Code execution. */
export class ExecutionOutputs implements CellListener {
  private readonly model = new CellOutputs();
  /** By the edits' index. */
  private readonly outputs: vscode.NotebookCellOutput[] = [];
  // VS Code applies output edits asynchronously: queued, in the order they came, live views coalesced.
  private readonly edits = new EditQueue();

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  /**
   * Clears the outputs of the run before, as the first edit: the cell goes to the kernel without waiting for the
   * editor to apply it (a round trip to the window), and what the run shows comes after it, in order.
   */
  clearPrevious(): void {
    if (this.execution.cell.outputs.length > 0) this.edits.push(() => this.execution.clearOutput());
  }

  stream(name: "stdout" | "stderr", text: string): void {
    this.apply(this.model.stream(name, text));
  }

  display(items: OutputItem[], options: { id?: string; update?: boolean }): void {
    this.apply(this.model.display(items, options));
  }

  error(error: ErrorData): void {
    this.apply(this.model.error(error));
  }

  /**
   * Gives VS Code every edit still waiting, before the execution ends: VS Code applies a cell's edits and then its
   * end in the order they came, so the next cell need not wait for the window to draw this one's outputs.
   */
  handOver(): void {
    this.edits.handOver();
  }

  private apply(edit: OutputEdit): void {
    // Converted now: the chained call may run after later edits were made.
    const items = edit.items.map(toVscodeItem);
    if (edit.kind === "append") {
      const output = new vscode.NotebookCellOutput(items);
      this.outputs[edit.index] = output;
      this.edits.push(() => this.execution.appendOutput(output));
      return;
    }
    const output = this.outputs[edit.index];
    if (edit.kind === "appendItems") this.edits.push(() => this.execution.appendOutputItems(items, output));
    else this.edits.push(() => this.execution.replaceOutputItems(items, output), edit.index);
  }
}
