// As src/kernel/process/relaxedSimd.ts: the kernel process turns on WebAssembly relaxed SIMD
// where V8 keeps it behind a flag (Node 20), so the bench's processes do too, and measure the
// matrix kernels users get. Call before any module compiles.
import { setFlagsFromString } from "node:v8";

const zero = [0xfd, 0x0c, ...new Array(16).fill(0)]; // v128.const 0
const body = [0, ...zero, ...zero, ...zero, 0xfd, 0x85, 0x02, 0x1a, 0x0b]; // f32x4.relaxed_madd, drop, end
const PROBE = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, body.length + 2, 1, body.length, ...body]);

/** Whether relaxed SIMD validates, after setting V8's flag if it did not. */
export function enableRelaxedSimd() {
  if (WebAssembly.validate(PROBE)) return true;
  setFlagsFromString("--experimental-wasm-relaxed-simd");
  return WebAssembly.validate(PROBE);
}
