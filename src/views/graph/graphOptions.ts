import { nn, Tensor } from "../../engine";
import { checkOptions, describe } from "../charts/options";

/** Options of `show.graph`. */
export interface GraphOptions {
  /** Names the leaves that are the model's parameters as `namedParameters()` does ("0.weight"). */
  model?: nn.Module;
  /** Names of your own for tensors of the graph: `{ x: xor.x, y: xor.y }`. */
  names?: Record<string, Tensor>;
}

/** The names to give tensors, from the options checked key by key. */
export function graphNames(options: GraphOptions | undefined): Map<Tensor, string> {
  const names = new Map<Tensor, string>();
  if (options === undefined) return names;
  checkOptions("show.graph", options, { model: "checked", names: "checked" });
  const { model, names: given } = options;
  if (model !== undefined) {
    if (!(model instanceof nn.Module)) throw new TypeError(`show.graph: model must be a module such as nn.Sequential(…), not ${describe(model)}`);
    for (const [name, p] of model.namedParameters()) names.set(p, name);
  }
  if (given !== undefined) {
    if (typeof given !== "object" || given === null || Array.isArray(given) || given instanceof Tensor) {
      throw new TypeError(`show.graph: names must be an object of tensors such as { x: xor.x }, not ${describe(given)}`);
    }
    for (const [name, t] of Object.entries(given)) {
      if (!(t instanceof Tensor)) throw new TypeError(`show.graph: names.${name} must be a tensor, not ${describe(t)}`);
      // A name given here wins over a parameter's name: the learner asked for it.
      names.set(t, name);
    }
  }
  return names;
}
