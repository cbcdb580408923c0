import ts from "typescript";
import type { CellDiagnostic, CellSpan } from "./results";
import type { ParsedCell, VirtualDocument } from "./virtualDocument";

export interface DiagnosticOptions {
  /** The setting nnbook.kernel.allowNodeModules: cells may import Node modules and see `require`, `process`. */
  nodeModules?: boolean;
}

const SETTING = `"nnbook.kernel.allowNodeModules"`;
/** Cannot find module; cannot find a name TypeScript knows from Node's or the DOM's declarations. */
const MISSING_MODULE = new Set([2307, 2792]);
const MISSING_NODE_NAME = new Set([2580, 2591]);
const MISSING_DOM_NAME = 2584;

/**
 * The diagnostics to show, per cell. Syntax errors come from each cell on its own, so they are the
 * cell's and say what the kernel will refuse. Type errors come from the virtual file, and are kept up
 * to the first cell with a syntax error: past it the virtual file reads the cells below through that
 * error (an unclosed `(` swallows them), so what it says about them is noise until the error is fixed.
 * Anything the virtual file added (the nesting braces) reports nothing.
 */
export function cellDiagnostics(
  doc: VirtualDocument,
  cells: readonly ParsedCell[],
  semantic: readonly ts.Diagnostic[],
  options: DiagnosticOptions = {},
): CellDiagnostic[] {
  const out: CellDiagnostic[] = [];
  let firstBroken = cells.length;
  cells.forEach((cell, i) => {
    if (cell.syntaxErrors.length > 0) firstBroken = Math.min(firstBroken, i);
    for (const d of cell.syntaxErrors) out.push({ ...d, cell: i });
  });
  for (const d of semantic) {
    const severity = d.category === ts.DiagnosticCategory.Error ? "error" : d.category === ts.DiagnosticCategory.Warning ? "warning" : undefined;
    const span = severity && d.start !== undefined ? doc.toCellSpan(d.start, d.length ?? 0) : undefined;
    if (!severity || !span || span.cell > firstBroken) continue;
    const inImport = cells[span.cell]!.imports.some((im) => span.start >= im.start && span.end <= im.end);
    const message = reworded(d, inImport, options);
    if (message === undefined) continue;
    const related = (d.relatedInformation ?? [])
      .map((r) => ({ span: r.file && r.start !== undefined && r.file === d.file ? doc.toCellSpan(r.start, r.length ?? 0) : undefined, message: ts.flattenDiagnosticMessageText(r.messageText, "\n") }))
      .filter((r): r is { span: CellSpan; message: string } => r.span !== undefined);
    out.push({
      ...span,
      message,
      severity,
      code: d.code,
      ...(related.length ? { related } : {}),
    });
  }
  return out;
}

/**
 * TypeScript's advice for a missing module or Node/DOM name is about npm and tsconfig; cells have
 * neither. Say what holds for cells instead, and say nothing where the setting makes the code valid
 * (what Node modules export is not known here, so their names stay untyped).
 */
function reworded(d: ts.Diagnostic, inImport: boolean, options: DiagnosticOptions): string | undefined {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const name = /'([^']+)'/.exec(text)?.[1] ?? "";
  if (inImport && (MISSING_MODULE.has(d.code) || MISSING_NODE_NAME.has(d.code))) {
    return options.nodeModules ? undefined : `Cells can import only from "nnbook", not "${name}". To use Node modules in cells, turn on the setting ${SETTING}.`;
  }
  if (MISSING_NODE_NAME.has(d.code)) {
    if (name === "require" || name === "process") {
      return options.nodeModules ? undefined : `Cannot find name '${name}': cells see \`require\` and \`process\` only when the setting ${SETTING} is on.`;
    }
    return `Cannot find name '${name}': cells run without Node's globals.`;
  }
  if (d.code === MISSING_DOM_NAME) return `Cannot find name '${name}': cells run without a DOM.`;
  return text;
}
