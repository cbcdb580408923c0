/**
 * The extension-host suite, run inside desktop VS Code by @vscode/test-electron
 * (`npm run test:desktop`): opens the hello example, runs all cells, and checks their outputs.
 */
import assert from "node:assert/strict";
import path from "node:path";
import * as vscode from "vscode";

const examples = path.resolve(__dirname, "../../examples");

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function mimes(cell: vscode.NotebookCell): string[] {
  return cell.outputs.flatMap((o) => o.items.map((i) => i.mime));
}

export async function run(): Promise<void> {
  const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path.join(examples, "hello.nnbook")));
  await vscode.window.showNotebookDocument(notebook);
  assert.equal(notebook.notebookType, "nnbook");

  await vscode.commands.executeCommand("notebook.execute");
  const code = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
  await waitFor(() => code.every((c) => c.executionSummary?.success !== undefined), "every cell to run");
  assert.ok(code.every((c) => c.executionSummary?.success === true), "every cell succeeded");

  assert.ok(mimes(code[0]).includes("application/vnd.nnbook.tensor+json"));
  const stdout = code[1].outputs.flatMap((o) => o.items).filter((i) => i.mime === "application/vnd.code.notebook.stdout");
  assert.match(new TextDecoder().decode(stdout[0].data), /sigmoid\(0\.8\) = 0\.690/);
  assert.ok(mimes(code[code.length - 1]).includes("application/vnd.nnbook.loss+json"));

  // A cell that throws reports the line; the cells before keep their state.
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [
    vscode.NotebookEdit.insertCells(notebook.cellCount, [
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "a.matmul(tensor([[1, 2, 3]]))", "nnts"),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "a.sum().item()", "nnts"),
    ]),
  ]);
  await vscode.workspace.applyEdit(edit);
  const [failing, after] = notebook.getCells().slice(-2);
  await vscode.commands.executeCommand("notebook.cell.execute", { ranges: [{ start: failing.index, end: failing.index + 1 }] });
  await waitFor(() => failing.executionSummary?.success !== undefined, "the failing cell");
  assert.equal(failing.executionSummary?.success, false);
  assert.ok(mimes(failing).includes("application/vnd.code.notebook.error"));
  await vscode.commands.executeCommand("notebook.cell.execute", { ranges: [{ start: after.index, end: after.index + 1 }] });
  await waitFor(() => after.executionSummary?.success !== undefined, "the cell after it");
  const text = new TextDecoder().decode(after.outputs[0].items.find((i) => i.mime === "text/plain")!.data);
  assert.equal(text, "10");
  await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
}
