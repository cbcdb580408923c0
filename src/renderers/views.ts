import { Mime } from "../protocol/mimes";
import type { Payloads, ViewMime } from "../protocol/payloadMap";
import {
  readActivation,
  readActivations,
  readBackprop,
  readBoundary,
  readCode,
  readChart,
  readConfusion,
  readDataset,
  readFit,
  readGradients,
  readGraph,
  readImages,
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
import { renderBackprop } from "./backprop/backpropView";
import { renderCode } from "./code/codeView";
import { boundaryFigure } from "./boundary/boundaryChart";
import { chartFigure } from "./chart/chartView";
import { confusionFigure } from "./confusion/confusionChart";
import { renderDataset } from "./dataset/datasetView";
import type { DrawnView } from "./drawnView";
import { fitFigure } from "./fit/fitChart";
import { renderGradients } from "./gradients/gradientsChart";
import { renderGraph } from "./graph/graphView";
import { renderImages } from "./images/imagesView";
import { lossFigure, lossNotes } from "./loss/lossChart";
import { renderMath } from "./math/mathView";
import { renderNetwork } from "./network/networkView";
import { drawChart, type Figure } from "./plotly/plotView";
import { renderSummary } from "./summary/summaryView";
import { renderTable } from "./table/tableView";
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

/**
 * A view that is one chart (`className` sizes its box, `notes` are the sentences under it): a newer payload
 * for the same output is read and plotted into it in place, notes and all.
 */
function chart<P>(read: (json: unknown) => P, figure: (payload: P) => Figure, options: { className?: string; notes?: (payload: P) => string[] } = {}): Render<P> {
  return async (element, payload, signal) => {
    const plot = await drawChart(element, signal, figure(payload), { className: options.className, notes: options.notes?.(payload) });
    return {
      dispose: () => plot.dispose(),
      update: (json) => {
        const next = read(json);
        return plot.replot(figure(next), options.notes?.(next));
      },
    };
  };
}

/** Every mime of the payload map has its view here, or the renderer does not compile. */
const VIEWS: { [M in ViewMime]: ViewOf<Payloads[M]> } = {
  [Mime.tensor]: { name: "tensor", read: readTensor, render: renderTensor },
  [Mime.loss]: { name: "loss chart", read: readLoss, render: chart(readLoss, lossFigure, { notes: lossNotes }) },
  [Mime.dataset]: { name: "dataset", read: readDataset, render: renderDataset },
  [Mime.summary]: { name: "model summary", read: readSummary, render: renderSummary },
  [Mime.activation]: { name: "activation chart", read: readActivation, render: renderActivation },
  [Mime.activations]: { name: "activations view", read: readActivations, render: renderActivations },
  [Mime.math]: { name: "formula", read: readMath, render: renderMath },
  [Mime.table]: { name: "table", read: readTable, render: renderTable },
  [Mime.chart]: { name: "chart", read: readChart, render: chart(readChart, chartFigure) },
  [Mime.graph]: { name: "autograd graph", read: readGraph, render: renderGraph },
  [Mime.backprop]: { name: "backprop walk-through", read: readBackprop, render: renderBackprop },
  [Mime.weights]: { name: "weights view", read: readWeights, render: renderWeights },
  [Mime.gradients]: { name: "gradient flow", read: readGradients, render: renderGradients },
  [Mime.network]: { name: "network", read: readNetwork, render: renderNetwork },
  [Mime.boundary]: { name: "decision boundary", read: readBoundary, render: chart(readBoundary, boundaryFigure, { className: "nnbook-surface" }) },
  [Mime.fit]: { name: "regression fit", read: readFit, render: chart(readFit, fitFigure) },
  [Mime.confusion]: { name: "confusion matrix", read: readConfusion, render: chart(readConfusion, confusionFigure, { className: "nnbook-surface" }) },
  [Mime.images]: { name: "images", read: readImages, render: renderImages },
  [Mime.code]: { name: "code", read: readCode, render: renderCode },
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
