import { SIGN_CSS } from "./palette";

const CSS = `
.nnbook-view { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #1f1f1f); }
.nnbook-caption { font-size: 12px; opacity: 0.8; margin: 2px 0 6px; }
.nnbook-matrix { border-collapse: collapse; font-family: var(--vscode-editor-font-family, monospace);
  font-size: var(--vscode-editor-font-size, 13px); margin-bottom: 6px; }
.nnbook-matrix td { padding: 2px 8px; text-align: right; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.25)); }
.nnbook-matrix th { padding: 2px 8px; text-align: right; font-weight: 600; border-bottom: 2px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.4)); }
.nnbook-matrix td.nnbook-positive { background: color-mix(in srgb, ${SIGN_CSS.positive} var(--nnbook-tint), transparent); }
.nnbook-matrix td.nnbook-negative { background: color-mix(in srgb, ${SIGN_CSS.negative} var(--nnbook-tint), transparent); }
.nnbook-matrix td.nnbook-gap { text-align: center; opacity: 0.6; }
.nnbook-summary td, .nnbook-summary th { text-align: left; }
.nnbook-summary td:nth-child(3) { white-space: nowrap; }
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
.nnbook-notes { list-style: none; margin: 2px 0 4px; padding: 0; font-size: 12px; line-height: 1.5; }
.nnbook-notes li { margin: 0; }
.nnbook-notes:empty { display: none; }
.nnbook-scroll-x { overflow-x: auto; max-width: 100%; }
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
.nnbook-code-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; max-width: 900px; }
.nnbook-code pre { max-width: 900px; max-height: 520px; overflow: auto; margin: 0 0 6px; padding: 8px 10px; border-radius: 3px;
  font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); line-height: 1.45;
  background: var(--vscode-textCodeBlock-background, rgba(128,128,128,0.1)); border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.25)); }
/* VS Code's webview styles inline code (a tint and padding behind every <code>): not the lines of a block. */
.nnbook-code pre code { display: block; background: none; padding: 0; border-radius: 0; color: inherit; font-size: inherit; font-family: inherit; white-space: pre; }
.nnbook-code .hljs-keyword, .nnbook-code .hljs-literal { color: var(--vscode-debugTokenExpression-boolean, #0000ff); }
.nnbook-code .hljs-string { color: var(--vscode-debugTokenExpression-string, #a31515); }
.nnbook-code .hljs-number { color: var(--vscode-debugTokenExpression-number, #098658); }
.nnbook-code .hljs-comment, .nnbook-code .hljs-meta { color: var(--vscode-descriptionForeground, #717171); font-style: italic; }
.nnbook-code .hljs-title, .nnbook-code .hljs-built_in { color: var(--vscode-debugTokenExpression-name, #9b46b0); }
.nnbook-activation { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
.nnbook-activation .nnbook-chart { max-width: 460px; }
.nnbook-formulas { flex: 1 1 220px; min-width: 0; overflow-x: auto; }
.nnbook-scale { display: flex; align-items: center; gap: 8px; font-size: 12px; margin: 4px 0 16px; font-variant-numeric: tabular-nums; }
.nnbook-scale-strip { position: relative; width: 180px; height: 12px; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.4)); }
.nnbook-scale-zero { position: absolute; left: 50%; top: 13px; transform: translateX(-50%); font-size: 10px; line-height: 1; }
.nnbook-player { display: flex; align-items: center; gap: 10px; font-size: 12px; margin: 4px 0; max-width: 760px; }
.nnbook-player input[type=range] { flex: 1 1 auto; accent-color: var(--vscode-charts-blue, #1a85ff); }
.nnbook-player button { font: inherit; min-width: 78px; padding: 2px 8px; cursor: pointer; color: var(--vscode-button-foreground, #ffffff);
  background: var(--vscode-button-background, #005fb8); border: 1px solid var(--vscode-contrastBorder, transparent); border-radius: 2px; }
.nnbook-player-epoch { min-width: 120px; font-variant-numeric: tabular-nums; }
.nnbook-weights-chart { width: 100%; max-width: 760px; }
.nnbook-gradients-chart { height: 440px; }
.nnbook-network-svg { display: block; max-width: 100%; height: auto; }
.nnbook-edge-line { pointer-events: none; stroke-linecap: round; }
.nnbook-edge.nnbook-positive .nnbook-edge-line { stroke: ${SIGN_CSS.positive}; }
.nnbook-edge.nnbook-negative .nnbook-edge-line { stroke: ${SIGN_CSS.negative}; }
.nnbook-edge-hit { stroke: transparent; stroke-width: 7px; pointer-events: stroke; }
.nnbook-edge:hover .nnbook-edge-line { stroke-opacity: 1; stroke-width: 4px; }
.nnbook-unit { fill: ${SIGN_CSS.zero}; stroke: var(--vscode-foreground, #1f1f1f); stroke-width: 1.2px; }
.nnbook-unit:hover { stroke-width: 2.5px; }
.nnbook-network text { fill: var(--vscode-foreground, #1f1f1f); text-anchor: middle; font-size: 12px; }
.nnbook-network .nnbook-column-name { font-weight: 600; }
.nnbook-network .nnbook-column-activation, .nnbook-network .nnbook-column-more { font-size: 11px; opacity: 0.85; }
.nnbook-verdict { font-size: 13px; margin: 4px 0 2px; padding: 4px 10px; max-width: 740px; border-left: 3px solid var(--vscode-charts-green, #388a34); }
.nnbook-verdict.nnbook-flagged { border-left-color: var(--vscode-editorWarning-foreground, #bf8803); }
.nnbook-formulas .katex-display, .nnbook-formulas .katex-display > .katex { text-align: left; }
.nnbook-graph-scroll { max-height: 560px; }
.nnbook-graph svg { display: block; font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
.nnbook-graph-edge { fill: none; stroke: var(--vscode-foreground, #3b3b3b); stroke-opacity: 0.55; stroke-width: 1.2; }
.nnbook-graph-arrowhead { fill: var(--vscode-foreground, #3b3b3b); fill-opacity: 0.7; }
.nnbook-graph-node rect { fill: var(--vscode-editor-background, #ffffff); stroke: var(--vscode-foreground, #3b3b3b); stroke-width: 1.2; }
.nnbook-graph-node text { fill: var(--vscode-editor-foreground, #3b3b3b); text-anchor: middle; }
.nnbook-graph-shape { opacity: 0.8; }
.nnbook-graph-parameter rect { stroke: var(--vscode-charts-blue, #1a85ff); stroke-width: 2.4; }
.nnbook-graph-constant rect { stroke-dasharray: 4 3; }
.nnbook-graph-op rect { fill: color-mix(in srgb, var(--vscode-foreground, #3b3b3b) 12%, var(--vscode-editor-background, #ffffff)); stroke-opacity: 0.6; }
.nnbook-graph-node[tabindex] { cursor: pointer; outline: none; }
.nnbook-graph-node[tabindex]:hover rect, .nnbook-graph-node[tabindex]:focus-visible rect { stroke-width: 3; }
.nnbook-graph-selected rect { stroke: var(--vscode-charts-orange, #d18616) !important; stroke-width: 3 !important; }
.nnbook-graph-details { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; margin-top: 4px; min-height: 3.6em; }
.nnbook-backprop { outline: none; max-width: 100%; }
.nnbook-backprop:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: 2px; }
.nnbook-backprop-controls { display: flex; align-items: center; gap: 12px; margin: 4px 0 8px; font-size: 12px; }
.nnbook-button { font: inherit; padding: 3px 10px; cursor: pointer; border-radius: 2px;
  color: var(--vscode-button-foreground, #ffffff); background: var(--vscode-button-background, #005fb8);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent)); }
.nnbook-button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground, #0258a8); }
.nnbook-button:disabled { opacity: 0.45; cursor: default; }
.nnbook-backprop-scroll { max-height: 560px; position: relative; }
.nnbook-backprop-steps { list-style: none; margin: 0; padding: 0; }
.nnbook-backprop-step { border-left: 3px solid transparent; padding: 2px 10px; margin: 2px 0; transition: opacity 0.15s; }
.nnbook-backprop-place { font-size: 12px; opacity: 0.8; }
.nnbook-backprop-formula { overflow-x: auto; overflow-y: hidden; }
.nnbook-backprop-formula .katex-display { margin: 4px 0; text-align: left; }
.nnbook-backprop-formula .katex-display > .katex { text-align: left; }
.nnbook-backprop-later { opacity: 0.3; }
.nnbook-backprop-used { border-left-color: var(--vscode-charts-blue, #1a85ff);
  background: color-mix(in srgb, var(--vscode-charts-blue, #1a85ff) 8%, transparent); }
.nnbook-backprop-current { border-left-color: var(--vscode-charts-orange, #d18616);
  background: color-mix(in srgb, var(--vscode-charts-orange, #d18616) 14%, transparent); }
`;

/** Adds the views' stylesheet to the output document once. */
export function ensureStyles(): void {
  if (document.getElementById("nnbook-styles")) return;
  const style = document.createElement("style");
  style.id = "nnbook-styles";
  style.textContent = CSS;
  document.head.appendChild(style);
}
