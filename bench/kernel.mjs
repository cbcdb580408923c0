// What the kernel costs, measured from outside as a user meets it: `nnbook run` of a notebook with one
// trivial cell (start-up: the CLI, the kernel process, its worker, the first cell) and of one with 101
// (the difference over 100 is a cell's round trip: host → kernel process → worker and back).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const cli = path.join(root, "out", "cli", "nnbook.js");

const notebook = (cells) =>
  JSON.stringify({ nnbook: 1, metadata: {}, cells: Array.from({ length: cells }, (_, i) => ({ kind: "code", language: "nnts", source: [`${i} + 1`], outputs: [] })) });

function timeRun(file) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [cli, "run", file, "--quiet"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`nnbook run ${file} failed: ${run.stderr}`);
  return performance.now() - t0;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function kernelCosts(rounds = 7) {
  if (!existsSync(cli)) spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { stdio: "inherit" });
  const dir = mkdtempSync(path.join(tmpdir(), "nnbook-kernel-bench-"));
  try {
    const one = path.join(dir, "one.nnbook"), many = path.join(dir, "many.nnbook");
    writeFileSync(one, notebook(1));
    writeFileSync(many, notebook(101));
    timeRun(one); // warm the file cache
    const starts = [], perCell = [];
    for (let r = 0; r < rounds; r++) {
      const a = timeRun(one), b = timeRun(many);
      starts.push(a);
      perCell.push((b - a) / 100);
    }
    return { startMs: median(starts), roundTripMs: median(perCell), rounds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startMs, roundTripMs, rounds } = kernelCosts();
  console.log(`kernel: nnbook run of one cell ${startMs.toFixed(0)} ms; a cell's round trip ${roundTripMs.toFixed(2)} ms (medians of ${rounds} rounds)`);
}
