// The course as the editor lists it: every lesson found, in order, with its title; the walkthrough and its
// page name the lessons that exist; the docs index links every page.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { courseLessons, parseNnbook, readLesson, serializeNnbook } from "../../../src/format";
import { buildCellTypes } from "../../../scripts/intellisense/buildTypes.mjs";
import { createCellLanguageServices } from "../../../src/intellisense";
import { courseDir, root } from "./lesson";

const lessons = () => courseLessons(readdirSync(courseDir).map((f): [string, Uint8Array] => [f, readFileSync(path.join(courseDir, f))]));

test("the course folder holds only lessons, numbered 1, 2, 3, … without a gap", () => {
  const all = lessons();
  assert.deepEqual(readdirSync(courseDir).sort(), all.map((l) => l.file));
  assert.deepEqual(all.map((l) => l.number), all.map((_, i) => i + 1));
  assert.ok(all.length >= 11, `${all.length} lessons`);
});

test("a lesson's title and summary come from its first cell, math and markdown as plain text", () => {
  const bytes = serializeNnbook({
    nnbook: 1,
    metadata: {},
    cells: [{ kind: "markdown", source: "# 3. Activation functions\n\nEach one, $\\sigma(z)$ among them, with **its** [derivative](x.md)…\n\n$$f(x)$$" }],
  });
  assert.deepEqual(readLesson("03-activations.nnbook", bytes), { file: "03-activations.nnbook", number: 3, title: "Activation functions", summary: "Each one, σ(z) among them, with its derivative…" });
  assert.equal(readLesson("03-activations.nnbook", serializeNnbook({ nnbook: 1, metadata: {}, cells: [{ kind: "markdown", source: "# 3. A\n\nA neuron computes $z = \\mathbf{w} \\cdot \\mathbf{x} + b$." }] })).summary, "A neuron computes z = w · x + b.");
  const summarised = serializeNnbook({ nnbook: 1, metadata: { summary: "Each activation and its derivative." }, cells: [{ kind: "markdown", source: "# 3. A\n\nLong text" }] });
  assert.equal(readLesson("03-activations.nnbook", summarised).summary, "Each activation and its derivative.");
  // Every shipped lesson says in a sentence what it teaches, for the picker and the index.
  for (const l of lessons()) assert.match(JSON.parse(readFileSync(path.join(courseDir, l.file), "utf8")).metadata.summary ?? "", /^[A-Z].{30,200}\.$/, l.file);
  assert.throws(() => readLesson("activations.nnbook", bytes), /activations\.nnbook is not a lesson: lesson files are named like 01-perceptron\.nnbook/);
  const untitled = serializeNnbook({ nnbook: 1, metadata: {}, cells: [{ kind: "code", language: "nnts", source: "1", outputs: [] }] });
  assert.throws(() => readLesson("04-losses.nnbook", untitled), /04-losses\.nnbook does not start with a markdown title/);
});

test("the walkthrough opens lessons that exist, and its course page lists every lesson by its title", () => {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const all = lessons();
  const steps = manifest.contributes.walkthroughs[0].steps as { description: string; media: { markdown?: string } }[];
  const opened = steps.flatMap((s) => [...s.description.matchAll(/\(command:nnbook\.openCourse\?([^)]+)\)/g)].map((m) => JSON.parse(decodeURIComponent(m[1]))[0]));
  assert.ok(opened.length >= 1);
  for (const file of opened) assert.ok(all.some((l) => l.file === file), `the walkthrough opens ${file}, which is not a lesson`);
  assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === "nnbook.openCourse"));
  for (const step of steps) if (step.media.markdown) readFileSync(path.join(root, step.media.markdown));
  const page = readFileSync(path.join(root, "media/walkthrough/course.md"), "utf8");
  const listed = [...page.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`);
  assert.deepEqual(listed, all.map((l) => `${l.number}. ${l.title}`));
  // The lessons ship in the extension.
  assert.match(readFileSync(path.join(root, ".vscodeignore"), "utf8"), /^!examples\/course\/\*\.nnbook$/m);
});

test("`npm run docs` writes a lesson's page and an index that links every lesson", () => {
  const out = mkdtempSync(path.join(tmpdir(), "nnbook-docs-"));
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/docs.ts", "--out", out, "--only", "1", "--no-build"], { cwd: root, encoding: "utf8", timeout: 180_000 });
  assert.equal(run.status, 0, run.stderr);
  const index = readFileSync(path.join(out, "index.html"), "utf8");
  for (const l of lessons()) assert.ok(index.includes(`<a href="${l.file.replace(/\.nnbook$/, ".html")}">${l.title.replace(/&/g, "&amp;")}</a>`), l.file);
  const page = readFileSync(path.join(out, "01-perceptron.html"), "utf8");
  assert.match(page, /The neuron and the perceptron/);
  assert.doesNotMatch(page, /<script[^>]+src="https?:/);
});

test("every lesson reads clean in the editor: no type error or unknown name in any of its cells", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "nnbook-course-types-"));
  buildCellTypes({ outDir: folder });
  const services = createCellLanguageServices(folder);
  const problems: string[] = [];
  for (const lesson of lessons()) {
    const cells = parseNnbook(readFileSync(path.join(courseDir, lesson.file))).cells.flatMap((c) => (c.kind === "code" ? [c.source] : []));
    const service = services.open();
    service.setCells(cells);
    for (const d of service.diagnostics()) problems.push(`${lesson.file} code cell ${d.cell + 1}: ${cells[d.cell].slice(d.start, d.end)}: ${d.message}`);
    service.dispose();
  }
  assert.deepEqual(problems, []);
});
