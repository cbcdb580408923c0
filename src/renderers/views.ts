import { Mime } from "../protocol/mimes";
import { readDataset, readLoss, readSummary, readTensor } from "../protocol/read";
import { renderDataset } from "./dataset/datasetView";
import { renderLossChart } from "./loss/lossChart";
import { renderSummary } from "./summary/summaryView";
import { renderMatrix } from "./tensor/matrixView";

/** A view of one mime: its name for messages, and how it reads and draws a payload. */
export interface View {
  name: string;
  draw(element: HTMLElement, json: unknown): void | Promise<void>;
}

function view<P>(name: string, read: (json: unknown) => P, render: (element: HTMLElement, payload: P) => void | Promise<void>): View {
  return { name, draw: (element, json) => render(element, read(json)) };
}

const VIEWS: Record<string, View> = {
  [Mime.tensor]: view("tensor", readTensor, renderMatrix),
  [Mime.loss]: view("loss chart", readLoss, renderLossChart),
  [Mime.dataset]: view("dataset", readDataset, renderDataset),
  [Mime.summary]: view("model summary", readSummary, renderSummary),
};

export function viewFor(mime: string): View | undefined {
  return Object.hasOwn(VIEWS, mime) ? VIEWS[mime] : undefined;
}
