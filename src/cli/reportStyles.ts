/**
 * The report page's look: an editor theme, light or dark as the reader's system prefers, with the
 * variables the renderers read.
 */
export const reportStyles = `
:root { color-scheme: light; }
:root:has(body[data-vscode-theme-kind="vscode-dark"]) { color-scheme: dark; }
body {
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  --vscode-editor-font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
  --vscode-editor-font-size: 13px;
  --vscode-foreground: #3b3b3b;
  --vscode-editor-foreground: #3b3b3b;
  --vscode-editorWidget-border: #e0e0e0;
  --vscode-editor-background: #ffffff;
  --vscode-charts-blue: #1a85ff;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #388a34;
  --vscode-charts-purple: #652d90;
  --vscode-charts-red: #e51400;
  --report-background: #ffffff;
  --report-source-background: #f7f7f7;
  --report-source-border: #e5e5e5;
  --report-stderr-background: #fff5e6;
  --report-error-foreground: #a1260d;
  --report-error-background: #fdeeee;
  margin: 0; background: var(--report-background); color: var(--vscode-foreground);
  font-family: var(--vscode-font-family); line-height: 1.5;
}
body[data-vscode-theme-kind="vscode-dark"] {
  --vscode-foreground: #cccccc;
  --vscode-editor-foreground: #cccccc;
  --vscode-editorWidget-border: #454545;
  --vscode-editor-background: #1f1f1f;
  --vscode-charts-blue: #3794ff;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #89d185;
  --vscode-charts-purple: #b180d7;
  --vscode-charts-red: #f14c4c;
  --vscode-errorForeground: #f85149;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --report-background: #1f1f1f;
  --report-source-background: #181818;
  --report-source-border: #2b2b2b;
  --report-stderr-background: #3a2d14;
  --report-error-foreground: #f48771;
  --report-error-background: #3a1d1d;
}
main { max-width: 920px; margin: 0 auto; padding: 24px 32px 64px; }
.title { font-size: 13px; font-weight: normal; opacity: 0.6; margin: 0 0 16px; }
.cell { margin: 12px 0; }
.cell.code { display: grid; grid-template-columns: 48px 1fr; column-gap: 8px; }
.prompt { grid-row: 1; font-family: var(--vscode-editor-font-family); font-size: 12px; opacity: 0.6; padding-top: 8px; text-align: right; }
.source { grid-column: 2; margin: 0; padding: 8px 12px; background: var(--report-source-background); border: 1px solid var(--report-source-border); border-radius: 4px;
  font-family: var(--vscode-editor-font-family); font-size: 13px; overflow-x: auto; }
.outputs { grid-column: 2; }
.output { margin: 6px 0; }
pre.output { font-family: var(--vscode-editor-font-family); font-size: 13px; white-space: pre-wrap; padding: 0 12px; }
pre.output.stderr { background: var(--report-stderr-background); }
pre.output.error { color: var(--report-error-foreground); background: var(--report-error-background); padding: 6px 12px; }
.rich { padding: 0 12px; }
.rich pre.fallback { font-family: var(--vscode-editor-font-family); font-size: 13px; }
`;
