// Did anything in test/corpus/hostile/outputs.nnbook run? Each of its handlers and scripts, if it ever runs,
// sets `data-pwned` on the document it runs in (and some call alert): the tests look for both.

import type { Frame, Page } from "playwright-core";

/** The marks left in the page and every frame in it (VS Code's webviews included). */
export async function marksLeft(page: Page): Promise<string[]> {
  const marks: string[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    const mark = await frame.evaluate(() => document.documentElement.dataset.pwned).catch(() => undefined);
    if (mark) marks.push(`${mark} (in ${frame.url()})`);
  }
  return marks;
}

/** Every dialog the page or a frame opens, dismissed and kept for the assertion. */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return dialogs;
}

/** What the hostile outputs look like once drawn, read inside one document (a page or an output frame). */
export interface DrawnOutputs {
  images: number;
  errorBoxes: string[];
  summaryCells: string[];
  typeset: number;
  katexFont: string;
  chartTexts: string[];
}

export function readDrawnOutputs(frame: Page | Frame): Promise<DrawnOutputs> {
  // No named functions inside: the page has no `__name`, which tsx's keepNames would call.
  return frame.evaluate(() => {
    const katex = document.querySelector(".nnbook-equation .katex");
    return {
      images: document.querySelectorAll("img").length,
      errorBoxes: Array.from(document.querySelectorAll(".nnbook-error"), (e) => e.textContent ?? ""),
      summaryCells: Array.from(document.querySelectorAll("table.nnbook-summary td"), (e) => e.textContent ?? ""),
      typeset: document.querySelectorAll("table.nnbook-summary .nnbook-equation .katex").length,
      katexFont: katex ? getComputedStyle(katex).fontFamily : "",
      chartTexts: Array.from(
        document.querySelectorAll(".js-plotly-plot .gtitle, .js-plotly-plot .xtitle, .js-plotly-plot .ytitle, .js-plotly-plot .legendtext"),
        (e) => e.textContent ?? "",
      ),
    };
  });
}
