import { INT24_MAX, packInt24 } from "./packed";

/**
 * `application/vnd.nnbook.weights+json`: each weight matrix of a model as a heatmap, at one moment (a model)
 * or at each recorded epoch of a training run (a history), every frame in the payload so that the slider
 * works without a kernel (the HTML export). Large matrices and long runs arrive thinned, as `notes` say. Every
 * value is stored to `weightDecimals(maxAbs)` decimals, as its hover reads it and its change between frames:
 * each frame packed (`storedWeights`) as whole numbers of those units, three bytes each, in base64.
 */
export interface WeightsPayload {
  version: 1;
  title: string;
  /** The epoch of each frame (0 = before training); empty for a model, which has one frame. */
  epochs: number[];
  /** Recorded epochs before frames were left out to bound the payload; equal to `epochs.length` when none were. */
  recordedEpochs: number;
  /** max |w| over every matrix, bias and frame: the one symmetric scale of the view. */
  maxAbs: number;
  matrices: WeightMatrix[];
  /** What was thinned or left out, as sentences for the caption. */
  notes: string[];
}

/** One 2-D parameter, `[out, in]` as PyTorch stores it: rows are output units, columns inputs. */
export interface WeightMatrix {
  /** Its name in `namedParameters()`: "0.weight". */
  name: string;
  /** Its full shape, as a matrix; `rows` and `cols` say which of its indices are shown. */
  shape: [number, number];
  /**
   * A convolution's kernels [out, channels, kH, kW] as the matrix [out, channels·kH·kW]: drawn as a grid of small
   * images, one per output channel (row) and input channel. `cols` then holds whole kernels: kH·kW columns each.
   */
  kernel?: { channels: number; size: [number, number] };
  rows: number[];
  cols: number[];
  /** Per frame, `rows.length × cols.length` values, row-major. */
  frames: number[][];
  /** Of the whole matrix, not only the shown part: its range at the last frame and its mean |Δw| from the first recorded epoch to the last. */
  summary: { min: number; mean: number; max: number; moved: number };
  /** Its layer's bias ("0.bias"): per frame, one value per shown row. */
  bias?: { name: string; frames: number[][] };
}

/**
 * Decimals a weights view stores and shows each value with: 1/10,000 of its scale's order (4 for a scale
 * of ±1.87), far finer than the colours, and the same for a value and its change since the last frame.
 */
export function weightDecimals(maxAbs: number): number {
  return maxAbs > 0 ? Math.min(12, Math.max(0, 4 - Math.floor(Math.log10(maxAbs)))) : 4;
}

/**
 * The payload as an output stores it: each frame one base64 string of its values in units of
 * 10^-weightDecimals(maxAbs), 4 characters a value rather than up to 9; as lists when a value does not fit.
 */
export function storedWeights(payload: WeightsPayload): unknown {
  const unit = 10 ** weightDecimals(payload.maxAbs);
  if (Math.round(payload.maxAbs * unit) > INT24_MAX) return payload;
  const pack = (frames: number[][]) => frames.map((frame) => packInt24(frame.map((v) => Math.round(v * unit))));
  const matrices = payload.matrices.map((m) => ({ ...m, frames: pack(m.frames), ...(m.bias ? { bias: { ...m.bias, frames: pack(m.bias.frames) } } : {}) }));
  return { ...payload, matrices };
}
