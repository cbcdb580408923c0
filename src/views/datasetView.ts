import { viewItem } from "../protocol/payloadMap";
import { drawnNumber } from "../protocol/numbers";
import type { Dataset } from "../engine";
import { featureNamesOf } from "../engine/data/featureNames";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";
import { jsonNumber, type DatasetPayload } from "../protocol/payloads";
import { datasetImages } from "./model/images";

/** Rows shown in the table; points drawn in the scatter (a sample of the first ones beyond that). */
const HEAD_ROWS = 8;
const MAX_POINTS = 2000;
/** Images shown for a data set of images, in place of a scatter of two of its pixels. */
const HEAD_IMAGES = 16;

/** A dataset as its first rows and a scatter of its first two features coloured by class, or its first images. */
export function datasetItems(ds: Dataset): OutputItem[] {
  return [
    viewItem(Mime.dataset, datasetPayload(ds)),
    { mime: Mime.text, data: ds.toString() },
  ];
}

export function datasetPayload(ds: Dataset): DatasetPayload {
  const features = ds.features;
  const labelsPerRow = ds.y.numel() / Math.max(ds.length, 1);
  const row = (i: number) => Array.from(ds.x.data.subarray(i * features, (i + 1) * features), jsonNumber);
  const label = (i: number) => jsonNumber(ds.y.data[i * labelsPerRow]);
  const head = Array.from({ length: Math.min(HEAD_ROWS, ds.length) }, (_, i) => ({ x: row(i), y: label(i) }));
  const payload: DatasetPayload = {
    version: 1,
    title: ds.name ?? "Dataset",
    rows: ds.length,
    task: ds.task,
    classes: ds.task === "regression" ? [] : [...ds.classes],
    featureNames: [...featureNamesOf(ds)],
    targetName: ds.targetName ?? "y",
    head,
  };
  const images = datasetImages(ds, HEAD_IMAGES);
  if (images) payload.images = images;
  else if (features >= 1 && labelsPerRow === 1) {
    const n = Math.min(ds.length, MAX_POINTS);
    payload.scatter = {
      // Drawn: to the digits a point's position and hover need (the head above keeps the rows as they are).
      x: Array.from({ length: n }, (_, i) => jsonNumber(drawnNumber(ds.x.data[i * features]))),
      y: Array.from({ length: n }, (_, i) => (features >= 2 ? jsonNumber(drawnNumber(ds.x.data[i * features + 1])) : label(i))),
      label: Array.from({ length: n }, (_, i) => label(i)),
    };
  }
  return payload;
}
