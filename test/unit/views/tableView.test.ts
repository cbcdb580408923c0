import assert from "node:assert/strict";
import { test } from "node:test";
import { tensor } from "../../../src/engine";
import { Mime } from "../../../src/protocol/mimes";
import { readTable } from "../../../src/protocol/read";
import { MAX_COLUMNS, MAX_ROWS, cellText, tableItems, tablePayload } from "../../../src/views/tableView";

test("rows as objects: the columns are every key in the order it first appears, missing values empty", () => {
  const payload = tablePayload([{ epoch: 1, loss: 0.5 }, { epoch: 2, acc: 0.9, loss: NaN }, { note: "done" }]);
  assert.deepEqual(payload.columns, ["epoch", "loss", "acc", "note"]);
  assert.deepEqual(payload.rows, [
    [1, 0.5, null, null],
    [2, "NaN", 0.9, null],
    [null, null, null, "done"],
  ]);
  assert.equal(payload.totalRows, 3);
  assert.deepEqual(readTable(JSON.parse(JSON.stringify(payload))), payload);
});

test("rows as arrays: a column per position, short rows filled with empty cells", () => {
  const payload = tablePayload([[1, "a"], [2, "b", true]]);
  assert.deepEqual(payload.columns, ["0", "1", "2"]);
  assert.deepEqual(payload.rows, [[1, "a", null], [2, "b", "true"]]);
});

test("values become cells: a one-element tensor its number, others their shape, objects short JSON", () => {
  const payload = tablePayload([{ a: tensor(2.5), b: tensor([[1, 2]]), c: { k: [1] }, d: "x".repeat(500), e: undefined }]);
  assert.deepEqual(payload.rows[0].slice(0, 3), [2.5, "tensor [1, 2]", '{"k":[1]}']);
  assert.equal((payload.rows[0][3] as string).length, 200);
  assert.equal(payload.rows[0][4], null);
});

test("numbers read with 3 significant digits, thousands separated, scientific below 1e-3", () => {
  assert.deepEqual([1234567.8, 12345.678, 0.123456, 0.0001234, 42, "NaN", null].map((v) => cellText(v as never)), ["1.23e+6", "12,300", "0.123", "1.23e-4", "42", "NaN", ""]);
});

test("a large table is bounded and says how much was left out, in the view and the text", () => {
  const rows = Array.from({ length: 2500 }, (_, i) => Object.fromEntries(Array.from({ length: 60 }, (_, j) => [`c${j}`, i * j])));
  const [rich, text] = tableItems(rows);
  const payload = rich.data as ReturnType<typeof tablePayload>;
  assert.equal(rich.mime, Mime.table);
  assert.equal(payload.rows.length, MAX_ROWS);
  assert.equal(payload.columns.length, MAX_COLUMNS);
  assert.deepEqual([payload.totalRows, payload.totalColumns], [2500, 60]);
  const lines = String(text.data).split("\n");
  assert.equal(lines.length, 1 + 20 + 1);
  assert.equal(lines.at(-1), "… 2,480 more rows and 10 more columns not shown");
});

test("the text fallback lines the columns up", () => {
  const [, text] = tableItems([{ name: "relu", loss: 0.0004 }, { name: "sigmoid", loss: 1234.5 }]);
  assert.equal(text.data, ["name     loss", "relu     4.00e-4", "sigmoid  1,230"].join("\n"));
  assert.equal(tableItems([])[1].data, "an empty table: no rows");
});

test("what is not rows is refused, saying what rows look like", () => {
  assert.throws(() => tablePayload({ a: 1 }), /show\.table: rows must be an array of objects or of arrays, such as show\.table\(\[\{ epoch: 1/);
  assert.throws(() => tablePayload(tensor([1, 2])), /a tensor \(use t\.toArray\(\) for its rows\)/);
  assert.throws(() => tablePayload([{ a: 1 }, 3]), /rows\[1\] is a number, but rows\[0\] is an object/);
  assert.throws(() => tablePayload([[1], { a: 1 }]), /rows\[1\] is an object, but rows\[0\] is an array/);
});
