import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseNnbook } from "../../../src/format";

const root = path.resolve(__dirname, "../../..");
const cli = path.join(root, "out/cli/nnbook.js");
const tmp = mkdtempSync(path.join(tmpdir(), "nnbook-cli-"));

function nnbook(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test("the built command is executable, so `npx nnbook` runs it", () => {
  assert.equal(statSync(cli).mode & 0o755, 0o755, (statSync(cli).mode & 0o777).toString(8));
});

test("runs a notebook: prints its text output and exits 0", () => {
  const run = nnbook("run", "examples/hello.nnbook");
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /tensor\(\[\[19\., 22\.\],\n {8}\[43\., 50\.\]\]\)/);
  assert.match(run.stdout, /sigmoid\(0\.8\) = 0\.690/);
  assert.match(run.stdout, /learned w = 3\.0\d\d, b = 2\.0\d\d/);
  assert.match(run.stdout, /MSE loss while fitting/);
});

test("--out writes the notebook with its outputs and leaves the input untouched", () => {
  const input = path.join(root, "examples/hello.nnbook");
  const before = readFileSync(input);
  const out = path.join(tmp, "ran.nnbook");
  assert.equal(nnbook("run", input, "--out", out, "--quiet").code, 0);
  assert.deepEqual(readFileSync(input), before);
  const ran = parseNnbook(readFileSync(out));
  const mimes = ran.cells.flatMap((c) => (c.kind === "code" ? c.outputs.flatMap((o) => o.items.map((i) => i.mime)) : []));
  assert.ok(mimes.includes("application/vnd.nnbook.tensor+json"));
  assert.ok(mimes.includes("application/vnd.nnbook.loss+json"));
  assert.ok(mimes.includes("application/vnd.code.notebook.stdout"));
  assert.ok(ran.cells.every((c) => c.kind === "markdown" || c.execution?.success === true));
});

