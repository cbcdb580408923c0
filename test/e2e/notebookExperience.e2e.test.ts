// The notebook as a Jupyter user tries it in code-server: a cell run behind a busy one waits as pending and
// times only its own run; the stop button ends the queue and the stopped training says where it stopped;
// a restart is confirmed, shows in the status bar and clears the old counts; the variables view lists a
// tensor and draws it; a typo at run time suggests the name meant and the editor offers the fix; an example
// run and saved in the editor stays under 50 KB; New Notebook gives a starter that runs green.

import assert from "node:assert/strict";
import { cpSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Frame, Page } from "playwright-core";
import {
  cellOutputTexts,
  cellStatuses,
  openNotebook,
  runAllCells,
  runCommand,
  screenshot,
  step,
  switchToDarkTheme,
  waitForExecutionIdle,
  type CellStatus,
} from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;
let workspace = "";

before(async () => {
  product = await openProduct({
    prepare(folder) {
      workspace = folder;
      for (const name of ["queue", "stop", "variables", "typo"]) cpSync(join(repo, `test/corpus/experience/${name}.nnbook`), join(folder, `${name}.nnbook`));
      cpSync(join(repo, "examples/training-views.nnbook"), join(folder, "training-views.nnbook"));
    },
  });
});

after(() => product?.close());

const cellRow = (page: Page, index: number) => page.locator(`.notebookOverlay:visible .cell-list-container .monaco-list-row[data-index="${index}"]`);

/** Runs one cell as a user does: its run button, shown when the pointer is over the cell. */
async function runCell(page: Page, index: number): Promise<void> {
  const row = cellRow(page, index);
  await row.hover();
  await row.locator(".run-button-container").getByRole("button", { name: /^Execute Cell/ }).first().click();
}

async function until<T>(page: Page, what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return step(page, what, async () => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  });
}

const stateOf = (statuses: CellStatus[], index: number) => statuses.find((s) => s.index === index)?.state;

/** The run time a cell's status bar shows ("1.2s", "35ms", "1m 2.3s"), in seconds. */
async function runSeconds(page: Page, index: number): Promise<number> {
  const text = await cellRow(page, index).locator(".cell-statusbar-container").innerText();
  const m = /(?:(\d+)m\s*)?(\d+(?:\.\d+)?)(ms|s)\b/.exec(text);
  assert.ok(m, `no run time in "${text}"`);
  return Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === "ms" ? 1000 : 1);
}

test("a cell run behind a busy one shows as pending, and its timer counts only its own run", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "queue.nnbook");
  await runCell(page, 0);
  await until(page, "the first cell executing", async () => (stateOf(await cellStatuses(page), 0) === "executing" ? true : undefined));
  await runCell(page, 1);
  const seen = new Set<string>();
  // While the first cell waits its five seconds, the second is pending, never executing.
  for (let i = 0; i < 15; i++) {
    const statuses = await cellStatuses(page);
    if (stateOf(statuses, 0) !== "executing") break;
    seen.add(stateOf(statuses, 1) ?? "none");
    await page.waitForTimeout(150);
  }
  await screenshot(page, "experience-queued-pending");
  assert.deepEqual([...seen], ["pending"]);
  const statuses = await waitForExecutionIdle(page, { timeoutMs: 30_000 });
  assert.equal(stateOf(statuses, 1), "success");
  assert.match((await cellOutputTexts(page, 1)).join("\n"), /second ran/);
  assert.ok((await runSeconds(page, 0)) >= 4, "the first cell's own run took its five seconds");
  const second = await runSeconds(page, 1);
  assert.ok(second < 2, `the second cell's timer says ${second} s: it counted the wait`);
});

