import assert from "node:assert/strict";
import { test } from "node:test";
import { plainMatrix, texColumn, texMatrix, texNumber, transposed } from "../../../../src/views/backprop/tex";

test("numbers in TeX read as in every view: 3 significant digits, powers of ten, separators without a gap", () => {
  assert.equal(texNumber(0.123456), "0.123");
  assert.equal(texNumber(-1.234e-4), "-1.23\\times 10^{-4}");
  assert.equal(texNumber(1.5e6), "1.50\\times 10^{6}");
  assert.equal(texNumber(12345.6), "12{,}300");
  assert.equal(texNumber(0), "0");
});

test("matrices and vectors, row-major, and their transpose", () => {
  assert.equal(texMatrix([1, 2, 3, 4, 5, 6], 2, 3), "\\begin{bmatrix} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\end{bmatrix}");
  assert.equal(texColumn([0.5, -0.25]), "\\begin{bmatrix} 0.5 \\\\ -0.25 \\end{bmatrix}");
  assert.deepEqual(Array.from(transposed([1, 2, 3, 4, 5, 6], 2, 3)), [1, 4, 2, 5, 3, 6]);
  assert.equal(plainMatrix([1, 2, 3, 4], 2, 2), "[[1, 2], [3, 4]]");
});
