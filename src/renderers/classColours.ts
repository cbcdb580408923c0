import type { ThemeColors } from "./theme";

/**
 * The colour of class `c`, the same in every view that shows classes (the dataset's scatter, show.scatter,
 * the decision boundary, the confusion matrix): the theme's series colours by class index.
 */
export function classColour(theme: ThemeColors, c: number): string {
  return theme.series[c % theme.series.length];
}
