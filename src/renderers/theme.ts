/** Colours of the editor theme, from the `--vscode-*` variables VS Code sets in the output frame. */
export interface ThemeColors {
  foreground: string;
  grid: string;
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
    grid: cssVar("--vscode-editorWidget-border", dark ? "#454545" : "#d0d0d0"),
    series: [
      cssVar("--vscode-charts-blue", "#1a85ff"),
      cssVar("--vscode-charts-orange", "#d18616"),
      cssVar("--vscode-charts-green", "#388a34"),
      cssVar("--vscode-charts-purple", "#652d90"),
      cssVar("--vscode-charts-red", "#e51400"),
    ],
  };
}
