import { MAX_DRAWN_UNITS, type NetworkColumn, type NetworkPayload } from "../networkPayload";
import { PayloadError, array, at, count, finite, object, string, version } from "./check";

export function readNetwork(value: unknown): NetworkPayload {
  const p = object(value, "");
  version(p, "network", 1);
  const columns = array(p.columns, "columns", column);
  if (columns.length < 2) throw new PayloadError(`columns must hold the input and at least one layer, not ${columns.length} column${columns.length === 1 ? "" : "s"}`);
  const weights = array(p.weights, "weights", (item, path) => array(item, path, finite));
  if (weights.length !== columns.length - 1) throw new PayloadError(`weights must have one matrix between each two columns (${columns.length - 1}), not ${weights.length}`);
  weights.forEach((w, i) => {
    const length = columns[i + 1].shown * columns[i].shown;
    if (w.length !== length) throw new PayloadError(`weights[${i}] must have columns[${i + 1}].shown × columns[${i}].shown values (${length}), not ${w.length}`);
  });
  const maxAbs = finite(p.maxAbs, "maxAbs");
  if (maxAbs < 0) throw new PayloadError(`maxAbs must be 0 or more, not ${maxAbs}`);
  return { version: 1, title: string(p.title, "title"), maxAbs, columns, weights, notes: array(p.notes, "notes", string) };
}

function column(item: unknown, path: string): NetworkColumn {
  const c = object(item, path);
  const units = count(c.units, at(path, "units"));
  const shown = count(c.shown, at(path, "shown"));
  if (shown < 1 || shown > Math.min(units, MAX_DRAWN_UNITS)) throw new PayloadError(`${at(path, "shown")} must be from 1 to ${Math.min(units, MAX_DRAWN_UNITS)}, not ${shown}`);
  const out: NetworkColumn = { name: string(c.name, at(path, "name")), units, shown, activation: string(c.activation, at(path, "activation")) };
  if (c.bias !== undefined) {
    out.bias = array(c.bias, at(path, "bias"), finite);
    if (out.bias.length !== shown) throw new PayloadError(`${at(path, "bias")} must have one value per shown unit (${shown}), not ${out.bias.length}`);
  }
  return out;
}
