import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { runNotebook } from "../../../src/cli/runNotebook";
import type { CodeCell, NnbookCell } from "../../../src/format";

const root = path.resolve(__dirname, "../../..");
const asCode = (cell: NnbookCell): CodeCell => {
  assert.equal(cell.kind, "code");
  return cell as CodeCell;
};
const code = (source: string, previous: Partial<CodeCell> = {}): CodeCell => ({ kind: "code", language: "nnts", source, outputs: [], ...previous });
const stale = { outputs: [{ items: [{ mime: "text/plain", data: "from an earlier run" }] }], execution: { order: 9, success: true } };

async function run(cells: NnbookCell[]) {
  const text: string[] = [], progress: string[] = [];
  const outcome = await runNotebook(
    { nnbook: 1, metadata: {}, cells },
    { files: { dir: path.join(root, "out/kernel") }, notebookDir: root, onText: (t) => text.push(t), onProgress: (t) => progress.push(t) },
  );
  return { ...outcome, cells: outcome.notebook.cells, text: text.join(""), progress: progress.join("") };
}

test("outputs are kept as the editor keeps them: console text joined per stream, a live chart replaced in place", async () => {
  const ran = await run([
    code('console.log("a"); console.log("b"); console.error("c");\nconst fit = await train(nn.Linear(1, 1), data.line(), { epochs: 5 });\nconsole.log("d");'),
  ]);
  assert.equal(ran.failure, undefined);
  const outputs = asCode(ran.cells[0]).outputs;
  assert.deepEqual(outputs.map((o) => o.items[0].mime), [
    "application/vnd.code.notebook.stdout",
    "application/vnd.code.notebook.stderr",
    "application/vnd.nnbook.loss+json",
    "application/vnd.code.notebook.stdout",
  ]);
  assert.deepEqual([outputs[0].items, outputs[1].items, outputs[3].items].map((items) => items.map((i) => i.data)), [["a\nb\n"], ["c\n"], ["d\n"]]);
  assert.equal((outputs[2].items[0].data as { series: { y: unknown[] }[] }).series[0].y.length, 5);
  assert.equal(ran.text, "a\nb\nc\nd\n");
  assert.match(ran.progress, /Training loss/);
});

test("a failed cell ends with its error; the cells after it do not run and keep no outputs", async () => {
  const ran = await run([code('console.log("one")'), code('console.log("two");\nnull!.x', stale), { kind: "markdown", source: "# notes" }, code('console.log("three")', stale)]);
  assert.deepEqual(ran.failure && { cellNumber: ran.failure.cellNumber, line: ran.failure.line }, { cellNumber: 2, line: 2 });
  const [one, two, notes, three] = ran.cells;
  assert.deepEqual([one, two, three].map((c) => asCode(c).execution && { order: asCode(c).execution?.order, success: asCode(c).execution?.success }), [
    { order: 1, success: true },
    { order: 2, success: false },
    undefined,
  ]);
  const failed = asCode(two).outputs;
  assert.deepEqual(failed.map((o) => o.items[0].mime), ["application/vnd.code.notebook.stdout", "application/vnd.code.notebook.error"]);
  assert.deepEqual(Object.keys(failed[1].items[0].data as object), ["name", "message", "stack"]);
  assert.deepEqual(asCode(three).outputs, []);
  assert.deepEqual(notes, { kind: "markdown", source: "# notes" });
  assert.doesNotMatch(ran.text, /three/);
});
