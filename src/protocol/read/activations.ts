import type { ActivationsPayload, FeatureMaps, LayerActivations } from "../activationsPayload";
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
    if (l.maps !== undefined) layer.maps = maps(l.maps, at(path, "maps"));
    return layer;
  });
  const input = p.input === undefined ? {} : { input: maps(p.input, "input") };
  return { version: 1, title: string(p.title, "title"), rows: count(p.rows, "rows"), givenRows: count(p.givenRows, "givenRows"), layers, ...input };
}

/** Feature maps: a [height, width] image per channel listed, each of height × width numbers. */
function maps(value: unknown, path: string): FeatureMaps {
  const m = object(value, path);
  const shape = array(m.shape, at(path, "shape"), count);
  if (shape.length !== 2 || shape.some((n) => n < 1)) throw new PayloadError(`${at(path, "shape")} must be [height, width], each at least 1`);
  const channels = array(m.channels, at(path, "channels"), count);
  const pixels = array(m.pixels, at(path, "pixels"), (row, p) => array(row, p, finite));
  if (pixels.length !== channels.length) throw new PayloadError(`${at(path, "pixels")} must hold one image per channel (${channels.length}), not ${pixels.length}`);
  pixels.forEach((image, i) => {
    if (image.length !== shape[0] * shape[1]) throw new PayloadError(`${at(path, `pixels[${i}]`)} must have ${shape[0] * shape[1]} values, not ${image.length}`);
  });
  const of = count(m.of, at(path, "of"));
  if (channels.some((c) => c >= of)) throw new PayloadError(`${at(path, "channels")} must be below the ${of} channels there are`);
  return { shape: [shape[0], shape[1]], channels, of, pixels, min: finite(m.min, at(path, "min")), max: finite(m.max, at(path, "max")) };
}
