/** Points per series a plot sends at most: more than a chart's width in pixels shows. */
export const MAX_PLOT_POINTS = 2_000;

/**
 * `x` and `y` cut down to at most `MAX_PLOT_POINTS` points: each of `MAX_PLOT_POINTS / 2` runs of
 * consecutive points keeps its lowest and highest, in order, so spikes survive.
 */
export function decimate(x: readonly number[], y: readonly number[]): { x: number[]; y: number[] } {
  const n = y.length;
  if (n <= MAX_PLOT_POINTS) return { x: [...x], y: [...y] };
  const buckets = MAX_PLOT_POINTS / 2;
  const out = { x: [] as number[], y: [] as number[] };
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (y[i] < y[lo]) lo = i;
      if (y[i] > y[hi]) hi = i;
    }
    for (const i of lo <= hi ? [lo, hi] : [hi, lo]) {
      out.x.push(x[i]);
      out.y.push(y[i]);
    }
  }
  return out;
}
