import { Mime } from "../protocol/mimes";
import { readActivation, readBoundary, readChart, readConfusion, readDataset, readFit, readImages, readLoss, readMath, readSummary, readTable, readTensor } from "../protocol/read";
import { boundaryFigure } from "./boundary/boundaryChart";
import { confusionFigure } from "./confusion/confusionChart";
import { renderImages } from "./images/imagesView";
import { fitFigure } from "./fit/fitChart";
import { renderActivation } from "./activation/activationChart";
import { chartFigure } from "./chart/chartView";
import { renderDataset } from "./dataset/datasetView";
import type { DrawnView } from "./drawnView";
import { lossFigure } from "./loss/lossChart";
import { drawChart, type Figure } from "./plotly/plotView";
import { renderMath } from "./math/mathView";
import { renderSummary } from "./summary/summaryView";
import { renderTable } from "./table/tableView";
import { renderMatrix } from "./tensor/matrixView";

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

/** A view that is one chart; a newer payload for the same output is plotted into it in place. */
function chart<P>(name: string, read: (json: unknown) => P, figure: (payload: P) => Figure, className?: string): View {
  return {
    name,
    async draw(element, json, signal) {
      const plot = await drawChart(element, signal, figure(read(json)), className);
      return { dispose: () => plot.dispose(), update: (next) => plot.replot(figure(read(next))) };
    },
  };
}

const VIEWS: Record<string, View> = {
  [Mime.tensor]: view("tensor", readTensor, renderMatrix),
  [Mime.loss]: chart("loss chart", readLoss, lossFigure),
  [Mime.dataset]: view("dataset", readDataset, renderDataset),
  [Mime.summary]: view("model summary", readSummary, renderSummary),
  [Mime.activation]: view("activation chart", readActivation, renderActivation),
  [Mime.math]: view("formula", readMath, renderMath),
  [Mime.table]: view("table", readTable, renderTable),
  [Mime.chart]: chart("chart", readChart, chartFigure),
  [Mime.boundary]: chart("decision boundary", readBoundary, boundaryFigure, "nnbook-surface"),
  [Mime.fit]: chart("regression fit", readFit, fitFigure),
  [Mime.confusion]: chart("confusion matrix", readConfusion, confusionFigure, "nnbook-surface"),
  [Mime.images]: view("images", readImages, renderImages),
};

export function viewFor(mime: string): View | undefined {
  return Object.hasOwn(VIEWS, mime) ? VIEWS[mime] : undefined;
}
