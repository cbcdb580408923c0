import type { SummaryPayload } from "../../protocol/payloads";
import { caption } from "../caption";
import { domView, type DrawnView } from "../drawnView";
import { headedTable } from "../headedTable";
import { loadTypeset } from "../math/typeset";

/** A model as a table: layer, output shape, parameter count and the layer's equation, typeset from TeX. */
export async function renderSummary(element: HTMLElement, payload: SummaryPayload, signal: AbortSignal): Promise<DrawnView> {
  // KaTeX is loaded before the table is built, so the equations never show as TeX first.
  const typeset = payload.rows.some((row) => row.equation) ? await loadTypeset() : undefined;
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view";
  view.appendChild(caption(`${payload.title} · ${payload.total.toLocaleString("en-US")} parameters`));

  const { table, body } = headedTable("nnbook-matrix nnbook-summary", ["", "layer", "output shape", "parameters", "equation"]);
  for (const row of payload.rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.name;
    tr.insertCell().textContent = row.layer;
    tr.insertCell().textContent = row.outputShape;
    tr.insertCell().textContent = row.params.toLocaleString("en-US");
    const equation = tr.insertCell();
    equation.className = "nnbook-equation";
    if (row.equation && typeset) typeset(equation, row.equation);
  }
  const total = body.insertRow();
  total.className = "nnbook-total";
  total.insertCell().colSpan = 3;
  total.cells[0].textContent = "total";
  total.insertCell().textContent = payload.total.toLocaleString("en-US");
  total.insertCell();
  // A deep model's equations are wider than the cell: the table scrolls inside it rather than overflowing.
  const scroll = document.createElement("div");
  scroll.className = "nnbook-scroll-x";
  scroll.appendChild(table);
  view.appendChild(scroll);
  const notes = document.createElement("ul");
  notes.className = "nnbook-notes";
  notes.append(...(payload.notes ?? []).map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  view.appendChild(notes);
  element.replaceChildren(view);
  return domView(view);
}
