// Workspace trust: in a folder the user has not trusted, notebooks open but no cell runs.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { installExtension, launchBrowser, openWorkbench, startCodeServer, type CodeServer, type Workbench } from "./codeServer";
import { cellStatuses, openNotebook, outputTexts, runCommand, screenshot, step } from "./notebookPage";

const repo = resolve(__dirname, "../..");
let root: string;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let workbench: Workbench | undefined;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "nnbook-untrusted-"));
  const workspace = join(root, "workspace");
  cpSync(join(repo, "examples"), workspace, { recursive: true, filter: (src) => !src.endsWith(".html") });
  const extensionsDir = join(root, "extensions");
  await installExtension(join(repo, "nnbook.vsix"), extensionsDir);
  server = await startCodeServer({ workspace, extensionsDir, trusted: false });
  browser = await launchBrowser();
  workbench = await openWorkbench(browser, server, { viewport: { width: 1280, height: 1000 } });
});

after(async () => {
  await workbench?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test("an untrusted folder runs nothing: VS Code asks for trust, and declining runs no cell", async () => {
  const page = workbench!.page;
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
