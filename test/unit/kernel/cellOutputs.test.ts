import assert from "node:assert/strict";
import { test } from "node:test";
import { applyOutputEdit, CellOutputs, type OutputEdit } from "../../../src/kernel";
import type { CellOutput, OutputItem } from "../../../src/protocol/outputs";

const stdout = (data: string) => ({ mime: "application/vnd.code.notebook.stdout", data });
const stderr = (data: string) => ({ mime: "application/vnd.code.notebook.stderr", data });
const view = (n: number): OutputItem[] => [
  { mime: "application/vnd.nnbook.loss+json", data: { points: n } },
  { mime: "text/plain", data: `loss view ${n}` },
];

/** Records every edit, and checks that they replay to the outputs the model holds. */
function recorded(outputs: CellOutputs, calls: (o: CellOutputs) => OutputEdit[]): OutputEdit[] {
  const edits = calls(outputs);
  const replayed: CellOutput[] = [];
  for (const edit of edits) applyOutputEdit(replayed, edit);
  assert.deepEqual(replayed, outputs.list);
  return edits;
}

test("consecutive console text of one stream joins one output", () => {
  const outputs = new CellOutputs();
  const edits = recorded(outputs, (o) => [o.stream("stdout", "a\n"), o.stream("stdout", "b\n"), o.stream("stdout", "c")]);
  assert.deepEqual(edits, [
    { kind: "append", index: 0, items: [stdout("a\n")] },
    { kind: "appendItems", index: 0, items: [stdout("b\n")] },
    { kind: "appendItems", index: 0, items: [stdout("c")] },
  ]);
  assert.deepEqual(outputs.list, [{ items: [stdout("a\nb\nc")] }]);
});

test("stdout and stderr taking turns make an output per turn, in order", () => {
  const outputs = new CellOutputs();
  recorded(outputs, (o) => [o.stream("stdout", "1"), o.stream("stderr", "2"), o.stream("stderr", "3"), o.stream("stdout", "4"), o.stream("stderr", "5")]);
  assert.deepEqual(outputs.list, [{ items: [stdout("1")] }, { items: [stderr("23")] }, { items: [stdout("4")] }, { items: [stderr("5")] }]);
});

test("a view between two prints ends the stream output: the second print starts a new one", () => {
  const outputs = new CellOutputs();
  const edits = recorded(outputs, (o) => [o.stream("stdout", "before\n"), o.display(view(1)), o.stream("stdout", "after\n")]);
  assert.deepEqual(edits.map((e) => [e.kind, e.index]), [["append", 0], ["append", 1], ["append", 2]]);
  assert.deepEqual(outputs.list, [{ items: [stdout("before\n")] }, { items: view(1) }, { items: [stdout("after\n")] }]);
});

test("a view sent again with its id and update replaces its output's items, wherever it is", () => {
  const outputs = new CellOutputs();
  const edits = recorded(outputs, (o) => [
    o.display(view(1), { id: "train-1" }),
    o.stream("stdout", "epoch 1\n"),
    o.display(view(2), { id: "train-1", update: true }),
    o.display(view(3), { id: "train-1", update: true }),
  ]);
  assert.deepEqual(edits.slice(2), [
    { kind: "replaceItems", index: 0, items: view(2) },
    { kind: "replaceItems", index: 0, items: view(3) },
  ]);
  assert.deepEqual(outputs.list, [{ items: view(3) }, { items: [stdout("epoch 1\n")] }]);
});

test("an update of an id not seen yet appends, and later updates replace that output", () => {
  const outputs = new CellOutputs();
  const edits = recorded(outputs, (o) => [o.display(view(1), { id: "later", update: true }), o.display(view(2), { id: "later", update: true })]);
  assert.deepEqual(edits.map((e) => [e.kind, e.index]), [["append", 0], ["replaceItems", 0]]);
  assert.deepEqual(outputs.list, [{ items: view(2) }]);
});

test("an update without an id appends", () => {
  const outputs = new CellOutputs();
  recorded(outputs, (o) => [o.display(view(1)), o.display(view(2), { update: true })]);
  assert.deepEqual(outputs.list, [{ items: view(1) }, { items: view(2) }]);
});

test("a view with a known id but no update is a new output, and the id moves to it", () => {
  const outputs = new CellOutputs();
  recorded(outputs, (o) => [o.display(view(1), { id: "v" }), o.display(view(2), { id: "v" }), o.display(view(3), { id: "v", update: true })]);
  assert.deepEqual(outputs.list, [{ items: view(1) }, { items: view(3) }]);
});

test("an error after console text is an output of its own with only name, message and stack", () => {
  const outputs = new CellOutputs();
  const error = { name: "RangeError", message: "boom", stack: "RangeError: boom\n    at cell 1, line 2:1", location: { cellNumber: 1, line: 2, column: 1 }, kernelLost: false };
  const edits = recorded(outputs, (o) => [o.stream("stdout", "a"), o.stream("stderr", "b"), o.error(error)]);
  assert.deepEqual(edits[2], {
    kind: "append",
    index: 2,
    items: [{ mime: "application/vnd.code.notebook.error", data: { name: "RangeError", message: "boom", stack: "RangeError: boom\n    at cell 1, line 2:1" } }],
  });
  assert.equal(outputs.list.length, 3);
});

test("console text after an error does not join the stream output before it", () => {
  const outputs = new CellOutputs();
  recorded(outputs, (o) => [o.stream("stderr", "a"), o.error({ name: "E", message: "m", stack: "E: m" }), o.stream("stderr", "b")]);
  assert.deepEqual(outputs.list.map((o) => o.items[0].mime), ["application/vnd.code.notebook.stderr", "application/vnd.code.notebook.error", "application/vnd.code.notebook.stderr"]);
});

test("edits are snapshots: changing the outputs later does not change an edit a host has not applied yet", () => {
  const outputs = new CellOutputs();
  const items = view(1);
  const first = outputs.stream("stdout", "a");
  const shown = outputs.display(items, { id: "v" });
  outputs.stream("stdout", "b");
  outputs.display(view(2), { id: "v", update: true });
  items.push({ mime: "text/plain", data: "changed by the caller" });
  assert.deepEqual(first, { kind: "append", index: 0, items: [stdout("a")] });
  assert.deepEqual(shown, { kind: "append", index: 1, items: view(1) });
  assert.deepEqual(outputs.list[1], { items: view(2) });
});
