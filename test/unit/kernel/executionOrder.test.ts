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

/** A `run` that records each cell as `record` says and holds `held` until `release()`; every cell succeeds. */
function heldAt(held: string, record: (cell: string, n: number) => string) {
  const seen: string[] = [];
  let release!: () => void;
  const running = new Promise<void>((resolve) => (release = resolve));
  const run = async (cell: string, n: number) => {
    seen.push(record(cell, n));
    if (cell === held) await running;
    return true;
  };
  return { seen, run, release };
}

test("cells queued by separate calls wait for each other: one queue per kernel", async () => {
  const order = new ExecutionOrder();
  const events: string[] = [];
  const cell = (name: string) => async () => {
    events.push(`start ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    events.push(`end ${name}`);
    return true;
  };
  await Promise.all([order.run(["a"], cell("a"), () => {}), order.run(["b"], cell("b"), () => {})]);
  assert.deepEqual(events, ["start a", "end a", "start b", "end b"]);
});

test("a failed cell ends the queue, cells queued by later calls included; a cell queued after it runs", async () => {
  const order = new ExecutionOrder();
  const seen: string[] = [];
  const run = async (cell: string, n: number) => {
    seen.push(`${cell}[${n}]`);
    await new Promise((resolve) => setImmediate(resolve));
    return cell !== "fails";
  };
  const skip = (cell: string) => seen.push(`${cell} skipped`);
  const first = order.run(["fails", "a"], run, skip);
  const second = order.run(["b"], run, skip);
  await Promise.all([first, second]);
  await order.run(["c"], run, skip);
  assert.deepEqual(seen, ["fails[1]", "a skipped", "b skipped", "c[2]"]);
});

test("stop ends the queue behind the running cell; cells queued after the stop run", async () => {
  const order = new ExecutionOrder();
  const { seen, run, release } = heldAt("long", (cell) => cell);
  const skip = (cell: string) => seen.push(`${cell} skipped`);
  const first = order.run(["long", "a"], run, skip);
  const second = order.run(["b"], run, skip);
  await new Promise((resolve) => setImmediate(resolve));
  order.stop();
  const third = order.run(["c"], run, skip);
  release();
  await Promise.all([first, second, third]);
  assert.deepEqual(seen, ["long", "a skipped", "b skipped", "c"]);
});

test("a reset skips the queued cells and numbers from 1 again", async () => {
  const order = new ExecutionOrder();
  const { seen, run, release } = heldAt("long", (cell, n) => `${cell}[${n}]`);
  const first = order.run(["x", "long", "a"], run, (cell) => seen.push(`${cell} skipped`));
  await new Promise((resolve) => setTimeout(resolve, 5));
  order.reset();
  release();
  await first;
  await order.run(["b"], run, () => {});
  assert.deepEqual(seen, ["x[1]", "long[2]", "a skipped", "b[1]"]);
});
