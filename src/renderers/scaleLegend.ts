import { formatNumber } from "../protocol/numbers";
import { DIVERGING_GRADIENT } from "./palette";

/**
 * The diverging scale of a view as one strip, −max|x| to +max|x| with 0 in the middle: shared by every
 * heatmap or edge of the view, so it is drawn once. It mixes the theme's variables, so it re-colours itself.
 */
export function scaleLegend(maxAbs: number, what: string): HTMLDivElement {
  const legend = document.createElement("div");
  legend.className = "nnbook-scale";
  legend.setAttribute("aria-label", `colour scale of ${what}: from ${formatNumber(-maxAbs)} to ${formatNumber(maxAbs)}, 0 in the middle`);
  const label = (text: string) => {
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  };
  const strip = document.createElement("span");
  strip.className = "nnbook-scale-strip";
  strip.style.background = DIVERGING_GRADIENT;
  const zero = label("0");
  zero.className = "nnbook-scale-zero";
  strip.appendChild(zero);
  legend.append(label(`${what} ${formatNumber(-maxAbs)}`), strip, label(formatNumber(maxAbs)));
  return legend;
}
