// PyTorch tutorial code ported line by line: test/corpus/ports/pytorch-tutorials.nnbook runs headless, the
// editor finds no problem in it, and its test accuracies reach PyTorch's on the same rows
// (test/fixtures/engine/ports.json, from scripts/reference/ports_fixtures.py).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { data } from "../../../src/engine";
import { parseNnbook, serializeNnbook } from "../../../src/format";
import { createCellLanguageServices } from "../../../src/intellisense";

const root = path.resolve(__dirname, "../../..");
const notebook = path.join(root, "test/corpus/ports/pytorch-tutorials.nnbook");
const fixtures = path.join(root, "test/fixtures/engine");

interface Reference {
  seeds: number[];
  testRows: number;
  classifier: { accuracies: number[]; mean: number; min: number };
  regularized: { accuracies: number[]; mean: number; min: number };
}
const reference = JSON.parse(readFileSync(path.join(fixtures, "ports.json"), "utf8")) as Reference;
const split = JSON.parse(readFileSync(path.join(fixtures, "ports_split.json"), "utf8")) as { fraction: number; seed: number; train: number[]; test: number[] };

/** Percentage points nnbook may fall below the worst of PyTorch's seeds: one seed of ours against their spread. */
const MARGIN = 3;

test("PyTorch reads the rows the notebook trains on: the digits CSV is data.digits(), and the split file is its split(0.8, { seed: 1 })", () => {
  const digits = data.digits();
  const csv = gunzipSync(readFileSync(path.join(fixtures, "data-digits.csv.gz"))).toString("utf8").trim().split("\n");
  assert.equal(csv.length, digits.length);
  const fromCsv = csv.flatMap((line) => line.split(",").map(Number));
  const fromEngine = Array.from({ length: digits.length }, (_, i) => [...digits.x.data.subarray(i * 64, i * 64 + 64), digits.y.data[i]]).flat();
  assert.deepEqual(fromEngine, fromCsv);

  assert.deepEqual([...split.train, ...split.test].sort((a, b) => a - b), Array.from({ length: digits.length }, (_, i) => i));
  const [train, test] = digits.split(split.fraction, { seed: split.seed });
  for (const [part, rows] of [[train, split.train], [test, split.test]] as const) {
    const same = digits.subset(rows);
    assert.deepEqual(Array.from(part.x.data), Array.from(same.x.data));
    assert.deepEqual(Array.from(part.y.data), Array.from(same.y.data));
  }
  assert.equal(test.length, reference.testRows);
});

test("the ported tutorials run headless, every cell succeeds, and each test accuracy reaches PyTorch's", (t) => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "nnbook-ports-")), "ran.nnbook");
  const run = spawnSync(process.execPath, [path.join(root, "out/cli/nnbook.js"), "run", notebook, "--out", out], { cwd: root, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const cells = parseNnbook(readFileSync(out)).cells.filter((c) => c.kind === "code");
  assert.ok(cells.length >= 6);
  cells.forEach((c, i) => assert.equal(c.kind === "code" && c.execution?.success, true, `code cell ${i + 1}`));

  const classifier = /^Accuracy of the network on the (\d+) test images: ([\d.]+) %$/m.exec(run.stdout);
  const regularized = /^Test accuracy: ([\d.]+)%$/m.exec(run.stdout);
  assert.ok(classifier && regularized, run.stdout);
  assert.equal(Number(classifier[1]), reference.testRows);
  const ours = { classifier: Number(classifier[2]), regularized: Number(regularized[1]) };
  for (const name of ["classifier", "regularized"] as const) {
    const theirs = reference[name];
    t.diagnostic(`${name}: nnbook ${ours[name].toFixed(2)}%, PyTorch ${theirs.mean.toFixed(2)}% mean, ${theirs.min.toFixed(2)}% min over ${theirs.accuracies.length} seeds`);
    assert.ok(ours[name] >= theirs.min - MARGIN, `${name}: nnbook ${ours[name]}%, PyTorch min ${theirs.min}% (mean ${theirs.mean}%) over seeds ${reference.seeds}`);
  }
});

test("the notebook is saved in the canonical layout: opened and saved, it gives back the same bytes", () => {
  const bytes = readFileSync(notebook);
  assert.equal(Buffer.from(serializeNnbook(parseNnbook(bytes))).toString("utf8"), bytes.toString("utf8"));
});

test("the editor finds no problem in the ported code (built types, as the extension ships them)", () => {
  const file = parseNnbook(readFileSync(notebook));
  const sources = file.cells.flatMap((c) => (c.kind === "code" ? [c.source] : []));
  const service = createCellLanguageServices(path.join(root, "out/intellisense/types")).open();
  try {
    service.setCells(sources);
    assert.deepEqual(service.diagnostics().map((d) => `cell ${d.cell + 1}: ${d.message}`), []);
  } finally {
    service.dispose();
  }
});
