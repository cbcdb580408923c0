// Deep layers' views drawn by the built renderer in Chromium from payloads of a real trained digits CNN: the
// summary with every layer's output shape for an input size, its kernels as a grid of small images (each
// kernel's cells where the payload puts them, hovers naming W[o, c, ky, kx]) and the feature maps of one input;
// and a causal attention layer's weights as a heatmap. In light, dark and high contrast, screenshotted.

import assert from "node:assert/strict";
import { join } from "node:path";
import { before, test } from "node:test";
import { data, manualSeed, nn, optim, randn, train } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import type { SummaryPayload } from "../../src/protocol/payloads";
import type { WeightsPayload } from "../../src/protocol/weightsPayload";
import { summaryPayload } from "../../src/views/summaryView";
import { weightsPayload } from "../../src/views/weightsView";
import { activationsPayload } from "../../src/views/activationsView";
import { heatmapPayload } from "../../src/views/charts/heatmap";
import type { ActivationsPayload } from "../../src/protocol/activationsPayload";
import { RESULTS_DIR } from "./notebookPage";
import { rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("deep-layer-views");

let summary: SummaryPayload, kernels: WeightsPayload, activations: ActivationsPayload, attention: ReturnType<typeof heatmapPayload>;

before(async () => {
  manualSeed(1);
  const [trainSet] = data.digits().normalize().split(0.8, { seed: 1 });
  const images = trainSet.images();
  const cnn = nn.Sequential(nn.Conv2d(1, 8, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(128, 10));
  await train(cnn, images, { epochs: 3, batchSize: 32, optimizer: optim.Adam(cnn.parameters(), { lr: 0.01 }), live: false, seed: 1 });
  summary = summaryPayload(cnn, { inputSize: [1, 1, 8, 8] });
  kernels = weightsPayload(cnn, { layer: "0" });
  activations = activationsPayload(cnn, images.x.slice(0, 0, 40));
  const mha = nn.MultiheadAttention(8, 2, { batchFirst: true });
  const [, weights] = mha(randn(1, 6, 8), randn(1, 6, 8), randn(1, 6, 8), { isCausal: true });
  attention = heatmapPayload(weights!.at(0), { xLabel: "key", yLabel: "query", title: "attention weights, causal" });
});

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`a CNN's summary, kernels and feature maps, and attention weights (${theme})`, async () => {
    const { page, errors } = await open(theme);
    try {
      await page.evaluate(([mime, payload]) => nnbookPage.render("summary", mime, payload, nnbookPage.output("summary")), [Mime.summary, summary] as const);
      const table = await page.evaluate(() => ({
        shapes: Array.from(nnbookPage.output("summary").querySelectorAll("table.nnbook-summary tbody tr"), (tr) => (tr as HTMLTableRowElement).cells[2]?.textContent ?? ""),
        notes: Array.from(nnbookPage.output("summary").querySelectorAll(".nnbook-notes li"), (li) => li.textContent),
        equations: nnbookPage.output("summary").querySelectorAll(".nnbook-equation .katex").length,
      }));
      assert.deepEqual(table.shapes.slice(0, 5), ["[N, 8, 8, 8]", "[N, 8, 8, 8]", "[N, 8, 4, 4]", "[N, 128]", "[N, 10]"]);
      assert.deepEqual(table.notes, ["Output shapes for an input of shape [N, 1, 8, 8], N = 1: a dim that follows the batch shows as N."]);
      assert.ok(table.equations >= 3, `${table.equations} equations typeset`);

      await page.evaluate(([mime, payload]) => nnbookPage.render("kernels", mime, payload, nnbookPage.output("kernels")), [Mime.weights, kernels] as const);
      const drawn = await page.evaluate(() => {
        type Plot = HTMLElement & { _fullData: { z: (number | null)[][]; customdata: (number[] | null)[][]; hovertemplate: string }[]; _fullLayout: { title: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string } } } };
        const plot = nnbookPage.output("kernels").querySelector(".js-plotly-plot") as Plot;
        const [grid, bias] = plot._fullData;
        return {
          rows: grid.z.length, cols: grid.z[0].length, gapRow: grid.z[3], cell: grid.z[5][1], where: grid.customdata[5][1],
          biasCell: bias.z[5][0], hover: grid.hovertemplate, title: plot._fullLayout.title.text,
          axes: [plot._fullLayout.xaxis.title.text, plot._fullLayout.yaxis.title.text],
        };
      });
      // 8 output channels of one 3×3 kernel each: 8·4 − 1 rows, 3 columns, a row of gaps between kernels.
      const m = kernels.matrices[0];
      assert.deepEqual([drawn.rows, drawn.cols], [31, 3]);
      assert.deepEqual(drawn.gapRow, [null, null, null]);
      // Grid row 5 is output channel 1's kernel row 1; column 1 its kernel column 1: W[1, 0, 1, 1], matrix column 4.
      assert.equal(drawn.cell, m.frames[0][1 * 9 + 4]);
      assert.deepEqual(drawn.where?.slice(1), [1, 0, 1, 1]);
      assert.equal(drawn.biasCell, m.bias!.frames[0][1]);
      assert.match(drawn.hover, /^W\[%\{customdata\[1\]\}, %\{customdata\[2\]\}, %\{customdata\[3\]\}, %\{customdata\[4\]\}\]/);
      assert.equal(drawn.title, "0.weight [8, 1, 3, 3] and 0.bias");
      assert.deepEqual(drawn.axes, ["input channel", "output channel"]);
      // Feature maps: the input digit, then 8 maps of 8×8 after the convolution and ReLU, 8 of 4×4 after pooling.
      await page.evaluate(([mime, payload]) => nnbookPage.render("maps", mime, payload, nnbookPage.output("maps")), [Mime.activations, activations] as const);
      const maps = await page.evaluate(() => ({
        captions: Array.from(nnbookPage.output("maps").querySelectorAll(".nnbook-feature-maps > .nnbook-caption"), (e) => e.textContent ?? ""),
        canvases: Array.from(nnbookPage.output("maps").querySelectorAll(".nnbook-feature-maps .nnbook-images"), (g) => Array.from(g.querySelectorAll("canvas"), (c) => `${c.width}x${c.height}`)),
        inked: Array.from(nnbookPage.output("maps").querySelectorAll(".nnbook-feature-maps canvas"), (c) => {
          const px = (c as HTMLCanvasElement).getContext("2d")!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data;
          return new Set(Array.from({ length: px.length / 4 }, (_, i) => px[4 * i])).size > 1;
        }).filter(Boolean).length,
      }));
      assert.deepEqual(maps.canvases.map((g) => g.length), [1, 8, 8, 8], `input, Conv2d, ReLU, MaxPool2d: ${maps.captions.join(" | ")}`);
      assert.deepEqual(maps.canvases[1][0], "8x8");
      assert.deepEqual(maps.canvases[3][0], "4x4");
      assert.match(maps.captions[2], /^0 Conv2d \[8, 8, 8\]/);
      assert.ok(maps.inked > 20, `${maps.inked} maps show something`);
      // Attention weights: each query's row sums to 1, and nothing above the diagonal (a causal mask).
      await page.evaluate(([mime, payload]) => nnbookPage.render("attention", mime, payload, nnbookPage.output("attention")), [Mime.chart, attention] as const);
      const z = await page.evaluate(() => (nnbookPage.output("attention").querySelector(".js-plotly-plot") as HTMLElement & { _fullData: { z: number[][] }[] })._fullData[0].z);
      assert.equal(z.length, 6);
      z.forEach((row, q) => {
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 0.02, `row ${q} sums to 1 (to the decimals drawn): ${row}`);
        row.forEach((v, k) => k > q && assert.equal(v, 0, `query ${q} sees no later key ${k}`));
      });
      for (const name of ["summary", "kernels", "maps", "attention"]) await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `deep-${name}-${theme}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}
