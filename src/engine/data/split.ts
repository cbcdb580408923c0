// Which rows go to the first part of a split: a plain cut of a shuffled order, or per class (stratified).
import type { Tensor } from "../tensor";
import type { Generator } from "../random";
import { permutation } from "./rows";

/** Rows of the first part and of the rest: the first ⌊fraction · n⌉ rows of a random order. */
export function plainSplit(n: number, fraction: number, g: Generator): [Int32Array, Int32Array] {
  const order = permutation(n, g), k = Math.round(fraction * n);
  return [order.subarray(0, k), order.subarray(k)];
}

/**
 * As `plainSplit`, but each class gives the first part the same share of its rows, as scikit-learn's
 * `train_test_split(stratify=y)`. The shares are rounded so the first part still holds ⌊fraction · n⌉ rows
 * in all (the classes closest to taking one more row take it). Both parts keep the random order.
 */
export function stratifiedSplit(classOf: Int32Array, classes: number, fraction: number, g: Generator): [Int32Array, Int32Array] {
  const n = classOf.length, counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) counts[classOf[i]]++;
  const exact = counts.map((c) => fraction * c), quota = exact.map(Math.floor);
  let missing = Math.round(fraction * n) - quota.reduce((a, b) => a + b, 0);
  const byRemainder = counts.map((_, c) => c).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
  for (const c of byRemainder) {
    if (missing <= 0) break;
    if (quota[c] < counts[c]) quota[c]++, missing--;
  }
  const first: number[] = [], rest: number[] = [];
  for (const i of permutation(n, g)) {
    const c = classOf[i];
    if (quota[c] > 0) quota[c]--, first.push(i);
    else rest.push(i);
  }
  return [Int32Array.from(first), Int32Array.from(rest)];
}

/** The class of every row, numbered 0, 1, … in order of the label values: a 0/1 or index label, or a one-hot row's 1. */
export function classIndices(y: Tensor): { classOf: Int32Array; classes: number } {
  const n = y.shape[0], width = n > 0 ? y.numel() / n : 0, label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (width === 1) label[i] = y.data[i];
    else {
      let best = 0;
      for (let j = 1; j < width; j++) if (y.data[i * width + j] > y.data[i * width + best]) best = j;
      label[i] = best;
    }
  }
  const values = [...new Set(label)].sort((a, b) => a - b), id = new Map(values.map((v, k) => [v, k]));
  return { classOf: Int32Array.from(label, (v) => id.get(v)!), classes: values.length };
}
