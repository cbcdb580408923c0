import ts from "typescript";
import path from "node:path";
import { callableClassText, writtenName } from "./callableDisplay";
import { cellDiagnostics, type DiagnosticOptions } from "./cellDiagnostics";
import type { CellTypes } from "./cellTypes";
import { declarationText, documentationMarkdown } from "./display";
import { tensorIndexing } from "./tensorIndexing";
import type {
  CellCodeFix,
  CellCompletions,
  CellEdit,
  CellDiagnostic,
  CellSpan,
  CompletionDetails,
  DefinitionTarget,
  Definitions,
  HoverInfo,
  SignatureHelpInfo,
} from "./results";
import { buildVirtualDocument, parseCell, type ParsedCell, type VirtualDocument } from "./virtualDocument";

let notebooks = 0;

/**
 * How fixes lay out the code they write: two spaces, as the examples; no indentation of a line's own,
 * since the virtual file nests every cell in blocks that the cells themselves do not indent for.
 */
const FIX_FORMAT: ts.FormatCodeSettings = { ...ts.getDefaultFormatCodeSettings("\n"), indentSize: 2, tabSize: 2, indentStyle: ts.IndentStyle.None };

/**
 * The language service of one notebook: its code cells (in order, as texts) checked together as one
 * virtual file (see VirtualDocument), every answer given back in cell coordinates.
 * The virtual file's version changes only when a cell's text does, and the declaration files are
 * shared by every notebook, so an edit re-parses the virtual file and nothing else.
 */
export class NotebookService {
  private readonly fileName: string;
  private readonly service: ts.LanguageService;
  private cells: readonly ParsedCell[] = [];
  private doc: VirtualDocument = buildVirtualDocument([]);
  private snapshot = ts.ScriptSnapshot.fromString(this.doc.text);
  private version = 0;
  /** Parsed cells by text: a cell that did not change is not parsed again. */
  private parsed = new Map<string, ParsedCell>();

