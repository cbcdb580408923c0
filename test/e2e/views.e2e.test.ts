// The views made by show.* in a real VS Code: each notebook runs, and every view is drawn inside the
// renderer's frame (a plot, typeset math, a table), not left as its text fallback.

import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Frame } from "playwright-core";
import { cellStatuses, openNotebook, outputFrames, runAllCells, runCommand, screenshot, waitForExecutionIdle } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

/** Epochs of the live training: long enough that its boundary is redrawn after the webview first draws it. */
const LIVE_EPOCHS = 12000;

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    prepare(workspace) {
      cpSync(join(repo, "examples/charts.nnbook"), join(workspace, "charts.nnbook"));
      cpSync(join(repo, "test/corpus/cli/math-views.nnbook"), join(workspace, "math-views.nnbook"));
      // The example trains in about three seconds, about as long as the first drawing takes in a fresh webview:
      // trained four times as long, its live boundary is redrawn several times after it first shows.
      const example = readFileSync(join(repo, "examples/model-views.nnbook"), "utf8");
      assert.ok(example.includes("epochs: 3000"), "examples/model-views.nnbook trains for 3000 epochs");
      writeFileSync(join(workspace, "model-views.nnbook"), example.replace("epochs: 3000", `epochs: ${LIVE_EPOCHS}`));
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

/**
 * In each output frame: marks every decision-boundary plot not marked yet (a plot drawn anew would be a new,
 * unmarked one) and reads the titles of the boundary plots and the count of loss plots.
 */
async function boundaryPlots(frames: Frame[]): Promise<{ fresh: number; titles: string[]; marked: number; loss: number; recorded: string[] }> {
  const total = { fresh: 0, titles: [] as string[], marked: 0, loss: 0, recorded: [] as string[] };
  for (const frame of frames) {
    const seen = await frame
      .evaluate(() => {
        const out = { fresh: 0, titles: [] as string[], marked: 0, loss: 0, recorded: [] as string[] };
        for (const plot of document.querySelectorAll<HTMLElement>(".js-plotly-plot")) {
          const title = plot.querySelector(".gtitle")?.textContent ?? "";
          if (title.startsWith("Training loss")) out.loss++;
          if (!title.startsWith("Decision boundary")) continue;
          // Every title the plot shows is recorded as it changes, so that updates between two polls of a
          // busy machine are seen too.
          const seenTitles = ((window as unknown as { e2eTitles?: string[] }).e2eTitles ??= []);
          if (!plot.dataset.e2eSeen) {
            plot.dataset.e2eSeen = "yes";
            out.fresh++;
            seenTitles.push(title);
            new MutationObserver(() => {
              const now = plot.querySelector(".gtitle")?.textContent ?? "";
              if (now && seenTitles[seenTitles.length - 1] !== now) seenTitles.push(now);
            }).observe(plot, { subtree: true, childList: true, characterData: true });
          }
          out.marked++;
          out.titles.push(title);
          out.recorded = [...seenTitles];
        }
        return out;
      })
      .catch(() => ({ fresh: 0, titles: [] as string[], marked: 0, loss: 0, recorded: [] as string[] }));
    total.fresh += seen.fresh;
    total.marked += seen.marked;
    total.loss += seen.loss;
    total.titles.push(...seen.titles);
    total.recorded.push(...seen.recorded);
  }
  return total;
}

test("live views during train redraw the loss and the boundary in place, and the History is not drawn again", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "model-views.nnbook");
  await runCommand(page, "Notebook: Run All");
  // While training runs, the one boundary plot is updated: its title moves through the epochs, never a new plot.
  let fresh = 0;
  const titles = new Set<string>();
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    const seen = await boundaryPlots(outputFrames(page));
    fresh += seen.fresh;
    [...seen.titles, ...seen.recorded].forEach((t) => titles.add(t));
    const statuses = await cellStatuses(page);
    if (statuses.length && !statuses.some((s) => s.state === "pending" || s.state === "executing")) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  const statuses = await waitForExecutionIdle(page, { timeoutMs: 60_000 });
  assert.ok(statuses.filter((s) => s.kind === "code").every((s) => s.state === "success"), JSON.stringify(statuses));
  const end = await until("the views drawn", () => boundaryPlots(outputFrames(page)), (d) => d.marked >= 1);
  fresh += end.fresh;
  [...end.titles, ...end.recorded].forEach((t) => titles.add(t));
  const live = [...titles].filter((t) => t.endsWith(` / ${LIVE_EPOCHS})`) && /\(epoch \d+ \//.test(t));
  assert.ok(live.length >= 2, `the live boundary was seen at several epochs: ${JSON.stringify([...titles])}`);
  assert.equal(fresh, 1, "one boundary plot, drawn once and updated in place");
  assert.deepEqual(end.titles, ["Decision boundary on moons · accuracy 100%"]);
  // The cell's last value, the History, does not draw the loss a second time.
  assert.equal(end.loss, 1);
  await screenshot(page, "views-model");
});
