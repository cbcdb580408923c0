// The renderer's views in Chromium, drawn again and again into one output and then disposed: nothing of an
// old view stays behind (plots, window listeners, observers, detached nodes), a drawing cancelled while
// plotly loads draws nothing, and the views follow a theme switch without being drawn again.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { Mime } from "../../src/protocol/mimes";
import type { TensorPayload } from "../../src/protocol/payloads";
import { heatmapPayload } from "../../src/views/charts/heatmap";
import { histPayload } from "../../src/views/charts/hist";
import { plotPayload } from "../../src/views/charts/plot";
import { scatterPayload } from "../../src/views/charts/scatter";
import { lossPayload } from "../../src/views/lossView";
import { heapProbe, type HeapProbe } from "./heapProbe";
import { RESULTS_DIR } from "./notebookPage";
import { applyTheme, type ThemeKind, rendererBrowser } from "./rendererPage";

const { html, browser } = rendererBrowser("renderer");

interface Item {
  mime: string;
  data: unknown;
}

// A run of 60 epochs, train and validation, the way `train()` shows it.
const curve = (scale: number, wobble: number) => Array.from({ length: 60 }, (_, i) => scale * Math.exp(-i / 12) + 0.05 + wobble * Math.abs(Math.sin(i)));
const LOSS: Item = { mime: Mime.loss, data: lossPayload({ loss: curve(1.1, 0.01), valLoss: curve(1.2, 0.03) }, { title: "Training loss" }) };
const TENSOR_PAYLOAD: TensorPayload = {
  version: 1,
  shape: [3, 4],
  data: [0.9, -0.45, 0.1, 0, -1.2, 0.6, 0.33, -0.05, 1.5, -0.8, 0.02, -1.5],
  requiresGrad: true,
};
const TENSOR: Item = { mime: Mime.tensor, data: TENSOR_PAYLOAD };
// The plain charts, one of each kind.
const CHARTS: Item[] = [
  plotPayload([1, 2, 3], { a: [1, 4, 9], b: [1, 2, 3] }),
  scatterPayload([0, 1, 2], [2, 1, 0], { color: [0, 1, 1] }),
  histPayload([0, 1, 1, 2, 3], { bins: 3 }),
  heatmapPayload([[1, -1], [0.5, 0]]),
].map((data) => ({ mime: Mime.chart, data }));

async function openPage(theme: ThemeKind = "vscode-light"): Promise<{ page: Page; probe: HeapProbe; errors: string[] }> {
  const context = await browser().newContext({ viewport: { width: 800, height: 900 }, deviceScaleFactor: 2 });
  // The page is self-contained: anything it asks the network for is a failure.
  await context.route(/^(?!file:|blob:|data:)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-nnbook-ready]");
  await applyTheme(page, theme);
  return { page, probe: await heapProbe(page), errors };
}

interface Counts {
  /** After each drawing: `.js-plotly-plot` elements in the page, views the renderer keeps, children of the output element. */
  plots: number[];
  views: number[];
  children: number[];
  /** Heights of the output element at each frame in which it changed size, after the first drawing. */
  heights: number[];
}

/** Draws `items` in turn, `times` times over, into one output element under one id, a frame apart. */
function drawRepeatedly(page: Page, id: string, items: Item[], times: number): Promise<Counts> {
  return page.evaluate(
    async ([id, items, times]) => {
      const element = nnbookPage.output(id);
      const counts = { plots: [] as number[], views: [] as number[], children: [] as number[], heights: [] as number[] };
      const resize = new ResizeObserver((entries) => entries.forEach((entry) => counts.heights.push(Math.round(entry.contentRect.height))));
      for (let i = 0; i < times; i++) {
        for (const item of items) {
          await nnbookPage.render(id, item.mime, item.data, element);
          if (counts.views.length === 0) resize.observe(element);
          counts.plots.push(document.querySelectorAll(".js-plotly-plot").length);
          counts.views.push(nnbookPage.viewCount());
          counts.children.push(element.childElementCount);
          // A frame between drawings, as between a live chart's updates: a frame that showed the output
          // empty or half drawn would show in its heights.
          await new Promise(requestAnimationFrame);
        }
      }
      resize.disconnect();
      return counts;
    },
    [id, items, times] as const,
  );
}

