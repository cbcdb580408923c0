import type { NetworkPayload } from "../../protocol/networkPayload";
import { formatNumber } from "../../protocol/numbers";
import { caption } from "../caption";
import { domView, type DrawnView } from "../drawnView";
import { divergingCss } from "../palette";
import { scaleLegend } from "../scaleLegend";
import { edgeStyle } from "./edgeStyle";
import { svg } from "./svg";

const WIDTH = 740;
const TOP = 44;
const BOTTOM = 30;
const SIDE = 70;

/**
 * Neurons and connections as TensorFlow Playground draws them, in SVG (no plotly): a column of units per
 * layer, input on the left; an edge per weight, coloured by its sign, as wide and opaque as |w| is large on the
 * view's one scale; a unit filled by its bias on the same scale. Colours are the theme's variables, so a theme
 * switch re-colours the drawing without drawing it again. Hovers are SVG titles.
 */
export function renderNetwork(element: HTMLElement, payload: NetworkPayload): DrawnView {
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-network";
  view.appendChild(caption(payload.title));
  for (const note of payload.notes) view.appendChild(caption(note));
  view.appendChild(scaleLegend(payload.maxAbs, "w, b"));

  const most = Math.max(...payload.columns.map((c) => c.shown));
  const spacing = Math.max(9, Math.min(44, 420 / most));
  const radius = Math.max(3, Math.min(13, spacing * 0.36));
  const height = TOP + BOTTOM + most * spacing;
  const x = (i: number) => SIDE + (i * (WIDTH - 2 * SIDE)) / (payload.columns.length - 1);
  const y = (column: number, unit: number) => TOP + (most - payload.columns[column].shown) * (spacing / 2) + (unit + 0.5) * spacing;

  const root = svg("svg", { class: "nnbook-network-svg", width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, role: "img" });
  root.setAttribute("aria-label", `${payload.title}: ${payload.columns.length} columns of units, ${payload.weights.reduce((n, w) => n + w.length, 0)} connections drawn`);
  const edges = svg("g", { class: "nnbook-edges" });
  const densest = Math.max(...payload.weights.map((w) => w.length));
  payload.weights.forEach((w, i) => {
    const [from, to] = [payload.columns[i], payload.columns[i + 1]];
    // Weak edges first, so the strong ones are drawn on top.
    const order = w.map((_, k) => k).sort((a, b) => Math.abs(w[a]) - Math.abs(w[b]));
    for (const k of order) {
      const [j, u] = [Math.floor(k / from.shown), k % from.shown];
      const style = edgeStyle(payload.maxAbs > 0 ? Math.abs(w[k]) / payload.maxAbs : 0, densest);
      const ends = { x1: x(i), y1: y(i, u), x2: x(i + 1), y2: y(i + 1, j) };
      const edge = svg("g", { class: `nnbook-edge ${w[k] < 0 ? "nnbook-negative" : "nnbook-positive"}` });
      edge.append(
        svg("line", { ...ends, class: "nnbook-edge-line", "stroke-width": style.width, "stroke-opacity": style.opacity }),
        // A wider line nobody sees, so that a thin edge can still be hovered.
        svg("line", { ...ends, class: "nnbook-edge-hit" }),
      );
      const source = from.name === "input" ? `input ${u}` : `unit ${u} of layer ${from.name}`;
      edge.appendChild(title(`w[${j},${u}] = ${formatNumber(w[k])} (layer ${to.name}'s weight from ${source} to unit ${j})`));
      edges.appendChild(edge);
    }
  });
  root.appendChild(edges);

  payload.columns.forEach((c, i) => {
    const column = svg("g", { class: "nnbook-column" });
    const head = svg("text", { x: x(i), y: 16, class: "nnbook-column-name" });
    head.textContent = c.name === "input" ? "input" : `layer ${c.name}`;
    const sub = svg("text", { x: x(i), y: 32, class: "nnbook-column-activation" });
    sub.textContent = c.name === "input" ? `${c.units} features` : c.activation || "linear";
    column.append(head, sub);
    for (let u = 0; u < c.shown; u++) {
      const b = c.bias?.[u];
      const unit = svg("circle", { cx: x(i), cy: y(i, u), r: radius, class: "nnbook-unit" });
      if (b !== undefined) unit.style.fill = divergingCss(b, payload.maxAbs);
      const what = c.name === "input" ? `input ${u}` : `layer ${c.name}, unit ${u}${c.activation ? ` (${c.activation})` : ""}`;
      unit.appendChild(title(b === undefined ? what : `${what}: bias b[${u}] = ${formatNumber(b)}`));
      column.appendChild(unit);
    }
    if (c.shown < c.units) {
      const more = svg("text", { x: x(i), y: y(i, c.shown - 1) + radius + 16, class: "nnbook-column-more" });
      more.textContent = `… ${(c.units - c.shown).toLocaleString("en-US")} more`;
      column.appendChild(more);
    }
    root.appendChild(column);
  });
  view.appendChild(root);
  element.replaceChildren(view);
  return domView(view);
}

function title(text: string): SVGTitleElement {
  const t = svg("title", {});
  t.textContent = text;
  return t;
}
