// The kernel process turns on relaxed SIMD before the engine compiles its matrix kernels, so
// they are built with the fused multiply-add: on Node 20 through V8's flag, later by default.
import assert from "node:assert/strict";
import { test } from "node:test";
import { enableRelaxedSimd } from "../../../../src/kernel/process/relaxedSimd";
import { relaxedSimd, wasmKernels } from "../../../../src/engine/backend/wasm-kernels";

test("relaxed SIMD validates after enableRelaxedSimd, and the engine's kernels then use its multiply-add", () => {
  assert.equal(enableRelaxedSimd(), true);
  assert.equal(relaxedSimd(), true);
  assert.equal(wasmKernels()?.options.fma, true);
  assert.equal(enableRelaxedSimd(), true, "a second call is harmless");
});