test("the stop button ends the queue; the stopped training says at which epoch, in its output and its chart", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "stop.nnbook");
  await runCommand(page, "Notebook: Run All");
  await until(page, "training under way", async () => {
    const statuses = await cellStatuses(page);
    return stateOf(statuses, 0) === "executing" && stateOf(statuses, 1) === "pending" ? true : undefined;
  });
  await page.waitForTimeout(2500);
  const interrupt = page.locator(".notebookOverlay:visible .notebook-toolbar-container").getByRole("button", { name: /Interrupt/ }).first();
  await interrupt.click();
  const statuses = await waitForExecutionIdle(page, { timeoutMs: 15_000 });
  assert.equal(stateOf(statuses, 0), "success", JSON.stringify(statuses));
  assert.equal(stateOf(statuses, 1), "idle", `the queued cell ran: ${JSON.stringify(statuses)}`);
  assert.deepEqual(await cellOutputTexts(page, 1), []);
  const texts = (await cellOutputTexts(page, 0)).join("\n");
  assert.match(texts, /Training stopped at epoch [\d,]+ of 1,000,000/);
  const title = await until(page, "the chart's title", async () => {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.querySelector(".nnbook-loss .gtitle, .js-plotly-plot .gtitle")?.textContent ?? "").catch(() => "");
      if (text) return text;
    }
    return undefined;
  });
  assert.match(title, /^Training loss, stopped at epoch [\d,]+ of 1,000,000$/);
  await screenshot(page, "experience-stopped");
});

test("Restart Kernel asks first, says so in the status bar, and clears the old execution counts", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "variables.nnbook");
  await runAllCells(page, { timeoutMs: 60_000 });
  const status = page.locator(".statusbar-item", { hasText: /nnbook: / }).first();
  assert.match(await status.innerText(), /nnbook: idle/);
  assert.deepEqual((await cellStatuses(page)).map((s) => s.executionOrder), ["[1]", "[2]"]);
  await runCommand(page, "nnbook: Restart Kernel");
  const dialog = page.locator(".monaco-dialog-box", { hasText: "Restart the kernel?" });
  await step(page, "restart-dialog", () => dialog.waitFor({ state: "visible", timeout: 15_000 }));
  await screenshot(page, "experience-restart-dialog");
  await dialog.getByRole("button", { name: "Restart", exact: true }).click();
  await until(page, "kernel restarted in the status bar", async () => (/kernel restarted/.test(await status.innerText()) ? true : undefined));
  await screenshot(page, "experience-restarted");
  await until(page, "the counts cleared", async () => ((await cellStatuses(page)).every((s) => /^(\[\s*\])?$/.test(s.executionOrder)) ? true : undefined));
  // The old state is gone: the second cell alone fails, and is [1].
  await runCell(page, 1);
  const after = await waitForExecutionIdle(page, { timeoutMs: 30_000 });
  assert.equal(stateOf(after, 1), "error");
  assert.equal(after.find((s) => s.index === 1)?.executionOrder, "[1]");
  assert.match((await cellOutputTexts(page, 1)).join("\n"), /w is not defined/);
});

test("the variables view lists a tensor with its shape after a cell, and draws it as show.tensor does", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "variables.nnbook");
  await runAllCells(page, { timeoutMs: 60_000 });
  await runCommand(page, "nnbook: Show Variables");
  const view = page.locator(".pane", { has: page.locator(".pane-header", { hasText: /Variables/i }) }).first();
  const row = view.locator(".monaco-list-row", { hasText: /^w/ }).first();
  await step(page, "variables-row", () => row.waitFor({ state: "visible", timeout: 30_000 }));
  assert.match(await row.innerText(), /Tensor \[3, 4\]/);
  assert.match(await view.locator(".monaco-list-row", { hasText: /^net/ }).first().innerText(), /Sequential · 17 parameters/);
  assert.match(await view.locator(".monaco-list-row", { hasText: /^lr/ }).first().innerText(), /number\s+0\.1/);
  await screenshot(page, "experience-variables");
  await row.click();
  const frame = await until<Frame>(page, "the tensor panel", async () => {
    for (const f of page.frames()) {
      if (await f.evaluate(() => document.body?.dataset.nnbookRendered === "true" && !!document.querySelector("#view table, #view .js-plotly-plot")).catch(() => false)) return f;
    }
    return undefined;
  });
  assert.equal(await frame.evaluate(() => document.getElementById("name")?.textContent), "w");
  assert.equal(await frame.evaluate(() => document.querySelectorAll("#view td.nnbook-value, #view td").length >= 12), true);
  await screenshot(page, "experience-tensor-panel");
  // In a dark theme the panel, the view and the status bar item take its colours.
  await switchToDarkTheme(page);
  await frame.waitForFunction(() => document.body.classList.contains("vscode-dark"), undefined, { timeout: 30_000 });
  const cellText = await frame.evaluate(() => getComputedStyle(document.querySelector("#view td") ?? document.body).color);
  const [r, g, b] = cellText.match(/\d+/g)?.map(Number) ?? [0, 0, 0];
  assert.ok(r + g + b > 450, `the tensor's numbers are light on dark: ${cellText}`);
  await screenshot(page, "experience-variables-dark");
});

