import assert from "node:assert/strict";
import { test } from "node:test";
import { PayloadError, readActivation, readMath, readTable } from "../../../src/protocol/read";

function refuses(read: (json: unknown) => unknown, json: unknown, message: RegExp): void {
  assert.throws(() => read(json), (error: unknown) => {
    assert.ok(error instanceof PayloadError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

const TABLE = { version: 1, columns: ["a", "b"], rows: [[1, "x"], [null, "NaN"]], totalRows: 2, totalColumns: 2 };
const ACTIVATION = { version: 1, name: "tanh", title: "Tanh", tex: "a = \\tanh(z)", derivativeTex: "1 - \\tanh^2(z)", x: [0, 1], y: [0, 0.76], dy: [1, 0.42] };

test("the math, table and activation readers take what the kernel writes", () => {
  assert.deepEqual(readMath({ version: 1, tex: "x^2" }), { version: 1, tex: "x^2" });
  assert.deepEqual(readTable(TABLE), TABLE);
  assert.deepEqual(readActivation(ACTIVATION), ACTIVATION);
});

test("each reader names the field that is wrong", () => {
  refuses(readMath, { version: 1, tex: 3 }, /^tex must be a string, not number 3$/);
  refuses(readMath, { version: 2, tex: "x" }, /payload version 2.*newer nnbook/);
  refuses(readTable, { ...TABLE, columns: "a" }, /^columns must be an array/);
  refuses(readTable, { ...TABLE, rows: [[1, { html: "<b>" }]] }, /^rows\[0\]\[1\] must be a number, a string or null, not an object$/);
  refuses(readTable, { ...TABLE, rows: [[1, "x", 3]] }, /^rows\[0\] must have 2 values, one per column, not 3$/);
  refuses(readTable, { ...TABLE, rows: [[true, "x"]] }, /^rows\[0\]\[0\] must be a number, a string or null, not boolean true$/);
  refuses(readTable, { ...TABLE, totalRows: 1 }, /^totalRows must be at least the 2 rows given/);
  refuses(readTable, { ...TABLE, totalColumns: -1 }, /^totalColumns must be a whole number from 0/);
  refuses(readActivation, { ...ACTIVATION, dy: [1] }, /^dy must have one value per x \(2\), not 1$/);
  refuses(readActivation, { ...ACTIVATION, x: [0, "Infinity"] }, /^x\[1\] must be a number/);
  refuses(readActivation, { ...ACTIVATION, derivativeTex: null }, /^derivativeTex must be a string, not null$/);
});
