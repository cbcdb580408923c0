// What training costs in the editor next to the command line: the same notebook (moons, a 2-16-16-1 network,
// 1,500 epochs) with `live: false` and with `live: ["loss", "boundary"]`, run in code-server with the
// packaged extension and with `nnbook run`, by turns. Each run prints how long `train()` took inside the
// kernel; the editor's figure is also the cell's own time as its status bar shows it, which includes waiting
// for the editor to apply the cell's outputs.
//
//   node scripts/package.mjs && node --import tsx bench/editor.ts [--rounds N] [--root other-checkout]
//
// `--root` measures another checkout's build (its nnbook.vsix and out/cli), to compare two versions.
//
// It also measures, in the same code-server, what VS Code reports as the extension's activation time (the
// Running Extensions editor) and a cell's round trip: Run All of 41 empty cells with a warm kernel, the time
// between the first and the last cell's success mark in the page, divided by 40; and the same for 41 cells `1`,
// each of which shows an output.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellOutputTexts, openNotebook, runAllCells, runCommand } from "../test/e2e/notebookPage";
import { openProduct, repo } from "../test/e2e/productWorkbench";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const rounds = Number(option("--rounds") ?? 3);
const root = option("--root") ?? repo;
const vsix = join(root, "nnbook.vsix");

const notebook = (live: string) =>
  JSON.stringify({
    nnbook: 1,
    metadata: {},
    cells: [
      {
        kind: "code",
        language: "nnts",
        source: [
          "manualSeed(0);",
          "const moons = data.moons({ n: 500, noise: 0.2 });",
          "const net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid());",
          "const t0 = performance.now();",
          `const run = await train(net, moons, { loss: nn.BCELoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.01 }), epochs: 1500, live: ${live} });`,
          "console.log(`train: ${Math.round(performance.now() - t0)} ms`);",
        ],
        outputs: [],
      },
    ],
  });

const CASES = [
  { name: "quiet", live: "false" },
  { name: "live", live: '["loss", "boundary"]' },
];

const trained = (text: string) => Number(/train: (\d+) ms/.exec(text)?.[1] ?? NaN);
const fastest = (xs: number[]) => Math.min(...xs);

/** Runs one case's notebook `rounds` times in a code-server of its own (one notebook, so its outputs are the only ones). */
async function inEditor(c: (typeof CASES)[number]): Promise<{ train: number[]; cell: number[] }> {
  const product = await openProduct({ vsix, prepare: (workspace) => writeFileSync(join(workspace, `${c.name}.nnbook`), notebook(c.live)) });
  const train: number[] = [], cell: number[] = [];
  try {
    const page = product.workbench.page;
    await openNotebook(page, `${c.name}.nnbook`);
    for (let round = 0; round < rounds; round++) {
      await runAllCells(page, { timeoutMs: 300_000 });
      train.push(trained((await cellOutputTexts(page, 0)).join("\n")));
      const status = await page.locator('.notebookOverlay:visible .monaco-list-row[data-index="0"] .cell-statusbar-container').innerText();
      const m = /(?:(\d+)m\s*)?(\d+(?:\.\d+)?)(ms|s)\b/.exec(status);
      cell.push(m ? Math.round((Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === "ms" ? 1000 : 1)) * 1000) : NaN);
    }
  } finally {
    await product.close();
  }
  return { train, cell };
}

const TRIP_CELLS = 41;

/**
 * The extension's activation time as VS Code reports it, and the round trip in the editor of a cell whose source
 * is `source` (an empty cell: ""), in ms; in a code-server of its own.
 */
