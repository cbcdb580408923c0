/**
 * The names of features that have none, as the toy sets name theirs (x₁, x₂ in the maths): x1, x2, …,
 * and a single one x, as in `data.line()`.
 */
export function numberedFeatures(count: number): string[] {
  return count === 1 ? ["x"] : Array.from({ length: count }, (_, j) => `x${j + 1}`);
}

/** A name per feature of a data set: its own when it has one for each, else as `numberedFeatures`. */
export function featureNamesOf(ds: { readonly featureNames?: readonly string[]; readonly features: number }): readonly string[] {
  return ds.featureNames?.length === ds.features ? ds.featureNames : numberedFeatures(ds.features);
}
