const CSS = `
.nnbook-view { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #1f1f1f); }
.nnbook-caption { font-size: 12px; opacity: 0.8; margin: 2px 0 6px; }
.nnbook-matrix { border-collapse: collapse; font-family: var(--vscode-editor-font-family, monospace);
  font-size: var(--vscode-editor-font-size, 13px); margin-bottom: 6px; }
.nnbook-matrix td { padding: 2px 8px; text-align: right; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.25)); }
.nnbook-matrix th { padding: 2px 8px; text-align: right; font-weight: 600; border-bottom: 2px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.4)); }
.nnbook-matrix td.nnbook-positive { background: color-mix(in srgb, var(--vscode-charts-blue, #1a85ff) var(--nnbook-tint), transparent); }
.nnbook-matrix td.nnbook-negative { background: color-mix(in srgb, var(--vscode-charts-red, #e51400) var(--nnbook-tint), transparent); }
.nnbook-matrix td.nnbook-gap { text-align: center; opacity: 0.6; }
.nnbook-summary td, .nnbook-summary th { text-align: left; }
.nnbook-summary td:nth-child(4), .nnbook-summary th:nth-child(4), .nnbook-summary tr.nnbook-total td:nth-child(2) { text-align: right; }
.nnbook-summary tr.nnbook-total td { font-weight: 600; border-top: 2px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.4)); }
.nnbook-equation { font-family: initial; padding: 4px 12px !important; white-space: nowrap; }
.nnbook-tex { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; white-space: pre-wrap; }
.nnbook-error { border-left: 3px solid var(--vscode-errorForeground, #e51400); padding: 6px 12px; margin: 2px 0;
  background: var(--vscode-inputValidation-errorBackground, rgba(229, 20, 0, 0.08)); }
.nnbook-error-title { font-weight: 600; margin-bottom: 2px; }
.nnbook-error-detail { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.nnbook-slice { font-size: 12px; opacity: 0.8; margin: 6px 0 2px; font-family: var(--vscode-editor-font-family, monospace); }
.nnbook-chart { width: 100%; max-width: 760px; height: 320px; }
.nnbook-chart.nnbook-surface { max-width: 600px; height: 520px; }
.nnbook-images { display: flex; flex-wrap: wrap; gap: 6px; max-width: 760px; margin-bottom: 6px; }
.nnbook-image { margin: 0; padding: 3px; border: 2px solid transparent; border-radius: 3px; text-align: center; }
.nnbook-image canvas { display: block; image-rendering: pixelated; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.4)); }
.nnbook-image figcaption { font-size: 12px; margin-top: 2px; font-variant-numeric: tabular-nums; }
.nnbook-image.nnbook-wrong { border-color: var(--vscode-errorForeground, #e51400); }
.nnbook-image.nnbook-wrong figcaption { color: var(--vscode-errorForeground, #e51400); font-weight: 600; }
.nnbook-wide { overflow-x: auto; max-width: 100%; }
.nnbook-wide td.nnbook-gap { text-align: left; }
.nnbook-scroll { overflow: auto; max-width: 100%; max-height: 480px; }
.nnbook-table { margin-bottom: 0; }
.nnbook-table th { position: sticky; top: 0; background: var(--vscode-editor-background, #ffffff); text-align: left; white-space: nowrap; }
.nnbook-table td { text-align: left; white-space: nowrap; max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
.nnbook-table .nnbook-number { text-align: right; font-variant-numeric: tabular-nums; }
.nnbook-math { overflow-x: auto; overflow-y: hidden; }
.nnbook-activation { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
.nnbook-activation .nnbook-chart { max-width: 460px; }
.nnbook-formulas { flex: 1 1 220px; min-width: 0; overflow-x: auto; }
.nnbook-formulas .katex-display, .nnbook-formulas .katex-display > .katex { text-align: left; }
`;

/** Adds the views' stylesheet to the output document once. */
export function ensureStyles(): void {
  if (document.getElementById("nnbook-styles")) return;
  const style = document.createElement("style");
  style.id = "nnbook-styles";
  style.textContent = CSS;
  document.head.appendChild(style);
}
