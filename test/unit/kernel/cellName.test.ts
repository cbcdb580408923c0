import assert from "node:assert/strict";
import { test } from "node:test";
import { cellName, ordinal } from "../../../src/kernel";

test("cells are named by their execution count, with their place said as such", () => {
  assert.equal(cellName(9, 2), "cell [2], the 9th cell");
  assert.equal(cellName(1), "the 1st cell");
});

test("ordinals", () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal), ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"]);
});
