import { viewItem } from "../../protocol/payloadMap";
import type { Dataset, nn } from "../../engine";
import type { ConfusionPayload } from "../../protocol/confusionPayload";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import { formatCount, formatNumber } from "../format";
import { checkClassifier, classify } from "./classify";
import { classLabels } from "./predict";

const FN = "show.confusion";

export function confusionItems(model: nn.Module, dataset: Dataset): OutputItem[] {
  const payload = confusionPayload(model, dataset);
  return [
    viewItem(Mime.confusion, payload),
    { mime: Mime.text, data: confusionText(payload) },
  ];
}

export function confusionPayload(model: nn.Module, dataset: Dataset): ConfusionPayload {
  checkClassifier(FN, model, dataset);
  const k = dataset.numClasses;
  const { predicted } = classify(FN, model, dataset.x, dataset);
  const labels = classLabels(dataset);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let right = 0;
  labels.forEach((label, i) => {
    counts[label][predicted[i]]++;
    if (label === predicted[i]) right++;
  });
  const accuracy = right / dataset.length;
  return {
    version: 1,
    title: `Confusion matrix${dataset.name ? ` on ${dataset.name}` : ""} · accuracy ${percent(accuracy)}`,
    classes: [...dataset.classes],
    counts,
    rows: dataset.length,
    accuracy,
  };
}

function percent(share: number): string {
  return `${formatNumber(share * 100)}%`;
}

/** The text fallback: the matrix as a table, then each class's recall and precision. */
export function confusionText(payload: ConfusionPayload): string {
  const { classes, counts } = payload;
  const cells = [["true \\ predicted", ...classes], ...counts.map((row, t) => [classes[t], ...row.map(formatCount)])];
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  const table = cells.map((row) => row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("  "));
  const perClass = classes.map((name, c) => {
    const actual = counts[c].reduce((a, b) => a + b, 0);
    const called = counts.reduce((sum, row) => sum + row[c], 0);
    const recall = actual ? percent(counts[c][c] / actual) : "– (no rows)";
    const precision = called ? percent(counts[c][c] / called) : "– (never predicted)";
    return `${name}: recall ${recall}, precision ${precision}`;
  });
  return [`${payload.title} (${formatCount(payload.rows)} rows)`, ...table, ...perClass].join("\n");
}
