/** Points a model view draws at most; past this, points hide each other and the payload only grows. */
export const MAX_POINTS = 5_000;

/** Up to `max` row indices of `n`, evenly spread (all of them when there are few enough). */
export function sampleRows(n: number, max = MAX_POINTS): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}

/** [min, max] of `values` widened by `margin` of their span on each side (±1 around a single value). */
export function paddedRange(values: ArrayLike<number>, margin: number): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (let i = 0; i < values.length; i++) [min, max] = [Math.min(min, values[i]), Math.max(max, values[i])];
  const pad = max > min ? (max - min) * margin : 1;
  return [min - pad, max + pad];
}

/** `n` evenly spaced values from `lo` to `hi`. */
export function steps(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}
