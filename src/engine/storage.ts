/**
 * Where element arrays come from. In use this is always Float32Array; the gradient
 * tests switch it to Float64Array so finite differences are not drowned by float32 rounding.
 */
let Storage: Float32ArrayConstructor = Float32Array;

/**
 * The largest tensor allowed, in elements (1 GiB of float32). Typed arrays live outside the
 * JavaScript heap, so a heap limit would not stop a huge one: this check does, before allocating.
 */
export const MAX_ELEMENTS = 2 ** 28;

/**
 * Asked before element arrays are allocated, with their size in bytes; throws to refuse. The kernel
 * installs one that holds every kernel to its memory budget.
 */
export type AllocationGuard = (bytes: number) => void;

let guard: AllocationGuard | undefined;
/** Small arrays are checked together, once this many bytes of them have been allocated. */
const GUARD_BATCH = 1 << 22;
let unchecked = 0;

/** Install (or remove, with undefined) the guard. Called by the host, not by cells. */
export function setAllocationGuard(next: AllocationGuard | undefined): void {
  guard = next;
  unchecked = 0;
}

function checkAllocation(n: number): void {
  if (n > MAX_ELEMENTS) {
    const gb = (n * 4) / 2 ** 30;
    throw new RangeError(
      `a tensor of ${n.toLocaleString("en-US")} elements would need ${gb.toFixed(1)} GB; the limit is ${MAX_ELEMENTS.toLocaleString("en-US")} elements (1 GB) per tensor`,
    );
  }
  if (!guard) return;
  const bytes = n * Storage.BYTES_PER_ELEMENT;
  if (bytes >= GUARD_BATCH) return guard(bytes);
  unchecked += bytes;
  if (unchecked >= GUARD_BATCH) {
    const batch = unchecked;
    unchecked = 0;
    guard(batch);
  }
}

/** A new zero-filled element array of length `n`. */
export function alloc(n: number): Float32Array {
  checkAllocation(n);
  // A direct constructor call: V8 allocates it inline, which a call through the variable prevents.
  return Storage === Float32Array ? new Float32Array(n) : new Storage(n);
}

/** Whether `a` is of the storage type in use (float32, or float64 under the gradient tests). */
export function isStorage(a: Float32Array | Float64Array): boolean {
  return a instanceof Storage;
}

/** Copy of an element array, or of sums kept in float64, in the storage type. */
export function copyOf(x: Float32Array | Float64Array): Float32Array {
  const out = alloc(x.length);
  out.set(x);
  return out;
}

/** Test hook: compute in float64 instead of float32. Not part of the public API. */
export function setStorage(ctor: Float32ArrayConstructor | Float64ArrayConstructor): void {
  Storage = ctor as Float32ArrayConstructor;
}