  constructor(private readonly types: CellTypes) {
    // In TypeScript's own form ("/" separators), so that the names it hands back compare equal.
    this.fileName = path.join(types.folder, "notebooks", `notebook-${++notebooks}.ts`).split(path.sep).join("/");
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => types.options,
      getScriptFileNames: () => [this.fileName, ...types.rootFiles],
      getScriptVersion: (f) => (f === this.fileName ? String(this.version) : "0"),
      getScriptSnapshot: (f) => (f === this.fileName ? this.snapshot : types.snapshot(f)),
      getCurrentDirectory: () => types.folder,
      getDefaultLibFileName: () => types.libFile,
      fileExists: (f) => f === this.fileName || types.fileExists(f),
      readFile: (f) => (f === this.fileName ? this.doc.text : types.readFile(f)),
      directoryExists: (d) => path.resolve(d) === types.folder || path.resolve(d).startsWith(types.folder + path.sep),
    };
    this.service = ts.createLanguageService(host, types.registry);
  }

  /** The virtual file, for tests and troubleshooting. */
  get virtualText(): string {
    return this.doc.text;
  }

  /** Sets the code cells' texts, in notebook order; true when anything changed. */
  setCells(texts: readonly string[]): boolean {
    if (texts.length === this.cells.length && texts.every((t, i) => t === this.cells[i]!.text)) return false;
    const parsed = new Map<string, ParsedCell>();
    this.cells = texts.map((text) => {
      const cell = this.parsed.get(text) ?? parsed.get(text) ?? parseCell(text);
      parsed.set(text, cell);
      return cell;
    });
    this.parsed = parsed;
    this.doc = buildVirtualDocument(this.cells);
    this.snapshot = ts.ScriptSnapshot.fromString(this.doc.text);
    this.version++;
    return true;
  }

  diagnostics(options: DiagnosticOptions = {}): CellDiagnostic[] {
    // Messages name types by file (`typeof import("…/types/nnbook/engine/nn/index")`): keep them short.
    const folder = this.types.folder + path.sep;
    const program = this.service.getProgram();
    const semantic = [...this.service.getSemanticDiagnostics(this.fileName), ...(program ? tensorIndexing(program, this.fileName) : [])];
    return cellDiagnostics(this.doc, this.cells, semantic, options).map((d) => ({
      ...d,
      message: d.message.split(folder).join(""),
    }));
  }

  completions(cell: number, offset: number, triggerCharacter?: string): CellCompletions | undefined {
    const at = this.doc.toVirtual(cell, offset);
    if (at === undefined) return undefined;
    const result = this.service.getCompletionsAtPosition(this.fileName, at, {
      triggerCharacter: triggerCharacter as ts.CompletionsTriggerCharacter | undefined,
      includeCompletionsWithInsertText: true,
      includeAutomaticOptionalChainCompletions: true,
      includeCompletionsForModuleExports: false,
    });
    if (!result) return undefined;
    return {
      isMemberCompletion: result.isMemberCompletion,
      entries: result.entries.map((e) => ({
        name: e.name,
        kind: e.kind === ts.ScriptElementKind.alias ? (this.types.globals.get(e.name) ?? e.kind) : e.kind,
        kindModifiers: e.kindModifiers ?? "",
        sortText: e.sortText,
        insertText: e.insertText,
        isSnippet: e.isSnippet,
        filterText: e.filterText,
        replacement: e.replacementSpan && this.sameCell(cell, e.replacementSpan),
        source: e.source,
        data: e.data,
      })),
    };
  }

  completionDetails(cell: number, offset: number, name: string, source?: string, data?: unknown): CompletionDetails | undefined {
    const at = this.doc.toVirtual(cell, offset);
    if (at === undefined) return undefined;
    const details = this.service.getCompletionEntryDetails(this.fileName, at, name, {}, source, {}, data as ts.CompletionEntryData | undefined);
    if (!details) return undefined;
    return {
      detail:
        this.callableText(at, () => this.service.getCompletionEntrySymbol(this.fileName, at, name, source), name) ??
        declarationText(details.displayParts, this.globalKind),
      documentation: documentationMarkdown(details.documentation, details.tags),
    };
  }

  hover(cell: number, offset: number): HoverInfo | undefined {
    const at = this.doc.toVirtual(cell, offset);
    const info = at === undefined ? undefined : this.service.getQuickInfoAtPosition(this.fileName, at);
    const span = info && this.sameCell(cell, info.textSpan);
    if (!info || !span) return undefined;
    return {
      span,
      code: this.callableText(info.textSpan.start, (checker, node) => checker.getSymbolAtLocation(node)) ?? declarationText(info.displayParts, this.globalKind),
      documentation: documentationMarkdown(info.documentation, info.tags),
    };
  }

  signatureHelp(cell: number, offset: number, triggerCharacter?: string, retrigger = false): SignatureHelpInfo | undefined {
    const at = this.doc.toVirtual(cell, offset);
    if (at === undefined) return undefined;
    const triggerReason: ts.SignatureHelpTriggerReason = retrigger
      ? { kind: "retrigger", triggerCharacter: triggerCharacter as ts.SignatureHelpRetriggerCharacter | undefined }
      : triggerCharacter
        ? { kind: "characterTyped", triggerCharacter: triggerCharacter as ts.SignatureHelpTriggerCharacter }
        : { kind: "invoked" };
    const help = this.service.getSignatureHelpItems(this.fileName, at, { triggerReason });
    if (!help) return undefined;
    return {
      signatures: help.items.map((item) => {
        let label = ts.displayPartsToString(item.prefixDisplayParts);
        const separator = ts.displayPartsToString(item.separatorDisplayParts);
        const parameters = item.parameters.map((p, i) => {
          if (i > 0) label += separator;
          const start = label.length;
          label += ts.displayPartsToString(p.displayParts);
          return { label: [start, label.length] as [number, number], documentation: documentationMarkdown(p.documentation, undefined) };
        });
        label += ts.displayPartsToString(item.suffixDisplayParts);
        return { label, documentation: documentationMarkdown(item.documentation, item.tags), parameters };
      }),
      activeSignature: help.selectedItemIndex,
      activeParameter: help.argumentIndex,
    };
  }

  /**
   * TypeScript's quick fixes for the errors `codes` over `start`–`end` of a cell. A fix that would edit
   * anything but cell text (a declaration file, the lines the virtual file added) is left out, as is
   * one that runs a command besides its edits.
   */
  codeFixes(cell: number, start: number, end: number, codes: readonly number[]): CellCodeFix[] {
    const from = this.doc.toVirtual(cell, start);
    const to = this.doc.toVirtual(cell, end);
    if (from === undefined || to === undefined) return [];
    const fixes = this.service.getCodeFixesAtPosition(this.fileName, from, to, codes, FIX_FORMAT, {});
    return fixes.flatMap((fix) => {
      if (fix.commands?.length) return [];
      const edits: CellEdit[] = [];
      for (const change of fix.changes) {
        if (change.fileName !== this.fileName) return [];
        for (const { span, newText } of change.textChanges) {
          const mapped = this.doc.toCellSpan(span.start, span.length);
          if (!mapped || mapped.end - mapped.start !== span.length) return [];
          edits.push({ ...mapped, newText });
        }
      }
      return [{ title: fix.description, fixName: fix.fixName, edits }];
    });
  }

  definition(cell: number, offset: number): Definitions | undefined {
    const at = this.doc.toVirtual(cell, offset);
    const found = at === undefined ? undefined : this.service.getDefinitionAndBoundSpan(this.fileName, at);
    if (!found?.definitions) return undefined;
    const program = this.service.getProgram();
    const targets: DefinitionTarget[] = [];
    for (const d of found.definitions) {
      if (d.fileName === this.fileName) {
        const span = this.doc.toCellSpan(d.textSpan.start, d.textSpan.length);
        if (span) targets.push({ kind: "cell", span });
        continue;
      }
      const file = program?.getSourceFile(d.fileName);
      if (!file) continue;
      targets.push({
        kind: "file",
        fileName: d.fileName,
        start: ts.getLineAndCharacterOfPosition(file, d.textSpan.start),
        end: ts.getLineAndCharacterOfPosition(file, d.textSpan.start + d.textSpan.length),
      });
    }
    return { origin: this.sameCell(cell, found.textSpan), targets };
  }

  dispose(): void {
    this.service.dispose();
  }

  private readonly globalKind = (name: string) => this.types.globals.get(name);

  /** The constructor of a callable class at `at`, as the cell calls it (see callableDisplay.ts). */
  private callableText(at: number, symbolOf: (checker: ts.TypeChecker, node: ts.Node) => ts.Symbol | undefined, name?: string): string | undefined {
    const program = this.service.getProgram();
    const file = program?.getSourceFile(this.fileName);
    const written = file && writtenName(file, at);
    if (!program || !written) return undefined;
    const checker = program.getTypeChecker();
    const shownAs = written.qualifier + (name ?? written.node.getText(file));
    return callableClassText(checker, symbolOf(checker, written.node), shownAs, this.fileName);
  }

  private sameCell(cell: number, span: ts.TextSpan): CellSpan | undefined {
    const mapped = this.doc.toCellSpan(span.start, span.length);
    return mapped?.cell === cell ? mapped : undefined;
  }
}