test("a typo at run time suggests the name meant, and Ctrl+. in the cell offers the fix", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "typo.nnbook");
  const statuses = await runAllCells(page, { timeoutMs: 60_000 });
  assert.equal(stateOf(statuses, 1), "error", JSON.stringify(statuses));
  assert.match((await cellOutputTexts(page, 1)).join("\n"), /nett is not defined\. Did you mean 'net'\?/);
  // The cursor on the misspelt name, the quick fix asked for as a keyboard user does.
  await cellRow(page, 1).locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Home");
  await page.keyboard.press("Control+.");
  const fix = page.locator(".action-widget .monaco-list-row", { hasText: "Change spelling to 'net'" }).first();
  await step(page, "quick-fix-menu", () => fix.waitFor({ state: "visible", timeout: 30_000 }));
  await screenshot(page, "experience-quick-fix");
  // The menu is driven with the keyboard, as it opened: the row focused, then Enter.
  for (let i = 0; i < 5 && !(await fix.getAttribute("class"))?.includes("focused"); i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await until(page, "the fixed source", async () => ((await cellRow(page, 1).locator(".view-lines").innerText()).replace(/\s/g, " ").trim() === "net.weight" ? true : undefined));
  await runCell(page, 1);
  const after = await waitForExecutionIdle(page, { timeoutMs: 30_000 });
  assert.equal(stateOf(after, 1), "success", JSON.stringify(after));
});

test("an example run and saved in the editor stays under 50 KB, with its views", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "training-views.nnbook");
  const statuses = await runAllCells(page, { timeoutMs: 180_000 });
  assert.ok(statuses.filter((s) => s.kind === "code").every((s) => s.state === "success"), JSON.stringify(statuses));
  const file = join(workspace, "training-views.nnbook");
  const before = statSync(file).mtimeMs;
  // Saved as a user saves, with the keyboard: the focus is in the notebook after Run All.
  await page.keyboard.press("Control+s");
  await until(page, "the saved file", async () => (statSync(file).mtimeMs > before ? true : undefined));
  const bytes = statSync(file).size;
  assert.ok(bytes < 50_000, `training-views.nnbook saved from the editor is ${bytes} bytes`);
  const saved = JSON.parse(readFileSync(file, "utf8")) as { cells: { outputs?: { items: { mime: string }[] }[] }[] };
  const mimes = saved.cells.flatMap((c) => c.outputs ?? []).flatMap((o) => o.items.map((i) => i.mime));
  for (const view of ["loss", "weights", "gradients"]) assert.ok(mimes.includes(`application/vnd.nnbook.${view}+json`), `${view} saved: ${mimes.join(", ")}`);
});

test("New Notebook opens a starter that runs green and shows its training", async () => {
  const page = product!.workbench.page;
  // A fresh window's worth of room: the tensor panel and the notebooks of the tests before are closed.
  await runCommand(page, "View: Close All Editor Groups");
  // On a fresh window the palette lists the extension's commands once it has read the extensions: try again until then.
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, "nnbook: New Notebook", { timeoutMs: 10_000 });
      break;
    } catch (error) {
      await page.keyboard.press("Escape");
      if (attempt === 4) throw error;
    }
  }
  await page.locator(".notebookOverlay:visible .code-cell-row").first().waitFor({ state: "visible", timeout: 30_000 });
  const statuses = await runAllCells(page, { timeoutMs: 120_000 });
  await screenshot(page, "experience-new-notebook");
  const code = statuses.filter((s) => s.kind === "code");
  assert.ok(code.length >= 1 && code.every((s) => s.state === "success"), JSON.stringify(statuses));
  // Every cell ran, the training below the fold too: its History is in the variables view, trained to the end.
  await runCommand(page, "nnbook: Show Variables");
  const run = page.locator(".pane .monaco-list-row", { hasText: /^run/ }).first();
  await step(page, "starter-history", () => run.waitFor({ state: "visible", timeout: 30_000 }));
  assert.match(await run.innerText(), /History\(300 epochs, loss [\d.]+ → [\d.]+, accuracy \d+(\.\d+)?%\)/);
});
