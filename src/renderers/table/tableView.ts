import { formatNumber } from "../../protocol/numbers";
import type { TablePayload } from "../../protocol/payloads";
import { tableLeftOut } from "../../protocol/tableNote";
import { caption } from "../caption";
import { domView, type DrawnView } from "../drawnView";
import { headedTable } from "../headedTable";

/** Rows under their columns, numbers right-aligned for reading; a wide table scrolls inside the cell. */
export function renderTable(element: HTMLElement, payload: TablePayload): DrawnView {
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const columns = payload.totalColumns === 1 ? "1 column" : `${payload.totalColumns.toLocaleString("en-US")} columns`;
  view.appendChild(caption(`${payload.totalRows.toLocaleString("en-US")} ${payload.totalRows === 1 ? "row" : "rows"} · ${columns}`));
  const scroller = document.createElement("div");
  scroller.className = "nnbook-scroll";
  const { table, body } = headedTable("nnbook-matrix nnbook-table", payload.columns);
  // A column of numbers is right-aligned, its title too, so that digits line up under it.
  const numeric = payload.columns.map((_, j) => payload.rows.some((row) => isNumber(row[j])) && payload.rows.every((row) => row[j] === null || isNumber(row[j])));
  numeric.forEach((n, j) => n && table.tHead!.rows[0].cells[j].classList.add("nnbook-number"));
  for (const row of payload.rows) {
    const tr = body.insertRow();
    for (const value of row) {
      const td = tr.insertCell();
      if (isNumber(value)) td.className = "nnbook-number";
      td.textContent = value === null ? "" : typeof value === "number" ? formatNumber(value) : value;
    }
  }
  scroller.appendChild(table);
  view.appendChild(scroller);
  const note = tableLeftOut(payload);
  if (note) view.appendChild(caption(note));
  element.replaceChildren(view);
  return domView(view);
}

/** A number, or a non-finite one as JSON carries it. */
function isNumber(value: number | string | null): boolean {
  return typeof value === "number" || value === "NaN" || value === "Infinity" || value === "-Infinity";
}
