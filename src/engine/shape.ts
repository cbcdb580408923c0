/** A shape mismatch, with a message that names the op and both shapes. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

/** `[2,3]`: shapes as they appear in error messages. */
export function fmt(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Resolve a possibly negative `dim` against `ndim` dims, as PyTorch does. */
export function normDim(op: string, dim: number, ndim: number): number {
  const lo = -Math.max(ndim, 1), hi = Math.max(ndim, 1) - 1;
  if (typeof dim !== "number") {
    const given = Array.isArray(dim) ? "a list" : typeof dim === "object" && dim !== null ? "an object" : JSON.stringify(dim) ?? String(dim);
    throw new TypeError(`${op}: dim must be a whole number such as -1, given as it is (x.${op}(1)), not ${given}`);
  }
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new ShapeError(`${op}: dim ${dim} is out of range for a tensor with ${ndim} dims (expected ${lo}..${hi})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** NumPy broadcasting: align from the right; each pair of sizes must match or one must be 1. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const x = a.length - i >= 0 ? a[a.length - i] : 1;
    const y = b.length - i >= 0 ? b[b.length - i] : 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(`${op}: cannot broadcast ${fmt(a)} with ${fmt(b)} (${x} ≠ ${y} at dim -${i})`);
    }
    out[n - i] = x === 1 ? y : x;
  }
  return out;
}

/** Split a shape around `dim` into [outer, size of dim, inner] for strided loops. */
export function splitAt(shape: readonly number[], dim: number): [number, number, number] {
  let outer = 1, inner = 1;
  for (let i = 0; i < dim; i++) outer *= shape[i];
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i];
  return [outer, shape[dim] ?? 1, inner];
}
