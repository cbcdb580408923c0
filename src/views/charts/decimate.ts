/** Points per series a plot sends at most: more than a chart's width in pixels shows. */
export const MAX_PLOT_POINTS = 2_000;

/**
 * `x` and `y` cut down to at most `MAX_PLOT_POINTS` points: each of `MAX_PLOT_POINTS / 2` runs of
 * consecutive points keeps its lowest and highest, in order, so spikes survive.
 */
export function decimate(x: readonly number[], y: readonly number[]): { x: number[]; y: number[] } {
  const kept = decimatedIndices(y, MAX_PLOT_POINTS);
  return { x: kept.map((i) => x[i]), y: kept.map((i) => y[i]) };
}

/**
 * The indices of `y` a chart of at most about `max` points keeps, in order: all of them when there are
 * no more, else the lowest and highest of each of about `max / 2` runs of consecutive points (so spikes
 * survive), the first and the last, and each of `keep`. NaN and infinities are never the lowest or highest.
 */
export function decimatedIndices(y: readonly number[], max: number, keep: readonly number[] = []): number[] {
  const n = y.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const kept = new Set([0, n - 1, ...keep.filter((i) => i >= 0 && i < n)]);
  // The buckets' lows and highs, with the points always kept, stay within `max`.
  const buckets = Math.max(1, Math.floor((max - kept.size) / 2));
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      if (!Number.isFinite(y[i])) continue;
      if (lo < 0 || y[i] < y[lo]) lo = i;
      if (hi < 0 || y[i] > y[hi]) hi = i;
    }
    if (lo < 0) kept.add(from);
    else kept.add(lo).add(hi);
  }
  return [...kept].sort((a, b) => a - b);
}
