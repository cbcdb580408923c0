import assert from "node:assert/strict";
import { test } from "node:test";
import { ExecutionOrder } from "../../../src/kernel";

/** Runs `cells` (true succeeds, false fails) and says what happened to each: its number, or "skipped". */
async function runAll(order: ExecutionOrder, cells: boolean[]): Promise<(number | "skipped")[]> {
  const seen: (number | "skipped")[] = [];
  await order.run(
    cells,
    async (ok, n) => {
      seen.push(n);
      await new Promise((resolve) => setImmediate(resolve));
      return ok;
    },
    () => seen.push("skipped"),
  );
  return seen;
}

test("cells run in the order queued, numbered from 1", async () => {
  assert.deepEqual(await runAll(new ExecutionOrder(), [true, true, true]), [1, 2, 3]);
});

test("after a failed cell, the cells queued behind it do not run", async () => {
  assert.deepEqual(await runAll(new ExecutionOrder(), [true, false, true, true]), [1, 2, "skipped", "skipped"]);
});

test("numbers count on across runs of one kernel, and begin at 1 again after a reset", async () => {
  const order = new ExecutionOrder();
  await runAll(order, [true, false, true]);
  assert.deepEqual(await runAll(order, [true, true]), [3, 4]);
  order.reset();
  assert.deepEqual(await runAll(order, [true]), [1]);
});

test("a cell runs only once the one before it has finished", async () => {
  const events: string[] = [];
  await new ExecutionOrder().run(
    ["a", "b"],
    async (cell) => {
      events.push(`start ${cell}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${cell}`);
      return true;
    },
    () => {},
  );
  assert.deepEqual(events, ["start a", "end a", "start b", "end b"]);
});
