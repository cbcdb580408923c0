// The views of what a model learned (show.boundary, show.fit) drawn by the built renderer in Chromium from
// payloads of real trained models: what plotly holds (surface, colours, points, the misclassified ring,
// titles) is what the payload says, in light, dark and high contrast, with a screenshot of each; and a live
// view's next payload plotted into the same chart, in place.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, test } from "node:test";
import type { Page } from "playwright-core";
import { data, manualSeed, nn, optim, train } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import type { BoundaryPayload } from "../../src/protocol/boundaryPayload";
import type { FitPayload } from "../../src/protocol/fitPayload";
import { boundaryPayload } from "../../src/views/model/boundary";
import { fitPayload } from "../../src/views/model/fit";
import { RESULTS_DIR } from "./notebookPage";
import { applyTheme, THEMES, type ThemeKind, rendererBrowser } from "./rendererPage";

const { html, browser } = rendererBrowser("model-views");

let moons: BoundaryPayload, spiral: BoundaryPayload, sine: FitPayload, early: BoundaryPayload;

before(async () => {
  manualSeed(3);
  const moonsSet = data.moons({ n: 200, noise: 0.2, seed: 1 });
  const small = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1));
  // A few epochs only: a half-learned model, so that some points are misclassified.
  await train(small, moonsSet, { epochs: 15, optimizer: optim.Adam(small.parameters(), { lr: 0.05 }), live: false, seed: 1 });
  early = boundaryPayload(small, moonsSet, { grid: 40 }, { done: 15, total: 300 });
  await train(small, moonsSet, { epochs: 285, optimizer: optim.Adam(small.parameters(), { lr: 0.05 }), live: false, seed: 1 });
  moons = boundaryPayload(small, moonsSet, { grid: 40 });
  const spiralSet = data.spiral();
  const wide = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 3));
  await train(wide, spiralSet, { epochs: 300, optimizer: optim.Adam(wide.parameters(), { lr: 0.02 }), live: false, seed: 1 });
  spiral = boundaryPayload(wide, spiralSet);
  const sineSet = data.sine();
  const curve = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1));
  await train(curve, sineSet, { epochs: 400, optimizer: optim.Adam(curve.parameters(), { lr: 0.02 }), live: false, seed: 1 });
  sine = fitPayload(curve, sineSet);
});

async function openPage(theme: ThemeKind): Promise<{ page: Page; errors: string[] }> {
  const context = await browser().newContext({ viewport: { width: 800, height: 900 }, deviceScaleFactor: 1 });
  await context.route(/^(?!file:|blob:|data:)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-nnbook-ready]");
  await applyTheme(page, theme);
  return { page, errors };
}

interface Trace {
  type: string;
  name?: string;
  x?: number[];
  y?: number[];
  z?: number[][];
  text?: string[][];
  colorscale?: [number, string][];
  zmin?: number;
  zmax?: number;
  showlegend?: boolean;
  marker?: { color?: string; symbol?: string };
}

interface Drawn {
  traces: Trace[];
  title: string;
  xTitle: string;
  yTitle: string;
  legend: boolean;
  height: number;
}

/** Draws `payload` into output `name` and reads back what plotly drew. */
function draw(page: Page, name: string, mime: string, payload: unknown): Promise<Drawn> {
  return page.evaluate(
    async ([name, mime, payload]) => {
      const element = nnbookPage.output(name);
      await nnbookPage.render(name, mime, payload, element);
      type Plot = HTMLElement & {
        _fullData: Trace[];
        _fullLayout: { title: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string } }; showlegend: boolean };
      };
      const plot = element.querySelector(".js-plotly-plot") as Plot;
      const l = plot._fullLayout;
      return {
        traces: plot._fullData.map((t) => ({ type: t.type, name: t.name, x: t.x, y: t.y, z: t.z, text: t.text, colorscale: t.colorscale, zmin: t.zmin, zmax: t.zmax, showlegend: t.showlegend, marker: t.marker && { color: t.marker.color, symbol: t.marker.symbol } })),
        title: l.title.text,
        xTitle: l.xaxis.title.text,
        yTitle: l.yaxis.title.text,
        legend: l.showlegend,
        height: element.getBoundingClientRect().height,
      };
    },
    [name, mime, payload] as const,
  );
}

