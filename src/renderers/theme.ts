/** Colours of the editor theme, from the `--vscode-*` variables VS Code sets in the output frame. */
export interface ThemeColors {
  foreground: string;
  /** What 0 is on the diverging scale: the editor's own background. */
  background: string;
  grid: string;
  /** The diverging scale's ends, the same hues as the tensor view's tints. */
  positive: string;
  negative: string;
  /** Series colours, in order. */
  series: string[];
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

export function themeColors(): ThemeColors {
  const kind = document.body.dataset.vscodeThemeKind ?? "";
  const dark = kind.includes("dark") || kind === "vscode-high-contrast";
  const foreground = cssVar("--vscode-editor-foreground", dark ? "#cccccc" : "#1f1f1f");
  const background = cssVar("--vscode-editor-background", dark ? "#1f1f1f" : "#ffffff");
  return {
    foreground,
    background,
    // Grid lines are the text colour faded into the background: a theme's border colour is an accent in high
    // contrast (cyan on black), far too loud for a grid.
    grid: mix(foreground, background, kind.includes("high-contrast") ? 0.3 : 0.16),
    positive: cssVar("--vscode-charts-blue", "#1a85ff"),
    negative: cssVar("--vscode-charts-red", "#e51400"),
    series: [
      cssVar("--vscode-charts-blue", "#1a85ff"),
      cssVar("--vscode-charts-orange", "#d18616"),
      cssVar("--vscode-charts-green", "#388a34"),
      cssVar("--vscode-charts-purple", "#652d90"),
      cssVar("--vscode-charts-red", "#e51400"),
    ],
  };
}

/** `a` over `b` at `share` (0–1), as an rgb() colour; any CSS colour the canvas understands is accepted. */
export function mix(a: string, b: string, share: number): string {
  const [ra, ga, ba] = rgb(a), [rb, gb, bb] = rgb(b);
  const at = (x: number, y: number) => Math.round(x * share + y * (1 - share));
  return `rgb(${at(ra, rb)}, ${at(ga, gb)}, ${at(ba, bb)})`;
}

let context: CanvasRenderingContext2D | null | undefined;

function rgb(colour: string): [number, number, number] {
  context ??= document.createElement("canvas").getContext("2d");
  if (!context) return [128, 128, 128];
  context.fillStyle = "#808080";
  context.fillStyle = colour;
  // The canvas normalises a colour it accepts to "#rrggbb" (or "rgba(…)" with transparency).
  const normal = String(context.fillStyle);
  if (normal.startsWith("#")) return [1, 3, 5].map((i) => parseInt(normal.slice(i, i + 2), 16)) as [number, number, number];
  const parts = normal.match(/[\d.]+/g)?.map(Number) ?? [128, 128, 128];
  return [parts[0], parts[1], parts[2]];
}
