import { History, nn } from "../engine";
import { describe } from "./charts/options";

/** One weight matrix through the frames of a view: a model's one moment, or a history's recorded epochs. */
export interface MatrixSeries {
  name: string;
  /** The layer it belongs to: its name without the last part ("0" for "0.weight"). */
  layer: string;
  shape: [number, number];
  /**
   * For a convolution's kernels [out, in, kH, kW]: the input channels and the kernel size. The matrix is then
   * [out, in·kH·kW], each row an output channel's kernels one after the other, as PyTorch stores them.
   */
  kernel?: { channels: number; size: [number, number] };
  frames: Float32Array[];
  bias?: { name: string; frames: Float32Array[] };
}

export interface WeightSeries {
  /** The epoch of each frame; empty for a model (one frame). */
  epochs: number[];
  matrices: MatrixSeries[];
  /** Parameters that are neither a matrix nor a matrix's bias ("1.weight [4]"), which no heatmap shows. */
  others: string[];
}

interface Named {
  name: string;
  shape: number[];
  data: Float32Array;
}

/**
 * The weight matrices (2-D parameters) and convolution kernels (4-D) of a model or of a history's snapshots,
 * each with its bias when its layer has a 1-D parameter "bias" of one value per row. A history without recorded weights is an error that
 * says how to record them.
 */
export function weightSeries(fn: string, source: unknown): WeightSeries {
  if (source instanceof History) {
    const recorded = source.snapshots.filter((s) => s.weights && s.weights.length > 0);
    if (recorded.length === 0) {
      throw new Error(
        `${fn}: this history has no recorded weights: it was trained with record: false or record: { weights: false }. Train again with record: { weights: true } (the default) to see them`,
      );
    }
    return series(fn, recorded.map((s) => s.epoch), recorded.map((s) => s.weights!));
  }
  if (source instanceof nn.Module) {
    const params = source.namedParameters().map(([name, p]) => ({ name, shape: p.shape.slice(), data: p.data }));
    return series(fn, [], [params]);
  }
  throw new TypeError(`${fn}: pass a model (such as nn.Sequential(…)) or the history that train() returned, not ${describe(source)}`);
}

function series(fn: string, epochs: number[], frames: Named[][]): WeightSeries {
  const first = frames[0];
  const at = (name: string) => frames.map((frame) => frame.find((p) => p.name === name)?.data ?? new Float32Array());
  const matrices: MatrixSeries[] = [];
  const used = new Set<string>();
  for (const p of first) {
    if (p.shape.length !== 2 && p.shape.length !== 4) continue;
    const layer = layerOf(p.name);
    const biasName = layer ? `${layer}.bias` : "bias";
    const bias = first.find((b) => b.name === biasName && b.shape.length === 1 && b.shape[0] === p.shape[0]);
    const [out, inputs, kh, kw] = p.shape;
    const kernel = p.shape.length === 4 ? { kernel: { channels: inputs, size: [kh, kw] as [number, number] } } : {};
    const cols = p.shape.length === 4 ? inputs * kh * kw : inputs;
    matrices.push({ name: p.name, layer, shape: [out, cols], ...kernel, frames: at(p.name), ...(bias ? { bias: { name: bias.name, frames: at(bias.name) } } : {}) });
    used.add(p.name);
    if (bias) used.add(bias.name);
  }
  if (matrices.length === 0) {
    const list = first.map((p) => `${p.name} [${p.shape.join(", ")}]`).join(", ");
    throw new Error(`${fn}: the model has no weight matrices (2-D parameters, as nn.Linear's weight) or kernels (nn.Conv2d's) to show; ${list ? `its parameters are ${list}` : "it has no parameters"}`);
  }
  const others = first.filter((p) => !used.has(p.name)).map((p) => `${p.name} [${p.shape.join(", ")}]`);
  return { epochs, matrices, others };
}

export function layerOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(0, dot);
}
