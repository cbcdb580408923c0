// Where nnbook's time goes on one workload: runs it under V8's sampling profiler
// (node --cpu-prof) and prints self time by engine source file and by function,
// mapped back to src/engine through the bundle's source map.
//
//   node bench/profile.mjs [W1|W2|W2b|W3|W4|W5] [--steps N] [--keep DIR]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleEngine } from "./engine.mjs";
import { startFramework } from "./frameworks.mjs";
import { workload } from "./workloads.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const w = workload(args.find((a) => /^W\d/.test(a)) ?? "W1");
const steps = Number(option("--steps") ?? w.steps * 10);
const keep = option("--keep");

const dir = keep ?? mkdtempSync(path.join(tmpdir(), "nnbook-profile-"));
try {
  const enginePath = await bundleEngine(dir, { sourcemap: true });
  // Without inlining, time spent in the matmul kernels is not folded into the ops that call them.
  const execArgv = ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...(args.includes("--inline") ? [] : ["--no-turbo-inlining"])];
  const child = startFramework("nnbook", enginePath, { execArgv });
  await child.ready;
  await child.call("setup", { workload: w.id });
  await child.call("run", { steps: w.warmup });
  const { ms } = await child.call("run", { steps });
  await child.call("exit");
  await new Promise((r) => setTimeout(r, 500)); // the profile is written as the process exits
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no .cpuprofile was written");
  console.log(`${w.id}: ${steps} steps in ${ms.toFixed(0)} ms (${(ms / steps).toFixed(3)} ms/step), profile ${keep ? path.join(dir, file) : "(temporary)"}\n`);
  report(JSON.parse(readFileSync(path.join(dir, file), "utf8")), enginePath);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

function report(profile, enginePath) {
  const locate = sourceLocator(enginePath);
  const self = new Map(); // node id → ms
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const byFile = new Map(), byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0, f = node.callFrame;
    if (!ms || f.functionName === "(idle)") continue;
    total += ms;
    const where = f.url.endsWith("engine.mjs") ? locate(f.lineNumber, f.columnNumber) : null;
    const file = where?.source ?? (f.url ? path.basename(f.url) : f.functionName);
    const fn = `${f.functionName || "(anonymous)"}  ${where ? `${where.source}:${where.line}` : file}`;
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const print = (title, map, n) => {
    console.log(title);
    for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${k}`);
    }
    console.log("");
  };
  print("self time by file", byFile, 15);
  print("self time by function", byFunction, 25);
}

/** Maps a (0-based) line and column of the bundle to its source file and 1-based line. */
function sourceLocator(bundlePath) {
  const map = JSON.parse(readFileSync(bundlePath + ".map", "utf8"));
  const lines = map.mappings.split(";").map(() => []);
  let src = 0, origLine = 0, origCol = 0;
  map.mappings.split(";").forEach((line, li) => {
    let genCol = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      genCol += v[0];
      if (v.length < 4) continue;
      src += v[1];
      origLine += v[2];
      origCol += v[3];
      lines[li].push([genCol, src, origLine]);
    }
  });
  return (line, col) => {
    const segs = lines[line] ?? [];
    let best = segs[0];
    for (const s of segs) if (s[0] <= col) best = s;
    if (!best) return null;
    return { source: map.sources[best[1]].replace(/^(\.\.\/)+/, "").replace(/^.*src\/engine\//, ""), line: best[2] + 1 };
  };
}

function decodeVlq(s) {
  const out = [];
  let value = 0, shift = 0;
  for (const ch of s) {
    const d = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(ch);
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return out;
}
