import { setFlagsFromString } from "node:v8";

// The one call of the WebAssembly JavaScript API used here (not part of the ES2022 lib).
declare const WebAssembly: { validate(bytes: Uint8Array): boolean };

const zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
const body = [0, ...zero, ...zero, ...zero, 0xfd, 0x85, 0x02, 0x1a, 0x0b]; // f32x4.relaxed_madd, drop, end
/** A module of one function using f32x4.relaxed_madd: it validates only where relaxed SIMD is on. */
const PROBE = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, body.length + 2, 1, body.length, ...body]);

/**
 * Turns on WebAssembly relaxed SIMD where V8 keeps it behind a flag (Node 20's V8 11.3; from 11.4,
 * as in VS Code's Electron, it is on already), so the engine's matrix kernels get the fused
 * multiply-add. V8 flags hold for the whole process: call before any module compiles and before
 * the cells' worker starts. Returns whether relaxed SIMD validates now.
 */
export function enableRelaxedSimd(): boolean {
  if (WebAssembly.validate(PROBE)) return true;
  setFlagsFromString("--experimental-wasm-relaxed-simd");
  return WebAssembly.validate(PROBE);
}
