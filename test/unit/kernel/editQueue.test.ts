import assert from "node:assert/strict";
import { test } from "node:test";
import { EditQueue } from "../../../src/kernel";

/** An editor that takes `ms` to apply each edit, recording what it applied. */
function slowEditor(ms: number) {
  const applied: string[] = [];
  const edit = (name: string) => () => new Promise<void>((resolve) => setTimeout(() => (applied.push(name), resolve()), ms));
  return { applied, edit };
}

test("edits are applied one at a time, in the order made", async () => {
  const queue = new EditQueue(), editor = slowEditor(2);
  for (const name of ["append 0", "text 0", "append 1"]) queue.push(editor.edit(name));
  await queue.settled();
  assert.deepEqual(editor.applied, ["append 0", "text 0", "append 1"]);
});

test("replacements of one output waiting their turn collapse into the newest; others keep their place", async () => {
  const queue = new EditQueue(), editor = slowEditor(5);
  queue.push(editor.edit("append 0"));
  for (let i = 1; i <= 20; i++) queue.push(editor.edit(`replace 0 #${i}`), 0);
  queue.push(editor.edit("text 1"));
  queue.push(editor.edit("replace 0 #21"), 0);
  await queue.settled();
  assert.deepEqual(editor.applied, ["append 0", "replace 0 #21", "text 1"]);
  assert.equal(queue.dropped, 20);
});

test("a replacement already being applied is not taken back: the next one follows it", async () => {
  const queue = new EditQueue(), editor = slowEditor(10);
  queue.push(editor.edit("replace 0 #1"), 0);
  await new Promise((resolve) => setTimeout(resolve, 2));
  queue.push(editor.edit("replace 0 #2"), 0);
  await queue.settled();
  assert.deepEqual(editor.applied, ["replace 0 #1", "replace 0 #2"]);
});

test("an edit the editor refuses does not hold up the rest", async () => {
  const queue = new EditQueue(), editor = slowEditor(1);
  queue.push(() => Promise.reject(new Error("cell deleted")));
  queue.push(editor.edit("after"));
  await queue.settled();
  assert.deepEqual(editor.applied, ["after"]);
});

test("handOver gives the editor every waiting edit at once, in order, a refused one included, and waits for none", async () => {
  const queue = new EditQueue(), started: string[] = [];
  const edit = (name: string, fail = false) => () => {
    started.push(name);
    return fail ? Promise.reject(new Error("refused")) : new Promise<void>((resolve) => setTimeout(resolve, 20));
  };
  queue.push(edit("append 0"));
  queue.push(edit("replace 0 #1"), 0);
  queue.push(edit("refused", true));
  queue.push(edit("append 1"));
  assert.deepEqual(started, ["append 0"], "the queue applies one at a time");
  queue.handOver();
  assert.deepEqual(started, ["append 0", "replace 0 #1", "refused", "append 1"], "all handed over at once, in order");
  await queue.settled();
  assert.deepEqual(started.length, 4, "nothing is applied twice");
});
