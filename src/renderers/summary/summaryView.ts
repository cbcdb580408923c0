import type { SummaryPayload } from "../../protocol/payloads";
import { caption } from "../caption";
import { headedTable } from "../headedTable";
import { ensureKatexStyles } from "../katexStyles";

/** A model as a table: layer, output shape, parameter count and the layer's equation. */
export function renderSummary(element: HTMLElement, payload: SummaryPayload): void {
  ensureKatexStyles();
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
    // KaTeX's own HTML, rendered by the kernel from layer equations we write.
    if (row.equation) equation.innerHTML = row.equation;
  }
  const total = body.insertRow();
  total.className = "nnbook-total";
  total.insertCell().colSpan = 3;
  total.cells[0].textContent = "total";
  total.insertCell().textContent = payload.total.toLocaleString("en-US");
  total.insertCell();
  view.appendChild(table);
  element.replaceChildren(view);
}
