// The course as a learner takes it in a real VS Code: the walkthrough's step opens the first lesson as the
// learner's own copy in the workspace, "nnbook: Open Course" lists every lesson and opens each one (a second
// time it offers the copy already there, or a fresh one beside it, never replacing it), and every lesson runs
// green in the editor, its key view screenshotted (test-results/course-NN-*.png).

import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { courseLessons } from "../../src/format";
import { focusFirstCell, outputFrames, runAllCells, runCommandAnswering, screenshot, switchToDarkTheme, waitForKernel, waitForNotebookEditor } from "./notebookPage";
import { openProduct, repo, type ProductWorkbench } from "./productWorkbench";

const courseDir = join(repo, "examples/course");
const lessons = courseLessons(readdirSync(courseDir).map((f): [string, Uint8Array] => [f, readFileSync(join(courseDir, f))]));

/** Each lesson's key view: the code cell (1-based among code cells) whose output sums the lesson up. */
const KEY_VIEW: Record<string, number> = {
  "01-perceptron.nnbook": 6,
  "02-regression.nnbook": 6,
  "03-activations.nnbook": 7,
  "04-losses.nnbook": 8,
  "05-backpropagation.nnbook": 7,
  "06-gradient-descent.nnbook": 4,
  "07-initialisation.nnbook": 7,
  "08-overfitting.nnbook": 4,
  "09-digits.nnbook": 6,
  "10-universal-approximation.nnbook": 2,
  "11-beyond-the-mlp.nnbook": 11,
};

let product: ProductWorkbench | undefined;

before(async () => {
  // An empty workspace folder, as a learner's is: the lessons come from the installed extension.
  product = await openProduct({ viewport: { width: 1280, height: 1400 }, prepare() {} });
});

after(() => product?.close());

/** Runs every cell of the open lesson; all must succeed. */
async function runLesson(page: Page, file: string): Promise<void> {
  await waitForNotebookEditor(page, file, { timeoutMs: 60_000 });
  await waitForKernel(page, undefined, { timeoutMs: 60_000 });
  const statuses = await runAllCells(page, { timeoutMs: 240_000 });
  const failed = statuses.filter((s) => s.kind === "code" && s.state !== "success");
  assert.deepEqual(failed, [], `${file}: cells not successful`);
}

/** Moves the cell focus to the key view's cell, so it is drawn on screen, and screenshots the editor. */
async function shootKeyView(page: Page, file: string, name: string): Promise<void> {
  const key = KEY_VIEW[file];
  assert.ok(key, `${file} has no key view in KEY_VIEW`);
  const cells = (JSON.parse(readFileSync(join(courseDir, file), "utf8")) as { cells: { kind: string }[] }).cells;
  const codeIndexes = cells.flatMap((c, i) => (c.kind === "code" ? [i] : []));
  const index = codeIndexes[key - 1];
  assert.ok(index !== undefined, `${file} has no code cell ${key}`);
  await focusFirstCell(page);
  // One cell past the key cell: its output is revealed above the focused cell. The status bar says where the
  // focus is ("Cell 7 of 16"); keys pressed while outputs are still drawn can be lost, so it is checked.
  const target = Math.min(index + 1, cells.length - 1) + 1;
  const position = async () => Number(/Cell (\d+) of/.exec((await page.locator(".statusbar").first().innerText().catch(() => "")) ?? "")?.[1] ?? 1);
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = await position();
    if (at === target) break;
    for (let i = 0; i < Math.abs(target - at); i++) {
      await page.keyboard.press(target > at ? "ArrowDown" : "ArrowUp");
      await page.waitForTimeout(30);
    }
    await page.waitForTimeout(300);
  }
  assert.equal(await position(), target, `${file}: the focus reached cell ${target}`);
  await page.waitForTimeout(1500);
  const errors = (
    await Promise.all(outputFrames(page).map((f) => f.evaluate(() => Array.from(document.querySelectorAll(".nnbook-error"), (e) => e.textContent ?? "")).catch(() => [] as string[])))
  ).flat();
  assert.deepEqual(errors, [], `${file}: a view drew an error`);
  await screenshot(page, name);
}

test("the walkthrough's step opens lesson 1 as the learner's copy, which runs green", async () => {
  const page = product!.workbench.page;
  await page.keyboard.press("F1");
  await page.keyboard.type(">Welcome: Open Walkthrough...");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: /^Welcome: Open Walkthrough\.\.\./ }).first().click();
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Learn neural networks with nnbook" }).first().click();
  const step = page.locator(".getting-started-step", { hasText: "Lesson 1: the neuron and the perceptron" }).first();
  await step.waitFor({ state: "visible", timeout: 30_000 });
  await step.click();
  await screenshot(page, "course-walkthrough");
  await step.locator("a, button", { hasText: "Open Lesson 1" }).first().click();
  await waitForNotebookEditor(page, "01-perceptron.nnbook", { timeoutMs: 60_000 });
  const copy = join(product!.workspace, "nnbook-course", "01-perceptron.nnbook");
  assert.ok(existsSync(copy), "the lesson was copied into the workspace");
  assert.equal(readFileSync(copy, "utf8"), readFileSync(join(courseDir, "01-perceptron.nnbook"), "utf8"));
  await runLesson(page, "01-perceptron.nnbook");
  await shootKeyView(page, "01-perceptron.nnbook", "course-01-key-light");
});

test("Open Course on a lesson the learner has offers their copy or a fresh one, and never replaces it", async () => {
  const page = product!.workbench.page;
  const first = lessons[0];
  await runCommandAnswering(page, "nnbook: Open Course", [`${first.number}. ${first.title}`, "Start over in a new copy"]);
  await waitForNotebookEditor(page, "01-perceptron-2.nnbook");
  assert.ok(existsSync(join(product!.workspace, "nnbook-course", "01-perceptron.nnbook")));
  assert.ok(existsSync(join(product!.workspace, "nnbook-course", "01-perceptron-2.nnbook")));
});

test("every other lesson opens from Open Course and runs green in the editor, its key view drawn", async () => {
  const page = product!.workbench.page;
  for (const lesson of lessons.slice(1)) {
    await runCommandAnswering(page, "nnbook: Open Course", [`${lesson.number}. ${lesson.title}`]);
    await runLesson(page, lesson.file);
    await shootKeyView(page, lesson.file, `course-${String(lesson.number).padStart(2, "0")}-key-light`);
  }
});

test("in a dark theme the key views of every lesson are drawn again, in its colours, without running anything", async () => {
  const page = product!.workbench.page;
  await switchToDarkTheme(page);
  for (const lesson of lessons) {
    // The learner's copy, still open with its outputs: Open Course offers it.
    await runCommandAnswering(page, "nnbook: Open Course", [`${lesson.number}. ${lesson.title}`, "Open my copy"]);
    await waitForNotebookEditor(page, lesson.file);
    await shootKeyView(page, lesson.file, `course-${String(lesson.number).padStart(2, "0")}-key-dark`);
  }
});
