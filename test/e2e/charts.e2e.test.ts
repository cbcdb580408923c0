// The plain charts (`show.plot`, `scatter`, `hist`, `heatmap`) drawn by the built renderer in Chromium from
// the payloads the kernel writes: what plotly holds (traces, values, axis titles, colour scale) is what the
// payload says, in light, dark and high-contrast themes, with a screenshot of each to look at.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { Mime } from "../../src/protocol/mimes";
import { heatmapPayload } from "../../src/views/charts/heatmap";
import { histPayload } from "../../src/views/charts/hist";
import { plotPayload } from "../../src/views/charts/plot";
import { scatterPayload } from "../../src/views/charts/scatter";
import { RESULTS_DIR } from "./notebookPage";
import { applyTheme, THEMES, type ThemeKind, rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("charts");

const xs = Array.from({ length: 61 }, (_, i) => -3 + i / 10);
// A pseudo-random but fixed sample, so screenshots compare run to run.
const noise = (i: number) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453) - 0.5;
const CHARTS = {
  plot: plotPayload(xs, { tanh: xs.map(Math.tanh), sigmoid: xs.map((x) => 1 / (1 + Math.exp(-x))) }, { title: "Activations <b>&</b> %{x}", xLabel: "z", yLabel: "a" }),
  scatter: scatterPayload(
    Array.from({ length: 80 }, (_, i) => (i % 2 ? 1 : -1) + noise(i)),
    Array.from({ length: 80 }, (_, i) => (i % 2 ? 1 : -1) + noise(i + 100)),
    { color: Array.from({ length: 80 }, (_, i) => i % 2), labels: ["no", "yes"], xLabel: "x₁", yLabel: "x₂", title: "Two blobs" },
  ),
  shaded: scatterPayload(xs, xs.map((x) => x * x), { color: xs.map((x) => x * x * x), xLabel: "x", yLabel: "x²", title: "Coloured by x³" }),
  hist: histPayload(Array.from({ length: 2000 }, (_, i) => noise(i) + noise(i + 5000) + noise(i + 9000)), { bins: 24, xLabel: "weight", title: "Weights of layer 0" }),
  heatmap: heatmapPayload(Array.from({ length: 6 }, (_, r) => Array.from({ length: 8 }, (_, c) => Math.round((r - c) * 10) / 10)), { xLabel: "input", yLabel: "unit", title: "W" }),
  sequential: heatmapPayload([[0, 1, 2], [3, 4, 5]], { title: "Counts" }),
};

const openPage = (theme: ThemeKind) => open(theme);

/** The colour scale of the heatmap drawn in output `name`. */
function colourScale(page: Page, name: string): Promise<unknown> {
  return page.evaluate((name) => (document.querySelector(`[data-output="${name}"] .js-plotly-plot`) as unknown as { _fullData: { colorscale: unknown }[] })._fullData[0].colorscale, name);
}

interface Drawn {
  traces: {
    type: string;
    name?: string;
    x?: unknown[];
    y?: unknown[];
    z?: unknown[][];
    colorscale?: unknown;
    zmin?: number;
    zmax?: number;
    hovertemplate?: string;
    marker?: { color?: unknown; showscale?: boolean };
  }[];
  title?: string;
  xTitle: string;
  yTitle: string;
  legend: boolean;
  yType: string;
}

