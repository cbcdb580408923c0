/**
 * The name of `names` nearest to `given` by edit distance, ignoring case; undefined when none is within
 * `maxDistance` edits (by default: half the word, at least 2). Of two as near, the one whose case
 * matches too (`tensr` is nearer `tensor` than `Tensor`).
 */
export function closestName(given: string, names: readonly string[], maxDistance?: number): string | undefined {
  const target = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    let d = editDistance(target, name.toLowerCase());
    if (editDistance(given, name) > d) d += 0.5;
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  // Further than half the word away is a different word, not a typo.
  return Math.floor(bestDistance) <= (maxDistance ?? Math.max(2, Math.floor(target.length / 2))) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
