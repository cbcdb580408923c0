import { Mime } from "../protocol/mimes";
import { readActivation, readChart, readDataset, readGradients, readLoss, readMath, readNetwork, readSummary, readTable, readTensor, readWeights } from "../protocol/read";
import { renderActivation } from "./activation/activationChart";
import { renderChart } from "./chart/chartView";
import { renderDataset } from "./dataset/datasetView";
import type { DrawnView } from "./drawnView";
import { renderLossChart } from "./loss/lossChart";
import { renderMath } from "./math/mathView";
import { renderSummary } from "./summary/summaryView";
import { renderTable } from "./table/tableView";
import { renderGradients } from "./gradients/gradientsChart";
import { renderNetwork } from "./network/networkView";
import { renderMatrix } from "./tensor/matrixView";
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

function view<P>(name: string, read: (json: unknown) => P, render: Render<P>): View {
  return { name, draw: (element, json, signal) => render(element, read(json), signal) };
}

const VIEWS: Record<string, View> = {
  [Mime.tensor]: view("tensor", readTensor, renderMatrix),
  [Mime.loss]: view("loss chart", readLoss, renderLossChart),
  [Mime.dataset]: view("dataset", readDataset, renderDataset),
  [Mime.summary]: view("model summary", readSummary, renderSummary),
  [Mime.activation]: view("activation chart", readActivation, renderActivation),
  [Mime.math]: view("formula", readMath, renderMath),
  [Mime.table]: view("table", readTable, renderTable),
  [Mime.chart]: view("chart", readChart, renderChart),
  [Mime.weights]: view("weights view", readWeights, renderWeights),
  [Mime.gradients]: view("gradient flow", readGradients, renderGradients),
  [Mime.network]: view("network", readNetwork, renderNetwork),
};

export function viewFor(mime: string): View | undefined {
  return Object.hasOwn(VIEWS, mime) ? VIEWS[mime] : undefined;
}