/** Runs the command and, once its output says `waiting`, calls `meanwhile` while the run goes on. */
function nnbookMeanwhile(args: string[], meanwhile: () => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    let called = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (!called && stdout.includes("waiting")) {
        called = true;
        meanwhile();
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("--out naming the input writes its outputs into it when nobody edited it meanwhile", async () => {
  const input = path.join(tmp, "self.nnbook");
  copyFileSync(path.join(root, "test/corpus/cli/waits.nnbook"), input);
  const run = await nnbookMeanwhile(["run", input, "--out", input], () => {});
  assert.equal(run.code, 0, run.stderr);
  const ran = parseNnbook(readFileSync(input)).cells[0];
  assert.ok(ran.kind === "code" && ran.outputs.length > 0 && ran.execution?.success === true);
});

test("--out refuses to overwrite a file edited on disk during the run: exit 2, the edit kept", async () => {
  const input = path.join(tmp, "edited.nnbook");
  copyFileSync(path.join(root, "test/corpus/cli/waits.nnbook"), input);
  const edited = readFileSync(input, "utf8").replace("done", "edited while it ran");
  assert.notEqual(edited, readFileSync(input, "utf8"));
  const run = await nnbookMeanwhile(["run", input, "--out", input], () => writeFileSync(input, edited));
  assert.match(run.stdout, /done/);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /edited\.nnbook changed on disk during the run; nothing was overwritten\..*--out naming another file/);
  assert.equal(readFileSync(input, "utf8"), edited);
});

test("--html writes one self-contained page with the renderer bundle in it", () => {
  const html = path.join(tmp, "hello.html");
  assert.equal(nnbook("run", "examples/hello.nnbook", "--html", html, "--quiet").code, 0);
  const page = readFileSync(html, "utf8");
  assert.doesNotMatch(page, /<(script|link|img)[^>]+(src|href)=["']?https?:/);
  assert.match(page, /id="nnbook-renderer">[A-Za-z0-9+/=]{1000,}</);
  assert.match(page, /class="katex"/);
  assert.match(page, /data-nnbook-output="1"/);
});

test("a failing cell: exit 1, and the message names the cell and the line", () => {
  const run = nnbook("run", "test/corpus/cli/fails.nnbook");
  assert.equal(run.code, 1);
  assert.match(run.stdout, /first cell ran/);
  assert.doesNotMatch(run.stdout, /never printed/);
  assert.match(run.stderr, /cell \[2\], the 2nd cell, line 2 failed: ShapeError: matmul: cannot multiply \[1,3\] by \[1,2\]/);
});

test("--timeout ends a cell stuck in a loop that never yields, as a failed cell", () => {
  const started = Date.now();
  // The deadline covers the kernel's start too: leave room for it on a loaded machine.
  const run = nnbook("run", "test/corpus/cli/busy-loop.nnbook", "--timeout", "4");
  assert.equal(run.code, 1);
  assert.ok(Date.now() - started < 15_000);
  assert.match(run.stdout, /about to spin/);
  assert.match(run.stderr, /cell \[2\], the 2nd cell failed: Timeout: the run took longer than --timeout 4 s/);
});

test("--timeout is a deadline for the whole run: a cell that stops cleanly still fails, and no cell after it runs", () => {
  const out = path.join(tmp, "deadline.nnbook");
  const started = Date.now();
  const run = nnbook("run", "test/corpus/cli/train-then-spin.nnbook", "--timeout", "4", "--out", out);
  assert.equal(run.code, 1);
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  assert.match(run.stdout, /stopped cleanly: true/);
  assert.doesNotMatch(run.stdout, /spinning/);
  assert.match(run.stderr, /cell \[1\], the 1st cell failed: Timeout: the run took longer than --timeout 4 s/);
  const cells = parseNnbook(readFileSync(out)).cells;
  assert.equal(cells[1].kind === "code" && cells[1].execution, undefined);
});

test("a cell that floods its output is bounded: the run ends at its deadline with a note of what was dropped", () => {
  const out = path.join(tmp, "flood.nnbook"), html = path.join(tmp, "flood.html");
  const run = nnbook("run", "test/corpus/cli/flood.nnbook", "--timeout", "4", "--out", out, "--html", html, "--quiet");
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /cell \[1\], the 1st cell failed: Timeout/);
  assert.ok(statSync(out).size < 3 * 2 ** 20, `--out is ${statSync(out).size} bytes`);
  assert.ok(statSync(html).size < 8 * 2 ** 20, `--html is ${statSync(html).size} bytes`);
  assert.match(readFileSync(out, "utf8"), /output truncated: [\d,.]+ MB dropped \(a cell keeps its first 2\.0 MB of text\)/);
});

test("a broken file: exit 2 and what is wrong, with file, line and column", () => {
  const run = nnbook("run", "test/corpus/broken/newer-version.nnbook");
  assert.equal(run.code, 2);
  assert.match(run.stderr, /cannot read test\/corpus\/broken\/newer-version\.nnbook:2:13: this notebook uses format version 2/);
  const missing = nnbook("run", "no-such.nnbook");
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no-such\.nnbook: no such file$/m);
});

test("wrong arguments: exit 2 and the usage", () => {
  for (const args of [[], ["frobnicate"], ["run"], ["run", "a.nnbook", "--timeout", "soon"], ["run", "a.nnbook", "--bogus"], ["run", "a.nnbook", "--threads", "0"], ["run", "a.nnbook", "--threads", "two"]]) {
    const run = nnbook(...args);
    assert.equal(run.code, 2, args.join(" "));
    assert.match(run.stderr, /usage: nnbook run <file\.nnbook>/);
  }
  assert.match(nnbook("run", "a.nnbook", "--threads", "1.5").stderr, /--threads needs a whole number of threads from 1 up, not "1\.5"/);
});

/**
 * Bytes an example may take saved with its outputs: 50 KB, and more, measured, for the one that draws every
 * view (some 50 outputs, a 25-frame weights slider and two decision surfaces among them).
 */
test("every example notebook runs headless without a failing cell; saved with its outputs it stays small, one copy of each view", () => {
  // In a copy of the folder: an example that writes files (the way out) writes them there, not into the repository.
  const examples = path.join(tmp, "examples");
  cpSync(path.join(root, "examples"), examples, { recursive: true, filter: (src) => !src.includes(`${path.sep}course`) });
  for (const name of readdirSync(examples).filter((f) => f.endsWith(".nnbook"))) {
    const out = path.join(tmp, `saved-${name}`);
    const run = nnbook("run", path.join(examples, name), "--out", out, "--quiet");
    assert.equal(run.code, 0, `${name}: ${run.stderr}`);
    const bytes = statSync(out).size;
    assert.ok(bytes < 50_000, `${name} saved with its outputs is ${bytes} bytes`);
    // No view twice: the same data under another title is a second copy of one chart.
    const views = parseNnbook(readFileSync(out)).cells.flatMap((c) => (c.kind === "code" ? c.outputs : [])).flatMap((o) => o.items).filter((i) => i.mime.startsWith("application/vnd.nnbook."));
    const seen = new Set<string>();
    for (const item of views) {
      const { title: _title, ...rest } = item.data as Record<string, unknown>;
      const key = item.mime + JSON.stringify(rest);
      assert.ok(!seen.has(key), `${name}: a ${item.mime} view is saved twice`);
      seen.add(key);
    }
  }
});

test("training progress goes to stderr, the results to stdout", () => {
  const run = nnbook("run", "examples/iris.nnbook");
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /Training loss \(\d+ \/ 60 epochs\)/);
  assert.doesNotMatch(run.stdout, /Training loss \(/);
  assert.match(run.stdout, /History\(60 epochs/);
});

test("the charts example runs, each chart with its text fallback", () => {
  const run = nnbook("run", "examples/charts.nnbook");
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Activation functions: 200 points\nsigmoid: 0\.018 → 0\.982/m);
  assert.match(run.stdout, /^Two moons: 200 points$/m);
  assert.match(run.stdout, /^upper arc 100, lower arc 100$/m);
  assert.match(run.stdout, /^Initial weights: 128 values in 20 bins$/m);
  assert.match(run.stdout, /^Linear\(16, 8\)\.weight: \[8, 16\] \(unit × input\), min /m);
});