const wrongCount = (p: BoundaryPayload) => p.points.label.filter((l, i) => l !== p.points.predicted[i]).length;

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`the decision boundary and the fit drawn from trained models in ${theme}`, async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { page, errors } = await openPage(theme);
    const colours = THEMES[theme];
    try {
      // Binary: the probability surface, the 0.5 line, a trace per class, the misclassified ringed.
      const binary = await draw(page, "moons-early", Mime.boundary, early);
      const wrong = wrongCount(early);
      assert.ok(wrong > 0, "the half-trained model misclassifies some points");
      assert.deepEqual(binary.traces.map((t) => t.type), ["heatmap", "contour", "scatter", "scatter", "scatter"]);
      assert.deepEqual(binary.traces.map((t) => t.name).slice(2), ["0", "1", `misclassified (${early.misclassified})`]);
      assert.equal(binary.traces[4].x?.length, wrong);
      assert.equal(binary.traces[4].marker?.symbol, "circle-open");
      assert.deepEqual(binary.traces[0].z?.[3], early.probability.slice(3 * 40, 4 * 40));
      assert.deepEqual([binary.traces[0].zmin, binary.traces[0].zmax], [0, 1]);
      // One scale between the class colours, the editor background exactly at 0.5.
      assert.deepEqual(binary.traces[0].colorscale?.[1], [0.5, colours["--vscode-editor-background"]]);
      assert.equal(binary.traces[2].marker?.color, colours["--vscode-charts-blue"]);
      assert.equal(binary.traces[3].marker?.color, colours["--vscode-charts-orange"]);
      assert.match(binary.title, /^Decision boundary on moons · accuracy [\d.]+&#37; \(epoch 15 \/ 300\)$/);
      assert.deepEqual([binary.xTitle, binary.yTitle, binary.legend], ["x1", "x2", true]);

      const trained = await draw(page, "moons", Mime.boundary, moons);
      assert.equal(trained.traces.length, 4 + (wrongCount(moons) > 0 ? 1 : 0));

      // Multiclass: each cell a class's shade, the class and its probability on hover.
      const multi = await draw(page, "spiral", Mime.boundary, spiral);
      assert.deepEqual(multi.traces.map((t) => t.name).slice(1, 4), ["0", "1", "2"]);
      const cell = spiral.predicted![0];
      assert.equal(multi.traces[0].text?.[0][0], `${cell} (${Math.round(spiral.probability[0] * 100)}%)`);
      assert.equal(multi.traces[0].colorscale?.length, 2 * 3 * 4);
      assert.match(multi.title, /^Decision boundary on spiral · accuracy [\d.]+&#37;$/);

      const fit = await draw(page, "sine", Mime.fit, sine);
      assert.deepEqual(fit.traces.map((t) => [t.name, t.x?.length]), [["data", sine.points.x.length], ["model", 200]]);
      assert.match(fit.title, /^Fit to sine · MSE [\d.e-]+$/);
      assert.deepEqual([fit.xTitle, fit.yTitle, fit.legend], ["x", "y", true]);

      for (const name of ["moons-early", "moons", "spiral", "sine"]) {
        await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `model-${name}-${theme}.png`) });
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}

test("a live boundary's next payload is plotted into the same chart: same element, same height, new title", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    const first = await draw(page, "live", Mime.boundary, early);
    const marked = await page.evaluate(() => {
      const plot = nnbookPage.output("live").querySelector(".js-plotly-plot") as HTMLElement & { dataset: DOMStringMap };
      plot.dataset.first = "yes";
      return true;
    });
    assert.ok(marked);
    const next = await draw(page, "live", Mime.boundary, moons);
    const same = await page.evaluate(() => (nnbookPage.output("live").querySelector(".js-plotly-plot") as HTMLElement).dataset.first);
    assert.equal(same, "yes", "the chart element is the one drawn first");
    assert.equal(next.height, first.height);
    assert.match(next.title, /^Decision boundary on moons · accuracy [\d.]+&#37;$/);
    assert.equal(await page.evaluate(() => nnbookPage.viewCount()), 1);
    // A payload it cannot read is drawn anew, as an error box.
    await page.evaluate(([mime]) => nnbookPage.render("live", mime, { version: 1 }, nnbookPage.output("live")), [Mime.boundary] as const);
    assert.match(await page.locator('[data-output="live"]').innerText(), /nnbook cannot read this decision boundary/);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
