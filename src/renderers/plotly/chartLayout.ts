import { mix, type ThemeColors } from "../theme";

/** What every nnbook chart shares: transparent background, theme colours on text, axes and grid. */
export function chartLayout(theme: ThemeColors, margin: { t: number }) {
  return {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: theme.foreground, family: getComputedStyle(document.body).fontFamily },
    margin: { l: 60, r: 20, t: margin.t, b: 45 },
    // The toolbar shows on hover only (plotly's default), in the theme's colours rather than plotly's greys.
    modebar: { bgcolor: "rgba(0,0,0,0)", color: mix(theme.foreground, theme.background, 0.5), activecolor: theme.foreground },
  };
}

/** Axis colours from the theme. */
export function themedAxis(theme: ThemeColors) {
  return { color: theme.foreground, gridcolor: theme.grid, zerolinecolor: theme.grid };
}

export const CHART_CONFIG = { displaylogo: false, responsive: true };
