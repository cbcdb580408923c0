// The `--html` report in Chromium: the page needs no network, and the renderer bundle embedded in it
// draws the same views as in the editor.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, test } from "node:test";
import { launchBrowser } from "./codeServer";
import { screenshot } from "./notebookPage";

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
