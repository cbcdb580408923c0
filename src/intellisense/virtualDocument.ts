import ts from "typescript";
import type { CellDiagnostic } from "./results";

/**
 * The virtual file the language service checks: a notebook's code cells, in order, as one module.
 *
 *     import { tensor } from "nnbook";      ← imports of every cell, hoisted (copies mapped to their cell)
 *     {
 *     <cell 1>
 *     ;{
 *     <cell 2>
 *     ;{
 *     <cell 3>
 *     ;}}}
 *
 * Each cell is a block nested in the block of the cell before it. Lexical scope then says what the
 * kernel does when cells run in order: a cell sees the top-level declarations of every cell above it
 * (they are in enclosing blocks), and a later `const net = …` shadows the earlier one for the cells
 * below it instead of redeclaring it, as re-running replaces a global. Types and interfaces follow the
 * same rule. The file is a module, so `await` works at the top level of every cell (a block does not
 * start a function). Imports are only legal at the top of a module, hence hoisted: the kernel binds
 * imported names as globals from their cell on, and hoisted they mean the same, only visible to the
 * cells above too (lenient, never a false error; a name is hoisted once, from its first import).
 * A top-level `var` is checked as `let` (same length, so offsets hold): the kernel makes both a
 * replaceable global, while a `var` would hoist out of the nesting and clash with earlier cells.
 */
export class VirtualDocument {
  constructor(
    readonly text: string,
    /** Hoisted imports first, then one body per cell: a cell offset is looked up in that order. */
    private readonly segments: readonly Segment[],
  ) {}

  /** Offset in the virtual file of `offset` in cell `cell` (0-based among the code cells), if it is there. */
  toVirtual(cell: number, offset: number): number | undefined {
    for (const s of this.segments) {
      if (s.cell === cell && offset >= s.cellStart && offset <= s.cellStart + s.length) {
        return s.start + offset - s.cellStart;
      }
    }
    return undefined;
  }

  /** The cell and offset in it of a virtual offset; undefined for text the virtual file added. */
  toCell(offset: number): { cell: number; offset: number } | undefined {
    const s = this.segments.find((s) => offset >= s.start && offset <= s.start + s.length);
    return s && { cell: s.cell, offset: s.cellStart + offset - s.start };
  }

  /** A virtual span as a span of one cell, cut at the end of the text copied from it. */
  toCellSpan(start: number, length: number): { cell: number; start: number; end: number } | undefined {
    const s = this.segments.find((s) => start >= s.start && start <= s.start + s.length);
    if (!s) return undefined;
    const end = Math.min(start + length, s.start + s.length);
    return { cell: s.cell, start: s.cellStart + start - s.start, end: s.cellStart + end - s.start };
  }
}

/** A stretch of the virtual file copied verbatim from a cell. */
interface Segment {
  cell: number;
  cellStart: number;
  start: number;
  length: number;
}

/** What the virtual file needs to know of one cell, computed once per cell text. */
export interface ParsedCell {
  readonly text: string;
  /** Top-level import statements, the local names they bind, and whether they parse (else not hoisted). */
  readonly imports: readonly { start: number; end: number; names: readonly string[]; complete: boolean }[];
  /** Offsets of the `var` keyword of top-level variable statements. */
  readonly varKeywords: readonly number[];
  /** Syntax errors of the cell on its own, as the kernel's compiler reports them (cell index left 0). */
  readonly syntaxErrors: readonly CellDiagnostic[];
}

export function parseCell(text: string): ParsedCell {
  const file = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const imports: { start: number; end: number; names: string[]; complete: boolean }[] = [];
  const varKeywords: number[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      imports.push({ start: statement.getStart(file), end: statement.end, names: importedNames(statement), complete: true });
    } else if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      if ((list.flags & ts.NodeFlags.BlockScoped) === 0 && !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
        varKeywords.push(list.getStart(file));
      }
    }
  }
  const errors = syntaxErrors(text);
  for (const im of imports) im.complete = !errors.some((e) => e.start >= im.start && e.start <= im.end);
  return { text, imports, varKeywords, syntaxErrors: errors };
}

function importedNames(statement: ts.ImportDeclaration): string[] {
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  else if (bindings) names.push(...bindings.elements.map((e) => e.name.text));
  return names;
}

/** The same check the kernel makes before it runs a cell (transpileModule's syntactic diagnostics). */
function syntaxErrors(text: string): CellDiagnostic[] {
  const out = ts.transpileModule(text, {
    fileName: "cell.ts",
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return (out.diagnostics ?? [])
    .filter((d) => d.file && d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({
      cell: 0,
      start: d.start ?? 0,
      end: (d.start ?? 0) + (d.length ?? 0),
      message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      severity: "error" as const,
      code: d.code,
    }));
}

export function buildVirtualDocument(cells: readonly ParsedCell[]): VirtualDocument {
  const segments: Segment[] = [];
  let text = "";
  const copy = (cell: number, cellStart: number, chunk: string) => {
    segments.push({ cell, cellStart, start: text.length, length: chunk.length });
    text += chunk;
  };

  // Each import once per local name: a second cell importing `tensor` again is left to the global.
  // An import still being typed is not hoisted: above every cell, it would break them all.
  const imported = new Set<string>();
  cells.forEach((cell, i) => {
    for (const im of cell.imports) {
      if (!im.complete || im.names.some((n) => imported.has(n))) continue;
      im.names.forEach((n) => imported.add(n));
      copy(i, im.start, cell.text.slice(im.start, im.end));
      text += "\n";
    }
  });

  cells.forEach((cell, i) => {
    text += i === 0 ? "{\n" : ";{\n";
    copy(i, 0, checkedBody(cell));
    text += "\n";
  });
  text += ";" + "}".repeat(cells.length) + "\n";
  return new VirtualDocument(text, segments);
}

/** The cell as the checker reads it: imports blanked (they are hoisted), top-level `var` as `let`. */
function checkedBody(cell: ParsedCell): string {
  const chars = cell.text.split("");
  for (const im of cell.imports) {
    for (let i = im.start; i < im.end; i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = " ";
  }
  for (const at of cell.varKeywords) chars.splice(at, 3, "l", "e", "t");
  return chars.join("");
}
