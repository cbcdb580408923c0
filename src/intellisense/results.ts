// What the cells' language service answers, in cell coordinates: `cell` is the 0-based index among
// the notebook's code cells it was given, offsets are UTF-16 offsets into that cell's text.
// Plain data, so the editor side needs neither TypeScript nor the virtual file.

export interface CellSpan {
  cell: number;
  start: number;
  end: number;
}

export type Severity = "error" | "warning";

export interface CellDiagnostic extends CellSpan {
  message: string;
  severity: Severity;
  code: number;
  related?: { span: CellSpan; message: string }[];
}

export interface CellCompletions {
  isMemberCompletion: boolean;
  entries: CellCompletion[];
}

export interface CellCompletion {
  name: string;
  /** TypeScript's ScriptElementKind: "function", "class", "const", "method", "property", … */
  kind: string;
  kindModifiers: string;
  sortText: string;
  insertText?: string;
  isSnippet?: boolean;
  filterText?: string;
  /** The cell text the completion replaces, when it is not the word at the cursor. */
  replacement?: CellSpan;
  /** Passed back unchanged to completionDetails. */
  source?: string;
  data?: unknown;
}

export interface CompletionDetails {
  /** The declaration, one line or a few: `(method) Tensor.matmul(other: Tensor): Tensor`. */
  detail: string;
  /** JSDoc as markdown, tags included. */
  documentation: string;
}

export interface HoverInfo {
  span: CellSpan;
  /** The declaration as TypeScript shows it (to put in a code block). */
  code: string;
  documentation: string;
}

export interface SignatureHelpInfo {
  signatures: {
    label: string;
    documentation: string;
    /** Each parameter as [start, end) in `label`, with its own documentation. */
    parameters: { label: [number, number]; documentation: string }[];
  }[];
  activeSignature: number;
  activeParameter: number;
}

/** One of TypeScript's quick fixes, every edit in a cell ("Change spelling to 'net'"). */
export interface CellCodeFix {
  title: string;
  /** TypeScript's name of the fix: "spelling", "fixAwaitInSyncFunction", … */
  fixName: string;
  edits: CellEdit[];
}

/** Replaces the span of a cell's text with `newText` (an insertion when the span is empty). */
export interface CellEdit extends CellSpan {
  newText: string;
}

export type DefinitionTarget =
  | { kind: "cell"; span: CellSpan }
  /** A declaration file shipped with the extension (the cell language, JavaScript's library). */
  | { kind: "file"; fileName: string; start: LineCharacter; end: LineCharacter };

export interface LineCharacter {
  line: number;
  character: number;
}

export interface Definitions {
  /** The name the definitions are of, in the cell asked about. */
  origin?: CellSpan;
  targets: DefinitionTarget[];
}
