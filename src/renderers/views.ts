import { Mime } from "../protocol/mimes";
import type { Payloads, ViewMime } from "../protocol/payloadMap";
import {
  readActivation,
  readActivations,
  readBackprop,
  readChart,
  readDataset,
  readGradients,
  readGraph,
  readLoss,
  readMath,
  readNetwork,
  readSummary,
  readTable,
  readTensor,
  readWeights,
} from "../protocol/read";
import { renderActivation } from "./activation/activationChart";
import { renderActivations } from "./activations/activationsChart";
import { renderChart } from "./chart/chartView";
import { renderBackprop } from "./backprop/backpropView";
import { renderDataset } from "./dataset/datasetView";
import { renderGraph } from "./graph/graphView";
import type { DrawnView } from "./drawnView";
import { renderLossChart } from "./loss/lossChart";
import { renderMath } from "./math/mathView";
import { renderSummary } from "./summary/summaryView";
import { renderTable } from "./table/tableView";
import { renderGradients } from "./gradients/gradientsChart";
import { renderNetwork } from "./network/networkView";
import { renderTensor } from "./tensor/tensorView";
import { renderWeights } from "./weights/weightsView";

/**
 * A view of one mime: its name for messages, and how it reads and draws a payload. Drawing returns how to
 * dispose the view; once `signal` aborts (while plotly or KaTeX loads), it draws nothing and throws.
 */
export interface View {
  name: string;
  draw(element: HTMLElement, json: unknown, signal: AbortSignal): DrawnView | Promise<DrawnView>;
}

type Render<P> = (element: HTMLElement, payload: P, signal: AbortSignal) => DrawnView | Promise<DrawnView>;

/** A view as registered: its reader returns, and its renderer takes, the payload its mime carries. */
interface ViewOf<P> {
  name: string;
  read: (json: unknown) => P;
  render: Render<P>;
}

/** Every mime of the payload map has its view here, or the renderer does not compile. */
const VIEWS: { [M in ViewMime]: ViewOf<Payloads[M]> } = {
  [Mime.tensor]: { name: "tensor", read: readTensor, render: renderTensor },
  [Mime.loss]: { name: "loss chart", read: readLoss, render: renderLossChart },
  [Mime.dataset]: { name: "dataset", read: readDataset, render: renderDataset },
  [Mime.summary]: { name: "model summary", read: readSummary, render: renderSummary },
  [Mime.activation]: { name: "activation chart", read: readActivation, render: renderActivation },
  [Mime.activations]: { name: "activations view", read: readActivations, render: renderActivations },
  [Mime.math]: { name: "formula", read: readMath, render: renderMath },
  [Mime.table]: { name: "table", read: readTable, render: renderTable },
  [Mime.chart]: { name: "chart", read: readChart, render: renderChart },
  [Mime.graph]: { name: "autograd graph", read: readGraph, render: renderGraph },
  [Mime.backprop]: { name: "backprop walk-through", read: readBackprop, render: renderBackprop },
  [Mime.weights]: { name: "weights view", read: readWeights, render: renderWeights },
  [Mime.gradients]: { name: "gradient flow", read: readGradients, render: renderGradients },
  [Mime.network]: { name: "network", read: readNetwork, render: renderNetwork },
};

function isViewMime(mime: string): mime is ViewMime {
  return Object.hasOwn(VIEWS, mime);
}

function drawable<P>(v: ViewOf<P>): View {
  return { name: v.name, draw: (element, json, signal) => v.render(element, v.read(json), signal) };
}

export function viewFor(mime: string): View | undefined {
  return isViewMime(mime) ? drawable(registered(mime)) : undefined;
}

function registered<M extends ViewMime>(mime: M): ViewOf<Payloads[M]> {
  return VIEWS[mime];
}
