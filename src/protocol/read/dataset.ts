import type { DatasetPayload } from "../payloads";
import { array, at, count, jsonNumber, object, oneOf, PayloadError, string, version } from "./check";
import { readImages } from "./images";

const TASKS = ["binary", "multiclass", "regression"] as const;

export function readDataset(value: unknown): DatasetPayload {
  const p = object(value, "");
  version(p, "dataset", 1);
  const payload: DatasetPayload = {
    version: 1,
    title: string(p.title, "title"),
    rows: count(p.rows, "rows"),
    task: oneOf(p.task, "task", TASKS),
    classes: array(p.classes, "classes", string),
    featureNames: array(p.featureNames, "featureNames", string),
    targetName: string(p.targetName, "targetName"),
    head: array(p.head, "head", (item, path) => {
      const row = object(item, path);
      return { x: array(row.x, at(path, "x"), jsonNumber), y: jsonNumber(row.y, at(path, "y")) };
    }),
  };
  if (p.scatter !== undefined) {
    const s = object(p.scatter, "scatter");
    payload.scatter = {
      x: array(s.x, "scatter.x", jsonNumber),
      y: array(s.y, "scatter.y", jsonNumber),
      label: array(s.label, "scatter.label", jsonNumber),
    };
  }
  if (p.images !== undefined) {
    try {
      payload.images = readImages(p.images);
    } catch (error) {
      throw error instanceof PayloadError ? new PayloadError(`images: ${error.message}`) : error;
    }
  }
  return payload;
}
