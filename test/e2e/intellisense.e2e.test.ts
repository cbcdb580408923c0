// Editor features of cells in the packaged extension, in code-server: completions from the cell
// language while typing, type errors as squiggles and problems, names of earlier cells known, hovers
// with the engine's JSDoc. `npm test` packages the VSIX (nnbook.vsix) and runs scripts/e2e/setup.mjs first.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import type { Workbench } from "./codeServer";
import { openNotebook, runCommand, screenshot, step } from "./notebookPage";
import { openProduct, type ProductWorkbench } from "./productWorkbench";


const CELLS = [
  "const net = nn.Linear(2, 1);",
  "net.forward(tensor([[1, 2]]));",
  'const bad = tensor("x");',
  "",
];

let product: ProductWorkbench | undefined;
let workbench: Workbench | undefined;

before(async () => {
  product = await openProduct({
    prepare(workspace) {
      const cells = CELLS.map((source) => ({ kind: "code", language: "nnts", source: source ? [source] : [], outputs: [] }));
      writeFileSync(join(workspace, "cells.nnbook"), JSON.stringify({ nnbook: 1, metadata: {}, cells }, null, 2) + "\n");
    },
    viewport: { width: 1280, height: 900 },
  });
  workbench = product.workbench;
  await openNotebook(workbench.page, "cells.nnbook");
});

after(() => product?.close());

const cellRow = (page: Page, index: number): Locator =>
  page.locator(`.notebookOverlay:visible .cell-list-container .monaco-list-row[data-index="${index}"]`);

/** Puts the cursor at the end of a cell's text. */
async function editCell(page: Page, index: number): Promise<void> {
  await cellRow(page, index).locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
}