/** Draws `payload` into its own output and reads back what plotly drew. */
function draw(page: Page, name: string, payload: unknown): Promise<Drawn> {
  return page.evaluate(
    async ([name, mime, payload]) => {
      const element = nnbookPage.output(name);
      await nnbookPage.render(name, mime, payload, element);
      type Plot = HTMLElement & {
        _fullData: Drawn["traces"];
        _fullLayout: { title?: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string }; type: string }; showlegend: boolean };
      };
      const plot = element.querySelector(".js-plotly-plot") as Plot;
      const l = plot._fullLayout;
      return {
        traces: plot._fullData.map((t) => ({
          ...t,
          marker: t.marker && { color: t.marker.color, showscale: t.marker.showscale },
        })),
        title: l.title?.text,
        xTitle: l.xaxis.title.text,
        yTitle: l.yaxis.title.text,
        legend: l.showlegend,
        yType: l.yaxis.type,
      };
    },
    [name, Mime.chart, payload] as const,
  );
}

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`the plain charts drawn from their payloads in ${theme}`, async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { page, errors } = await openPage(theme);
    const colours = THEMES[theme];
    try {
      const plot = await draw(page, "plot", CHARTS.plot);
      assert.equal(plot.traces.length, 2);
      assert.deepEqual(plot.traces.map((t) => t.name), ["tanh", "sigmoid"]);
      assert.deepEqual(plot.traces[0].y, CHARTS.plot.series[0].y);
      // Payload text shown literally: no tags, no template filled in.
      assert.equal(plot.title, "Activations &lt;b&gt;&amp;&lt;/b&gt; &#37;{x}");
      assert.deepEqual([plot.xTitle, plot.yTitle, plot.legend, plot.yType], ["z", "a", true, "linear"]);
      // Hovers to 3 significant digits.
      assert.equal(plot.traces[0].hovertemplate, "z %{x:.3~g}<br>tanh %{y:.3~g}<extra></extra>");

      const scatter = await draw(page, "scatter", CHARTS.scatter);
      assert.deepEqual(scatter.traces.map((t) => [t.name, t.x?.length]), [["no", 40], ["yes", 40]]);
      assert.equal(scatter.traces[1].x?.[0], CHARTS.scatter.x[1]);
      assert.deepEqual([scatter.title, scatter.xTitle, scatter.yTitle, scatter.legend], ["Two blobs", "x₁", "x₂", true]);

      const shaded = await draw(page, "shaded", CHARTS.shaded);
      assert.equal(shaded.traces.length, 1);
      assert.deepEqual(shaded.traces[0].marker, { color: CHARTS.shaded.color, showscale: true });
      assert.equal(shaded.legend, false);

      const hist = await draw(page, "hist", CHARTS.hist);
      assert.equal(hist.traces.length, 1);
      assert.equal(hist.traces[0].type, "bar");
      assert.deepEqual(hist.traces[0].y, CHARTS.hist.counts);
      assert.deepEqual([hist.xTitle, hist.yTitle, hist.legend], ["weight", "count", false]);

      const heatmap = await draw(page, "heatmap", CHARTS.heatmap);
      assert.equal(heatmap.traces[0].type, "heatmap");
      assert.deepEqual(heatmap.traces[0].z?.[1], [1, 0, -1, -2, -3, -4, -5, -6]);
      // Signed: symmetric around 0, negative red, 0 the editor background, positive blue.
      assert.deepEqual([heatmap.traces[0].zmin, heatmap.traces[0].zmax], [-7, 7]);
      assert.deepEqual(heatmap.traces[0].colorscale, [
        [0, colours["--vscode-charts-red"]],
        [0.5, colours["--vscode-editor-background"]],
        [1, colours["--vscode-charts-blue"]],
      ]);
      assert.deepEqual([heatmap.xTitle, heatmap.yTitle], ["input", "unit"]);

      const sequential = await draw(page, "sequential", CHARTS.sequential);
      assert.deepEqual(sequential.traces[0].colorscale, [
        [0, colours["--vscode-editor-background"]],
        [1, colours["--vscode-charts-blue"]],
      ]);
      assert.deepEqual([sequential.traces[0].zmin, sequential.traces[0].zmax], [0, 5]);
      assert.deepEqual([sequential.xTitle, sequential.yTitle], ["column", "row"]);

      for (const name of Object.keys(CHARTS)) {
        await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `chart-${name}-${theme}.png`) });
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}

test("a heatmap drawn in light takes the dark theme's colours when the editor switches, without being drawn again", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "heatmap", CHARTS.heatmap);
    await applyTheme(page, "vscode-dark");
    const dark = THEMES["vscode-dark"];
    const expected = [
      [0, dark["--vscode-charts-red"]],
      [0.5, dark["--vscode-editor-background"]],
      [1, dark["--vscode-charts-blue"]],
    ];
    await page.waitForFunction(
      ([name, background]) => JSON.stringify((document.querySelector(`[data-output="${name}"] .js-plotly-plot`) as unknown as { _fullData: { colorscale: unknown[][] }[] })._fullData[0].colorscale[1]).includes(background),
      ["heatmap", dark["--vscode-editor-background"]] as const,
    );
    assert.deepEqual(await colourScale(page, "heatmap"), expected);
    assert.equal(await page.evaluate(() => nnbookPage.viewCount()), 1);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
