import * as vscode from "vscode";
import { CellDiagnostics } from "./cellDiagnostics";
import { CELL_LANGUAGE, NOTEBOOK_TYPE, NotebookServices } from "./notebookServices";
import { CodeActionProvider, CompletionProvider, DefinitionProvider, HoverProvider, SignatureHelpProvider } from "./providers";

/**
 * Completions, hovers, signature help, go to definition, type errors and their quick fixes in the code cells of nnbook
 * notebooks, all cells of a notebook checked together. `folder` holds the service bundle
 * (service.js) and the declarations it reads (types/): out/intellisense in the extension.
 */
export function registerCellIntelliSense(folder: vscode.Uri): vscode.Disposable {
  const selector: vscode.DocumentSelector = { notebookType: NOTEBOOK_TYPE, language: CELL_LANGUAGE };
  const services = new NotebookServices(folder);
  const disposables: vscode.Disposable[] = [
    vscode.languages.registerCompletionItemProvider(selector, new CompletionProvider(services), ...CompletionProvider.triggerCharacters),
    vscode.languages.registerHoverProvider(selector, new HoverProvider(services)),
    vscode.languages.registerSignatureHelpProvider(selector, new SignatureHelpProvider(services), SignatureHelpProvider.metadata),
    vscode.languages.registerDefinitionProvider(selector, new DefinitionProvider(services)),
    vscode.languages.registerCodeActionsProvider(selector, new CodeActionProvider(services), CodeActionProvider.metadata),
    new CellDiagnostics(services),
    services,
  ];
  return vscode.Disposable.from(...disposables);
}