describe("cell editor features in code-server", () => {
  test("a wrong call is squiggled and listed as a problem; a name from an earlier cell is not", async () => {
    const page = workbench!.page;
    await step(page, "error-squiggle", () =>
      cellRow(page, 2).locator(".squiggly-error").first().waitFor({ state: "attached", timeout: 60_000 }),
    );
    assert.equal(await cellRow(page, 0).locator(".squiggly-error").count(), 0);
    assert.equal(await cellRow(page, 1).locator(".squiggly-error").count(), 0, "net and tensor are known in cell 2");

    await runCommand(page, "View: Focus Problems (Errors, Warnings, Infos)");
    const problems = page.locator(".markers-panel .monaco-list-row");
    await step(page, "problem-listed", () =>
      problems.filter({ hasText: "Argument of type '\"x\"' is not assignable" }).first().waitFor({ state: "visible", timeout: 30_000 }),
    );
    const texts = (await problems.allInnerTexts()).join("\n");
    assert.doesNotMatch(texts, /Cannot find name 'net'/);
    await screenshot(page, "intellisense-problems");
    await page.keyboard.press("Control+J"); // close the panel again
  });

  test("typing nn.Li offers Linear, with its documentation", async () => {
    const page = workbench!.page;
    await editCell(page, 3);
    await page.keyboard.type("const layer = nn.Li", { delay: 40 });
    const widget = page.locator(".editor-widget.suggest-widget.visible");
    const linear = widget.locator(".monaco-list-row", { hasText: /^Linear/ });
    await step(page, "suggest-linear", () => linear.first().waitFor({ state: "visible", timeout: 30_000 }));
    // Show the details of the focused entry (the resolved JSDoc) next to the list.
    // Ctrl+Space toggles them, and VS Code remembers the last choice: try both states before giving up.
    const documented = page.locator(".suggest-details", { hasText: "Fully connected layer" }).first();
    await step(page, "suggest-details", async () => {
      for (let attempt = 0; ; attempt++) {
        const shown = await documented.waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false);
        if (shown) return;
        if (attempt === 2) throw new Error('no suggestion details with "Fully connected layer"');
        await page.keyboard.press("Control+Space");
      }
    });
    await screenshot(page, "intellisense-suggest");
    await page.keyboard.press("Tab");
    await page.keyboard.type("(2, 3);", { delay: 20 });
    const text = (await cellRow(page, 3).locator(".view-lines").innerText()).replace(/\u00a0/g, " ");
    assert.equal(text.trim(), "const layer = nn.Linear(2, 3);");
  });

  test("hovering a cell-language name shows its signature and JSDoc", async () => {
    const page = workbench!.page;
    const word = cellRow(page, 1).locator(".view-line span", { hasText: /^tensor$/ }).first();
    await word.hover();
    const hover = page.locator(".monaco-hover:visible", { hasText: "torch.tensor" });
    await step(page, "hover-tensor", () => hover.first().waitFor({ state: "visible", timeout: 30_000 }));
    assert.match(await hover.first().innerText(), /function tensor\(data: TensorLike \| Tensor/);
    await screenshot(page, "intellisense-hover");
    await page.keyboard.press("Escape");

    // The last cell's `nn.Linear(2, 3)`, typed by the completion test: in full view, as the first cell may be scrolled.
    await cellRow(page, 3).locator(".view-line span", { hasText: /^Linear$/ }).first().hover();
    const layer = page.locator(".monaco-hover:visible", { hasText: "Fully connected layer" });
    await step(page, "hover-linear", () => layer.first().waitFor({ state: "visible", timeout: 30_000 }));
    const text = await layer.first().innerText();
    assert.match(text, /nn\.Linear\(inFeatures: number, outFeatures: number, options\?: LinearOptions\)/);
    assert.doesNotMatch(text, /Callable/);
    await page.keyboard.press("Escape");
  });

  test("Ctrl+. on a misspelt name offers TypeScript's spelling fix, and choosing it edits the cell", async () => {
    const page = workbench!.page;
    await editCell(page, 3);
    await page.keyboard.press("Enter");
    await page.keyboard.type("nett;", { delay: 40 });
    await step(page, "typo-squiggle", () => cellRow(page, 3).locator(".squiggly-error").first().waitFor({ state: "attached", timeout: 30_000 }));
    await page.keyboard.press("ArrowLeft"); // into the name: nett|;
    await page.keyboard.press("Control+.");
    const fix = page.locator(".action-widget .monaco-list-row", { hasText: "Change spelling to 'net'" });
    await step(page, "quick-fix", () => fix.first().waitFor({ state: "visible", timeout: 30_000 }));
    await screenshot(page, "intellisense-quick-fix");
    // The widget keeps pointer events to itself while it opens: choose with the keyboard, as users do.
    for (let moves = 0; !/\bfocused\b/.test((await fix.first().getAttribute("class")) ?? "") && moves < 4; moves++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const lines = cellRow(page, 3).locator(".view-lines");
    await step(page, "quick-fix-applied", async () => {
      for (const deadline = Date.now() + 15_000; ; ) {
        const text = (await lines.innerText()).replace(/\u00a0/g, " ").trim();
        if (text === "const layer = nn.Linear(2, 3);\nnet;") return;
        if (Date.now() > deadline) throw new Error(`the cell reads ${JSON.stringify(text)}`);
        await page.waitForTimeout(200);
      }
    });
  });

  test("go to definition: a name from an earlier cell goes to that cell, a cell-language name to its declaration", async () => {
    const page = workbench!.page;
    await cellRow(page, 1).locator(".view-line span", { hasText: /^net$/ }).first().click();
    await page.keyboard.press("F12");
    const status = page.locator(".statusbar-item", { hasText: /^Cell \d+ of 4$/ });
    await step(page, "definition-in-cell", () => status.filter({ hasText: "Cell 1 of 4" }).first().waitFor({ state: "visible", timeout: 15_000 }));

    await cellRow(page, 1).locator(".view-line span", { hasText: /^tensor$/ }).first().click();
    await page.keyboard.press("F12");
    await step(page, "definition-in-declarations", () =>
      page.locator('.tab.active[data-resource-name="creation.d.ts"]').first().waitFor({ state: "visible", timeout: 15_000 }),
    );
    await screenshot(page, "intellisense-definition");
  });
});
