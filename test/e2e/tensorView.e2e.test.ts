// The tensor view drawn by the built renderer in Chromium: a small tensor as its numbers, a large one as a
// heatmap of block means with its statistics and its NaNs named under it; screenshots in three themes.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { arange, manualSeed, randn, tensor } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import { tensorPayload } from "../../src/views/tensorView";
import { RESULTS_DIR } from "./notebookPage";
import { THEMES, rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("tensor");

manualSeed(1);
const weights = randn(784, 128).mul(0.05);
const withNaN = arange(0, 400).reshape(20, 20).sub(200).mul(1);
withNaN.data[47] = NaN;
const TENSORS = { small: tensorPayload(tensor([[0.5, -1.25], [2, 0]])), weights: tensorPayload(weights), nan: tensorPayload(withNaN) };

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`tensors small and large in ${theme}`, async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { page, errors } = await open(theme);
    try {
      const drawn = await page.evaluate(async ([mime, tensors]) => {
        const out: Record<string, { cells: number; plot: { z: number[][]; zmin: number; zmax: number; colorscale: unknown; title: string } | null; notes: string[] }> = {};
        for (const [name, payload] of Object.entries(tensors)) {
          const element = nnbookPage.output(name);
          await nnbookPage.render(name, mime, payload, element);
          const plot = element.querySelector(".js-plotly-plot") as unknown as { _fullData: { z: number[][]; zmin: number; zmax: number; colorscale: unknown }[]; _fullLayout: { title: { text: string } } } | null;
          out[name] = {
            cells: element.querySelectorAll("td").length,
            plot: plot && { ...plot._fullData[0], title: plot._fullLayout.title.text },
            notes: [...element.querySelectorAll(".nnbook-notes li")].map((li) => li.textContent ?? ""),
          };
        }
        return out;
      }, [Mime.tensor, TENSORS] as const);
      assert.equal(drawn.small.cells, 4);
      assert.equal(drawn.small.plot, null);

      const w = drawn.weights.plot!;
      assert.equal(w.title, "Tensor [784, 128]");
      assert.deepEqual([w.z.length, w.z[0].length], [196, 128]);
      assert.equal(w.zmin, -w.zmax);
      const colours = THEMES[theme];
      assert.deepEqual(w.colorscale, [[0, colours["--vscode-charts-red"]], [0.5, colours["--vscode-editor-background"]], [1, colours["--vscode-charts-blue"]]]);
      assert.match(drawn.weights.notes[0], /^float32 · min -0\.\d+, mean -?[\d.e-]+, max 0\.\d+$/);
      assert.equal(drawn.weights.notes[1], "each cell is the mean of a 4 × 1 block: 784 × 128 drawn as 196 × 128");
      assert.equal(drawn.nan.notes.at(-1), "1 NaN or infinite value, the first at [2, 7]; drawn as 0");

      for (const name of Object.keys(TENSORS)) await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `tensor-${name}-${theme}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}
