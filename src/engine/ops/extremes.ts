// Largest and smallest elements and where they are. NaN counts as larger (and smaller) than
// everything, as in PyTorch: the max of a row with a NaN is NaN and argmax points at it.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { normDim, splitAt } from "../shape";

type Pick = "max" | "min";

/** Flat index of the first max (or min) along the middle dim of [outer, n, inner], per (outer, inner); the first NaN wins. */
function bestAlong(op: string, x: Float32Array, outer: number, n: number, inner: number, pick: Pick): Int32Array {
  if (n === 0 && outer * inner > 0) {
    throw new RangeError(`${op}: the dim to reduce is empty (size 0); there is no ${pick === "max" ? "largest" : "smallest"} element`);
  }
  const arg = new Int32Array(outer * inner), big = pick === "max";
  for (let o = 0; o < outer; o++)
    for (let j = 0; j < inner; j++) {
      let i = o * n * inner + j, best = i, bv = x[i];
      const len = bv !== bv ? 1 : n; // a NaN first: nothing beats it
      // Two loops rather than one with a test of `big` inside: this is the hot path of argmax.
      if (big) {
        for (let k = 1; k < len; k++) {
          const v = x[(i += inner)];
          if (v > bv) (best = i), (bv = v);
          else if (v !== v) (best = i), (k = len);
        }
      } else {
        for (let k = 1; k < len; k++) {
          const v = x[(i += inner)];
          if (v < bv) (best = i), (bv = v);
          else if (v !== v) (best = i), (k = len);
        }
      }
      arg[o * inner + j] = best;
    }
  return arg;
}

/** [outer, n, inner] around `dim` and the output shape. */
function around(op: string, a: Tensor, dim: number, keepDim: boolean): { split: [number, number, number]; shape: number[] } {
  const d = normDim(op, dim, a.ndim);
  if (a.ndim === 0) return { split: [1, 1, 1], shape: [] };
  const shape = a.shape.slice();
  if (keepDim) shape[d] = 1;
  else shape.splice(d, 1);
  return { split: splitAt(a.shape, d), shape };
}

/** Largest (or smallest) element of all; like PyTorch, the gradient is shared evenly between ties (NaNs tie with NaNs). */
export function extremeAll(a: Tensor, pick: Pick): Tensor {
  const x = a.data;
  if (x.length === 0) {
    throw new RangeError(`${pick}: the tensor is empty; give a dim to reduce along (${pick}(dim)) if another dim is non-empty`);
  }
  const m = x[bestAlong(pick, x, 1, x.length, 1, pick)[0]], nan = m !== m;
  let ties = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === m || (nan && x[i] !== x[i])) ties++;
  const out = alloc(1);
  out[0] = m;
  return record(pick === "max" ? "MaxBackward1" : "MinBackward1", out, [], [a], (g) => {
    const ga = alloc(x.length), share = g[0] / ties;
    for (let i = 0; i < x.length; i++) if (x[i] === m || (nan && x[i] !== x[i])) ga[i] = share;
    return [ga];
  });
}

/** The values and indices of the max (or min) along `dim`, as PyTorch's `torch.return_types.max`. */
export class ValuesIndices {
  constructor(
    /** The largest (or smallest) values along the dim; gradients flow back to where they came from. */
    readonly values: Tensor,
    /** Where along the dim each value was (the first on ties), as a float tensor of whole numbers. */
    readonly indices: Tensor,
    private readonly op: Pick,
  ) {}
  /** The values, as PyTorch's `x.max(1)[0]`. */
  get 0(): Tensor {
    return this.values;
  }
  /** The indices, as PyTorch's `x.max(1)[1]`. */
  get 1(): Tensor {
    return this.indices;
  }
  /** 2: a pair, as PyTorch's. */
  get length(): 2 {
    return 2;
  }
  /** `const [values, indices] = x.max(1)`, as Python's `values, indices = x.max(1)`. */
  *[Symbol.iterator](): Iterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
  toString(): string {
    return `torch.return_types.${this.op}(\nvalues=${this.values},\nindices=${this.indices})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export function extremeDim(a: Tensor, dim: number, keepDim: boolean, pick: Pick): ValuesIndices {
  const { split: [outer, n, inner], shape } = around(pick, a, dim, keepDim);
  const x = a.data, arg = bestAlong(pick, x, outer, n, inner, pick);
  const out = alloc(arg.length), idx = alloc(arg.length);
  for (let i = 0; i < arg.length; i++) {
    out[i] = x[arg[i]];
    idx[i] = Math.floor(arg[i] / inner) % n;
  }
  const values = record(pick === "max" ? "MaxBackward0" : "MinBackward0", out, shape, [a], (g) => {
    const ga = alloc(x.length); // the gradient goes to the element whose index is returned
    for (let i = 0; i < arg.length; i++) ga[arg[i]] += g[i];
    return [ga];
  });
  return new ValuesIndices(values, new Tensor(idx, shape.slice()), pick);
}

/** Index of the max (or min) along `dim`, or in the flattened tensor; a float tensor without gradient. */
export function argExtreme(a: Tensor, dim: number | undefined, keepDim: boolean, pick: Pick): Tensor {
  const op = pick === "max" ? "argmax" : "argmin";
  if (dim === undefined) {
    if (a.numel() === 0) throw new RangeError(`${op}: the tensor is empty; there is no ${pick === "max" ? "largest" : "smallest"} element`);
    const out = alloc(1);
    out[0] = bestAlong(op, a.data, 1, a.numel(), 1, pick)[0];
    return new Tensor(out, keepDim ? a.shape.map(() => 1) : []);
  }
  const { split: [outer, n, inner], shape } = around(op, a, dim, keepDim);
  const arg = bestAlong(op, a.data, outer, n, inner, pick), out = alloc(arg.length);
  for (let i = 0; i < arg.length; i++) out[i] = Math.floor(arg[i] / inner) % n;
  return new Tensor(out, shape);
}
