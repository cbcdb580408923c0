import type { ThemeColors } from "./theme";

/**
 * The one diverging scale of signed values (weights, gradients, biases) in every view: negative in the
 * theme's red, 0 the editor background, positive in its blue, symmetric at ±max|x| so that intensities
 * compare. `theme.ts` reads the same variables for plotly, which needs colours rather than variables.
 */
export const SIGN_CSS = {
  positive: "var(--vscode-charts-blue, #1a85ff)",
  negative: "var(--vscode-charts-red, #e51400)",
  zero: "var(--vscode-editor-background, #ffffff)",
} as const;

/** The scale as plotly takes it, in the theme's colours. */
export function divergingScale(theme: ThemeColors): [number, string][] {
  return [
    [0, theme.negative],
    [0.5, theme.background],
    [1, theme.positive],
  ];
}

/** Unsigned values from 0 (the background) to the positive hue. */
export function sequentialScale(theme: ThemeColors): [number, string][] {
  return [
    [0, theme.background],
    [1, theme.positive],
  ];
}

/**
 * `v` on the scale ±`maxAbs` as a CSS colour that mixes the theme's variables, so a theme switch re-colours
 * it without drawing it again.
 */
export function divergingCss(v: number, maxAbs: number): string {
  const share = maxAbs > 0 ? Math.min(1, Math.abs(v) / maxAbs) : 0;
  const percent = Math.round(share * 1000) / 10;
  return `color-mix(in srgb, ${v < 0 ? SIGN_CSS.negative : SIGN_CSS.positive} ${percent}%, ${SIGN_CSS.zero})`;
}

/** The CSS gradient of the whole scale, from −max|x| on the left to +max|x| on the right. */
export const DIVERGING_GRADIENT = `linear-gradient(to right, ${SIGN_CSS.negative}, ${SIGN_CSS.zero}, ${SIGN_CSS.positive})`;
