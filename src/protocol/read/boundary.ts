import { HUNDREDTHS, type BoundaryPayload } from "../boundaryPayload";
import { array, count, finite, object, oneOf, PayloadError, string, version, type Fields } from "./check";
import { packedNumbers } from "./packed";
import { progress } from "./progress";

export function readBoundary(value: unknown): BoundaryPayload {
  const p = object(value, "");
  version(p, "decision boundary", 1);
  const classes = array(p.classes, "classes", string);
  const task = oneOf(p.task, "task", ["binary", "multiclass"] as const);
  if (task === "binary" && classes.length !== 2) throw new PayloadError(`a binary boundary has 2 classes, not ${classes.length}`);
  if (classes.length < 2) throw new PayloadError(`classes must name at least 2 classes, not ${classes.length}`);
  const gridX = array(p.gridX, "gridX", finite);
  const gridY = array(p.gridY, "gridY", finite);
  const cells = gridX.length * gridY.length;
  const probability = packedNumbers(p.probability, "probability", "bytes", cells, "grid cell", HUNDREDTHS);
  probability.forEach((v, i) => share(v, `probability[${i}]`));
  const payload: BoundaryPayload = {
    version: 1,
    title: string(p.title, "title"),
    xLabel: string(p.xLabel, "xLabel"),
    yLabel: string(p.yLabel, "yLabel"),
    task,
    classes,
    output: oneOf(p.output, "output", ["probability", "logits"] as const),
    gridX,
    gridY,
    probability,
    points: points(p.points, classes.length),
    rows: count(p.rows, "rows"),
    accuracy: share(p.accuracy, "accuracy"),
    misclassified: count(p.misclassified, "misclassified"),
  };
  if (task === "multiclass") {
    const predicted = packedNumbers(p.predicted, "predicted", "bytes", cells, "grid cell");
    predicted.forEach((v, i) => classIndex(v, `predicted[${i}]`, classes.length));
    payload.predicted = predicted;
  }
  if (payload.points.x.length > payload.rows) throw new PayloadError(`points must be at most the ${payload.rows} rows, not ${payload.points.x.length}`);
  if (payload.misclassified > payload.rows) throw new PayloadError(`misclassified must be at most the ${payload.rows} rows, not ${payload.misclassified}`);
  if (p.progress !== undefined) payload.progress = progress(p.progress);
  return payload;
}

function points(value: unknown, classes: number): BoundaryPayload["points"] {
  const s: Fields = object(value, "points");
  const label = (v: unknown, path: string) => classIndex(v, path, classes);
  const out = { x: array(s.x, "points.x", finite), y: array(s.y, "points.y", finite), label: array(s.label, "points.label", label), predicted: array(s.predicted, "points.predicted", label) };
  for (const key of ["y", "label", "predicted"] as const) length(`points.${key}`, out[key], out.x.length, "points.x");
  return out;
}

function share(value: unknown, path: string): number {
  const v = finite(value, path);
  if (v < 0 || v > 1) throw new PayloadError(`${path} must be between 0 and 1, not ${v}`);
  return v;
}

function classIndex(value: unknown, path: string, classes: number): number {
  const v = count(value, path);
  if (v >= classes) throw new PayloadError(`${path} must be a class index below ${classes}, not ${v}`);
  return v;
}

function length(path: string, values: unknown[], n: number, what: string): void {
  if (values.length !== n) throw new PayloadError(`${path} must have one value per ${what} (${n}), not ${values.length}`);
}
