import { setAllocationGuard } from "../../engine/storage";
import { host } from "./hostCall";

const PAGE = 65536;

// The WebAssembly JavaScript API is not in the ES2022 lib: only what is patched here.
interface MemoryConstructor {
  new (descriptor: { initial: number }): object;
  prototype: { grow(pages: number): number };
}

/**
 * Holds tensors and WebAssembly memories to the kernel's budget: each allocation is asked of the
 * kernel first (it knows what this realm holds outside the JavaScript heap), and refused with what
 * is in use when it would not fit.
 */
export function installMemoryBudget(): void {
  const reserve = (bytes: number, what: string) => {
    const refusal = host("reserve", bytes, what);
    if (refusal) throw new RangeError(refusal);
  };
  setAllocationGuard((bytes) => reserve(bytes, "tensors"));

  const wasm = (globalThis as { WebAssembly?: { Memory: MemoryConstructor } }).WebAssembly;
  if (!wasm) return;
  const Memory = wasm.Memory;
  const nativeGrow = Memory.prototype.grow;
  const construct = Reflect.construct, apply = Reflect.apply;
  wasm.Memory = new Proxy(Memory, {
    construct(target, args: [{ initial?: unknown } | undefined], newTarget) {
      const initial = Number(args[0]?.initial);
      if (Number.isFinite(initial) && initial > 0) reserve(initial * PAGE, "WebAssembly.Memory");
      return construct(target, args, newTarget);
    },
  });
  Object.defineProperty(Memory.prototype, "grow", {
    ...Object.getOwnPropertyDescriptor(Memory.prototype, "grow"),
    value: function grow(this: object, delta: number) {
      const pages = Number(delta);
      if (Number.isFinite(pages) && pages > 0) reserve(pages * PAGE, "WebAssembly.Memory.grow");
      return apply(nativeGrow, this, [delta]);
    },
  });
}
