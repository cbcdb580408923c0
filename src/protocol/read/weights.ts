import { weightDecimals, type WeightMatrix, type WeightsPayload } from "../weightsPayload";
import { PayloadError, array, at, count, finite, object, string, version } from "./check";
import { packedNumbers } from "./packed";

export function readWeights(value: unknown): WeightsPayload {
  const p = object(value, "");
  version(p, "weights view", 1);
  const epochs = array(p.epochs, "epochs", count);
  const frames = Math.max(1, epochs.length);
  const recordedEpochs = count(p.recordedEpochs, "recordedEpochs");
  if (recordedEpochs < epochs.length) throw new PayloadError(`recordedEpochs must be at least the ${epochs.length} epochs given, not ${recordedEpochs}`);
  const maxAbs = finite(p.maxAbs, "maxAbs");
  if (maxAbs < 0) throw new PayloadError(`maxAbs must be 0 or more, not ${maxAbs}`);
  const unit = 10 ** weightDecimals(maxAbs);
  const matrices = array(p.matrices, "matrices", (item, path) => matrix(item, path, frames, unit));
  if (matrices.length === 0) throw new PayloadError("matrices must hold at least one matrix");
  return { version: 1, title: string(p.title, "title"), epochs, recordedEpochs, maxAbs, matrices, notes: array(p.notes, "notes", string) };
}

function matrix(item: unknown, path: string, frames: number, unit: number): WeightMatrix {
  const m = object(item, path);
  const shape = array(m.shape, at(path, "shape"), count);
  if (shape.length !== 2) throw new PayloadError(`${at(path, "shape")} must have 2 sizes, [out, in], not ${shape.length}`);
  const rows = indices(m.rows, at(path, "rows"), shape[0]);
  const cols = indices(m.cols, at(path, "cols"), shape[1]);
  const out: WeightMatrix = {
    name: string(m.name, at(path, "name")),
    shape: [shape[0], shape[1]],
    rows,
    cols,
    frames: framesOf(m.frames, at(path, "frames"), frames, rows.length * cols.length, "shown row × column", unit),
    summary: summary(m.summary, at(path, "summary")),
  };
  if (m.kernel !== undefined) out.kernel = kernel(m.kernel, at(path, "kernel"), out);
  if (m.bias !== undefined) {
    const b = object(m.bias, at(path, "bias"));
    out.bias = { name: string(b.name, at(path, "bias.name")), frames: framesOf(b.frames, at(path, "bias.frames"), frames, rows.length, "shown row", unit) };
  }
  return out;
}

/** A convolution's kernels: their sizes must make up the matrix's columns, and the columns shown be whole kernels. */
function kernel(value: unknown, path: string, m: WeightMatrix): NonNullable<WeightMatrix["kernel"]> {
  const k = object(value, path);
  const channels = count(k.channels, at(path, "channels"));
  const size = array(k.size, at(path, "size"), count);
  if (size.length !== 2 || size.some((n) => n < 1)) throw new PayloadError(`${at(path, "size")} must be [kH, kW], each at least 1`);
  const taps = size[0] * size[1];
  if (channels * taps !== m.shape[1]) throw new PayloadError(`${path}: ${channels} channels of ${size[0]}×${size[1]} make ${channels * taps} columns, not the matrix's ${m.shape[1]}`);
  for (let i = 0; i < m.cols.length; i += taps) {
    if (m.cols[i] % taps !== 0 || m.cols[i + taps - 1] !== m.cols[i] + taps - 1) throw new PayloadError(`${path}: the columns shown must be whole kernels of ${taps} columns each`);
  }
  return { channels, size: [size[0], size[1]] };
}

function summary(value: unknown, path: string): WeightMatrix["summary"] {
  const s = object(value, path);
  return { min: finite(s.min, at(path, "min")), mean: finite(s.mean, at(path, "mean")), max: finite(s.max, at(path, "max")), moved: finite(s.moved, at(path, "moved")) };
}

/** Indices shown along one side: increasing, each below the side's size, at least one. */
function indices(value: unknown, path: string, size: number): number[] {
  const list = array(value, path, count);
  if (list.length === 0) throw new PayloadError(`${path} must name at least one index`);
  list.forEach((v, i) => {
    if (v >= size) throw new PayloadError(`${path}[${i}] must be an index below ${size}, not ${v}`);
    if (i > 0 && v <= list[i - 1]) throw new PayloadError(`${path} must be increasing, and ${path}[${i}] is ${v} after ${list[i - 1]}`);
  });
  return list;
}

/** Frames as lists of numbers, or each packed: whole numbers of `1 / unit`, three bytes each, in base64. */
function framesOf(value: unknown, path: string, frames: number, length: number, what: string, unit: number): number[][] {
  const list = array(value, path, (frame, p) => packedNumbers(frame, p, "int24", length, what, unit));
  if (list.length !== frames) throw new PayloadError(`${path} must have one frame per epoch (${frames}), not ${list.length}`);
  return list;
}