async function editorCosts(source: string): Promise<{ activationMs: number; roundTripMs: number[] }> {
  const cells = Array.from({ length: TRIP_CELLS }, () => ({ kind: "code", language: "nnts", source: source === "" ? [] : [source], outputs: [] }));
  const product = await openProduct({ vsix, prepare: (workspace) => writeFileSync(join(workspace, "trip.nnbook"), JSON.stringify({ nnbook: 1, metadata: {}, cells })) });
  try {
    const page = product.workbench.page;
    await openNotebook(page, "trip.nnbook");
    await runAllCells(page); // starts the kernel
    const roundTripMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Each cell's success mark, as the page shows it, timed where it appears.
      await page.evaluate(() => {
        const w = window as unknown as { __marks: number[]; __seen: Set<Element>; __observer?: MutationObserver };
        w.__observer?.disconnect();
        w.__marks = [];
        w.__seen = new Set();
        // The marks of the run before are still shown: a row counts once it has lost its mark and shows it again.
        const rows = () => document.querySelectorAll(".notebookOverlay .monaco-list-row");
        for (const row of rows()) if (row.querySelector(".codicon-notebook-state-success")) w.__seen.add(row);
        w.__observer = new MutationObserver(() => {
          for (const row of rows()) {
            const success = row.querySelector(".codicon-notebook-state-success") !== null;
            if (!success) w.__seen.delete(row);
            else if (!w.__seen.has(row)) {
              w.__seen.add(row);
              w.__marks.push(performance.now());
            }
          }
        });
        w.__observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
      });
      await runAllCells(page, { timeoutMs: 120_000 });
      const marks = await page.evaluate(() => (window as unknown as { __marks: number[] }).__marks);
      if (marks.length >= 2) roundTripMs.push((marks[marks.length - 1] - marks[0]) / (marks.length - 1));
    }
    await runCommand(page, "Developer: Show Running Extensions");
    // The editor fills in its rows as the extension host answers.
    const row = page.locator(".runtime-extensions-editor .monaco-list-row", { hasText: "nnbook" });
    await row.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => /Activation: \d+ms/.test(document.querySelector(".runtime-extensions-editor")?.textContent ?? ""), undefined, { timeout: 30_000 });
    const activationMs = Number(/Activation: (\d+)ms/.exec(await row.innerText())?.[1] ?? NaN);
    return { activationMs, roundTripMs };
  } finally {
    await product.close();
  }
}

function onCommandLine(c: (typeof CASES)[number]): number[] {
  const dir = mkdtempSync(join(tmpdir(), "nnbook-editor-bench-"));
  const file = join(dir, `${c.name}.nnbook`);
  writeFileSync(file, notebook(c.live));
  try {
    return Array.from({ length: rounds }, () => trained(spawnSync(process.execPath, [join(root, "out/cli/nnbook.js"), "run", file], { encoding: "utf8" }).stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`fastest of ${rounds} runs, ms (${root})`);
  console.log("case   | train() in the editor | the cell in the editor | train() on the command line");
  const trainMs: Record<string, number> = {};
  for (const c of args.includes("--costs") ? [] : CASES) {
    const editor = await inEditor(c);
    const cli = onCommandLine(c);
    trainMs[c.name] = fastest(editor.train);
    console.log(`${c.name.padEnd(6)} | ${String(fastest(editor.train)).padStart(21)} | ${String(fastest(editor.cell)).padStart(22)} | ${String(fastest(cli)).padStart(27)}`);
    console.log(JSON.stringify({ case: c.name, editor, cli }));
  }
  const empty = await editorCosts("");
  const one = await editorCosts("1");
  const trips = (xs: number[]) => `${Math.min(...xs).toFixed(1)} ms, fastest of ${xs.map((x) => x.toFixed(1)).join(", ")}`;
  console.log(`\nextension activation (VS Code's Running Extensions): ${empty.activationMs} ms, ${one.activationMs} ms (target < 200 ms)`);
  console.log(`an empty cell's round trip in the editor: ${trips(empty.roundTripMs)} (target < 20 ms)`);
  console.log(`a cell \`1\`'s round trip in the editor (it shows an output): ${trips(one.roundTripMs)}`);
  if (trainMs.live) console.log(`training with live views: ${((100 * trainMs.quiet) / trainMs.live).toFixed(0)}% of the speed without (target ≥ 90%)`);
}

void main();
