// Cutting a tensor into consecutive pieces along a dim (torch.split, torch.chunk).
import { Tensor } from "../tensor";
import { fmt, normDim } from "../shape";
import { piece } from "./slice";

/** Pieces of `size` along `dim` (the last may be smaller), or pieces of the sizes listed, which must add up to the dim. */
export function split(a: Tensor, sizes: number | readonly number[], dimIn = 0): Tensor[] {
  if (a.ndim === 0) throw new RangeError("split: a 0-dim tensor cannot be split; reshape it first, e.g. t.reshape(1)");
  const dim = normDim("split", dimIn, a.ndim), n = a.shape[dim];
  if (typeof sizes === "number") {
    if (!Number.isInteger(sizes) || sizes <= 0) throw new RangeError(`split: the piece size must be a whole number > 0, got ${sizes}`);
    const list: number[] = [];
    for (let s = 0; s < n; s += sizes) list.push(Math.min(sizes, n - s));
    return pieces("SplitBackward0", a, dim, list.length > 0 ? list : [0], "split");
  }
  if (!Array.isArray(sizes) || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new TypeError(`split: sizes must be a whole number or a list of whole numbers ≥ 0, got ${JSON.stringify(sizes)}`);
  }
  const total = sizes.reduce((p, q) => p + q, 0);
  if (total !== n) {
    throw new RangeError(`split: the sizes [${sizes.join(", ")}] add up to ${total}, but dimension ${dim} of ${fmt(a.shape)} has size ${n}`);
  }
  return pieces("SplitWithSizesBackward0", a, dim, sizes, "split");
}

/** `chunks` pieces along `dim` of ceil(size / chunks) each, the last smaller; fewer when the dim is short, as in PyTorch. */
export function chunk(a: Tensor, chunks: number, dimIn = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk: the number of chunks must be a whole number > 0, got ${chunks}`);
  if (a.ndim === 0) throw new RangeError("chunk: a 0-dim tensor cannot be chunked; reshape it first, e.g. t.reshape(1)");
  const dim = normDim("chunk", dimIn, a.ndim);
  return pieces("SplitBackward0", a, dim, chunkSizes(a.shape[dim], chunks), "chunk");
}

function chunkSizes(n: number, chunks: number): number[] {
  const each = Math.max(1, Math.ceil(n / chunks)), list: number[] = [];
  for (let s = 0; s < n; s += each) list.push(Math.min(each, n - s));
  return list.length > 0 ? list : [0];
}

function pieces(name: string, a: Tensor, dim: number, sizes: readonly number[], op: string): Tensor[] {
  let start = 0;
  return sizes.map((size) => {
    const p = piece(name, a, dim, start, size, `${op}(…, ${dim})`);
    start += size;
    return p;
  });
}
