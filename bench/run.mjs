// `npm run bench`: trains the same workloads with nnbook (as cells in a kernel, and the bare engine),
// PyTorch (one thread, and two), TensorFlow.js (cpu and wasm backends) and a hand-written plain-JS MLP,
// and prints samples per second (GFLOP/s for the matrix product) and ratios.
// Each framework runs in its own process; rounds interleave the frameworks, so noise
// from the (shared) machine spreads over all of them instead of hitting one.
//
//   node bench/run.mjs [--quick] [--rounds N] [--only W1,W3] [--json results.json]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleEngine } from "./engine.mjs";
import { kernelCosts } from "./kernel.mjs";
import { LIVE_TARGET, liveCosts, liveLine } from "./live.mjs";
import { availableFrameworks, startFramework } from "./frameworks.mjs";
import { WORKLOADS } from "./workloads.mjs";

/** nnbook as users run it, in cells: the path the targets are for (the bare engine for W4's product). */
const CELL = "nnbook-cell";
const TARGETS = [
  { workload: "W1", nnbook: CELL, against: "pytorch", ratio: 1 },
  { workload: "W2", nnbook: CELL, against: "plain", ratio: 1 },
  { workload: "W3", nnbook: CELL, against: "plain", ratio: 0.5 },
  { workload: "W4", nnbook: CELL, against: "pytorch", ratio: 0.5 },
  { workload: "W5", nnbook: CELL, against: "pytorch", ratio: 0.5 },
];

const CNN_EPOCHS_TARGET_S = 10;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes("--quick");
const rounds = Number(option("--rounds") ?? (quick ? 2 : 7));
/** Each framework's warm-up of a workload lasts at least this long (ms). */
const warmMs = quick ? 200 : 1000;
const only = option("--only")?.split(",");
const jsonFile = option("--json");
const workloads = WORKLOADS.filter((w) => !only || only.includes(w.id)).map((w) =>
  quick ? { ...w, steps: Math.ceil(w.steps / 5), warmup: Math.ceil(w.warmup / 5) } : w,
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtRate = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3));
const fmtStep = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toPrecision(3)} µs`);
const pct = (x) => `${(x * 100).toFixed(0)}%`;

function machine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model ?? "?";
  return { cpu, cores: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` };
}

