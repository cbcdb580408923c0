// Sums, means and products over some dims or all of them, accumulated in float64.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { type Dims, reduction } from "./reduction";

export type { Dims } from "./reduction";

function sumOrMean(a: Tensor, dims: Dims, keepDim: boolean, mean: boolean): Tensor {
  const r = reduction(mean ? "mean" : "sum", a, dims, keepDim);
  const x = a.data, acc = new Float64Array(r.slots), scale = mean ? 1 / r.count : 1;
  if (r.block) {
    // Adjacent dims (the common case): strided loops, no slot map.
    const { outer, inner } = r.block, m = r.count;
    for (let o = 0, i = 0; o < outer; o++)
      for (let k = 0; k < m; k++) for (let j = 0, s = o * inner; j < inner; j++) acc[s + j] += x[i++];
  } else {
    const slot = r.slot;
    for (let i = 0; i < x.length; i++) acc[slot[i]] += x[i];
  }
  const out = alloc(r.slots);
  for (let s = 0; s < r.slots; s++) out[s] = mean ? acc[s] / r.count : acc[s];
  const all = dims === undefined;
  const name = mean ? (all ? "MeanBackward0" : "MeanBackward1") : all ? "SumBackward0" : "SumBackward1";
  return record(name, out, r.shape, [a], (g) => {
    const ga = alloc(x.length); // every input element gets the gradient of its sum
    if (r.block) {
      const { outer, inner } = r.block, m = r.count;
      for (let o = 0, i = 0; o < outer; o++)
        for (let k = 0; k < m; k++) for (let j = 0, s = o * inner; j < inner; j++) ga[i++] = g[s + j] * scale;
    } else {
      const slot = r.slot;
      for (let i = 0; i < ga.length; i++) ga[i] = g[slot[i]] * scale;
    }
    return [ga];
  });
}

export function sum(a: Tensor, dims?: Dims, keepDim = false): Tensor {
  return sumOrMean(a, dims, keepDim, false);
}

export function mean(a: Tensor, dims?: Dims, keepDim = false): Tensor {
  return sumOrMean(a, dims, keepDim, true);
}

/**
 * Product over `dims`. The gradient of each factor is the product of the others, found
 * without dividing by zero: with one zero in a slot only the zero gets the product of the
 * rest, with two or more every gradient is 0 (PyTorch's prod_backward).
 */
export function prod(a: Tensor, dims?: Dims, keepDim = false): Tensor {
  const { slot, slots, shape } = reduction("prod", a, dims, keepDim);
  const x = a.data, nonzero = new Float64Array(slots).fill(1), zeros = new Int32Array(slots);
  for (let i = 0; i < x.length; i++) {
    if (x[i] === 0) zeros[slot[i]]++;
    else nonzero[slot[i]] *= x[i];
  }
  const out = alloc(slots);
  for (let s = 0; s < slots; s++) out[s] = zeros[s] > 0 ? nonzero[s] * 0 : nonzero[s]; // −0, or NaN for ∞·0, as in PyTorch
  return record(dims === undefined ? "ProdBackward0" : "ProdBackward1", out, shape, [a], (g) => {
    const ga = alloc(x.length);
    for (let i = 0; i < ga.length; i++) {
      const s = slot[i], z = zeros[s];
      if (z === 0) ga[i] = (g[s] * nonzero[s]) / x[i];
      else if (z === 1 && x[i] === 0) ga[i] = g[s] * nonzero[s];
    }
    return [ga];
  });
}
