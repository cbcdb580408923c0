import { fromJsonNumber, type TensorPayload } from "../../protocol/payloads";
import { caption } from "../caption";
import { domView, type DrawnView } from "../drawnView";

/** Rows or columns past this are shown as their first and last few, like PyTorch's print. */
const FULL = 12;
const EDGE = 5;
const MAX_SLICES = 8;

/** A tensor as matrices of numbers, each cell tinted on one diverging scale centred on 0. */
export function renderMatrix(element: HTMLElement, payload: TensorPayload): DrawnView {
  const values = payload.data.map(fromJsonNumber);
  const view = document.createElement("div");
  view.className = "nnbook-view";
  view.appendChild(tensorCaption(payload));

  let maxAbs = 0;
  for (const v of values) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const shape = payload.shape;
  const rows = shape.length >= 2 ? shape[shape.length - 2] : 1;
  const cols = shape.length >= 1 ? shape[shape.length - 1] : 1;
  const slices = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  for (let s = 0; s < Math.min(slices, MAX_SLICES); s++) {
    if (shape.length > 2) view.appendChild(sliceLabel(s, shape));
    const table = document.createElement("table");
    table.className = "nnbook-matrix";
    for (const r of visible(rows)) {
      const tr = table.insertRow();
      for (const c of visible(cols)) {
        const td = tr.insertCell();
        if (r < 0 || c < 0) {
          td.className = "nnbook-gap";
          td.textContent = r < 0 && c < 0 ? "⋱" : r < 0 ? "⋮" : "⋯";
          continue;
        }
        const index = s * rows * cols + r * cols + c;
        const v = values[index];
        if (v === undefined) continue;
        td.textContent = formatValue(v);
        td.title = `[${position(index, shape).join(", ")}] = ${v}`;
        if (maxAbs > 0 && Number.isFinite(v) && v !== 0) {
          // The stylesheet mixes the theme's colour in: a theme switch re-colours the cells without a redraw.
          td.classList.add(v > 0 ? "nnbook-positive" : "nnbook-negative");
          td.style.setProperty("--nnbook-tint", `${Math.round((Math.abs(v) / maxAbs) * 45)}%`);
        }
      }
    }
    view.appendChild(table);
  }
  if (slices > MAX_SLICES) view.appendChild(caption(`… ${slices - MAX_SLICES} more slices not shown`));
  element.replaceChildren(view);
  return domView(view);
}

function tensorCaption(payload: TensorPayload): HTMLElement {
  const parts = [`Tensor [${payload.shape.join(", ")}]`, "float32"];
  if (payload.requiresGrad) parts.push("requires grad");
  if (payload.summary) {
    const { min, mean, max } = payload.summary;
    parts.push(`min ${formatValue(min)}, mean ${formatValue(mean)}, max ${formatValue(max)}`);
  }
  return caption(parts.join(" · "));
}

function sliceLabel(slice: number, shape: number[]): HTMLElement {
  const lead = shape.slice(0, -2);
  const index: number[] = [];
  for (let d = lead.length - 1, rest = slice; d >= 0; d--) {
    index.unshift(rest % lead[d]);
    rest = Math.floor(rest / lead[d]);
  }
  const div = document.createElement("div");
  div.className = "nnbook-slice";
  div.textContent = `[${[...index, ":", ":"].join(", ")}]`;
  return div;
}

/** Indices to show along one axis; -1 marks the gap between the first and last few. */
function visible(n: number): number[] {
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  // Never a list of all n: a shape read from a file can claim any size.
  if (n <= FULL) return range(0, n);
  return [...range(0, EDGE), -1, ...range(n - EDGE, n)];
}

function position(index: number, shape: number[]): number[] {
  const pos: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    pos.unshift(index % shape[d]);
    index = Math.floor(index / shape[d]);
  }
  return pos;
}

/** Like PyTorch's print: whole numbers without decimals, others to 4 significant digits. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v).replace("Infinity", "inf");
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e6) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}
