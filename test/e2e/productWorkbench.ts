// The product as a user gets it: the packaged VSIX (nnbook.vsix, built by `npm test` before the e2e
// suite) installed into code-server, a workspace of our own, and the workbench open in Chromium.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { installExtension, launchBrowser, openWorkbench, startCodeServer, type CodeServer, type Workbench } from "./codeServer";

export const repo = resolve(__dirname, "../..");

export interface ProductWorkbench {
  server: CodeServer;
  workbench: Workbench;
  /** The workspace folder the workbench has open. */
  workspace: string;
  close(): Promise<void>;
}

export interface ProductOptions {
  /** Fills the (empty) workspace folder before code-server starts. */
  prepare(workspace: string): void;
  trusted?: boolean;
  viewport?: { width: number; height: number };
  /** The VSIX to install; default the packaged nnbook.vsix. */
  vsix?: string;
}

export async function openProduct(options: ProductOptions): Promise<ProductWorkbench> {
  const vsix = options.vsix ?? join(repo, "nnbook.vsix");
  assert.ok(existsSync(vsix), "nnbook.vsix is missing: run `npm run package` first");
  const root = mkdtempSync(join(tmpdir(), "nnbook-e2e-"));
  const workspace = join(root, "workspace");
  mkdirSync(workspace);
  options.prepare(workspace);
  const extensionsDir = join(root, "extensions");
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;
  const close = async () => {
    await workbench?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await installExtension(vsix, extensionsDir);
    server = await startCodeServer({ workspace, extensionsDir, trusted: options.trusted ?? true });
    browser = await launchBrowser();
    workbench = await openWorkbench(browser, server, { viewport: options.viewport ?? { width: 1280, height: 1400 } });
  } catch (error) {
    await close();
    throw error;
  }
  return { server, workbench, workspace, close };
}
