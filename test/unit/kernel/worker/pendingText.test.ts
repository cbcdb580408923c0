import assert from "node:assert/strict";
import { test } from "node:test";
import { PENDING_TEXT_BYTES, PendingText } from "../../../../src/kernel/worker/pendingText";

test("text not yet sent is read back in order, with its stream and run, and emptied", () => {
  const buffer = new SharedArrayBuffer(PENDING_TEXT_BYTES);
  const writer = new PendingText(buffer), reader = new PendingText(buffer);
  assert.ok(writer.append(7, "stdout", "one\n"));
  assert.ok(writer.append(7, "stderr", "twö\n"));
  assert.deepEqual(reader.take(), { runId: 7, droppedChars: 0, chunks: [{ name: "stdout", text: "one\n" }, { name: "stderr", text: "twö\n" }] });
  assert.deepEqual(reader.take().chunks, []);
});

test("text of another run, or more than fits, is refused so the caller sends what is held first", () => {
  const writer = new PendingText(new SharedArrayBuffer(PENDING_TEXT_BYTES));
  assert.ok(writer.append(1, "stdout", "a"));
  assert.equal(writer.append(2, "stdout", "b"), false);
  assert.equal(writer.append(1, "stdout", "x".repeat(PENDING_TEXT_BYTES)), false);
});

test("a count of dropped characters far past 2^31 thousands survives (a loop drops terabytes in seconds)", () => {
  const pending = new PendingText(new SharedArrayBuffer(PENDING_TEXT_BYTES));
  pending.setDropped(3, 3e12);
  const { runId, droppedChars } = pending.take();
  assert.equal(runId, 3);
  assert.ok(droppedChars >= 3e12 && droppedChars < 3e12 + 2 ** 20, String(droppedChars));
});
