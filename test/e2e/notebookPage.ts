// Helpers for driving a notebook in code-server's workbench with playwright-core.
//
// Where things are in the DOM (VS Code 1.100 web):
// - the notebook editor is `.notebookOverlay`; each cell is a `.monaco-list-row`
//   with `data-index` (0-based), code cells also `.code-cell-row`;
// - a cell's run state is a codicon in its status bar:
//   `codicon-notebook-state-{pending,executing,success,error}`;
// - outputs (text/plain too) are drawn in a webview: an iframe whose URL has
//   `purpose=notebookRenderer` holds a second iframe (`fake.html`) in which
//   `#container > .cell_container > .output_container > .output` are the outputs.

import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Locator, Page } from 'playwright-core';

export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

const DEFAULT_TIMEOUT = 30_000;

export interface WaitOptions {
  timeoutMs?: number;
}

export type CellState = 'pending' | 'executing' | 'success' | 'error' | 'idle';

export interface CellStatus {
  /** 0-based position of the cell in the notebook. */
  index: number;
  kind: 'code' | 'markup';
  state: CellState;
  /** The `[n]` execution order label, '' when none. */
  executionOrder: string;
}

export interface CellOutput {
  /** 0-based index of the cell the output belongs to, -1 when its cell row is not rendered. */
  cellIndex: number;
  /** The output's element id in the webview (VS Code's output id). */
  outputId: string;
  text: string;
}

/** Saves a screenshot of the whole page as test-results/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function failureScreenshot(page: Page, what: string): Promise<string> {
  try {
    return await screenshot(page, `failure-${what}-${Date.now()}`);
  } catch (err) {
    return `(no screenshot: ${(err as Error).message})`;
  }
}

/** Runs `step`; on failure saves a screenshot and rethrows with `what` and the screenshot path. */
export async function step<T>(page: Page, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const shot = await failureScreenshot(page, what);
    const error = new Error(`${what} failed: ${(err as Error).message}\nscreenshot: ${shot}`);
    (error as Error & { cause?: unknown }).cause = err;
    throw error;
  }
}

/** Polls `probe` until it returns a value other than undefined. */
async function poll<T>(probe: () => Promise<T | undefined>, timeoutMs: number, describe: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let interval = 50;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(interval * 2, 250);
  }
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');

