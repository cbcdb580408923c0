import { Dataset, History, nn, Tensor } from "../engine";
import { summaryItems } from "./summaryView";
import { datasetItems } from "./datasetView";
import { lossItems } from "./lossView";
import type { OutputItem } from "../protocol/outputs";
import { tensorItems } from "./tensorView";

/** The rich view of a cell's last value, or undefined when plain text is all it has. */
export function displayItems(value: unknown): OutputItem[] | undefined {
  if (value instanceof Tensor) return tensorItems(value);
  if (value instanceof Dataset) return datasetItems(value);
  if (value instanceof nn.Module) return summaryItems(value);
  if (value instanceof History) return lossItems(value, { title: "Training loss" });
  return undefined;
}
