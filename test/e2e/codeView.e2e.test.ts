// The code view (show.pytorch) drawn in Chromium from the payload the kernel writes: the code highlighted and
// exactly as written, markup in it shown as text, the copy button putting the code on the clipboard, and a
// screenshot in the light, dark and high-contrast themes.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { nn, type Tensor } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import { pytorchItems } from "../../src/views/pytorchView";
import { RESULTS_DIR } from "./notebookPage";
import { rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("code-view");

class Net extends nn.Module {
  hidden = nn.Linear(2, 8);
  out = nn.Linear(8, 1);
  forward(x: Tensor) {
    return this.out(this.hidden(x).tanh()).sigmoid();
  }
}

const [CODE] = pytorchItems(new Net());
const HOSTILE = { mime: Mime.code, data: { version: 1, language: "python", title: "<b>title</b>", code: 'print("<img src=x onerror=alert(1)>")  # <script>alert(2)</script>' } };

function draw(page: Page, name: string, item: { mime: string; data: unknown }): Promise<void> {
  return page.evaluate(([name, item]) => nnbookPage.render(name, item.mime, item.data, nnbookPage.output(name)), [name, item] as const);
}

test("the code is highlighted as Python and reads exactly as written; markup in it stays text", async () => {
  const { page, errors } = await open("vscode-light", { consoleErrors: true });
  try {
    await draw(page, "code", CODE);
    await draw(page, "hostile", HOSTILE);
    const shown = await page.evaluate(() => ({
      text: document.querySelector('[data-output="code"] code')!.textContent,
      keywords: [...document.querySelectorAll('[data-output="code"] .hljs-keyword')].map((k) => k.textContent).slice(0, 4),
      title: document.querySelector('[data-output="code"] .nnbook-caption')!.textContent,
      hostile: document.querySelector('[data-output="hostile"] code')!.textContent,
      hostileTitle: document.querySelector('[data-output="hostile"] .nnbook-caption')!.textContent,
      injected: document.querySelectorAll("main img, main script, main b").length,
      keywordColour: getComputedStyle(document.querySelector('[data-output="code"] .hljs-keyword')!).color,
    }));
    assert.equal(shown.text, (CODE.data as { code: string }).code);
    assert.deepEqual(shown.keywords, ["import", "import", "import", "from"]);
    assert.match(shown.title!, /^Net in PyTorch · exportPyTorch\(model, "model\.py"\) writes this file/);
    assert.equal(shown.hostile, HOSTILE.data.code);
    assert.equal(shown.hostileTitle, "<b>title</b>");
    assert.equal(shown.injected, 0);
    assert.equal(shown.keywordColour, "rgb(0, 0, 255)");
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("the copy button puts the code on the clipboard and says so", async () => {
  const { page, errors } = await open("vscode-dark");
  try {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await draw(page, "code", CODE);
    await page.click('[data-output="code"] button');
    await page.waitForFunction(() => document.querySelector('[data-output="code"] button')!.textContent === "Copied");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), (CODE.data as { code: string }).code);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("the code view in the light, dark and high-contrast themes", async () => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
    const { page, errors } = await open(theme, { deviceScaleFactor: 2, consoleErrors: true });
    try {
      await draw(page, "code", CODE);
      await page.locator('[data-output="code"]').screenshot({ path: join(RESULTS_DIR, `view-code-${theme}.png`) });
      assert.deepEqual(errors, [], theme);
    } finally {
      await page.context().close();
    }
  }
});
