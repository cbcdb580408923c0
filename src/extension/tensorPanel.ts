import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { isNnbookMime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";

let panel: vscode.WebviewPanel | undefined;

/**
 * A tensor of the variables view, drawn by the notebook's own renderer bundle in a webview beside
 * the notebook, as `show.tensor` draws it in a cell. One panel, reused for the next tensor.
 */
export function showTensorPanel(extensionUri: vscode.Uri, name: string, items: OutputItem[]): void {
  const renderers = vscode.Uri.joinPath(extensionUri, "out", "renderers");
  panel ??= createPanel(renderers);
  panel.title = `nnbook: ${name}`;
  const nonce = randomBytes(16).toString("base64");
  const webview = panel.webview;
  const rich = items.find((item) => isNnbookMime(item.mime));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${webview.cspSource}`,
    `style-src 'unsafe-inline' ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src data: blob: ${webview.cspSource}`,
  ].join("; ");
  const payload = JSON.stringify({ name, item: rich ?? null }).replace(/</g, "\\u003c");
  webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style>body { padding: 12px 16px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); } h2 { font-weight: 600; font-size: 1.1em; margin: 0 0 8px; }</style>
</head><body>
<h2 id="name"></h2>
<div id="view"></div>
<script type="application/json" id="payload">${payload}</script>
<script type="module" nonce="${nonce}">
const { name, item } = JSON.parse(document.getElementById("payload").textContent);
document.getElementById("name").textContent = name;
const view = document.getElementById("view");
if (!item) view.textContent = "This value has no view.";
else {
  const renderer = await import(${JSON.stringify(webview.asWebviewUri(vscode.Uri.joinPath(renderers, "nnbookRenderer.js")).toString())});
  const api = renderer.activate({ workspace: { isTrusted: true }, settings: {} });
  const text = JSON.stringify(item.data);
  await api.renderOutputItem({
    id: "variable-" + name, mime: item.mime, metadata: undefined,
    text: () => text, json: () => item.data, data: () => new TextEncoder().encode(text),
    blob: () => new Blob([text], { type: item.mime }),
  }, view, new AbortController().signal);
  document.body.dataset.nnbookRendered = "true";
}
</script>
</body></html>`;
  panel.reveal(vscode.ViewColumn.Beside, true);
}

function createPanel(renderers: vscode.Uri): vscode.WebviewPanel {
  const created = vscode.window.createWebviewPanel("nnbook.tensor", "nnbook", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: true,
    localResourceRoots: [renderers],
  });
  created.onDidDispose(() => {
    if (panel === created) panel = undefined;
  });
  return created;
}
