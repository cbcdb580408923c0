/**
 * How an edge shows |w| as a share of the view's max|w|: width and opacity, from faint to full. One widest
 * width for the whole view, so widths compare across layers; the more edges the densest pair of columns
 * has, the thinner it is, so that a 24 × 24 tangle is not one block of colour.
 */
export function edgeStyle(share: number, densest: number): { width: number; opacity: number } {
  const widest = Math.max(1.5, Math.min(4.5, (4.5 * 8) / Math.sqrt(Math.max(1, densest))));
  return { width: round(0.5 + (widest - 0.5) * share), opacity: round(0.15 + 0.85 * share) };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
