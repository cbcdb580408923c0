// The kernel process turns on WebAssembly relaxed SIMD where V8 keeps it behind a flag (Node 20), so the
// bench's processes do too, and measure the matrix kernels users get: this runs the kernel's own switch,
// src/kernel/process/relaxedSimd.ts, bundled for the occasion. Call before any module compiles.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleEngine } from "./engine.mjs";

/** Whether relaxed SIMD validates, after setting V8's flag if it did not. */
export async function enableRelaxedSimd() {
  const dir = mkdtempSync(path.join(tmpdir(), "nnbook-relaxed-simd-"));
  try {
    const file = await bundleEngine(dir, { entry: "src/kernel/process/relaxedSimd.ts" });
    return (await import(pathToFileURL(file).href)).enableRelaxedSimd();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
