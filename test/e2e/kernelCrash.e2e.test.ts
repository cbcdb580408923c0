// A kernel that dies — here by SIGABRT, as a V8 fatal error ends a process — ends only itself: the
// editor goes on, the cell says what happened and keeps what it printed, and the next run starts afresh.

import assert from "node:assert/strict";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cellOutputTexts, openNotebook, runAllCells, screenshot } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

let product: ProductWorkbench | undefined;

before(async () => {
  product = await openProduct({
    prepare(workspace) {
      cpSync(join(repo, "test/corpus/cli/crash.nnbook"), join(workspace, "crash.nnbook"));
      cpSync(join(repo, "examples/hello.nnbook"), join(workspace, "hello.nnbook"));
      // The crash needs `process`, which cells get only with this setting.
      mkdirSync(join(workspace, ".vscode"));
      writeFileSync(join(workspace, ".vscode", "settings.json"), JSON.stringify({ "nnbook.kernel.allowNodeModules": true }));
    },
  });
});

after(() => product?.close());

test("a cell that aborts its kernel leaves the editor working, says so, and the next run starts a fresh kernel", async () => {
  const page = product!.workbench.page;
  await openNotebook(page, "crash.nnbook");
  for (const round of [1, 2]) {
    const statuses = await runAllCells(page, { timeoutMs: 60_000 });
    assert.deepEqual(
      statuses.map((s) => s.state),
      ["success", "error", "idle"],
      `round ${round}: ${JSON.stringify(statuses)}`,
    );
    assert.equal(statuses[0].executionOrder, "[1]", `round ${round}: a fresh kernel counts from 1`);
    const texts = (await cellOutputTexts(page, 1)).join("\n");
    assert.match(texts, /going down/);
    assert.match(texts, /The kernel stopped unexpectedly \(killed by SIGABRT\) and was restarted\.\s+Every variable from earlier cells is gone/);
  }
  await screenshot(page, "kernel-crashed");
  // Another notebook runs as ever.
  await openNotebook(page, "hello.nnbook");
  const hello = await runAllCells(page, { timeoutMs: 60_000 });
  assert.ok(hello.every((s) => s.kind !== "code" || s.state === "success"), JSON.stringify(hello));
});
