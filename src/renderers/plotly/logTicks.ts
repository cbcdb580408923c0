// Ticks of a log axis that spans many decades, shared by the charts that draw one.

/**
 * Decades between two labelled ticks of a log axis: 1 up to ten decades, more beyond, so that a run that
 * diverged (a loss from 1 to 10³⁸) gets about ten labels, not forty on top of each other.
 */
export function decadeStep(decades: number): number {
  return Math.max(1, Math.ceil(decades / 10));
}
