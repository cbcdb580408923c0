// The views made by show.* in a real VS Code: each notebook runs, and every view is drawn inside the
// renderer's frame (a plot, typeset math, a table), not left as its text fallback.

import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Frame } from "playwright-core";
import { openNotebook, outputFrames, runAllCells, screenshot } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    prepare(workspace) {
      cpSync(join(repo, "examples/charts.nnbook"), join(workspace, "charts.nnbook"));
      cpSync(join(repo, "test/corpus/cli/math-views.nnbook"), join(workspace, "math-views.nnbook"));
    },
  });
});

after(() => product?.close());

/** Counts of what the output frames have drawn: plotly plots, typeset formulas, table cells. */
async function drawn(frames: Frame[]): Promise<{ plots: number; katex: number; cells: number }> {
  const total = { plots: 0, katex: 0, cells: 0 };
  for (const frame of frames) {
    const counts = await frame
      .evaluate(() => ({
        plots: document.querySelectorAll(".js-plotly-plot").length,
        katex: document.querySelectorAll(".katex").length,
        cells: document.querySelectorAll("td").length,
      }))
      .catch(() => ({ plots: 0, katex: 0, cells: 0 }));
    total.plots += counts.plots;
    total.katex += counts.katex;
    total.cells += counts.cells;
  }
  return total;
}

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("the plain charts run and draw as plots in the editor", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "charts.nnbook");
  const statuses = await runAllCells(page, { timeoutMs: 60_000 });
  assert.ok(statuses.filter((s) => s.kind === "code").every((s) => s.state === "success"), JSON.stringify(statuses));
  await until("plots drawn", () => drawn(outputFrames(page)), (d) => d.plots >= 2);
  await screenshot(page, "views-charts");
});

test("an activation chart, typeset math and a table draw in the editor", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "math-views.nnbook");
  const statuses = await runAllCells(page, { timeoutMs: 60_000 });
  assert.ok(statuses.every((s) => s.state === "success"), JSON.stringify(statuses));
  const seen = await until("views drawn", () => drawn(outputFrames(page)), (d) => d.plots >= 1 && d.katex >= 3 && d.cells >= 6);
  assert.ok(seen.cells >= 6);
  await screenshot(page, "views-math");
});
