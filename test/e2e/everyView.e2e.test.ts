// test/corpus/views/every-view.nnbook, which calls every show.* view, run in a real VS Code: every view draws inside the
// editor (none left as its text, none an error box), the weights slider and the backprop stepper respond, and a
// switch to a dark theme re-colours the drawn views without running anything again.

import assert from "node:assert/strict";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Frame, Page } from "playwright-core";
import { focusFirstCell, openNotebook, outputFrames, runAllCells, screenshot, switchToDarkTheme } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

/** One notebook that calls every show.* view; the examples show them a few at a time. */
const CATALOGUE = "test/corpus/views/every-view.nnbook";

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    viewport: { width: 1280, height: 2400 },
    prepare(workspace) {
      cpSync(join(repo, CATALOGUE), join(workspace, "every-view.nnbook"));
    },
  });
});

after(() => product?.close());

/** The views each view root's class names: "nnbook-view nnbook-weights" → "weights"; a plain root → "view". */
async function drawnViews(frames: Frame[]): Promise<{ kinds: string[]; errors: string[] }> {
  const kinds: string[] = [], errors: string[] = [];
  for (const frame of frames) {
    const found = await frame
      .evaluate(() => ({
        kinds: Array.from(
          document.querySelectorAll(".nnbook-view"),
          (e) =>
            Array.from(e.classList).find((c) => c !== "nnbook-view")?.replace("nnbook-", "") ??
            (e.querySelector("table.nnbook-summary") ? "summary" : e.querySelector("table.nnbook-table") ? "table" : e.querySelector(".js-plotly-plot") ? "chart" : "view"),
        ),
        errors: Array.from(document.querySelectorAll(".nnbook-error"), (e) => e.textContent ?? ""),
      }))
      .catch(() => ({ kinds: [] as string[], errors: [] as string[] }));
    kinds.push(...found.kinds);
    errors.push(...found.errors);
  }
  return { kinds, errors };
}

/**
 * Walks the notebook from its first cell to its last as a keyboard user does (cell focus moved down, each cell
 * revealed in turn), collecting every kind of view drawn on the way: outputs far from view are not drawn.
 */
async function walkThrough(page: Page, shoot?: string): Promise<{ kinds: Set<string>; errors: string[] }> {
  await focusFirstCell(page);
  const count = (JSON.parse(readFileSync(join(repo, CATALOGUE), "utf8")) as { cells: unknown[] }).cells.length;
  const kinds = new Set<string>(), errors: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.waitForTimeout(400);
    const drawn = await drawnViews(outputFrames(page));
    drawn.kinds.forEach((k) => kinds.add(k));
    errors.push(...new Set(drawn.errors));
    if (shoot && i % 6 === 0) await screenshot(page, `${shoot}-${i / 6}`);
    await page.keyboard.press("ArrowDown");
  }
  return { kinds, errors: [...new Set(errors)] };
}

async function frameWith(page: Page, selector: string): Promise<Frame> {
  for (const frame of outputFrames(page)) if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
  throw new Error(`no output frame has ${selector}`);
}

test("every view of the catalogue notebook draws in the editor, and its controls respond", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "every-view.nnbook");
  const statuses = await runAllCells(page, { timeoutMs: 240_000 });
  assert.ok(statuses.filter((s) => s.kind === "code").every((s) => s.state === "success"), JSON.stringify(statuses));

  const { kinds, errors } = await walkThrough(page, "every-view-light");
  assert.deepEqual(errors, []);
  for (const kind of ["summary", "weights", "network", "graph", "backprop", "activation", "code"]) assert.ok(kinds.has(kind), `${kind} drawn: ${[...kinds].join(", ")}`);
  assert.ok(kinds.has("chart"), "plotly charts drawn");

  // The backprop stepper and the weights slider work in the editor as in the export.
  const stepper = await frameWith(page, ".nnbook-backprop");
  const position = stepper.locator(".nnbook-backprop-position").first();
  const before = await position.textContent();
  // Outputs scrolled out of the editor's view are hidden, not removed: the controls are driven as a click would.
  await stepper.locator(".nnbook-backprop button", { hasText: "next" }).first().evaluate((b: HTMLElement) => b.click());
  assert.notEqual(await position.textContent(), before);

  const weights = await frameWith(page, ".nnbook-weights");
  const label = weights.locator(".nnbook-player-epoch").first();
  await weights.locator(".nnbook-player input[type=range]").first().evaluate((slider: HTMLInputElement) => {
    slider.value = "0";
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  });
  assert.match((await label.textContent()) ?? "", /^epoch 0 \(1 \/ \d+\)$/);
});

test("a switch to the dark theme re-colours the drawn views without running them again", async () => {
  const page = product!.workbench.page;
  await switchToDarkTheme(page, () => screenshot(page, "every-view-theme-picker"));
  const frame = await frameWith(page, ".nnbook-weights");
  await frame.waitForFunction(() => document.body.classList.contains("vscode-dark"), undefined, { timeout: 30_000 });
  // Plotly's text follows the theme's foreground (light on dark).
  await frame.waitForFunction(() => {
    const text = document.querySelector(".js-plotly-plot .gtitle, .js-plotly-plot .xtitle");
    const fill = text ? getComputedStyle(text).fill : "";
    const [r, g, b] = fill.match(/\d+/g)?.map(Number) ?? [0, 0, 0];
    return r + g + b > 450;
  }, undefined, { timeout: 30_000 });
  const { errors } = await walkThrough(page, "every-view-dark");
  assert.deepEqual(errors, []);
});
