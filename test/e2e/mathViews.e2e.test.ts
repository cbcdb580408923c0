// The activation chart, display math and table views drawn in Chromium from the payloads the kernel writes:
// what each shows (traces, typeset formulas, table cells), that strings from a payload stay text, and a
// screenshot of each in the light, dark and high-contrast themes.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { Mime } from "../../src/protocol/mimes";
import { activationPayload } from "../../src/views/activationView";
import { mathItems } from "../../src/views/mathView";
import { tablePayload } from "../../src/views/tableView";
import { RESULTS_DIR } from "./notebookPage";
import { type ThemeKind, rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("math-views");

const HOSTILE = "<img src=x onerror=alert(1)>";
const ACTIVATION = { mime: Mime.activation, data: activationPayload("gelu") };
const MATH = { mime: Mime.math, data: mathItems("\\frac{\\partial L}{\\partial W} = \\delta\\, \\mathbf{x}^\\top, \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}")[0].data };
const TABLE_ROWS = [
  { activation: "relu", "final loss": 0.0001234, steps: 12345.678, dead: 0.31, note: HOSTILE },
  { activation: "sigmoid", "final loss": 0.0812, steps: 2000, saturated: true },
  { activation: "tanh", "final loss": NaN, steps: 1500000 },
];
const TABLE = { mime: Mime.table, data: tablePayload(TABLE_ROWS) };
const WIDE = { mime: Mime.table, data: tablePayload(Array.from({ length: 1500 }, (_, i) => Object.fromEntries(Array.from({ length: 30 }, (_, j) => [`feature ${j}`, i * 1000 + j])))) };

const openPage = (theme: ThemeKind) => open(theme, { deviceScaleFactor: 2, consoleErrors: true });

function draw(page: Page, name: string, item: { mime: string; data: unknown }): Promise<void> {
  return page.evaluate(([name, item]) => nnbookPage.render(name, item.mime, item.data, nnbookPage.output(name)), [name, item] as const);
}

/** Waits until KaTeX's fonts are in use, so that a screenshot shows typeset math and not a fallback font. */
function fontsReady(page: Page): Promise<unknown> {
  return page.evaluate(() => document.fonts.ready.then(() => document.fonts.check("16px KaTeX_Main")));
}

test("the activation chart: the function and its derivative as two traces, both formulas typeset beside it", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "activation", ACTIVATION);
    const shown = await page.evaluate(() => {
      const plot = document.querySelector(".js-plotly-plot") as HTMLElement & { _fullData: { name: string; x: number[] }[] };
      return {
        traces: plot._fullData.map((trace) => [trace.name, trace.x.length]),
        title: plot.querySelector(".gtitle")?.textContent,
        formulas: document.querySelectorAll(".nnbook-formulas .katex").length,
        source: document.querySelectorAll(".nnbook-tex").length,
        views: nnbookPage.viewCount(),
      };
    });
    assert.deepEqual(shown, { traces: [["a", 161], ["da/dz", 161]], title: "GELU and its derivative", formulas: 2, source: 0, views: 1 });
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("display math is typeset by KaTeX in display mode, and TeX that asks for links or HTML gets none", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "math", MATH);
    await draw(page, "hostile", { mime: Mime.math, data: { version: 1, tex: `\\href{javascript:alert(1)}{x} \\htmlClass{evil}{y} \\text{${HOSTILE}}` } });
    const shown = await page.evaluate(() => ({
      display: document.querySelectorAll('[data-output="math"] .katex-display').length,
      fraction: document.querySelectorAll('[data-output="math"] .mfrac').length,
      links: document.querySelectorAll("main a").length,
      images: document.querySelectorAll("main img").length,
      evil: document.querySelectorAll(".evil").length,
    }));
    assert.deepEqual(shown, { display: 1, fraction: 2, links: 0, images: 0, evil: 0 });
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a table shows its cells formatted for reading, strings as text, and a large one bounded and scrolling", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "table", TABLE);
    await draw(page, "wide", WIDE);
    const shown = await page.evaluate(() => {
      const table = document.querySelector('[data-output="table"] table')!;
      const wide = document.querySelector('[data-output="wide"]')!;
      const scroller = wide.querySelector(".nnbook-scroll")!;
      return {
        header: [...table.querySelectorAll("th")].map((th) => th.textContent),
        rows: [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
        images: document.querySelectorAll("main img").length,
        wideRows: wide.querySelectorAll("tbody tr").length,
        scrolls: scroller.scrollWidth > scroller.clientWidth && scroller.scrollHeight > scroller.clientHeight,
        note: [...wide.querySelectorAll(".nnbook-caption")].map((c) => c.textContent),
      };
    });
    assert.deepEqual(shown.header, ["activation", "final loss", "steps", "dead", "note", "saturated"]);
    assert.deepEqual(shown.rows, [
      ["relu", "1.23e-4", "12,300", "0.31", "<img src=x onerror=alert(1)>", ""],
      ["sigmoid", "0.0812", "2,000", "", "", "true"],
      ["tanh", "NaN", "1.50e+6", "", "", ""],
    ]);
    assert.equal(shown.images, 0);
    assert.deepEqual({ rows: shown.wideRows, scrolls: shown.scrolls, note: shown.note }, { rows: 1000, scrolls: true, note: ["1,500 rows · 30 columns", "… 500 more rows not shown"] });
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("each view in the light, dark and high-contrast themes", async () => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
    const { page, errors } = await openPage(theme);
    try {
      for (const [name, item] of [["activation", ACTIVATION], ["math", MATH], ["table", TABLE]] as const) await draw(page, name, item);
      await fontsReady(page);
      for (const name of ["activation", "math", "table"]) {
        await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `view-${name}-${theme}.png`) });
      }
      // The text follows the theme: the table's cells are in its foreground colour.
      const color = await page.evaluate(() => getComputedStyle(document.querySelector(".nnbook-table td")!).color);
      assert.equal(color, { "vscode-light": "rgb(59, 59, 59)", "vscode-dark": "rgb(204, 204, 204)", "vscode-high-contrast": "rgb(255, 255, 255)" }[theme]);
      assert.deepEqual(errors, [], theme);
    } finally {
      await page.context().close();
    }
  }
});
