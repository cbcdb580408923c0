import type { ActivationsPayload, LayerActivations } from "../activationsPayload";
import { PayloadError, array, at, count, finite, object, string, version } from "./check";

export function readActivations(value: unknown): ActivationsPayload {
  const p = object(value, "");
  version(p, "activations view", 1);
  const layers = array(p.layers, "layers", (item, path) => {
    const l = object(item, path);
    const layer: LayerActivations = {
      name: string(l.name, at(path, "name")),
      kind: string(l.kind, at(path, "kind")),
      shape: array(l.shape, at(path, "shape"), count),
      edges: array(l.edges, at(path, "edges"), finite),
      counts: array(l.counts, at(path, "counts"), count),
      mean: finite(l.mean, at(path, "mean")),
      std: finite(l.std, at(path, "std")),
      note: string(l.note, at(path, "note")),
    };
    if (layer.edges.length !== layer.counts.length + 1) throw new PayloadError(`${at(path, "edges")} must have one value more than counts (${layer.counts.length + 1}), not ${layer.edges.length}`);
    if (l.activation !== undefined) layer.activation = string(l.activation, at(path, "activation"));
    if (l.dead !== undefined) {
      const d = object(l.dead, at(path, "dead"));
      layer.dead = { units: count(d.units, at(path, "dead.units")), of: count(d.of, at(path, "dead.of")) };
    }
    if (l.saturated !== undefined) layer.saturated = finite(l.saturated, at(path, "saturated"));
    return layer;
  });
  return { version: 1, title: string(p.title, "title"), rows: count(p.rows, "rows"), givenRows: count(p.givenRows, "givenRows"), layers };
}
