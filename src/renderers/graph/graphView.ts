import type { GraphNode, GraphPayload, GraphTensorNode, ValueSummary } from "../../protocol/graphPayload";
import { fromJsonNumber } from "../../protocol/payloads";
import { formatNumber } from "../../protocol/numbers";
import { caption } from "../caption";
import type { DrawnView } from "../drawnView";
import { layout, type Box } from "./layout";

const SVG = "http://www.w3.org/2000/svg";
/** An estimate of the editor font's advance at 12px: boxes are sized before anything is measured. */
const CHAR = 7.2;

/**
 * The autograd graph as SVG, inputs left and the output right: tensors as boxes (name and shape),
 * ops as pills between them. A tensor's values and gradient show on hover, and under the graph when it
 * is clicked or focused (Enter). Colours are the theme's, from the stylesheet, so a theme switch needs no redraw.
 */
export function renderGraph(element: HTMLElement, payload: GraphPayload): DrawnView {
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-graph";
  view.appendChild(caption(payload.title));
  if (payload.cut) view.appendChild(caption(payload.cut));

  const boxes = payload.nodes.map(boxOf);
  const { placed, width, height } = layout(boxes, payload.edges);
  const pad = 4;
  const svg = svgElement("svg", { width: width + 2 * pad, height: height + 2 * pad, viewBox: `${-pad} ${-pad} ${width + 2 * pad} ${height + 2 * pad}`, role: "img" });
  svg.setAttribute("aria-label", payload.title);
  const defs = svgElement("defs", {});
  const marker = svgElement("marker", { id: "nnbook-graph-arrow", viewBox: "0 0 8 8", refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: "auto" });
  marker.appendChild(svgElement("path", { d: "M0,0 L8,4 L0,8 z", class: "nnbook-graph-arrowhead" }));
  defs.appendChild(marker);
  svg.appendChild(defs);

  // An edge that skips columns arcs above the nodes between, so it never runs along a chain it is not part of.
  let top = -pad;
  for (const [from, to] of payload.edges) {
    const a = placed[from], b = placed[to];
    const x1 = a.x + a.width, y1 = a.y + a.height / 2, x2 = b.x, y2 = b.y + b.height / 2;
    const skips = b.column - a.column > 1;
    const bend = Math.max(12, (x2 - x1) / 2);
    const lift = skips ? Math.min(a.y, b.y) - 10 - Math.min(40, 4 * (b.column - a.column)) : 0;
    if (skips) top = Math.min(top, lift - pad);
    const d = skips ? `M${x1},${y1} C${x1 + 24},${lift} ${x2 - 24},${lift} ${x2},${y2}` : `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    svg.appendChild(svgElement("path", { d, class: "nnbook-graph-edge", "marker-end": "url(#nnbook-graph-arrow)" }));
  }
  const fullHeight = height + pad - top;
  svg.setAttribute("height", String(fullHeight));
  svg.setAttribute("viewBox", `${-pad} ${top} ${width + 2 * pad} ${fullHeight}`);

  const details = document.createElement("div");
  details.className = "nnbook-graph-details";
  details.setAttribute("aria-live", "polite");
  details.textContent = "Click a tensor to see its values and its gradient.";
  let selected: SVGGElement | undefined;
  payload.nodes.forEach((node, i) => {
    const p = placed[i];
    const g = svgElement("g", { class: `nnbook-graph-node nnbook-graph-${node.kind === "op" ? "op" : node.role}`, transform: `translate(${p.x},${p.y})` }) as SVGGElement;
    g.appendChild(svgElement("rect", { width: p.width, height: p.height, rx: node.kind === "op" ? p.height / 2 : 4 }));
    const lines = labelLines(node);
    lines.forEach((line, k) => {
      const text = svgElement("text", { x: p.width / 2, y: p.height / 2 + (k - (lines.length - 1) / 2) * 15 + 4, class: k === 0 ? "nnbook-graph-name" : "nnbook-graph-shape" });
      text.textContent = line;
      g.appendChild(text);
    });
    const title = svgElement("title", {});
    title.textContent = node.kind === "op" ? `${node.label} (grad_fn ${node.gradFn})` : describeTensor(node).join("\n");
    g.appendChild(title);
    if (node.kind === "tensor") {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", `${node.name} [${node.shape.join(", ")}]`);
      const show = () => {
        selected?.classList.remove("nnbook-graph-selected");
        selected = g;
        g.classList.add("nnbook-graph-selected");
        details.replaceChildren(...describeTensor(node).map(paragraph));
      };
      g.addEventListener("click", show);
      g.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          show();
        }
      });
    }
    svg.appendChild(g);
  });

  const scroll = document.createElement("div");
  scroll.className = "nnbook-scroll nnbook-graph-scroll";
  scroll.appendChild(svg);
  view.append(scroll, caption(`Blue boxes: parameters (requires grad) · dashed: constants${payload.cut ? " · ⋯: inputs left out" : ""}`), details);
  element.replaceChildren(view);
  // The listeners are on the view's own nodes, so removing it takes them along.
  return { dispose: () => view.remove() };
}

function boxOf(node: GraphNode): Box {
  const longest = Math.max(...labelLines(node).map((l) => l.length));
  return node.kind === "op" ? { width: longest * CHAR + 20, height: 24 } : { width: Math.max(56, longest * CHAR + 18), height: 40 };
}

function labelLines(node: GraphNode): string[] {
  if (node.kind === "op") return [node.label];
  return [`${node.cut ? "⋯ " : ""}${clip(node.name)}`, `[${node.shape.join(", ")}]`];
}

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

function describeTensor(node: GraphTensorNode): string[] {
  const role = { parameter: "a leaf that requires grad", constant: "a constant (no grad)", result: "the result of an op" }[node.role];
  const lines = [`${node.name} [${node.shape.join(", ")}], ${role}`, `values: ${summaryText(node.values)}`];
  if (node.grad) lines.push(`gradient: ${summaryText(node.grad)}`);
  else if (node.role === "parameter") lines.push("no gradient yet: call loss.backward()");
  else if (node.role === "result") lines.push("no gradient kept: an op's result keeps one only after .retainGrad() and backward()");
  return lines;
}

function summaryText(s: ValueSummary): string {
  const head = s.head.map((v) => formatNumber(fromJsonNumber(v))).join(", ");
  if (s.count <= s.head.length) return head;
  const range = `min ${formatNumber(fromJsonNumber(s.min))}, mean ${formatNumber(fromJsonNumber(s.mean))}, max ${formatNumber(fromJsonNumber(s.max))}`;
  return `${head}, … (${s.count.toLocaleString("en-US")} values; ${range})`;
}

function paragraph(text: string): HTMLDivElement {
  const div = document.createElement("div");
  div.textContent = text;
  return div;
}

function svgElement(name: string, attributes: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
  return el;
}
