// The views of what a model learned (show.boundary, show.fit) drawn by the built renderer in Chromium from
// payloads of real trained models: what plotly holds (surface, colours, points, the misclassified ring,
// titles) is what the payload says, in light, dark and high contrast, with a screenshot of each; and a live
// view's next payload plotted into the same chart, in place.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import type { Page } from "playwright-core";
import { data, Dataset, manualSeed, nn, optim, randn, train } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import type { BoundaryPayload } from "../../src/protocol/boundaryPayload";
import type { FitPayload } from "../../src/protocol/fitPayload";
import { boundaryPayload } from "../../src/views/model/boundary";
import { fitPayload } from "../../src/views/model/fit";
import { confusionPayload } from "../../src/views/model/confusion";
import { imagesItems } from "../../src/views/model/images";
import { datasetPayload } from "../../src/views/datasetView";
import type { ConfusionPayload } from "../../src/protocol/confusionPayload";
import type { ImagesPayload } from "../../src/protocol/imagesPayload";
import type { DatasetPayload } from "../../src/protocol/payloads";
import { RESULTS_DIR } from "./notebookPage";
import { THEMES, type ThemeKind, rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("model-views");

let moons: BoundaryPayload, spiral: BoundaryPayload, sine: FitPayload, early: BoundaryPayload;
let confusion: ConfusionPayload, wrongDigits: ImagesPayload, digitsSet: DatasetPayload, wide: DatasetPayload;

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
  const deep = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 3));
  await train(deep, spiralSet, { epochs: 300, optimizer: optim.Adam(deep.parameters(), { lr: 0.02 }), live: false, seed: 1 });
  spiral = boundaryPayload(deep, spiralSet);
  const sineSet = data.sine();
  const curve = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1));
  await train(curve, sineSet, { epochs: 400, optimizer: optim.Adam(curve.parameters(), { lr: 0.02 }), live: false, seed: 1 });
  sine = fitPayload(curve, sineSet);
  const [tr, te] = data.digits().normalize().split(0.8, { seed: 1 });
  const digitNet = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10));
  // Few epochs: some digits still wrong, to be marked.
  await train(digitNet, tr, { epochs: 3, batchSize: 64, live: false, seed: 1 });
  confusion = confusionPayload(digitNet, te);
  wrongDigits = imagesItems(digitNet, te, { wrong: true, count: 24 })[0].data as ImagesPayload;
  digitsSet = datasetPayload(data.digits());
  wide = datasetPayload(Dataset(randn([20, 64]), Array.from({ length: 20 }, (_, i) => i % 2), { task: "multiclass", name: "wide" }));
});

const openPage = (theme: ThemeKind) => open(theme);

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

      // Confusion: true classes down, predicted across, count and share of the row in each cell.
      const matrix = await draw(page, "confusion", Mime.confusion, confusion);
      assert.equal(matrix.traces[0].type, "heatmap");
      const row3 = confusion.counts[3], total3 = row3.reduce((a, b) => a + b, 0);
      assert.deepEqual(matrix.traces[0].z?.[3], row3.map((n) => n / total3));
      assert.equal(matrix.traces[0].text?.[3][3], `${row3[3]}<br>${Math.round((row3[3] / total3) * 100)}%`);
      assert.match(matrix.title, /^Confusion matrix on digits · accuracy [\d.]+&#37;$/);
      assert.deepEqual([matrix.xTitle, matrix.yTitle], ["predicted class", "true class"]);
      const ticks = await page.evaluate(() => [...document.querySelectorAll('[data-output="confusion"] .ytick text')].map((t) => t.textContent));
      assert.deepEqual(ticks, ["■ 0", "■ 1", "■ 2", "■ 3", "■ 4", "■ 5", "■ 6", "■ 7", "■ 8", "■ 9"]);

      // Images on canvases, the wrong ones marked, their ink the editor's text colour.
      await page.evaluate(([mime, payload]) => nnbookPage.render("digits-wrong", mime, payload, nnbookPage.output("digits-wrong")), [Mime.images, wrongDigits] as const);
      const images = await page.evaluate(() => {
        const root = nnbookPage.output("digits-wrong");
        const canvases = [...root.querySelectorAll("canvas")];
        // The brightest and darkest pixels of all the images: one of them has the payload's max.
        const greys = canvases.flatMap((canvas) => [...canvas.getContext("2d")!.getImageData(0, 0, 8, 8).data].filter((_, i) => i % 4 === 0));
        return {
          canvases: canvases.length,
          wrong: root.querySelectorAll(".nnbook-wrong").length,
          captions: [...root.querySelectorAll("figcaption")].map((c) => c.textContent),
          caption: root.querySelector(".nnbook-caption")?.textContent,
          range: [Math.min(...greys), Math.max(...greys)],
          plots: root.querySelectorAll(".js-plotly-plot").length,
        };
      });
      assert.equal(images.canvases, wrongDigits.images.length);
      assert.equal(images.wrong, wrongDigits.images.length);
      assert.equal(images.captions[0], `${wrongDigits.images[0].label} → ${wrongDigits.images[0].predicted} ✗`);
      assert.equal(images.caption, wrongDigits.title);
      assert.equal(images.plots, 0, "images are drawn without plotly");
      const background = parseInt(colours["--vscode-editor-background"].slice(1, 3), 16);
      const ink = parseInt(colours["--vscode-editor-foreground"].slice(1, 3), 16);
      assert.deepEqual([...images.range].sort((a, b) => a - b), [Math.min(background, ink), Math.max(background, ink)]);

      // A dataset of images as a cell value: its images, no scatter; a wide table scrolls inside the cell.
      await page.evaluate(([mime, a, b]) => Promise.all([nnbookPage.render("digits-set", mime, a, nnbookPage.output("digits-set")), nnbookPage.render("wide", mime, b, nnbookPage.output("wide"))]), [Mime.dataset, digitsSet, wide] as const);
      const set = await page.evaluate(() => {
        const root = nnbookPage.output("digits-set");
        const table = nnbookPage.output("wide").querySelector(".nnbook-wide") as HTMLElement;
        return {
          canvases: root.querySelectorAll("canvas").length,
          plots: root.querySelectorAll(".js-plotly-plot").length,
          scrolls: table.scrollWidth > table.clientWidth,
          fits: table.getBoundingClientRect().width <= nnbookPage.output("wide").getBoundingClientRect().width,
          overflow: getComputedStyle(table).overflowX,
        };
      });
      assert.deepEqual(set, { canvases: 16, plots: 0, scrolls: true, fits: true, overflow: "auto" });

      for (const name of ["moons-early", "moons", "spiral", "sine", "confusion", "digits-wrong", "digits-set", "wide"]) {
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
