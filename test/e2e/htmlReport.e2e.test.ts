// The `--html` report in Chromium: the page needs no network, the renderer bundle embedded in it
// draws the same views as in the editor, and nothing a notebook holds runs in it.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { htmlReport } from "../../src/cli/htmlReport";
import { parseNnbook } from "../../src/format";
import { launchBrowser } from "./codeServer";
import { marksLeft, readDrawnOutputs, recordDialogs } from "./executionProbe";
import { RESULTS_DIR, screenshot } from "./notebookPage";

const repo = resolve(__dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "nnbook-report-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the HTML report draws the matrix, the loss chart and the math, offline", async () => {
  const html = join(dir, "hello.html");
  const run = spawnSync(process.execPath, [join(repo, "out/cli/nnbook.js"), "run", join(repo, "examples/hello.nnbook"), "--html", html, "--quiet"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);

  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1800 } });
    // Any request leaving the page would mean it is not self-contained.
    const requests: string[] = [];
    context.on("request", (request) => {
      if (!/^(file|blob|data):/.test(request.url())) requests.push(request.url());
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("body[data-nnbook-rendered]", { timeout: 30_000 });

    assert.deepEqual(await page.locator("table.nnbook-matrix td").allTextContents(), ["19", "22", "43", "50"]);
    const trace = await page.evaluate(() => {
      const plot = document.querySelector(".js-plotly-plot") as (HTMLElement & { data?: { y: number[] }[] }) | null;
      return { points: plot?.data?.[0]?.y.length ?? 0, lines: plot?.querySelectorAll("path.js-line").length ?? 0 };
    });
    assert.equal(trace.points, 300);
    assert.ok(trace.lines > 0);
    assert.ok((await page.locator(".katex-display").count()) >= 1, "display math is rendered");
    assert.match(await page.locator("pre.output.stdout").first().innerText(), /sigmoid\(-2\) = 0\.119/);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
    await screenshot(page, "html-report");
  } finally {
    await browser.close();
  }
});

const HOSTILE = join(repo, "test/corpus/hostile/outputs.nnbook");
const IMG = (mark: string) => `<img src=x onerror="document.documentElement.dataset.pwned='${mark}'">`;

/** Opens a report offline; returns the page and what it tried to fetch, threw and opened as dialogs. */
async function openReport(browser: Browser, html: string, colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, colorScheme, deviceScaleFactor: 2 });
  const requests: string[] = [];
  context.on("request", (request) => {
    if (!/^(file|blob|data):/.test(request.url())) requests.push(request.url());
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const dialogs = recordDialogs(page);
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-nnbook-rendered]", { timeout: 30_000 });
  return { page, requests, errors, dialogs, close: () => context.close() };
}

async function assertRanNothing(page: Page, dialogs: string[]): Promise<void> {
  // Handlers of images that fail to load would run by now.
  await page.waitForTimeout(500);
  assert.deepEqual(await marksLeft(page), []);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator("img").count(), 0);
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
  assert.equal(await page.locator("script").count(), 5, "the report's own scripts only");
}

test("the report of a notebook of hostile outputs runs nothing, and typesets the model's equations offline", async () => {
  // Its outputs as saved (a report is written from outputs; the CLI writes it after running them again)...
  const stored = join(dir, "stored.html");
  writeFileSync(stored, htmlReport(parseNnbook(readFileSync(HOSTILE)), { title: "outputs.nnbook", outDir: join(repo, "out") }));
  // ...and as `nnbook run` writes it: the cells made their hostile strings again, and the last one throws one.
  const ran = join(dir, "ran.html");
  const run = spawnSync(process.execPath, [join(repo, "out/cli/nnbook.js"), "run", HOSTILE, "--html", ran, "--quiet"], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stderr);

  const browser = await launchBrowser();
  try {
    for (const [name, html] of [["stored", stored], ["ran", ran]] as const) {
      const report = await openReport(browser, html);
      try {
        await assertRanNothing(report.page, report.dialogs);
        const drawn = await readDrawnOutputs(report.page);
        assert.ok(drawn.typeset >= 3, `${name}: the summary's equations are typeset (${drawn.typeset})`);
        assert.match(drawn.katexFont, /KaTeX/);
        assert.ok(drawn.chartTexts.includes(IMG("loss-title")), `${name}: ${JSON.stringify(drawn.chartTexts)}`);
        assert.ok(drawn.chartTexts.includes("<b>one</b>"), `${name}: ${JSON.stringify(drawn.chartTexts)}`);
        if (name === "stored") {
          assert.ok(drawn.summaryCells.includes(IMG("summary-layer")));
          assert.equal(drawn.errorBoxes.length, 3, JSON.stringify(drawn.errorBoxes));
          assert.match(drawn.errorBoxes[0], /payload version 1, and this nnbook reads version 2/);
          assert.match(drawn.errorBoxes[1], /data\[0\] must be a number/);
          assert.match(drawn.errorBoxes[2], /rows must be an array/);
        } else {
          assert.deepEqual(drawn.errorBoxes, []);
          const error = await report.page.locator("pre.output.error").innerText();
          assert.ok(error.startsWith(`Error: ${IMG("error")}\n`), error);
          assert.match(error, /\n {4}at cell \[\d+\], the 8th cell, line 2:7$/);
        }
        assert.deepEqual(report.errors, []);
        assert.deepEqual(report.requests, []);
        await report.page.screenshot({ path: join(RESULTS_DIR, `html-report-hostile-${name}.png`), fullPage: true });
      } finally {
        await report.close();
      }
    }
  } finally {
    await browser.close();
  }
});

