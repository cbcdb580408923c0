// A page that hosts the built renderer bundle the way the HTML report does (modules from blob URLs, the
// renderer API faked) with nothing else in it, so that views can be drawn, drawn again and disposed from a
// test; and the editor theme applied to it the way VS Code's webview applies it. KaTeX's stylesheet and fonts
// load from the built out/katex/, as they do next to the renderer in the editor (the renderer names its
// stylesheet's link "nnbook-katex", so the bundle's script is named otherwise).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./codeServer";

declare global {
  /** In the page: what it offers tests to call through `page.evaluate`. */
  var nnbookPage: RendererPage;
}

export interface RendererPage {
  /** Draws one output item as VS Code calls `renderOutputItem`; `signal` defaults to one never aborted. */
  render(id: string, mime: string, data: unknown, element: HTMLElement, signal?: AbortSignal): Promise<void>;
  dispose(id?: string): void;
  /** Views the renderer keeps, by its own count. */
  viewCount(): number;
  /** The output element named `name`, made on first use. */
  output(name: string): HTMLElement;
}

export type ThemeKind = "vscode-light" | "vscode-dark" | "vscode-high-contrast";

/** A few of the variables VS Code sets, from its Light Modern, Dark Modern and Dark High Contrast themes. */
export const THEMES: Record<ThemeKind, Record<string, string>> = {
  "vscode-light": {
    "--vscode-editor-background": "#ffffff",
    "--vscode-foreground": "#3b3b3b",
    "--vscode-editor-foreground": "#3b3b3b",
    "--vscode-editorWidget-border": "#e0e0e0",
    "--vscode-charts-blue": "#1a85ff",
    "--vscode-charts-orange": "#d18616",
    "--vscode-charts-red": "#e51400",
    "--vscode-descriptionForeground": "#717171",
    "--vscode-textCodeBlock-background": "#dcdcdc66",
    "--vscode-debugTokenExpression-name": "#9b46b0",
    "--vscode-debugTokenExpression-string": "#a31515",
    "--vscode-debugTokenExpression-number": "#098658",
    "--vscode-debugTokenExpression-boolean": "#0000ff",
  },
  "vscode-dark": {
    "--vscode-editor-background": "#1f1f1f",
    "--vscode-foreground": "#cccccc",
    "--vscode-editor-foreground": "#cccccc",
    "--vscode-editorWidget-border": "#454545",
    "--vscode-charts-blue": "#3794ff",
    "--vscode-charts-orange": "#d18616",
    "--vscode-charts-red": "#f14c4c",
    "--vscode-descriptionForeground": "#9d9d9d",
    "--vscode-textCodeBlock-background": "#0a0a0a66",
    "--vscode-debugTokenExpression-name": "#c586c0",
    "--vscode-debugTokenExpression-string": "#ce9178",
    "--vscode-debugTokenExpression-number": "#b5cea8",
    "--vscode-debugTokenExpression-boolean": "#4e94ce",
  },
  "vscode-high-contrast": {
    "--vscode-editor-background": "#000000",
    "--vscode-foreground": "#ffffff",
    "--vscode-editor-foreground": "#ffffff",
    "--vscode-editorWidget-border": "#6fc3df",
    "--vscode-charts-blue": "#3794ff",
    "--vscode-charts-orange": "#d18616",
    "--vscode-charts-red": "#f14c4c",
    "--vscode-descriptionForeground": "#ffffff",
    "--vscode-textCodeBlock-background": "#000000",
    "--vscode-debugTokenExpression-name": "#ffffff",
    "--vscode-debugTokenExpression-string": "#ce9178",
    "--vscode-debugTokenExpression-number": "#b5cea8",
    "--vscode-debugTokenExpression-boolean": "#75bdfe",
  },
};

