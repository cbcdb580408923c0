// `npm test`: builds, type-checks, checks what each folder imports, runs the unit tests, then the
// end-to-end suite in a real VS Code (code-server), installing what that suite lacks on first run.
// `--unit` or `--e2e` runs one part.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const only = process.argv.includes("--unit") ? "unit" : process.argv.includes("--e2e") ? "e2e" : "all";
const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });

function step(title, command, args, env = {}) {
  console.log(`\n== ${title}`);
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (run.status !== 0) {
    console.error(`\n${title} failed (exit ${run.status ?? run.signal}).`);
    process.exit(1);
  }
}

function testFiles(dir, suffix) {
  const files = [];
  (function walk(d) {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(suffix)) files.push(path.relative(root, file));
    }
  })(path.join(root, dir));
  return files.sort();
}

/** Runs node's test runner with a readable report on stdout and a TAP copy for the totals. */
function nodeTests(title, files, extra = []) {
  const tap = path.join(results, `${title}.tap`);
  rmSync(tap, { force: true });
  step(`${title} tests (${files.length} files)`, process.execPath, [
    "--import", "tsx", "--test", ...extra,
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=tap", `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = readFileSync(tap, "utf8");
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return { pass: count("pass"), fail: count("fail"), skipped: count("skipped") };
}

step("build", process.execPath, ["scripts/build.mjs"]);
step("type-check", process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-b"]);
step("layer check", process.execPath, ["scripts/checkLayers.mjs"]);

const totals = [];
if (only !== "e2e") totals.push(nodeTests("unit", testFiles("test/unit", ".test.ts")));
if (only !== "unit") {
  step("end-to-end set-up", process.execPath, ["scripts/e2e/setup.mjs"]);
  step("package the extension", process.execPath, ["scripts/package.mjs"]);
  totals.push(nodeTests("e2e", testFiles("test/e2e", ".e2e.test.ts"), ["--test-concurrency=1", "--test-timeout=600000"]));
}
const sum = (k) => totals.reduce((a, t) => a + t[k], 0);
console.log(`\n${sum("pass")} passed, ${sum("fail")} failed, ${sum("skipped")} skipped`);
