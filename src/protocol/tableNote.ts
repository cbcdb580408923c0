import type { TablePayload } from "./payloads";

/**
 * What a table leaves out, as a sentence ("… 4,000 more rows not shown"), or "" when it shows everything.
 * The view and the text fallback say it in the same words; the text shows fewer rows.
 */
export function tableLeftOut(payload: TablePayload, rowsShown = payload.rows.length): string {
  const rows = payload.totalRows - rowsShown;
  const columns = payload.totalColumns - payload.columns.length;
  const parts = [
    rows > 0 ? `${rows.toLocaleString("en-US")} more row${rows === 1 ? "" : "s"}` : "",
    columns > 0 ? `${columns.toLocaleString("en-US")} more column${columns === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return parts.length ? `… ${parts.join(" and ")} not shown` : "";
}
