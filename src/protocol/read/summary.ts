import type { SummaryPayload } from "../payloads";
import { array, at, count, object, string, version } from "./check";

export function readSummary(value: unknown): SummaryPayload {
  const p = object(value, "");
  version(p, "model summary", 2);
  const rows = array(p.rows, "rows", (row, path) => {
    const r = object(row, path);
    return {
      name: string(r.name, at(path, "name")),
      layer: string(r.layer, at(path, "layer")),
      outputShape: string(r.outputShape, at(path, "outputShape")),
      params: count(r.params, at(path, "params")),
      ...(r.equation === undefined ? {} : { equation: string(r.equation, at(path, "equation")) }),
    };
  });
  const notes = p.notes === undefined ? {} : { notes: array(p.notes, "notes", (n, path) => string(n, path)) };
  return { version: 2, title: string(p.title, "title"), rows, total: count(p.total, "total"), ...notes };
}
