// examples/the-way-out.nnbook in a real VS Code, as a user runs it: every cell succeeds, the editor (not the
// kernel) writes the model, its PyTorch file and its ONNX file into the workspace, the PyTorch code is drawn
// highlighted with its Copy button, and Debian's python3-torch runs the file the editor wrote.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openNotebook, outputFrames, runAllCells, screenshot, switchToDarkTheme } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    viewport: { width: 1280, height: 2000 },
    prepare(workspace) {
      cpSync(join(repo, "examples/the-way-out.nnbook"), join(workspace, "the-way-out.nnbook"));
    },
  });
});

after(() => product?.close());

test("the way-out example saves, exports and loads back in the editor, and PyTorch runs what it wrote", async () => {
  const { page } = product!.workbench;
  await openNotebook(page, "the-way-out.nnbook");
  const statuses = await runAllCells(page, { timeoutMs: 180_000 });
  assert.ok(statuses.filter((s) => s.kind === "code").every((s) => s.state === "success"), JSON.stringify(statuses));
  assert.deepEqual(readdirSync(product!.workspace).filter((f) => f.startsWith("digits")).sort(), ["digits.onnx", "digits.py", "digits.safetensors"]);

  // The code view is drawn in its output frame, highlighted, with its button.
  let code: { keywords: number; button: string | null; first: string | undefined } | undefined;
  for (let tries = 0; !code && tries < 40; tries++) {
    for (const frame of outputFrames(page)) {
      const found = await frame
        .evaluate(() => {
          const view = document.querySelector(".nnbook-code");
          return view ? { keywords: view.querySelectorAll(".hljs-keyword").length, button: view.querySelector("button")?.textContent ?? null, first: view.querySelector("code")?.textContent?.split("\n")[0] } : undefined;
        })
        .catch(() => undefined);
      if (found) code = found;
    }
    if (!code) await page.waitForTimeout(500);
  }
  assert.ok(code, "the code view is drawn");
  assert.ok(code.keywords > 10);
  assert.equal(code.button, "Copy");
  assert.match(code.first ?? "", /^# Written by nnbook/);
  await screenshot(page, "way-out-light");

  const printed = execFileSync("/usr/bin/python3", ["digits.py"], { cwd: product!.workspace, encoding: "utf8" });
  assert.match(printed, /^tensor\(\[\[/);
  // What PyTorch printed is what nnbook gave, written in the file's last line.
  const gave = /# nnbook gave: tensor of shape \[2, 10\] starting ([^…]*)/.exec(readFileSync(join(product!.workspace, "digits.py"), "utf8"))![1].split(",").map((v) => v.trim()).filter(Boolean).map(Number);
  const torch = printed.match(/-?\d+\.\d+(e[+-]\d+)?/g)!.map(Number);
  gave.forEach((v, i) => assert.ok(Math.abs(v - torch[i]) <= 1e-4 * Math.max(1, Math.abs(v)), `value ${i}: nnbook ${v}, PyTorch ${torch[i]}`));

  await switchToDarkTheme(page);
  await screenshot(page, "way-out-dark");
});
