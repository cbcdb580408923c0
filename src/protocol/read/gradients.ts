import type { GradientsPayload } from "../gradientsPayload";
import { PayloadError, array, at, count, jsonNumber, object, oneOf, string, version } from "./check";

const KINDS = ["vanishing", "exploding"] as const;

export function readGradients(value: unknown): GradientsPayload {
  const p = object(value, "");
  version(p, "gradient flow", 1);
  const epochs = array(p.epochs, "epochs", count);
  if (epochs.length === 0) throw new PayloadError("epochs must hold at least one epoch");
  const layers = array(p.layers, "layers", (item, path) => {
    const l = object(item, path);
    const layer = { name: string(l.name, at(path, "name")), layer: string(l.layer, at(path, "layer")), mean: array(l.mean, at(path, "mean"), jsonNumber), max: array(l.max, at(path, "max"), jsonNumber) };
    for (const key of ["mean", "max"] as const) {
      if (layer[key].length !== epochs.length) throw new PayloadError(`${at(path, key)} must have one value per epoch (${epochs.length}), not ${layer[key].length}`);
    }
    return layer;
  });
  if (layers.length === 0) throw new PayloadError("layers must hold at least one layer");
  const names = layers.map((l) => l.layer);
  const flags = array(p.flags, "flags", (item, path) => {
    const f = object(item, path);
    const layer = string(f.layer, at(path, "layer"));
    if (!names.includes(layer)) throw new PayloadError(`${at(path, "layer")} must name one of the layers, not ${JSON.stringify(layer.slice(0, 30))}`);
    return { layer, kind: oneOf(f.kind, at(path, "kind"), KINDS) };
  });
  return { version: 1, title: string(p.title, "title"), epochs, layers, verdict: string(p.verdict, "verdict"), flags };
}
