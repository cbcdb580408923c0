/**
 * `from` mixed towards `to` by `t` (0: `from`, 1: `to`), as an `rgb()` string: how a surface is tinted with
 * a class colour over the editor's background. Colours are the theme's, in hex or `rgb()`; one that cannot
 * be read is returned as it is.
 */
export function mix(from: string, to: string, t: number): string {
  const a = rgb(from), b = rgb(to);
  if (!a || !b) return t < 0.5 ? from : to;
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return `rgb(${c.join(", ")})`;
}

/** A theme colour as [r, g, b] 0–255, from hex or `rgb()`; undefined when it is neither. */
export function rgb(colour: string): number[] | undefined {
  const s = colour.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(s)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) return [0, 1, 2].map((i) => parseInt(hex[i] + hex[i], 16));
  if (hex && (hex.length === 6 || hex.length === 8)) return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  return fn ? [fn[1], fn[2], fn[3]].map(Number) : undefined;
}
