import type { TablePayload } from "../payloads";
import { array, count, describe, jsonNumber, object, PayloadError, string, version } from "./check";

export function readTable(value: unknown): TablePayload {
  const p = object(value, "");
  version(p, "table", 1);
  const columns = array(p.columns, "columns", string);
  const rows = array(p.rows, "rows", (row, path) => {
    const cells = array(row, path, cell);
    // A row of another width would put its values under the wrong columns.
    if (cells.length !== columns.length) throw new PayloadError(`${path} must have ${columns.length} values, one per column, not ${cells.length}`);
    return cells;
  });
  const totalRows = count(p.totalRows, "totalRows");
  const totalColumns = count(p.totalColumns, "totalColumns");
  if (totalRows < rows.length) throw new PayloadError(`totalRows must be at least the ${rows.length} rows given, not ${totalRows}`);
  if (totalColumns < columns.length) throw new PayloadError(`totalColumns must be at least the ${columns.length} columns given, not ${totalColumns}`);
  return { version: 1, columns, rows, totalRows, totalColumns };
}

function cell(value: unknown, path: string): number | string | null {
  if (value === null || typeof value === "string") return value;
  if (typeof value === "number") return jsonNumber(value, path);
  throw new PayloadError(`${path} must be a number, a string or null, not ${describe(value)}`);
}
