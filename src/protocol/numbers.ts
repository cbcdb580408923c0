// Made once: `toLocaleString` builds a formatter on every call, which a live view's text fallback pays for
// at every update.
const WHOLE = new Intl.NumberFormat("en-US");
const FRACTION = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/**
 * Numbers for reading: 3 significant digits, scientific below 1e-3 and from 1e6, thousands separated.
 * Shared so that a value reads the same in a view and in its text fallback.
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e6) return v.toExponential(2);
  if (Number.isInteger(v)) return WHOLE.format(v);
  return FRACTION.format(Number(v.toPrecision(3)));
}

/** A count, thousands separated: 12,000. */
export function formatCount(n: number): string {
  return WHOLE.format(n);
}

/** Significant digits a chart reads (hovers, ticks, its text): the same as `formatNumber`. */
export const SHOWN_DIGITS = 3;

/**
 * A number as a view stores it to draw: `digits` significant digits (4: a fraction of a pixel on any chart),
 * or more where fewer would round differently to the 3 digits a hover or text shows (0.71249 is kept as
 * 0.71249, not as 0.7125, which reads 0.713; 1845.3 not as 1845, which `formatNumber` writes whole) or would move it by more than `resolution`. Integers and
 * non-finite values are kept as they are, -0 as 0 (as JSON writes it).
 */
export function drawnNumber(v: number, resolution = Infinity, digits = SHOWN_DIGITS + 1): number {
  if (v === 0) return 0;
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  const [shown, text] = [v.toPrecision(SHOWN_DIGITS), formatNumber(v)];
  for (let d = Math.max(SHOWN_DIGITS, digits); d < 17; d++) {
    const kept = Number(v.toPrecision(d));
    if (kept.toPrecision(SHOWN_DIGITS) === shown && formatNumber(kept) === text && Math.abs(kept - v) <= resolution) return kept;
  }
  return v;
}

/**
 * The values of one axis, series or colour scale as `drawnNumber` keeps them, none moved by more than
 * 10^-digits of their spread: values far from 0 for their spread (x from 1000 to 1001) keep the digits
 * they need. A heatmap's colours and hovers need 3 digits, a line's positions 4.
 */
export function drawnNumbers(values: ArrayLike<number>, digits = SHOWN_DIGITS + 1): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const resolution = hi > lo ? (hi - lo) / 10 ** digits : Infinity;
  return Array.from(values, (v) => drawnNumber(v, resolution, digits));
}

/**
 * A float32 value written with the fewest digits that read back as the same float32 (-0.30214396, not
 * -0.30214396119117737): exact for a tensor's values, at half the characters. Others are kept as they are.
 */
export function float32Number(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v) || Math.fround(v) !== v) return v;
  for (let d = 1; d < 9; d++) {
    const kept = Number(v.toPrecision(d));
    if (Math.fround(kept) === v) return kept;
  }
  return Number(v.toPrecision(9));
}
