/**
 * How a file's text is laid down where it differs from what nnbook writes by default (no byte
 * order mark, `\n` line endings). A file read with a BOM or `\r\n` is written back with them, so an
 * editor or a repository that uses them sees no change on save.
 */
export interface TextLayout {
  bom: boolean;
  lineEnding: "\n" | "\r\n";
}

const BOM = "\ufeff";

/** The layout of a file's decoded text, or undefined for nnbook's default. The first line break decides. */
export function layoutOf(text: string): TextLayout | undefined {
  const bom = text.startsWith(BOM);
  const firstBreak = text.indexOf("\n");
  const lineEnding = firstBreak > 0 && text[firstBreak - 1] === "\r" ? "\r\n" : "\n";
  return bom || lineEnding === "\r\n" ? { bom, lineEnding } : undefined;
}

/** Text written with `\n` line endings, laid down as `layout` says. */
export function withLayout(text: string, layout: TextLayout | undefined): string {
  if (!layout) return text;
  // Only layout has raw line breaks: JSON writes those in strings as `\n` escapes.
  const lines = layout.lineEnding === "\r\n" ? text.replaceAll("\n", "\r\n") : text;
  return layout.bom ? BOM + lines : lines;
}

/**
 * The notebook metadata key under which an editor keeps the layout while the notebook is open, since
 * metadata is all VS Code hands back on save. It is never written to a file, and a file may not use it.
 */
export const LAYOUT_METADATA_KEY = "nnbook.textLayout";

/** Notebook metadata for an editor: the file's own, with the layout when there is one. */
export function metadataWithLayout(metadata: Record<string, unknown>, layout: TextLayout | undefined): Record<string, unknown> {
  return layout ? { ...metadata, [LAYOUT_METADATA_KEY]: { ...layout } } : metadata;
}

/** An editor's notebook metadata split back into the file's own and the layout it carried. */
export function splitLayout(metadata: Record<string, unknown>): { metadata: Record<string, unknown>; layout?: TextLayout } {
  if (!(LAYOUT_METADATA_KEY in metadata)) return { metadata };
  const { [LAYOUT_METADATA_KEY]: carried, ...rest } = metadata;
  return isLayout(carried) ? { metadata: rest, layout: { bom: carried.bom, lineEnding: carried.lineEnding } } : { metadata: rest };
}

function isLayout(value: unknown): value is TextLayout {
  const v = value as Partial<TextLayout> | null;
  return typeof v === "object" && v !== null && typeof v.bom === "boolean" && (v.lineEnding === "\n" || v.lineEnding === "\r\n");
}
