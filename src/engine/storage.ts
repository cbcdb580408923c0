/**
 * Where element arrays come from. In use this is always Float32Array; the gradient
 * tests switch it to Float64Array so finite differences are not drowned by float32 rounding.
 */
let Storage: Float32ArrayConstructor = Float32Array;

/** A new zero-filled element array of length `n`. */
export function alloc(n: number): Float32Array {
  return new Storage(n);
}

/** Copy of an element array (same storage type). */
export function copyOf(x: Float32Array): Float32Array {
  const out = new Storage(x.length);
  out.set(x);
  return out;
}

/** Test hook: compute in float64 instead of float32. Not part of the public API. */
export function setStorage(ctor: Float32ArrayConstructor | Float64ArrayConstructor): void {
  Storage = ctor as Float32ArrayConstructor;
}
