// What drawing while training costs: the same run with `live: false` and with `live: ["loss", "boundary"]`,
// the views made and serialised as the kernel sends them (JSON.stringify of every drawing). The target:
// training with the live views at least 90% as fast as without.
//
//   node bench/live.mjs [--rounds N]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const LIVE_TARGET = 0.9;

// The fastest round of each: on a shared machine, other work only ever adds time, and adds it unevenly.
const fastest = (xs) => Math.min(...xs);

/** Trains moons with and without the live views, `rounds` times each by turns; returns the fastest times. */
export async function liveCosts(rounds = 7) {
  const dir = mkdtempSync(path.join(tmpdir(), "nnbook-live-bench-"));
  try {
    const entry = path.join(dir, "entry.ts");
    writeFileSync(entry, ["engine/index", "views/index", "engine/train/hooks"].map((m) => `export * from ${JSON.stringify(path.join(root, "src", m))};`).join("\n"));
    const outfile = path.join(dir, "live.mjs");
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "esm", target: "node20", keepNames: true, logLevel: "warning" });
    const nb = await import(pathToFileURL(outfile).href);
    let drawings = 0;
    nb.setDisplaySink((items, options) => {
      JSON.stringify({ items, ...options });
      drawings++;
    });
    nb.setTrainingHooks(nb.liveTraining());
    const moons = nb.data.moons({ n: 500, noise: 0.2, seed: 1 });
    const run = async (live) => {
      nb.manualSeed(1);
      const net = nb.nn.Sequential(nb.nn.Linear(2, 16), nb.nn.ReLU(), nb.nn.Linear(16, 16), nb.nn.ReLU(), nb.nn.Linear(16, 1));
      const t0 = performance.now();
      await nb.train(net, moons, { epochs: 1500, live, seed: 1 });
      return performance.now() - t0;
    };
    await run(false); // warm up
    const quiet = [], live = [];
    for (let r = 0; r < rounds; r++) {
      quiet.push(await run(false));
      drawings = 0;
      live.push(await run(["loss", "boundary"]));
    }
    // Two views per drawing; the count is the last round's.
    return { quietMs: fastest(quiet), liveMs: fastest(live), drawings: drawings / 2 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function liveLine({ quietMs, liveMs, drawings }) {
  const ratio = quietMs / liveMs;
  return `live views: moons, 1,500 epochs in ${quietMs.toFixed(0)} ms with live: false, ${liveMs.toFixed(0)} ms with live: ["loss", "boundary"] (${drawings} drawings each); speed kept ${(ratio * 100).toFixed(0)}% — target ≥ ${LIVE_TARGET * 100}% ${ratio >= LIVE_TARGET ? "met" : "NOT met"}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--rounds");
  const costs = await liveCosts(i >= 0 ? Number(process.argv[i + 1]) : undefined);
  console.log(liveLine(costs));
  if (costs.quietMs / costs.liveMs < LIVE_TARGET) process.exitCode = 1;
}
