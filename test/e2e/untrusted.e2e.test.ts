// Workspace trust: in a folder the user has not trusted, notebooks open but no cell runs.

import assert from "node:assert/strict";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cellStatuses, openNotebook, outputTexts, runCommand, screenshot, step } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    prepare: (workspace) => cpSync(join(repo, "examples"), workspace, { recursive: true, filter: (src) => !src.endsWith(".html") }),
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