const started = Date.now();
const dir = mkdtempSync(path.join(tmpdir(), "nnbook-bench-"));
const children = [];
try {
  const enginePath = await bundleEngine(dir);
  // The cells run in the kernel as built into out/: built now, from these sources.
  const built = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs")], { encoding: "utf8" });
  if (built.status !== 0) throw new Error(`node scripts/build.mjs failed:\n${built.stderr}`);
  const info = machine();
  console.log(`machine: ${info.cpu}, ${info.cores} cores, node ${info.node} (${info.platform})`);
  const { frameworks: FRAMEWORKS, left } = availableFrameworks();
  for (const [f, why] of Object.entries(left)) console.log(`${f}: left out — ${why}`);
  for (const f of FRAMEWORKS) children.push(startFramework(f, enginePath));
  await Promise.all(children.map((c) => c.ready));
  const infos = {};
  for (const c of children) infos[c.framework] = await c.call("info");
  const wasm = infos["tfjs-wasm"];
  console.log(
    `tfjs ${wasm.tfjs}; wasm backend active: ${wasm.backend}, binary ${wasm.wasmBinary}, ` +
      `SIMD ${wasm.simd}, threads ${wasm.threads} (${wasm.threadsCount} thread)`,
  );
  for (const fw of ["pytorch", "pytorch-2t"]) if (infos[fw]) console.log(`${fw}: torch ${infos[fw].torch}, ${infos[fw].threads} thread(s)`);
  for (const fw of [CELL, `${CELL}-1t`]) if (infos[fw]) console.log(`${fw}: ${infos[fw].threads} thread(s) for matrix products`);
  console.log(`${rounds} timed rounds per workload, frameworks interleaved\n`);

  const results = [];
  for (const w of workloads) {
    console.log(`${w.id}: ${w.title}`);
    const res = { id: w.id, title: w.title, batch: w.batch, steps: w.steps, batches: w.batches, frameworks: {} };
    const taking = [];
    for (const c of children) if (await c.call("supports", { workload: w.id })) taking.push(c);
    for (const c of taking) {
      await c.call("setup", { workload: w.id });
      // The warm-up steps, then as many more as make up warmMs of training (a JIT, V8's for nnbook and
      // TensorFlow.js, reaches its steady speed after some hundreds of W1 steps, not 15); then the workload is
      // set up afresh, so that every framework's timed steps start from the same weights and batches.
      const { ms } = await c.call("run", { steps: w.warmup });
      if (ms < warmMs) await c.call("run", { steps: Math.min(1000 * w.warmup, Math.ceil((w.warmup * (warmMs - ms)) / Math.max(ms, 0.01))) });
      await c.call("setup", { workload: w.id });
      await c.call("run", { steps: w.warmup });
      res.frameworks[c.framework] = { ms: [], tensors: [] };
    }
    for (let r = 0; r < rounds; r++) {
      // Rotate the order so no framework always runs first (or right after another's garbage).
      const order = taking.map((_, i) => taking[(i + r) % taking.length]);
      for (const c of order) {
        const { ms, tensorsBefore, tensorsAfter } = await c.call("run", { steps: w.steps });
        const f = res.frameworks[c.framework];
        f.ms.push(ms);
        if (tensorsBefore !== undefined) f.tensors.push([tensorsBefore, tensorsAfter]);
      }
    }
    for (const c of taking) {
      const f = res.frameworks[c.framework];
      f.loss = (await c.call("loss")).loss;
      // samples/s; for the matrix product GFLOP/s
      f.rates = f.ms.map((ms) => (w.kind === "matmul" ? (2 * w.m * w.k * w.n * w.steps) / (ms * 1e6) : (w.batch * w.steps * 1000) / ms));
      f.rate = median(f.rates);
      f.msPerStep = median(f.ms) / w.steps;
      f.spread = (Math.max(...f.rates) - Math.min(...f.rates)) / f.rate;
    }
    // tfjs frees nothing by itself: a tensor leaked per step would grow this count.
    const counts = ["tfjs-cpu", "tfjs-wasm"].filter((fw) => res.frameworks[fw]).map((fw) => {
      const t = res.frameworks[fw].tensors;
      res.frameworks[fw].tensorsFlat = t.every(([before, after]) => before === t[0][0] && after === t[0][0]);
      return `${fw} ${t[0][0]} → ${t[t.length - 1][1]}`;
    });
    res.tensorsFlat = ["tfjs-cpu", "tfjs-wasm"].every((fw) => res.frameworks[fw]?.tensorsFlat ?? true);
    console.log(`  tfjs live tensors over ${rounds} rounds: ${counts.join(", ")} (${res.tensorsFlat ? "flat" : "LEAKING"})`);
    // Same data, same starting weights, same steps: the losses must agree, or the work differs.
    const ref = res.frameworks.nnbook.loss, unit = w.kind === "matmul" ? "GFLOP/s" : "samples/s";
    res.lossAgrees = Object.values(res.frameworks).every((f) => Math.abs(f.loss - ref) <= 1e-3 + 1e-2 * Math.abs(ref));
    for (const fw of Object.keys(res.frameworks)) {
      const f = res.frameworks[fw];
      const lead = res.frameworks[CELL] ?? res.frameworks.nnbook;
      const ratio = fw === CELL ? "" : `  ${CELL} ÷ this ${(lead.rate / f.rate).toFixed(2)}`;
      const check = w.kind === "matmul" ? `sum ${f.loss.toPrecision(7)}` : `loss ${f.loss.toFixed(5)}`;
      console.log(
        `  ${fw.padEnd(11)} ${fmtRate(f.rate).padStart(10)} ${unit}  ±${pct(f.spread / 2).padEnd(4)}` +
          ` ${fmtStep(f.msPerStep).padStart(9)}/step  ${check}${ratio}`,
      );
    }
    if (!res.lossAgrees) console.log("  WARNING: final losses differ: the frameworks did not do the same work");
    if (!res.lossAgrees || !res.tensorsFlat) process.exitCode = 1;
    console.log("");
    results.push(res);
  }

  // Ratios of the cell path to every other, the engine included (cell ÷ engine shows what running in a cell costs).
  const others = FRAMEWORKS.filter((fw) => fw !== CELL);
  console.log(`| workload | ${FRAMEWORKS.join(" | ")} | ${others.map((fw) => `cell ÷ ${fw}`).join(" | ")} |`);
  console.log(`| --- |${" ---: |".repeat(FRAMEWORKS.length + others.length)}`);
  for (const r of results) {
    const f = r.frameworks, n = (f[CELL] ?? f.nnbook).rate;
    const cell = (fw) => (f[fw] ? `${fmtRate(f[fw].rate)} ±${pct(f[fw].spread / 2)}` : "—");
    const ratio = (fw) => (f[fw] ? `${(n / f[fw].rate).toFixed(2)}×` : "—");
    console.log(`| ${r.id} | ${FRAMEWORKS.map(cell).join(" | ")} | ${others.map(ratio).join(" | ")} |`);
  }
  console.log("\nsamples/s (W4: GFLOP/s): median of the rounds; ± half the spread between the slowest and fastest round.\n");
  for (const t of TARGETS) {
    const r = results.find((x) => x.id === t.workload);
    if (!r?.frameworks[t.against] || !r.frameworks[t.nnbook]) continue;
    const got = r.frameworks[t.nnbook].rate / r.frameworks[t.against].rate;
    console.log(`target ${t.workload}: ${t.nnbook} ≥ ${t.ratio}× ${t.against}: ${got.toFixed(2)}× — ${got >= t.ratio ? "met" : "NOT met"}`);
  }
  const cnn = results.find((x) => x.id === "W5");
  if (cnn) {
    // A round of W5 is one epoch; five epochs is what the digits CNN needs to pass 97%.
    const epochs = (fw) => (5 * cnn.frameworks[fw].msPerStep * cnn.batches) / 1000;
    const seconds = Object.keys(cnn.frameworks).map((fw) => `${fw} ${epochs(fw).toFixed(2)} s`).join(", ");
    const ok = epochs("nnbook") < CNN_EPOCHS_TARGET_S;
    console.log(`target W5: 5 epochs of the digits CNN in under ${CNN_EPOCHS_TARGET_S} s: ${seconds} — ${ok ? "met" : "NOT met"}`);
  }
  const kernel = only ? undefined : kernelCosts(quick ? 3 : 7);
  if (kernel) {
    console.log(
      `\nkernel: nnbook run of one cell ${kernel.startMs.toFixed(0)} ms (start-up); a cell's round trip ` +
        `${kernel.roundTripMs.toFixed(2)} ms (medians of ${kernel.rounds} rounds)`,
    );
  }
  const live = only ? undefined : await liveCosts(quick ? 3 : 7);
  if (live) {
    console.log(`\n${liveLine(live)}`);
    if (live.quietMs / live.liveMs < LIVE_TARGET) process.exitCode = 1;
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine: info, frameworks: infos, rounds, results, kernel, live }, null, 2) + "\n");
} finally {
  await Promise.allSettled(children.map((c) => c.call("exit")));
  rmSync(dir, { recursive: true, force: true });
}
