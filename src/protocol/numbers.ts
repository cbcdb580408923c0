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
