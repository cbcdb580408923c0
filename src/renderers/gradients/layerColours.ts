import type { ThemeColors } from "../theme";

/**
 * A colour per layer, input to output, from the theme's first series colour to its second: depth reads as a
 * gradual change of hue, where cycling a palette would give layer 0 and layer 5 the same colour.
 */
export function layerColours(theme: ThemeColors, n: number): string[] {
  const [from, to] = [rgb(theme.series[0]), rgb(theme.series[1])];
  if (!from || !to) return Array.from({ length: n }, (_, i) => theme.series[i % theme.series.length]);
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    const c = from.map((v, k) => Math.round(v + (to[k] - v) * t));
    return `rgb(${c.join(", ")})`;
  });
}

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)` as numbers; undefined for any other form. */
function rgb(colour: string): number[] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join("") : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(colour.trim());
  return fn ? fn.slice(1, 4).map(Number) : undefined;
}