/** What a page holds that a view left behind would add to. */
async function leftovers(probe: HeapProbe) {
  return {
    windowListeners: (await probe.windowListeners()).sort().join(","),
    charts: await probe.live("HTMLDivElement", "(div) => div.classList.contains('nnbook-chart')"),
    views: await probe.live("HTMLDivElement", "(div) => div.classList.contains('nnbook-view')"),
    mutationObservers: await probe.live("MutationObserver"),
    resizeObservers: await probe.live("ResizeObserver"),
  };
}

const distinct = (values: number[]) => [...new Set(values)];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

for (const [name, items, plotted] of [
  ["a loss chart", [LOSS], [1]],
  ["a tensor", [TENSOR], [0]],
  ["a loss chart and a tensor by turns", [LOSS, TENSOR], [0, 1]],
  ["the four plain charts by turns", CHARTS, [1]],
] as const) {
  test(`${name} drawn 100 times into one output keeps one view, and nothing once disposed`, async (t) => {
    const { page, probe, errors } = await openPage();
    try {
      const before = await leftovers(probe);
      const heapBefore = await probe.heapUsed();
      const first = await drawRepeatedly(page, "output", [...items], 1);
      const once = await leftovers(probe);
      const heapOnce = await probe.heapUsed();
      const again = await drawRepeatedly(page, "output", [...items], 99);
      const drawn = await leftovers(probe);
      const heapDrawn = await probe.heapUsed();

      assert.deepEqual(distinct([...first.views, ...again.views]), [1], "the renderer keeps one view for the output");
      assert.deepEqual(distinct([...first.children, ...again.children]), [1], "the output holds one view");
      assert.deepEqual(distinct([...first.plots, ...again.plots]).sort(), [...plotted]);
      if (items.length === 1) assert.equal(distinct([...first.heights, ...again.heights]).length, 1, `never empty, never jumps: ${distinct(again.heights)}`);
      assert.deepEqual(drawn, once, "drawing 99 more times leaves nothing more behind");
      // One observer watches the theme for the charts, and only while a chart is drawn.
      assert.equal(once.mutationObservers, before.mutationObservers + (items.at(-1) === TENSOR ? 0 : 1));

      await page.evaluate(() => nnbookPage.dispose("output"));
      const disposed = await page.evaluate(() => ({
        views: nnbookPage.viewCount(),
        plots: document.querySelectorAll(".js-plotly-plot").length,
        children: document.querySelector("[data-output]")!.childElementCount,
      }));
      assert.deepEqual(disposed, { views: 0, plots: 0, children: 0 });
      assert.deepEqual(await leftovers(probe), before, "disposing takes everything the views added away");
      const heapDisposed = await probe.heapUsed();
      t.diagnostic(`heap in use: ${mb(heapBefore)} before, ${mb(heapOnce)} after 1 drawing, ${mb(heapDrawn)} after 100, ${mb(heapDisposed)} disposed`);
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}

test("a drawing cancelled while plotly loads draws nothing: aborted, disposed, or drawn again", async () => {
  for (const cancel of ["abort", "dispose", "draw again"] as const) {
    // A new page each time: plotly is still to be loaded.
    const { page, errors } = await openPage();
    try {
      const result = await page.evaluate(
        async ([cancel, loss, tensor]) => {
          const element = nnbookPage.output("output");
          // Anything put into the element counts, even if taken out again before the end.
          let touched = false;
          const changes = new MutationObserver(() => (touched = true));
          changes.observe(element, { childList: true, subtree: true });
          const abort = new AbortController();
          const drawing = nnbookPage.render("output", loss.mime, loss.data, element, abort.signal);
          if (cancel === "abort") abort.abort();
          if (cancel === "dispose") nnbookPage.dispose("output");
          const newer = cancel === "draw again" ? nnbookPage.render("output", tensor.mime, tensor.data, element) : undefined;
          await drawing;
          await newer;
          touched ||= changes.takeRecords().length > 0;
          changes.disconnect();
          // The drawing ended after plotly loaded: a chart it drew would be in the page by now.
          return {
            touched,
            plots: document.querySelectorAll(".js-plotly-plot").length,
            views: nnbookPage.viewCount(),
            contents: [...element.children].map((child) => child.className + ":" + (child.querySelector("table") ? "table" : "")),
          };
        },
        [cancel, LOSS, TENSOR] as const,
      );
      assert.equal(result.plots, 0, cancel);
      if (cancel === "draw again") {
        assert.deepEqual({ views: result.views, contents: result.contents }, { views: 1, contents: ["nnbook-view:table"] }, cancel);
      } else {
        assert.deepEqual({ views: result.views, contents: result.contents, touched: result.touched }, { views: 0, contents: [], touched: false }, cancel);
      }
      // And the next drawing of the output is a normal one.
      const next = await drawRepeatedly(page, "output", [LOSS], 1);
      assert.deepEqual({ plots: next.plots, views: next.views }, { plots: [1], views: [1] }, cancel);
      assert.deepEqual(errors, [], cancel);
    } finally {
      await page.context().close();
    }
  }
});

/** The colours the views are drawn in, as the browser resolves them. */
function colours(page: Page) {
  return page.evaluate(() => {
    const plot = document.querySelector(".js-plotly-plot") as HTMLElement & { _fullLayout: { font: { color: string } }; _fullData: { line: { color: string } }[] };
    const cells = [...document.querySelectorAll("table.nnbook-matrix td")];
    const positive = getComputedStyle(cells.find((td) => td.textContent === "1.5")!);
    const negative = getComputedStyle(cells.find((td) => td.textContent === "-1.5")!);
    return {
      chartText: plot._fullLayout.font.color,
      chartLines: plot._fullData.map((trace) => trace.line.color),
      axisTitle: getComputedStyle(plot.querySelector(".xtitle")!).fill,
      matrixText: positive.color,
      positive: positive.backgroundColor,
      negative: negative.backgroundColor,
      caption: getComputedStyle(document.querySelector(".nnbook-caption")!).color,
    };
  });
}

async function drawBoth(page: Page): Promise<void> {
  await page.evaluate(
    async ([tensor, loss]) => {
      await nnbookPage.render("tensor", tensor.mime, tensor.data, nnbookPage.output("tensor"));
      await nnbookPage.render("loss", loss.mime, loss.data, nnbookPage.output("loss"));
    },
    [TENSOR, LOSS] as const,
  );
}

test("the tensor and loss views in light and dark, and after a theme switch without drawing again", async () => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const drawnIn: Partial<Record<ThemeKind, Awaited<ReturnType<typeof colours>>>> = {};
  for (const theme of ["vscode-light", "vscode-dark"] as const) {
    const { page, errors } = await openPage(theme);
    try {
      await drawBoth(page);
      drawnIn[theme] = await colours(page);
      await page.locator("main").screenshot({ path: join(RESULTS_DIR, `renderer-${theme}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  }
  assert.notDeepEqual(drawnIn["vscode-light"], drawnIn["vscode-dark"], "the themes differ");

  const { page, errors } = await openPage("vscode-light");
  try {
    await drawBoth(page);
    await page.evaluate(() => ((globalThis as { drawnPlot?: Element }).drawnPlot = document.querySelector(".js-plotly-plot")!));
    for (const [theme, name] of [
      ["vscode-dark", "renderer-switched-to-dark"],
      ["vscode-light", "renderer-switched-back-to-light"],
    ] as const) {
      await applyTheme(page, theme);
      const expected = drawnIn[theme]!;
      await page.waitForFunction((color) => (document.querySelector(".js-plotly-plot") as unknown as { _fullLayout: { font: { color: string } } })._fullLayout.font.color === color, expected.chartText);
      assert.deepEqual(await colours(page), expected, `switched to ${theme}: as if drawn in it`);
      const same = await page.evaluate(() => ({
        plot: document.querySelector(".js-plotly-plot") === (globalThis as { drawnPlot?: Element }).drawnPlot,
        views: nnbookPage.viewCount(),
      }));
      assert.deepEqual(same, { plot: true, views: 2 }, "the same views, not drawn again");
      await page.locator("main").screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
