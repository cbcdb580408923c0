import type { ActivationFunction } from "vscode-notebook-renderer";
import { Mime } from "../protocol/mimes";
import type { DatasetPayload, LossPayload, SummaryPayload, TensorPayload } from "../protocol/payloads";
import { renderSummary } from "./summary/summaryView";
import { renderDataset } from "./dataset/datasetView";
import { renderLossChart } from "./loss/lossChart";
import { ensureStyles } from "./styles";
import { renderMatrix } from "./tensor/matrixView";

/** The renderer for every nnbook view; each view module draws one payload into one element. */
export const activate: ActivationFunction = () => ({
  async renderOutputItem(item, element) {
    ensureStyles();
    try {
      switch (item.mime) {
        case Mime.tensor:
          renderMatrix(element, item.json() as TensorPayload);
          break;
        case Mime.loss:
          await renderLossChart(element, item.json() as LossPayload);
          break;
        case Mime.summary:
          renderSummary(element, item.json() as SummaryPayload);
          break;
        case Mime.dataset:
          await renderDataset(element, item.json() as DatasetPayload);
          break;
        default:
          element.textContent = `nnbook cannot show ${item.mime}`;
      }
    } catch (error) {
      element.textContent = `nnbook could not draw this output: ${error instanceof Error ? error.message : String(error)}`;
    }
  },
});
