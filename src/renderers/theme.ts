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
  const dark = document.body.dataset.vscodeThemeKind?.includes("dark") ?? false;
  const foreground = cssVar("--vscode-editor-foreground", dark ? "#cccccc" : "#1f1f1f");
  return {
    foreground,
    background: cssVar("--vscode-editor-background", dark ? "#1f1f1f" : "#ffffff"),
    grid: cssVar("--vscode-editorWidget-border", dark ? "#454545" : "#d0d0d0"),
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
