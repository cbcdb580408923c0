// The extension as a user gets it: the packaged VSIX installed into code-server, examples/hello.nnbook
// opened and run, and what the renderer draws checked inside its frame. `npm test` packages the VSIX
// (nnbook.vsix) and runs scripts/e2e/setup.mjs before this suite.

import assert from "node:assert/strict";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Frame } from "playwright-core";
import type { CodeServer, Workbench } from "./codeServer";
import {
  cellOutputTexts,
  openNotebook,
  outputFrames,
  quickOpen,
  runAllCells,
  runCommand,
  screenshot,
  step,
  waitForExecutionIdle,
  waitForKernel,
  waitForOutput,
} from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;
let workbench: Workbench | undefined;
let server: CodeServer | undefined;

before(async () => {
  product = await openProduct({
    prepare(workspace) {
      cpSync(join(repo, "examples"), workspace, { recursive: true, filter: (src) => !src.endsWith(".html") });
      cpSync(join(repo, "test/corpus/broken/newer-version.nnbook"), join(workspace, "broken.nnbook"));
      cpSync(join(repo, "test/corpus/cli/fails.nnbook"), join(workspace, "fails.nnbook"));
      cpSync(join(repo, "test/corpus/cli/busy-loop.nnbook"), join(workspace, "busy.nnbook"));
    },
  });
  ({ workbench, server } = product);
});

after(() => product?.close());

/** Scrolls the notebook down: outputs far below the view are not rendered until they come near it. */
async function scrollNotebook(pixels = 600): Promise<void> {
  const page = workbench!.page;
  const box = await page.locator(".notebookOverlay:visible .cell-list-container").first().boundingBox();
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, pixels);
}

/** Polls a check inside the output frames until it passes, scrolling down between tries. */
async function inOutputFrames<T>(what: string, check: (frame: Frame) => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const page = workbench!.page;
  const started = Date.now();
  for (;;) {
    for (const frame of outputFrames(page)) {
      const found = await check(frame).catch(() => undefined);
      if (found !== undefined) return found;
    }
    if (Date.now() - started > timeoutMs) {
      await screenshot(page, `failed-${what.replace(/\W+/g, "-")}`);
      throw new Error(`timed out waiting for ${what}`);
    }
    await scrollNotebook();
    await page.waitForTimeout(250);
  }
}

