import * as vscode from "vscode";
import type { CellSpan } from "../index";

/** TypeScript's element kinds as VS Code's completion kinds (as VS Code's TypeScript support maps them). */
export function completionKind(kind: string): vscode.CompletionItemKind {
  const K = vscode.CompletionItemKind;
  switch (kind) {
    case "primitive type":
    case "keyword":
      return K.Keyword;
    case "const":
    case "let":
    case "var":
    case "local var":
    case "alias":
    case "parameter":
      return K.Variable;
    case "property":
    case "getter":
    case "setter":
      return K.Field;
    case "function":
    case "local function":
      return K.Function;
    case "method":
    case "construct":
    case "call":
    case "index":
      return K.Method;
    case "enum":
      return K.Enum;
    case "enum member":
      return K.EnumMember;
    case "module":
    case "external module name":
      return K.Module;
    case "class":
    case "type":
      return K.Class;
    case "interface":
      return K.Interface;
    case "warning":
      return K.Text;
    case "script":
      return K.File;
    case "directory":
      return K.Folder;
    case "string":
      return K.Constant;
    default:
      return K.Property;
  }
}

export function cellRange(document: vscode.TextDocument, span: CellSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

export function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportHtml = false;
  return md;
}
