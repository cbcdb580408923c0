// Long reductions in the matrix-product kernels: cut into blocks whose float32 results
// are added in float64, for each of the three layouts, still adding into c.
import { test } from "node:test";
import assert from "node:assert/strict";
import { K_LONG, mmNN, mmNT, mmTN } from "../../../src/engine/backend/matmul";
import { Generator } from "../../../src/engine/random";

const m = 3, n = 5, k = K_LONG + 37;
const g = new Generator(7);
const rand = (len: number) => Float32Array.from({ length: len }, () => g.uniform());

/** c0 + Σₚ a(i, p)·b(p, j) in float64, reading a and b through index functions. */
function reference(c0: Float32Array, a: (i: number, p: number) => number, b: (p: number, j: number) => number): Float64Array {
  const out = Float64Array.from(c0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j] += a(i, p) * b(p, j);
  return out;
}

function check(name: string, got: Float32Array, want: Float64Array): void {
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= 1e-6 * Math.abs(want[i]), `${name}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

test("long products in every layout match float64 to 1e-6, added into c", () => {
  const pad = 3; // operands and c at an offset, as batches are
  const A = rand(pad + m * k), B = rand(pad + k * n), c0 = rand(m * n);
  const out = () => {
    const c = new Float32Array(pad + m * n);
    c.set(c0, pad);
    return c;
  };
  let c = out();
  mmNN(A, pad, B, pad, c, pad, m, k, n); // a [m,k], b [k,n]
  check("mmNN", c.subarray(pad), reference(c0, (i, p) => A[pad + i * k + p], (p, j) => B[pad + p * n + j]));
  c = out();
  mmNT(A, pad, B, pad, c, pad, m, k, n); // a [m,k], b [n,k]
  check("mmNT", c.subarray(pad), reference(c0, (i, p) => A[pad + i * k + p], (p, j) => B[pad + j * k + p]));
  c = out();
  mmTN(A, pad, B, pad, c, pad, m, k, n); // a [k,m], b [k,n]
  check("mmTN", c.subarray(pad), reference(c0, (i, p) => A[pad + p * m + i], (p, j) => B[pad + p * n + j]));
});