/** Writes the page into `dir` and returns its path; `outDir` is the built `out/` folder. */
export function writeRendererPage(dir: string, outDir: string): string {
  const bundle = (file: string) => readFileSync(join(outDir, "renderers", file)).toString("base64");
  const file = join(dir, "renderer.html");
  writeFileSync(
    file,
    `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><style>${PAGE_STYLES}</style></head>
<body>
<main></main>
<script type="text/plain" id="nnbook-renderer">${bundle("nnbookRenderer.js")}</script>
<script type="text/plain" id="nnbook-plotly">${bundle("plotly.js")}</script>
<script type="text/plain" id="nnbook-katex-module">${bundle("katex.js")}</script>
<script>globalThis.nnbookKatexCssUrl = ${JSON.stringify(pathToFileURL(join(outDir, "katex", "katex.min.css")).href)};</script>
<script type="module">${BOOTSTRAP}</script>
</body>
</html>
`,
  );
  return file;
}

/** Switches the page's theme as VS Code does: kind and class on the body, variables on the root element. */
export async function applyTheme(page: Page, kind: ThemeKind): Promise<void> {
  await page.evaluate(
    ([kind, vars]) => {
      document.body.classList.remove("vscode-light", "vscode-dark", "vscode-high-contrast");
      document.body.classList.add(kind);
      document.body.dataset.vscodeThemeKind = kind;
      for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
    },
    [kind, THEMES[kind]] as const,
  );
}

const PAGE_STYLES = `
body { margin: 0; padding: 16px; width: 760px; background: var(--vscode-editor-background); color: var(--vscode-foreground);
  font-family: system-ui, sans-serif; }
.output { margin-bottom: 16px; }
`;

const BOOTSTRAP = `
const moduleUrl = (id) => {
  const bytes = Uint8Array.from(atob(document.getElementById(id).textContent), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
};
globalThis.nnbookPlotlyUrl = moduleUrl("nnbook-plotly");
globalThis.nnbookKatexUrl = moduleUrl("nnbook-katex-module");
const renderer = await import(moduleUrl("nnbook-renderer"));
const api = renderer.activate({ workspace: { isTrusted: true }, settings: {}, postMessage: undefined, onDidReceiveMessage: undefined });
globalThis.nnbookPage = {
  render(id, mime, data, element, signal = new AbortController().signal) {
    const text = JSON.stringify(data);
    const item = {
      id, mime, metadata: undefined,
      text: () => text, json: () => data, data: () => new TextEncoder().encode(text),
      blob: () => new Blob([text], { type: mime }),
    };
    return api.renderOutputItem(item, element, signal);
  },
  dispose: (id) => api.disposeOutputItem(id),
  viewCount: () => api.viewCount(),
  output(name) {
    let element = document.querySelector('[data-output="' + name + '"]');
    if (!element) {
      element = document.createElement("div");
      element.className = "output";
      element.dataset.output = name;
      document.querySelector("main").appendChild(element);
    }
    return element;
  },
};
document.body.dataset.nnbookReady = "true";
`;

/**
 * The renderer page and a browser for one test file: made before its tests, closed and removed after.
 * `browser()` is the browser once the tests run.
 */
export function rendererBrowser(name: string): { html: string; browser: () => Browser; open: (theme: ThemeKind, options?: OpenOptions) => Promise<OpenedPage> } {
  const dir = mkdtempSync(join(tmpdir(), `nnbook-${name}-`));
  const html = writeRendererPage(dir, join(resolve(__dirname, "../.."), "out"));
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { html, browser: () => browser!, open: (theme, options) => openRendererPage(browser!, html, theme, options) };
}

export interface OpenOptions {
  deviceScaleFactor?: number;
  /** Also count console errors among the page's errors, not only uncaught ones. */
  consoleErrors?: boolean;
}

export interface OpenedPage {
  page: Page;
  /** Errors the page threw (and logged, with `consoleErrors`) since it opened. */
  errors: string[];
}

/** A new page of `html` in a context of its own, offline (only file:, blob: and data: load), in `theme`. */
export async function openRendererPage(browser: Browser, html: string, theme: ThemeKind, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 }, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
  await context.route(/^(?!file:|blob:|data:)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  if (options.consoleErrors) page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-nnbook-ready]");
  await applyTheme(page, theme);
  return { page, errors };
}
