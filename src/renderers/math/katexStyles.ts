/**
 * KaTeX's stylesheet, next to the renderer (out/katex/). It goes into the document head: fonts
 * declared only inside a shadow root do not load in Chromium. A page that already has the styles
 * (the HTML report) sets `globalThis.nnbookKatexCssUrl` to "".
 */
export function ensureKatexStyles(): void {
  if (document.getElementById("nnbook-katex")) return;
  const configured = (globalThis as { nnbookKatexCssUrl?: string }).nnbookKatexCssUrl;
  const href = configured ?? new URL("../katex/katex.min.css", import.meta.url).href;
  if (!href) return;
  const link = document.createElement("link");
  link.id = "nnbook-katex";
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}
