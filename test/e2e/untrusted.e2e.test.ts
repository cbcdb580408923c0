// Workspace trust: in a folder the user has not trusted, notebooks open but no cell runs, and the
// outputs saved in them, which anyone could have written, are drawn without running anything.

import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { marksLeft, readDrawnOutputs, recordDialogs, type DrawnOutputs } from "./executionProbe";
import { cellStatuses, openNotebook, outputFrames, outputTexts, RESULTS_DIR, runCommand, screenshot, step, waitForOutput } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    prepare(workspace) {
      cpSync(join(repo, "examples"), workspace, { recursive: true, filter: (src) => !src.endsWith(".html") });
      cpSync(join(repo, "test/corpus/hostile/outputs.nnbook"), join(workspace, "outputs.nnbook"));
    },
    trusted: false,
    viewport: { width: 1280, height: 1000 },
  });
});

after(() => product?.close());

test("an untrusted folder runs nothing: VS Code asks for trust, and declining runs no cell", async () => {
  const page = product!.workbench.page;
  await step(page, "restricted-mode", () =>
    page.locator(".statusbar-item", { hasText: "Restricted Mode" }).first().waitFor({ state: "visible", timeout: 30_000 }),
  );
  await openNotebook(page, "hello.nnbook");
  await runCommand(page, "Notebook: Run All");
  const dialog = page.locator(".monaco-dialog-box", { hasText: "Do you trust the authors of the files in this folder?" });
  await step(page, "trust-dialog", () => dialog.waitFor({ state: "visible", timeout: 30_000 }));
  assert.match(await dialog.innerText(), /Executing a notebook cell will run code from this workspace/);
  await screenshot(page, "untrusted");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.waitForTimeout(2000);
  const statuses = await cellStatuses(page);
  assert.ok(statuses.length > 0);
  assert.ok(statuses.every((s) => s.state === "idle"), JSON.stringify(statuses));
  assert.deepEqual(await outputTexts(page), []);
});

const IMG = (mark: string) => `<img src=x onerror="document.documentElement.dataset.pwned='${mark}'">`;

/** What the output frames have drawn so far, scrolling down between looks until `done` says it is all there. */
async function drawnOutputs(page: Page, done: (seen: DrawnOutputs) => boolean): Promise<DrawnOutputs> {
  const seen: DrawnOutputs = { images: 0, errorBoxes: [], summaryCells: [], typeset: 0, katexFont: "", chartTexts: [] };
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const deadline = Date.now() + 90_000;
  while (!done(seen)) {
    if (Date.now() > deadline) {
      await screenshot(page, "failed-hostile-outputs");
      throw new Error(`the hostile outputs were not all drawn: ${JSON.stringify(seen)}`);
    }
    for (const frame of outputFrames(page)) {
      const drawn = await readDrawnOutputs(frame).catch(() => undefined);
      if (!drawn) continue;
      seen.images = Math.max(seen.images, drawn.images);
      seen.errorBoxes = union(seen.errorBoxes, drawn.errorBoxes);
      seen.summaryCells = union(seen.summaryCells, drawn.summaryCells);
      seen.typeset = Math.max(seen.typeset, drawn.typeset);
      seen.katexFont ||= drawn.katexFont;
      seen.chartTexts = union(seen.chartTexts, drawn.chartTexts);
    }
    const box = await page.locator(".notebookOverlay:visible .cell-list-container").first().boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 500);
    }
    await page.waitForTimeout(300);
  }
  return seen;
}

test("hostile saved outputs are drawn as text and error boxes, and run nothing", async () => {
  const page = product!.workbench.page;
  const dialogs = recordDialogs(page);
  await openNotebook(page, "outputs.nnbook");
  const { locator: equation } = await waitForOutput(page, "table.nnbook-summary .nnbook-equation .katex", { timeoutMs: 60_000 });
  await screenshot(page, "untrusted-hostile-outputs");
  await equation.first().screenshot({ path: join(RESULTS_DIR, "untrusted-summary-equation.png") });
  const seen = await drawnOutputs(
    page,
    (s) => s.errorBoxes.length >= 3 && s.typeset >= 3 && s.chartTexts.includes(IMG("loss-title")) && s.chartTexts.includes("<b>one</b>"),
  );
  // The summary's own equations are typeset by KaTeX, loaded in the output frame of an untrusted folder.
  assert.match(seen.katexFont, /KaTeX/);
  assert.ok(seen.summaryCells.includes(IMG("summary-layer")), "a layer name with markup is shown as text");
  assert.ok(seen.errorBoxes.some((t) => /payload version 1, and this nnbook reads version 2/.test(t)), JSON.stringify(seen.errorBoxes));
  assert.ok(seen.errorBoxes.some((t) => /data\[0\] must be a number or one of "NaN"/.test(t)), JSON.stringify(seen.errorBoxes));
  assert.ok(seen.errorBoxes.some((t) => /rows must be an array, not the string "none"/.test(t)), JSON.stringify(seen.errorBoxes));
  assert.ok(seen.chartTexts.includes('<a href="javascript:alert(1)">loss</a>'), JSON.stringify(seen.chartTexts));
  assert.equal(seen.images, 0, "no <img> made it into an output frame");
  await page.waitForTimeout(1000);
  assert.deepEqual(await marksLeft(page), []);
  assert.deepEqual(dialogs, []);
  await screenshot(page, "untrusted-hostile-outputs-drawn");
});
