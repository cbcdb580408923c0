// A model's output as the views read it: computed in eval mode without a graph (dropout off, batch norm
// on its running statistics, nothing kept for backward), the model's own modes restored afterwards, so
// a view drawn mid-training changes nothing about the training.
import { Dataset, nn, noGrad, Tensor } from "../../engine";

/** The rows of `x` ([n, features]) through `model`: its output values, `cols` per row. */
export function predict(fn: string, model: nn.Module, x: Tensor): { values: Float32Array; cols: number } {
  const modes = model.namedModules().map(([, m]) => m.training);
  model.eval();
  try {
    const out: unknown = noGrad(() => model.forward(x));
    if (!(out instanceof Tensor)) throw new TypeError(`${fn}: the model's forward must return a tensor`);
    const n = x.shape[0];
    if (out.numel() === 0 || out.shape[0] !== n) throw new RangeError(`${fn}: the model gave output of shape [${out.shape.join(", ")}] for ${n} rows; it needs one output row per input row`);
    for (const v of out.data) if (!Number.isFinite(v)) throw new RangeError(`${fn}: the model's output is ${v} for some inputs; its weights have blown up (train again with a lower learning rate)`);
    return { values: out.data, cols: out.numel() / n };
  } finally {
    model.namedModules().forEach(([, m], i) => (m.training = modes[i]));
  }
}

/**
 * How many inputs the model takes, where its first layer says (a Linear's `inFeatures`); undefined for a
 * model that does not say.
 */
export function inputSize(model: nn.Module): number | undefined {
  for (const [, m] of model.namedModules()) {
    const n = m.describe().config.inFeatures;
    if (typeof n === "number") return n;
  }
  return undefined;
}

/** Whether the model's last layer already turns its output into probabilities (a sigmoid or a softmax). */
export function endsInProbability(model: nn.Module): boolean {
  const modules = model.namedModules().map(([, m]) => m);
  const leaves = modules.filter((m) => m.namedChildren().length === 0);
  const last = leaves.at(-1)?.describe().activation;
  return last === "sigmoid" || last === "softmax";
}

/** A data set's class index per row: y [n, 1] of 0/1, y [n] of indices, or y [n, k] one-hot (its argmax). */
export function classLabels(ds: Dataset): Int32Array {
  const n = ds.length, per = n > 0 ? ds.y.numel() / n : 1, y = ds.y.data, out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (per === 1) out[i] = ds.task === "binary" ? (y[i] >= 0.5 ? 1 : 0) : Math.round(y[i]);
    else {
      let best = 0;
      for (let j = 1; j < per; j++) if (y[i * per + j] > y[i * per + best]) best = j;
      out[i] = best;
    }
  }
  return out;
}
