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
 * Product over `dims`, with PyTorch's gradient (prod_backward) to the last NaN: g·prod/x while no
 * factor is 0; otherwise the product of the other factors, from products before and after each along
 * its slot, except that a full product with two or more zeros has gradient 0 everywhere.
 */
export function prod(a: Tensor, dims?: Dims, keepDim = false): Tensor {
  const r = reduction("prod", a, dims, keepDim), { slot, slots } = r;
  const x = a.data, acc = new Float64Array(slots).fill(1);
  let zeros = 0;
  for (let i = 0; i < x.length; i++) {
    acc[slot[i]] *= x[i];
    if (x[i] === 0) zeros++;
  }
  const out = alloc(slots);
  out.set(acc);
  return record(dims === undefined ? "ProdBackward0" : "ProdBackward1", out, r.shape, [a], (g) => {
    const ga = alloc(x.length);
    if (zeros === 0) for (let i = 0; i < ga.length; i++) ga[i] = (g[slot[i]] * acc[slot[i]]) / x[i];
    else if (dims !== undefined || zeros === 1) othersProduct(x, slot, slots, g, ga);
    return [ga];
  });
}

/** ga[i] = g·Π(the others in i's slot), by products before and after i: no division, so exact at zeros. */
function othersProduct(x: Float32Array, slot: Int32Array, slots: number, g: Float32Array, ga: Float32Array): void {
  // The elements of each slot in order: a counting sort by slot.
  const start = new Int32Array(slots + 1);
  for (let i = 0; i < x.length; i++) start[slot[i] + 1]++;
  for (let s = 0; s < slots; s++) start[s + 1] += start[s];
  const order = new Int32Array(x.length), next = start.slice(0, slots);
  for (let i = 0; i < x.length; i++) order[next[slot[i]]++] = i;
  const before = new Float64Array(x.length);
  for (let s = 0; s < slots; s++) {
    let p = 1;
    for (let q = start[s]; q < start[s + 1]; q++) (before[q] = p), (p *= x[order[q]]);
    p = 1;
    for (let q = start[s + 1] - 1; q >= start[s]; q--) {
      ga[order[q]] = g[s] * before[q] * p;
      p *= x[order[q]];
    }
  }
}