test("a model summary in the report, light and dark: the equations typeset in the text colour", async () => {
  const html = join(dir, "model.html");
  const run = spawnSync(process.execPath, [join(repo, "out/cli/nnbook.js"), "run", join(repo, "examples/iris.nnbook"), "--html", html, "--quiet"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const browser = await launchBrowser();
  try {
    for (const scheme of ["light", "dark"] as const) {
      const report = await openReport(browser, html, scheme);
      try {
        const summary = report.page.locator("table.nnbook-summary");
        await summary.scrollIntoViewIfNeeded();
        const look = await report.page.evaluate(() => {
          const katex = document.querySelector(".nnbook-equation .katex") as HTMLElement;
          return {
            theme: document.body.dataset.vscodeThemeKind,
            equations: document.querySelectorAll(".nnbook-equation .katex").length,
            katexColor: getComputedStyle(katex).color,
            textColor: getComputedStyle(document.querySelector("table.nnbook-summary td")!).color,
          };
        });
        assert.equal(look.theme, `vscode-${scheme}`);
        assert.equal(look.equations, 3);
        assert.equal(look.katexColor, look.textColor);
        await summary.screenshot({ path: join(RESULTS_DIR, `html-report-summary-${scheme}.png`) });
        assert.deepEqual(report.errors, []);
      } finally {
        await report.close();
      }
    }
  } finally {
    await browser.close();
  }
});

test("the report of the every-view catalogue draws every view offline, and its slider and stepper work there", async () => {
  const html = join(dir, "views.html");
  const run = spawnSync(process.execPath, [join(repo, "out/cli/nnbook.js"), "run", join(repo, "test/corpus/views/every-view.nnbook"), "--html", html, "--quiet"], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const browser = await launchBrowser();
  try {
    for (const scheme of ["light", "dark"] as const) {
      const report = await openReport(browser, html, scheme);
      try {
        const { page } = report;
        const views = await page.evaluate(() => Array.from(document.querySelectorAll(".nnbook-view"), (e) => e.className));
        for (const kind of ["weights", "gradients", "network", "graph", "backprop", "activation", "images-view"]) {
          assert.ok(views.some((c) => c.split(" ").includes(`nnbook-${kind}`)), `${kind} drawn: ${JSON.stringify(views)}`);
        }
        assert.ok((await page.locator(".js-plotly-plot").count()) >= 14, "the charts are plotted");
        assert.deepEqual((await readDrawnOutputs(page)).errorBoxes, []);

        const position = page.locator(".nnbook-backprop-position").first();
        const first = await position.textContent();
        await page.locator(".nnbook-backprop button", { hasText: "next" }).first().click();
        assert.notEqual(await position.textContent(), first);

        const slider = page.locator(".nnbook-player input[type=range]").first();
        await slider.fill("0");
        assert.match((await page.locator(".nnbook-player-epoch").first().textContent()) ?? "", /^epoch 0 \(1 \/ \d+\)$/);
        assert.deepEqual(report.errors, []);
        assert.deepEqual(report.requests, []);
        await page.screenshot({ path: join(RESULTS_DIR, `html-report-views-${scheme}.png`), fullPage: true });
      } finally {
        await report.close();
      }
    }
  } finally {
    await browser.close();
  }
});
