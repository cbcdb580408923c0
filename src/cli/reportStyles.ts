/** The report page's look: a light editor theme, with the variables the renderers read. */
export const reportStyles = `
:root { color-scheme: light; }
body {
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  --vscode-editor-font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
  --vscode-editor-font-size: 13px;
  --vscode-foreground: #3b3b3b;
  --vscode-editor-foreground: #3b3b3b;
  --vscode-editorWidget-border: #e0e0e0;
  --vscode-charts-blue: #1a85ff;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #388a34;
  --vscode-charts-purple: #652d90;
  --vscode-charts-red: #e51400;
  margin: 0; background: #ffffff; color: var(--vscode-foreground);
  font-family: var(--vscode-font-family); line-height: 1.5;
}
main { max-width: 920px; margin: 0 auto; padding: 24px 32px 64px; }
.title { font-size: 13px; font-weight: normal; opacity: 0.6; margin: 0 0 16px; }
.cell { margin: 12px 0; }
.cell.code { display: grid; grid-template-columns: 48px 1fr; column-gap: 8px; }
.prompt { grid-row: 1; font-family: var(--vscode-editor-font-family); font-size: 12px; opacity: 0.6; padding-top: 8px; text-align: right; }
.source { grid-column: 2; margin: 0; padding: 8px 12px; background: #f7f7f7; border: 1px solid #e5e5e5; border-radius: 4px;
  font-family: var(--vscode-editor-font-family); font-size: 13px; overflow-x: auto; }
.outputs { grid-column: 2; }
.output { margin: 6px 0; }
pre.output { font-family: var(--vscode-editor-font-family); font-size: 13px; white-space: pre-wrap; padding: 0 12px; }
pre.output.stderr { background: #fff5e6; }
pre.output.error { color: #a1260d; background: #fdeeee; padding: 6px 12px; }
.rich { padding: 0 12px; }
.rich pre.fallback { font-family: var(--vscode-editor-font-family); font-size: 13px; }
`;