async function acceptQuickPick(page: Page, value: string, matches: (label: string) => boolean, describe: string, timeoutMs: number, closes = true) {
  const input = quickInput(page).locator('input.input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(value);
  const rows = quickInput(page).locator('.quick-input-list .monaco-list-row');
  let seen: string[] = [];
  // The focused row is what Enter accepts; wait until the wanted one is focused.
  await poll(
    async () => {
      seen = (await rows.locator('.label-name').allTextContents().catch(() => [])).map((l) => l.trim());
      const focused = rows.and(page.locator('.focused'));
      if ((await focused.count()) !== 1) return undefined;
      const label = (await focused.locator('.label-name').first().textContent().catch(() => null))?.trim();
      return label !== undefined && matches(label) ? true : undefined;
    },
    timeoutMs,
    () => `${describe} to be the selected entry; entries shown: ${JSON.stringify(seen.slice(0, 8))}`,
  );
  await page.keyboard.press('Enter');
  if (closes) await quickInput(page).waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Opens a workspace file by name through Quick Open (Ctrl+P). */
export async function quickOpen(page: Page, fileName: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  const name = basename(fileName);
  await step(page, `quick-open-${name}`, async () => {
    await page.keyboard.press('Control+P');
    await acceptQuickPick(page, fileName, (label) => label === name, `file "${name}"`, timeoutMs);
  });
}

/** The visible notebook editor; waits until it shows cells (and the tab of `fileName`, when given). */
export async function waitForNotebookEditor(page: Page, fileName?: string, options: WaitOptions = {}): Promise<Locator> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  return step(page, `notebook-editor${fileName ? `-${basename(fileName)}` : ''}`, async () => {
    if (fileName) {
      await page
        .locator(`.tab.active[data-resource-name="${basename(fileName)}"]`)
        .first()
        .waitFor({ state: 'visible', timeout: timeoutMs });
    }
    const editor = page.locator('.notebookOverlay:visible').first();
    // Some rows (a markdown cell shown as its preview) count as hidden: wait for any visible one.
    await editor
      .locator('.cell-list-container .monaco-list-row')
      .filter({ visible: true })
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
    return editor;
  });
}

/** Quick Open, then wait for the notebook editor. */
export async function openNotebook(page: Page, fileName: string, options: WaitOptions = {}): Promise<Locator> {
  await quickOpen(page, fileName, options);
  return waitForNotebookEditor(page, fileName, options);
}

/** Waits until the notebook toolbar shows a selected kernel (its label, or `label` exactly). */
export async function waitForKernel(page: Page, label?: string, options: WaitOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  return step(page, 'kernel', () =>
    poll(
      async () => {
        const text = (await page.locator('.notebookOverlay:visible .kernel-action-view-item .kernel-label').first().textContent().catch(() => null))?.trim();
        if (!text || /select kernel/i.test(text)) return undefined;
        return label === undefined || text === label ? text : undefined;
      },
      timeoutMs,
      () => `kernel ${label ?? '(any)'} to be selected`,
    ),
  );
}

/** Runs a command by its palette label, e.g. "Notebook: Run All" (F1, pick the exact label). */
export async function runCommand(page: Page, label: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  await step(page, `command-${label}`, async () => {
    await page.keyboard.press('F1');
    await acceptQuickPick(page, `>${label}`, (l) => l === label, `command "${label}"`, timeoutMs);
  });
}

/**
 * Runs a command that asks with quick picks of its own (by its palette label), and answers each in turn with
 * the entry whose label is the next of `answers`.
 */
export async function runCommandAnswering(page: Page, label: string, answers: string[], options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  await step(page, `command-${label}`, async () => {
    await page.keyboard.press('F1');
    await acceptQuickPick(page, `>${label}`, (l) => l === label, `command "${label}"`, timeoutMs, false);
    for (const [i, answer] of answers.entries()) {
      // The command's own pick replaces the palette's entries: wait for it before typing into it.
      const rows = quickInput(page).locator('.quick-input-list .monaco-list-row .label-name');
      await poll(
        async () => ((await rows.allTextContents().catch(() => [])).some((t) => t.trim() === answer) ? true : undefined),
        timeoutMs,
        () => `the entry "${answer}" to be offered`,
      );
      await acceptQuickPick(page, answer, (l) => l === answer, `entry "${answer}"`, timeoutMs, i === answers.length - 1);
    }
  });
}

/** Focuses a cell on screen, leaves its editor (command mode), then moves the cell focus to the first cell. */
export async function focusFirstCell(page: Page): Promise<void> {
  const rows = page.locator('.notebookOverlay:visible .cell-list-container .monaco-list-row');
  const viewport = page.viewportSize()!;
  for (const row of await rows.all()) {
    const box = await row.boundingBox();
    if (!box || box.y < 120 || box.y + 20 > viewport.height) continue;
    await page.mouse.click(box.x + 8, box.y + 8);
    break;
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
}

/** Run state of every rendered cell row of the visible notebook (rows are virtualized). */
export async function cellStatuses(page: Page): Promise<CellStatus[]> {
  return page
    .locator('.notebookOverlay:visible .cell-list-container .monaco-list-row')
    .evaluateAll((rows) =>
      rows
        .map((row) => {
          const icon = row.querySelector('.cell-statusbar-container [class*="codicon-notebook-state-"]');
          const match = icon ? /codicon-notebook-state-(\w+)/.exec(icon.className) : null;
          const state = (match?.[1] ?? 'idle') as CellState;
          return {
            index: Number(row.getAttribute('data-index')),
            kind: row.classList.contains('code-cell-row') ? ('code' as const) : ('markup' as const),
            state,
            executionOrder: row.querySelector('.execution-count-label')?.textContent?.trim() ?? '',
          };
        })
        .sort((a, b) => a.index - b.index),
    );
}

const busy = (s: CellStatus) => s.state === 'pending' || s.state === 'executing';

/** Waits until no rendered cell is pending or executing. */
export async function waitForExecutionIdle(page: Page, options: WaitOptions = {}): Promise<CellStatus[]> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let last: CellStatus[] = [];
  let quietSince: number | undefined;
  return step(page, 'execution-idle', () =>
    poll(
      async () => {
        last = await cellStatuses(page);
        if (last.some(busy)) {
          quietSince = undefined;
          return undefined;
        }
        // A cell that has just finished can show its count a moment before its state icon: a code cell with
        // a count and no state is given a few seconds to show one (a run ended without a result never does).
        quietSince ??= Date.now();
        const settling = last.some((s) => s.kind === 'code' && s.state === 'idle' && s.executionOrder !== '');
        return settling && Date.now() - quietSince < 5_000 ? undefined : last;
      },
      timeoutMs,
      () => `cells to finish; still busy: ${JSON.stringify(last.filter(busy))}`,
    ),
  );
}

export interface RunAllOptions extends WaitOptions {
  /**
   * true (default): fail when no cell starts (e.g. no kernel). false: only run
   * the command and wait for idle, for checks that cells do not run.
   */
  requireStart?: boolean;
  /** How long to wait for the first cell to start; default 15 s. */
  startTimeoutMs?: number;
}

/** "Notebook: Run All", then waits until every cell has finished. Returns the final statuses. */
export async function runAllCells(page: Page, options: RunAllOptions = {}): Promise<CellStatus[]> {
  const requireStart = options.requireStart ?? true;
  // A MutationObserver sees a cell enter pending/executing even when it
  // finishes faster than any poll, so a quick run is not mistaken for none.
  await page.evaluate(() => {
    const w = window as unknown as { __e2eExecSeen?: boolean; __e2eExecObserver?: MutationObserver };
    w.__e2eExecObserver?.disconnect();
    w.__e2eExecSeen = false;
    const check = () => {
      if (document.querySelector('.notebookOverlay .codicon-notebook-state-pending, .notebookOverlay .codicon-notebook-state-executing')) {
        w.__e2eExecSeen = true;
      }
    };
    w.__e2eExecObserver = new MutationObserver(check);
    w.__e2eExecObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  try {
    await runCommand(page, 'Notebook: Run All', options);
    if (requireStart) {
      await step(page, 'execution-start', () =>
        page.waitForFunction(() => (window as unknown as { __e2eExecSeen?: boolean }).__e2eExecSeen === true, undefined, {
          timeout: options.startTimeoutMs ?? 15_000,
          polling: 100,
        }),
      );
    }
  } finally {
    await page.evaluate(() => (window as unknown as { __e2eExecObserver?: MutationObserver }).__e2eExecObserver?.disconnect()).catch(() => {});
  }
  return waitForExecutionIdle(page, options);
}

/** Inner frames of notebook output webviews (where renderers draw). */
export function outputFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => {
    const parent = frame.parentFrame();
    return parent !== null && parent.url().includes('purpose=notebookRenderer') && !frame.isDetached();
  });
}

/**
 * Waits until `selector` matches inside some notebook output frame and returns
 * that frame and a locator for it. Frames appear late and get replaced, so all are searched on every poll.
 */
export async function waitForOutput(
  page: Page,
  selector: string,
  options: WaitOptions = {},
): Promise<{ frame: Frame; locator: Locator }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT;
  return step(page, `output-${selector}`, () =>
    poll(
      async () => {
        for (const frame of outputFrames(page)) {
          const locator = frame.locator(selector);
          if ((await locator.count().catch(() => 0)) > 0) return { frame, locator };
        }
        return undefined;
      },
      timeoutMs,
      () => `"${selector}" in a notebook output frame (${outputFrames(page).length} output frame(s) found)`,
    ),
  );
}