describe("hello.nnbook in code-server", () => {
  test("Run All: a matrix, streamed console text and a plotly loss curve", async () => {
    const page = workbench!.page;
    await openNotebook(page, "hello.nnbook");
    assert.equal(await waitForKernel(page), "nnbook");

    const statuses = await runAllCells(page, { timeoutMs: 120_000 });
    assert.ok(statuses.length > 0);
    assert.ok(statuses.every((s) => s.state === "success" || s.state === "idle"), JSON.stringify(statuses));

    const { locator: matrix } = await waitForOutput(page, "table.nnbook-matrix");
    assert.deepEqual(await matrix.first().locator("td").allTextContents(), ["19", "22", "43", "50"]);
    assert.match((await matrix.first().locator("xpath=..").innerText()).trim(), /^Tensor \[2, 2\] · float32/);

    const streamed = await inOutputFrames("the console text", async (frame) => {
      const text = await frame.locator("#container").innerText();
      return /sigmoid\(0\.8\) = 0\.690/.test(text) && /learned w = 3\.0\d\d, b = 2\.0\d\d/.test(text) ? text : undefined;
    });
    assert.match(streamed, /sigmoid\(-2\) = 0\.119\s+sigmoid\(0\) = 0\.500/);

    const trace = await inOutputFrames("a plotly chart with data", (frame) =>
      frame.evaluate(() => {
        const plot = document.querySelector(".js-plotly-plot") as (HTMLElement & { data?: { y: number[]; name: string }[] }) | null;
        const y = plot?.data?.[0]?.y;
        return y && y.length > 0 ? { points: y.length, first: y[0], last: y[y.length - 1], svgPaths: plot!.querySelectorAll("path.js-line").length, height: plot!.getBoundingClientRect().height, outputHeight: (plot!.closest(".output") as HTMLElement | null)?.getBoundingClientRect().height ?? -1 } : undefined;
      }),
    );
    assert.equal(trace.points, 300);
    assert.ok(trace.first > 1 && trace.last < 0.02, JSON.stringify(trace));
    assert.ok(trace.svgPaths > 0, "the curve is drawn");
    assert.ok(trace.height >= 250 && trace.outputHeight >= 250, `the chart has room: ${JSON.stringify(trace)}`);

    // Bring the training cell and its chart into view for the picture.
    for (let i = 0; i < 8; i++) {
      await scrollNotebook(400);
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(500);
    await screenshot(page, "hello-notebook");
  });

  test("Restart Kernel and Run All starts a fresh kernel: execution counts begin again at 1", async () => {
    const page = workbench!.page;
    await openNotebook(page, "hello.nnbook");
    await runAllCells(page, { timeoutMs: 120_000 });
    await runAllCells(page, { timeoutMs: 120_000 });
    // Only rendered rows have a count label: compare the numbers shown, whichever cells they are.
    const counts = async () =>
      (await page.locator(".notebookOverlay:visible .execution-count-label").allInnerTexts())
        .map((t) => /^\[(\d+)\]$/.exec(t.trim())?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number);
    // A second Run All in the same kernel counts on past the 4 code cells.
    assert.ok((await counts()).some((n) => n > 4), JSON.stringify(await counts()));
    await runCommand(page, "nnbook: Restart Kernel and Run All");
    // The restart asks first; "Don't Ask Again" restarts and turns the question off.
    const dialog = page.locator(".monaco-dialog-box", { hasText: "Restart the kernel?" });
    await step(page, "restart-dialog", () => dialog.waitFor({ state: "visible", timeout: 15_000 }));
    await dialog.getByRole("button", { name: "Restart, Don't Ask Again" }).click();
    const started = Date.now();
    for (;;) {
      const now = await counts();
      if (now.length >= 2 && now.every((n) => n <= 4)) break;
      if (Date.now() - started > 60_000) throw new Error(`execution counts after restart: ${JSON.stringify(now)}`);
      await page.waitForTimeout(250);
    }
    const statuses = await waitForExecutionIdle(page, { timeoutMs: 120_000 });
    assert.ok(statuses.every((s) => s.state === "success" || s.state === "idle"), JSON.stringify(statuses));
  });

  test("iris.nnbook: data.csv and train() with a validation curve, drawn live and once", async () => {
    const page = workbench!.page;
    await openNotebook(page, "iris.nnbook");
    const statuses = await runAllCells(page, { timeoutMs: 120_000 });
    assert.ok(statuses.every((s) => s.state === "success" || s.state === "idle"), JSON.stringify(statuses));
    const curves = await inOutputFrames("training curves with validation", (frame) =>
      frame.evaluate(() => {
        const plots = [...document.querySelectorAll(".js-plotly-plot")] as (HTMLElement & { data?: { name: string; mode: string; y: number[] }[] })[];
        // The loss curves of the finished run (beside them: its accuracy on the second axis, the best epoch's star),
        // drawn live and left as one chart: the notebook holds no second copy of them.
        const losses = (p: (typeof plots)[number]) => (p.data ?? []).filter((t) => t.mode === "lines" && !/accuracy/.test(t.name));
        const full = plots.filter((p) => losses(p).length === 2 && losses(p).every((t) => t.y.length === 60));
        return full.length === 1 ? full.map((p) => losses(p).map((t) => t.name)) : undefined;
      }),
    );
    assert.deepEqual(curves[0], ["train", "validation"]);
    const classes = await inOutputFrames("the dataset scatter", (frame) =>
      frame.evaluate(() => {
        const table = document.querySelector("table.nnbook-dataset");
        const plot = table?.closest(".nnbook-view")?.querySelector(".js-plotly-plot") as (HTMLElement & { data?: { name: string; x: number[] }[] }) | null;
        return plot?.data?.length ? plot.data.map((t) => `${t.name}:${t.x.length}`) : undefined;
      }),
    );
    assert.deepEqual(classes, ["setosa:50", "versicolor:50", "virginica:50"]);
    const columns = await inOutputFrames("the dataset table's columns", (frame) =>
      frame.evaluate(() => {
        const cells = [...document.querySelectorAll("table.nnbook-dataset thead th")].map((th) => th.textContent);
        return cells.length ? cells : undefined;
      }),
    );
    assert.deepEqual(columns, ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)", "y"]);
    const summary = await inOutputFrames("the model summary with its equations", (frame) =>
      frame.evaluate(() => {
        const table = document.querySelector("table.nnbook-summary") as HTMLTableElement | null;
        const katexFont = getComputedStyle(document.querySelector(".nnbook-equation .katex") ?? document.body).fontFamily;
        return table ? { total: table.querySelector(".nnbook-total")?.textContent, equations: table.querySelectorAll(".katex").length, katexFont } : undefined;
      }),
    );
    assert.equal(summary.total, "total131");
    assert.equal(summary.equations, 3);
    assert.match(summary.katexFont, /KaTeX/, "KaTeX's stylesheet is loaded in the output frame");
    await screenshot(page, "iris-notebook");
  });

  test("a cell that throws shows the message and its line; the cells before keep their state", async () => {
    const page = workbench!.page;
    await openNotebook(page, "fails.nnbook");
    const statuses = await runAllCells(page, { timeoutMs: 60_000 });
    assert.equal(statuses.find((s) => s.index === 1)?.state, "error", JSON.stringify(statuses));
    const texts = await cellOutputTexts(page, 1);
    const error = texts.join("\n");
    assert.match(error, /matmul: cannot multiply \[1,3\] by \[1,2\] \(3 ≠ 1\)/);
    assert.match(error, /cell \[2\], the 2nd cell, line 2/);
    await screenshot(page, "cell-error");
  });

  test("the stop button ends a loop that never yields within the second, and says the kernel restarted", async () => {
    const page = workbench!.page;
    await openNotebook(page, "busy.nnbook");
    await runCommand(page, "Notebook: Run All");
    const interrupt = page.locator(".notebookOverlay:visible .notebook-toolbar-container").getByRole("button", { name: /Interrupt/ }).first();
    await step(page, "interrupt-button", () => interrupt.waitFor({ state: "visible", timeout: 30_000 }));
    // As a user would: stop once the first cell has printed and the loop is running.
    await step(page, "first-cell-output", async () => {
      const until = Date.now() + 30_000;
      while (!(await cellOutputTexts(page, 0)).join("\n").includes("about to spin")) {
        if (Date.now() > until) throw new Error('no "about to spin" in the first cell');
        await page.waitForTimeout(200);
      }
    });
    await page.waitForTimeout(500);
    const started = Date.now();
    await interrupt.click();
    const statuses = await waitForExecutionIdle(page, { timeoutMs: 10_000 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3000, `stopped after ${elapsed} ms`);
    assert.equal(statuses.find((s) => s.index === 1)?.state, "error", JSON.stringify(statuses));
    assert.match((await cellOutputTexts(page, 1)).join("\n"), /kernel was restarted\.\s+Every variable from earlier cells is gone/);
    await screenshot(page, "interrupted");
  });

  test("a broken .nnbook says what and where, and the file is left as it was", async () => {
    const page = workbench!.page;
    const file = join(server!.workspace, "broken.nnbook");
    const before = readFileSync(file);
    await quickOpen(page, "broken.nnbook");
    const message = page.locator(".notification-toast", { hasText: "Cannot open broken.nnbook" }).first();
    await step(page, "broken-file-message", () => message.waitFor({ state: "visible", timeout: 30_000 }));
    assert.match(await message.innerText(), /line 2, column 13: this notebook uses format version 2, newer than this nnbook reads \(1\)/);
    await page.waitForTimeout(500); // the toast fades in
    await screenshot(page, "broken-file");
    await page.keyboard.press("Control+S");
    await page.waitForTimeout(1000);
    assert.deepEqual(readFileSync(file), before);
  });
});
