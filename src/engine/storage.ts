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

// Arrays a backward walk allocates for its gradients die with the walk, and the next step asks for
// arrays of the same lengths again: alloc() hands them out again instead of making new ones. A new
// Float32Array of more than 16 values gets memory of its own from the system, zeroed, and its
// collection is tracked by the garbage collector: 0.6–2.5 µs for a few thousand values on this
// class of machine, against 0.1–0.4 µs to zero one that is reused. Only the walk's arrays are
// reused, because only there is it known that nothing else holds them.

/** Lengths below this are not reused: V8 allocates them on its own heap, as fast as reuse. */
const REUSE_MIN = 32;
/** At most this many bytes, and arrays of one length, wait to be reused. */
const REUSE_BYTES = 1 << 23, REUSE_PER_LENGTH = 16;
const free = new Map<number, Float32Array[]>();
let freeBytes = 0;
/** While a walk runs (float32 storage only): every array alloc() makes, to be reused once it ends. */
let walkArrays: Float32Array[] | null = null;
/** Test hook: fill arrays with NaN as they are given back, so a use after that shows. */
let poison = false;

/** A new zero-filled element array of length `n`. */
export function alloc(n: number): Float32Array {
  if (n >= REUSE_MIN) {
    const list = free.get(n);
    if (list !== undefined && list.length > 0) {
      const a = list.pop()!;
      freeBytes -= a.byteLength;
      a.fill(0);
      if (walkArrays !== null) walkArrays.push(a);
      return a;
    }
  }
  checkAllocation(n);
  // A direct constructor call: V8 allocates it inline, which a call through the variable prevents.
  if (Storage !== Float32Array) return new Storage(n);
  const a = new Float32Array(n);
  if (walkArrays !== null && n >= REUSE_MIN) walkArrays.push(a);
  return a;
}

/** alloc() for an array that outlives the walk running now (a gradient kept in `.grad`). */
export function allocKept(n: number): Float32Array {
  const walk = walkArrays;
  walkArrays = null;
  try {
    return alloc(n);
  } finally {
    walkArrays = walk;
  }
}

/**
 * Starts a backward walk (walks do not nest: runBackward refuses to): every array alloc() makes until
 * endWalkArrays (but allocKept's) is the walk's own and dead when it ends, so they are all reused. Returns the
 * list they go into (null: not collected, under float64 storage).
 */
export function beginWalkArrays(): Float32Array[] | null {
  if (Storage !== Float32Array) return null;
  return (walkArrays = []);
}

/** Ends the walk that beginWalkArrays started; a walk that did not complete (`done` false) leaves its arrays to the garbage collector. */
export function endWalkArrays(made: Float32Array[] | null, done: boolean): void {
  if (made === null) return;
  walkArrays = null;
  if (done) for (let i = 0; i < made.length; i++) giveBack(made[i]);
}

function giveBack(a: Float32Array): void {
  if (a.byteLength > REUSE_BYTES) return;
  if (freeBytes + a.byteLength > REUSE_BYTES) {
    // Full, of lengths that a training loop would have asked for again by now: start afresh.
    free.clear();
    freeBytes = 0;
  }
  let list = free.get(a.length);
  if (list === undefined) free.set(a.length, (list = []));
  if (list.length >= REUSE_PER_LENGTH) return;
  if (poison) a.fill(NaN);
  list.push(a);
  freeBytes += a.byteLength;
}

/** Test hook: how many arrays of length n wait to be reused. Not part of the public API. */
export function reusable(n: number): number {
  return free.get(n)?.length ?? 0;
}

/** Test hook: arrays given back for reuse are filled with NaN first. Not part of the public API. */
export function setReusePoison(on: boolean): void {
  poison = on;
}

/** Whether `a` is of the storage type in use (float32, or float64 under the gradient tests). */
export function isStorage(a: Float32Array | Float64Array): boolean {
  return a instanceof Storage;
}

/** Copy of an element array, or of sums kept in float64, in the storage type; `kept`: one that outlives a walk (allocKept). */
export function copyOf(x: Float32Array | Float64Array, kept = false): Float32Array {
  const out = kept ? allocKept(x.length) : alloc(x.length);
  out.set(x);
  return out;
}

/** Sets every element to 0; a short array (a small layer's bias) by a loop, which is faster than the call of fill() below 16 values. */
export function zeroFill(a: Float32Array): void {
  if (a.length < 16) for (let i = 0; i < a.length; i++) a[i] = 0;
  else a.fill(0);
}

/**
 * Copies n values of src from `from` into dst at `at` (a row of a batch, a block of a transpose). A loop moves a
 * float32 in about 2 ns (through a double), set() over a subarray made for it costs about 50 ns and then copies
 * bytes: the loop wins below about 24 values (a batch of 64 rows of 64 values: 8.2 µs by loops, 4.1 by set()).
 */
export function copyRange(dst: Float32Array, at: number, src: Float32Array, from: number, n: number): void {
  if (n < 24) for (let i = 0; i < n; i++) dst[at + i] = src[from + i];
  else dst.set(src.subarray(from, from + n), at);
}

/** Test hook: compute in float64 instead of float32. Not part of the public API. */
export function setStorage(ctor: Float32ArrayConstructor | Float64ArrayConstructor): void {
  Storage = ctor as Float32ArrayConstructor;
  free.clear();
  freeBytes = 0;
}
