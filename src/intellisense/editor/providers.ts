import * as vscode from "vscode";
import type { NotebookService } from "../index";
import { cellRange, completionKind, markdown } from "./convert";
import type { NotebookServices } from "./notebookServices";

/** A completion with what resolving its details needs. */
class CellCompletionItem extends vscode.CompletionItem {
  constructor(
    label: string,
    readonly service: NotebookService,
    readonly cell: number,
    readonly offset: number,
    readonly source: string | undefined,
    readonly data: unknown,
  ) {
    super(label);
  }
}

export class CompletionProvider implements vscode.CompletionItemProvider<CellCompletionItem> {
  static readonly triggerCharacters = ["."];

  constructor(private readonly services: NotebookServices) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext) {
    const target = this.services.forDocument(document);
    if (!target) return undefined;
    const offset = document.offsetAt(position);
    const { service } = target.entry;
    const result = service.completions(target.cell, offset, context.triggerCharacter);
    if (!result) return undefined;
    return result.entries.map((e) => {
      const item = new CellCompletionItem(e.name, service, target.cell, offset, e.source, e.data);
      item.kind = completionKind(e.kind);
      item.sortText = e.sortText;
      item.filterText = e.filterText;
      if (e.insertText !== undefined) item.insertText = e.isSnippet ? new vscode.SnippetString(e.insertText) : e.insertText;
      if (e.replacement) item.range = cellRange(document, e.replacement);
      if (e.kindModifiers.split(",").includes("deprecated")) item.tags = [vscode.CompletionItemTag.Deprecated];
      return item;
    });
  }

  resolveCompletionItem(item: CellCompletionItem): CellCompletionItem {
    const details = item.service.completionDetails(item.cell, item.offset, item.label as string, item.source, item.data);
    if (details) {
      item.detail = details.detail;
      item.documentation = markdown(details.documentation);
    }
    return item;
  }
}

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: NotebookServices) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const target = this.services.forDocument(document);
    const info = target?.entry.service.hover(target.cell, document.offsetAt(position));
    if (!info) return undefined;
    const contents = new vscode.MarkdownString().appendCodeblock(info.code, "typescript");
    if (info.documentation) contents.appendMarkdown("\n\n" + info.documentation);
    return new vscode.Hover(contents, cellRange(document, info.span));
  }
}

export class SignatureHelpProvider implements vscode.SignatureHelpProvider {
  static readonly metadata: vscode.SignatureHelpProviderMetadata = { triggerCharacters: ["(", ","], retriggerCharacters: [")"] };

  constructor(private readonly services: NotebookServices) {}

  provideSignatureHelp(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.SignatureHelpContext) {
    const target = this.services.forDocument(document);
    const help = target?.entry.service.signatureHelp(target.cell, document.offsetAt(position), context.triggerCharacter, context.isRetrigger);
    if (!help) return undefined;
    const result = new vscode.SignatureHelp();
    result.signatures = help.signatures.map((s) => {
      const info = new vscode.SignatureInformation(s.label, markdown(s.documentation));
      info.parameters = s.parameters.map((p) => new vscode.ParameterInformation(p.label, p.documentation ? markdown(p.documentation) : undefined));
      return info;
    });
    result.activeSignature = help.activeSignature;
    result.activeParameter = help.activeParameter;
    return result;
  }
}

/** TypeScript's quick fixes for the squiggles under the cursor ("Change spelling to 'net'"), as Ctrl+. offers them. */
export class CodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly services: NotebookServices) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] | undefined {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return undefined;
    const target = this.services.forDocument(document);
    if (!target) return undefined;
    const { service, cells } = target.entry;
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== "nnbook" || typeof diagnostic.code !== "number") continue;
      const { start, end } = diagnostic.range;
      for (const fix of service.codeFixes(target.cell, document.offsetAt(start), document.offsetAt(end), [diagnostic.code])) {
        if (fix.edits.some((e) => !cells[e.cell])) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.fixName === "spelling";
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          const cell = cells[edit.cell]!.document;
          action.edit.replace(cell.uri, cellRange(cell, edit), edit.newText);
        }
        actions.push(action);
      }
    }
    return actions;
  }
}

/** A name from another cell opens that cell; a cell-language name opens its shipped declaration. */
export class DefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly services: NotebookServices) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] | undefined {
    const target = this.services.forDocument(document);
    if (!target) return undefined;
    const found = target.entry.service.definition(target.cell, document.offsetAt(position));
    if (!found) return undefined;
    const origin = found.origin && cellRange(document, found.origin);
    const links: vscode.LocationLink[] = [];
    for (const t of found.targets) {
      if (t.kind === "cell") {
        const cell = target.entry.cells[t.span.cell];
        if (!cell) continue;
        const range = cellRange(cell.document, t.span);
        links.push({ originSelectionRange: origin, targetUri: cell.document.uri, targetRange: range, targetSelectionRange: range });
      } else {
        const range = new vscode.Range(t.start.line, t.start.character, t.end.line, t.end.character);
        links.push({ originSelectionRange: origin, targetUri: vscode.Uri.file(t.fileName), targetRange: range, targetSelectionRange: range });
      }
    }
    return links;
  }
}