/**
 * Every output in the visible notebook, in cell order, with the text it shows
 * and the cell it belongs to (matched by position against the cell rows).
 */
export async function cellOutputs(page: Page): Promise<CellOutput[]> {
  const rows = page.locator('.notebookOverlay:visible .cell-list-container .monaco-list-row');
  const rowTops: { index: number; top: number }[] = [];
  for (const row of await rows.all()) {
    const box = await row.boundingBox();
    const index = Number(await row.getAttribute('data-index'));
    if (box) rowTops.push({ index, top: box.y });
  }
  rowTops.sort((a, b) => a.top - b.top);
  // A row's box covers only the cell's editor, its outputs lie below it: a cell
  // owns everything from its top down to the next cell's top.
  const rowBoxes = rowTops.map((r, i) => ({ ...r, bottom: rowTops[i + 1]?.top ?? Number.POSITIVE_INFINITY }));
  const found: (CellOutput & { y: number })[] = [];
  for (const frame of outputFrames(page)) {
    const outputs = frame.locator('#container .output_container > .output');
    for (const output of await outputs.all().catch(() => [])) {
      const box = await output.boundingBox().catch(() => null);
      // Outputs of closed or scrolled-away parts of the notebook have no box.
      if (!box || box.height === 0) continue;
      const y = box.y + Math.min(box.height / 2, 10);
      const row = rowBoxes.find((r) => y >= r.top && y < r.bottom);
      found.push({
        cellIndex: row ? row.index : -1,
        outputId: (await output.getAttribute('id')) ?? '',
        text: ((await output.innerText().catch(() => '')) ?? '').trim(),
        y,
      });
    }
  }
  return found.sort((a, b) => a.y - b.y).map(({ y: _y, ...rest }) => rest);
}

/** Texts of all outputs of the visible notebook, in order. */
export async function outputTexts(page: Page): Promise<string[]> {
  return (await cellOutputs(page)).map((o) => o.text);
}

/** Texts of the outputs of one cell (0-based index). */
export async function cellOutputTexts(page: Page, cellIndex: number): Promise<string[]> {
  return (await cellOutputs(page)).filter((o) => o.cellIndex === cellIndex).map((o) => o.text);
}

/**
 * Picks the dark theme as a user does: Preferences: Color Theme (Ctrl+K Ctrl+T), "Dark Modern" typed and
 * accepted, with the focus out of any output frame first. `beforeAccept` sees the picker open.
 */
export async function switchToDarkTheme(page: Page, beforeAccept?: () => Promise<unknown>): Promise<void> {
  await page.locator('.part.sidebar').first().click();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await quickInput(page).first().waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT });
  await page.keyboard.type('Dark Modern');
  await page.waitForTimeout(1000);
  await beforeAccept?.();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), undefined, { timeout: DEFAULT_TIMEOUT });
}
