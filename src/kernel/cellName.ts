/**
 * A cell as the editor shows it: by the execution count in its gutter ([3]) where it has one, with
 * its place in the notebook said as such, since counts and places differ once cells are rerun.
 * `cell [3], the 9th cell`, or `the 9th cell` for a run without a count.
 */
export function cellName(position: number, executionCount?: number): string {
  const place = `the ${ordinal(position)} cell`;
  return executionCount === undefined ? place : `cell [${executionCount}], ${place}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
