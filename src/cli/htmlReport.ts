import { readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import markdownKatex from "@vscode/markdown-it-katex";
import type { NnbookFile } from "../format";
import { isNnbookMime, Mime } from "../protocol/mimes";
import type { CellOutput } from "../protocol/outputs";
import { TEX_OPTIONS } from "../protocol/texOptions";
import { escapeHtml, scriptJson } from "./pageText";
import { reportStyles } from "./reportStyles";

/** Mimes the editor's renderer draws (all of nnbook's own); the report hands them to the same bundle. */
const RENDERED = new Set<string>(Object.values(Mime).filter(isNnbookMime));

export interface ReportOptions {
  title: string;
  /** The built `out/` folder, where the renderer bundle and KaTeX's stylesheet are. */
  outDir: string;
}

/**
 * One self-contained page: markdown and math rendered here, console text and errors as text, and
 * every rich output drawn in the browser by the editor's own renderer bundle, embedded in the page.
 */
export function htmlReport(notebook: NnbookFile, options: ReportOptions): string {
  const md = new MarkdownIt({ html: false, linkify: true });
  md.use(markdownKatex, { ...TEX_OPTIONS, enableBareBlocks: true, enableFencedBlocks: true });
  const rich: { mime: string; data: unknown }[] = [];

  const cells = notebook.cells.map((cell) => {
    if (cell.kind === "markdown") return `<section class="cell markdown">${md.render(cell.source)}</section>`;
    const order = cell.execution?.order;
    const outputs = cell.outputs.map((output) => outputHtml(output, rich)).join("\n");
    return `<section class="cell code">
<div class="prompt">[${order ?? " "}]</div>
<pre class="source"><code>${escapeHtml(cell.source)}</code></pre>
<div class="outputs">${outputs}</div>
</section>`;
  });

  const read = (file: string) => readFileSync(path.join(options.outDir, file));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${katexCss(options.outDir)}</style>
<style>${reportStyles}</style>
</head>
<body data-vscode-theme-kind="vscode-light">
<main>
<h1 class="title">${escapeHtml(options.title)}</h1>
${cells.join("\n")}
</main>
<script type="application/json" id="nnbook-outputs">${scriptJson(rich)}</script>
<script type="text/plain" id="nnbook-renderer">${read("renderers/nnbookRenderer.js").toString("base64")}</script>
<script type="text/plain" id="nnbook-plotly">${read("renderers/plotly.js").toString("base64")}</script>
<script type="text/plain" id="nnbook-katex">${read("renderers/katex.js").toString("base64")}</script>
<script type="module">${BOOTSTRAP}</script>
</body>
</html>
`;
}

function outputHtml(output: CellOutput, rich: { mime: string; data: unknown }[]): string {
  const renderable = output.items.find((item) => RENDERED.has(item.mime));
  if (renderable) {
    rich.push(renderable);
    const fallback = output.items.find((item) => item.mime === Mime.text);
    return `<div class="output rich" data-nnbook-output="${rich.length - 1}"><pre class="fallback">${escapeHtml(String(fallback?.data ?? ""))}</pre></div>`;
  }
  const [item] = output.items;
  if (!item) return "";
  if (item.mime === Mime.error) return `<pre class="output error">${escapeHtml(errorText(item.data))}</pre>`;
  const text = output.items.find((i) => i.mime === Mime.text || i.mime === Mime.stdout || i.mime === Mime.stderr);
  const kind = item.mime === Mime.stderr ? "stderr" : "stdout";
  return `<pre class="output ${kind}">${escapeHtml(String(text?.data ?? `(${item.mime})`))}</pre>`;
}

/** KaTeX's stylesheet with its woff2 fonts inlined, so math renders without the network. */
function katexCss(outDir: string): string {
  const dir = path.join(outDir, "katex");
  return readFileSync(path.join(dir, "katex.min.css"), "utf8")
    .replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("[^"]+"\)/g, "")
    .replace(/url\(fonts\/([^)]+\.woff2)\)/g, (_, font: string) => {
      const data = readFileSync(path.join(dir, "fonts", font)).toString("base64");
      return `url(data:font/woff2;base64,${data})`;
    });
}

// Loads the renderer bundle from the page, gives it the renderer API VS Code would, and draws each output.
const BOOTSTRAP = `
const moduleUrl = (id) => {
  const bytes = Uint8Array.from(atob(document.getElementById(id).textContent), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
};
globalThis.nnbookPlotlyUrl = moduleUrl("nnbook-plotly");
globalThis.nnbookKatexUrl = moduleUrl("nnbook-katex");
globalThis.nnbookKatexCssUrl = ""; // KaTeX styles are in the page already
// The reader's system theme, set before drawing: the views take their colours from it as they draw.
if (matchMedia("(prefers-color-scheme: dark)").matches) document.body.dataset.vscodeThemeKind = "vscode-dark";
const renderer = await import(moduleUrl("nnbook-renderer"));
const outputs = JSON.parse(document.getElementById("nnbook-outputs").textContent);
const api = renderer.activate({ workspace: { isTrusted: true }, settings: {}, postMessage: undefined, onDidReceiveMessage: undefined });
for (const element of document.querySelectorAll("[data-nnbook-output]")) {
  const index = Number(element.dataset.nnbookOutput);
  const { mime, data } = outputs[index];
  const text = JSON.stringify(data);
  const view = document.createElement("div");
  element.replaceChildren(view);
  await api.renderOutputItem({
    id: "output-" + index, mime, metadata: undefined,
    text: () => text, json: () => data, data: () => new TextEncoder().encode(text),
    blob: () => new Blob([text], { type: mime }),
  }, view, new AbortController().signal);
}
document.body.dataset.nnbookRendered = "true";
`;

/** An error output's text: its stack, or its name and message; whatever a file holds, as text. */
function errorText(data: unknown): string {
  const error = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  if (typeof error.stack === "string" && error.stack) return error.stack;
  if (typeof error.message === "string") return `${typeof error.name === "string" ? error.name : "Error"}: ${error.message}`;
  return `Error: ${JSON.stringify(data)}`;
}
