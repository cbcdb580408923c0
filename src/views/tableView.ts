import { viewItem } from "../protocol/payloadMap";
import { Tensor } from "../engine";
import { Mime } from "../protocol/mimes";
import { formatNumber } from "../protocol/numbers";
import type { OutputItem } from "../protocol/outputs";
import { jsonNumber, type TablePayload } from "../protocol/payloads";
import { tableLeftOut } from "../protocol/tableNote";

/** Bounds of what one table carries: a cell output is read by a person, not a data dump. */
export const MAX_ROWS = 1000;
export const MAX_COLUMNS = 50;
const MAX_CELL_CHARS = 200;
/** Rows the text fallback prints; the rich view shows up to MAX_ROWS. */
const TEXT_ROWS = 20;

type Cell = TablePayload["rows"][number][number];
const EXAMPLE = 'show.table([{ epoch: 1, loss: 0.52 }, { epoch: 2, loss: 0.31 }])';

export function tableItems(rows: unknown): OutputItem[] {
  const payload = tablePayload(rows);
  return [
    viewItem(Mime.table, payload),
    { mime: Mime.text, data: tableText(payload) },
  ];
}

/**
 * Rows as an array of objects (columns: every key, in the order each first appears) or of arrays
 * (columns: positions 0, 1, …). Only the first MAX_ROWS rows and MAX_COLUMNS columns are kept.
 */
export function tablePayload(rows: unknown): TablePayload {
  if (!Array.isArray(rows)) throw new TypeError(`show.table: rows must be an array of objects or of arrays, such as ${EXAMPLE}; got ${kind(rows)}`);
  const arrays = rows.length > 0 && Array.isArray(rows[0]);
  rows.forEach((row, i) => {
    const ok = arrays ? Array.isArray(row) : typeof row === "object" && row !== null && !Array.isArray(row) && !(row instanceof Tensor);
    if (!ok) throw new TypeError(`show.table: rows[${i}] is ${kind(row)}, but rows[0] is ${arrays ? "an array" : "an object"}; every row must be ${arrays ? "an array" : "an object"}, such as ${EXAMPLE}`);
  });
  const keys = arrays ? positions(rows as unknown[][]) : keysInOrder(rows as Record<string, unknown>[]);
  const columns = keys.slice(0, MAX_COLUMNS);
  const shown = rows.slice(0, MAX_ROWS).map((row) => columns.map((key) => cell((row as Record<string, unknown>)[key], Object.hasOwn(row as object, key))));
  return { version: 1, columns, rows: shown, totalRows: rows.length, totalColumns: keys.length };
}

function keysInOrder(rows: Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

function positions(rows: unknown[][]): string[] {
  let width = 0;
  for (const row of rows) width = Math.max(width, row.length);
  return Array.from({ length: width }, (_, i) => String(i));
}

/** A value as one cell: numbers stay numbers (the renderer formats them), the rest becomes short text. */
function cell(value: unknown, present: boolean): Cell {
  if (!present || value === undefined || value === null) return null;
  if (typeof value === "number") return jsonNumber(value);
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Tensor) return value.numel() === 1 ? jsonNumber(value.item()) : `tensor [${value.shape.join(", ")}]`;
  const text = typeof value === "string" ? value : typeof value === "object" ? safeJson(value) : String(value);
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS - 1) + "…" : text;
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // A cycle, or a value JSON cannot hold.
    return Object.prototype.toString.call(value);
  }
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Tensor) return `a tensor (use t.toArray() for its rows)`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A cell as the view and the text fallback show it. */
export function cellText(value: Cell): string {
  // Non-finite numbers arrive as the strings "NaN" and "Infinity", which read as they are.
  return value === null ? "" : typeof value === "number" ? formatNumber(value) : value;
}

/** The text fallback: the first rows in aligned columns, and what was left out. */
export function tableText(payload: TablePayload): string {
  if (payload.totalRows === 0) return "an empty table: no rows";
  const rows = payload.rows.slice(0, TEXT_ROWS).map((row) => row.map(cellText));
  const widths = payload.columns.map((c, j) => Math.min(24, Math.max(c.length, ...rows.map((r) => r[j].length))));
  const line = (cells: string[]) => cells.map((c, j) => (c.length > widths[j] ? c.slice(0, widths[j] - 1) + "…" : c.padEnd(widths[j]))).join("  ").trimEnd();
  const lines = [line(payload.columns), ...rows.map(line)];
  const left = tableLeftOut(payload, rows.length);
  return (left ? [...lines, left] : lines).join("\n");
}
