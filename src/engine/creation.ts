// Making tensors: from JavaScript data, filled, ranges, and random.
import { traced } from "./tracing";
import { Tensor } from "./tensor";
import { alloc } from "./storage";
import { ShapeError, fmt, sizeOf } from "./shape";
import { generatorFor } from "./random";
import { checkOptions } from "./options";

const TENSOR_KINDS = { requiresGrad: "boolean" } as const;
const RANDOM_KINDS = { requiresGrad: "boolean", seed: "integer" } as const;

/** Nested arrays of numbers, any depth; every row at one depth must have the same length. */
export type TensorLike = number | boolean | readonly TensorLike[] | ArrayLike<number>;

/** Options for making a tensor. */
export interface TensorOptions {
  /** Track operations on this tensor so `backward()` can fill its `.grad`. */
  requiresGrad?: boolean;
}

/** Options for random tensors. */
export interface RandomOptions extends TensorOptions {
  /** Use a private generator with this seed instead of the global one (see `manualSeed`). */
  seed?: number;
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}

function where(path: number[]): string {
  return path.map((i) => `[${i}]`).join("");
}

/**
 * Make a float32 tensor from a number, nested arrays or a typed array (PyTorch's `torch.tensor`).
 * The data is copied. Rows must all be the same length.
 * @example const x = tensor([[1, 2], [3, 4]]);            // shape [2, 2]
 * @example const w = tensor([0.5, -0.3], { requiresGrad: true });
 */
export function tensor(data: TensorLike | Tensor, options: TensorOptions = {}): Tensor {
  checkOptions("tensor", options, TENSOR_KINDS);
  if (data instanceof Tensor) {
    const out = alloc(data.numel());
    out.set(data.data);
    return new Tensor(out, data.shape.slice(), options.requiresGrad ?? false);
  }
  const shape: number[] = [];
  for (let cur: unknown = data; isArrayLike(cur); cur = cur[0]) {
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  const out = alloc(sizeOf(shape));
  let n = 0;
  const path: number[] = [];
  const fill = (x: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof x === "number") out[n++] = x;
      else if (typeof x === "boolean") out[n++] = x ? 1 : 0;
      else throw new TypeError(`tensor: expected a number at ${where(path) || "the top"} but got ${isArrayLike(x) ? "an array (the rows are ragged)" : typeof x}`);
      return;
    }
    if (!isArrayLike(x) || x.length !== shape[depth]) {
      const got = isArrayLike(x) ? `length ${x.length}` : `a ${typeof x}`;
      throw new ShapeError(
        `tensor: ragged nested array: the item at ${where(path)} has ${got} but the first item at that depth has length ${shape[depth]}`,
      );
    }
    if (ArrayBuffer.isView(x) && depth === shape.length - 1) {
      out.set(x as unknown as ArrayLike<number>, n);
      n += x.length;
      return;
    }
    for (let i = 0; i < x.length; i++) {
      path.push(i);
      fill(x[i], depth + 1);
      path.pop();
    }
  };
  fill(data, 0);
  return new Tensor(out, shape, options.requiresGrad ?? false);
}

/** Accepts `f(2, 3)`, `f([2, 3])` and either followed by an options object. */
function parseShape<O extends object>(op: string, args: unknown[], kinds: Record<string, "boolean" | "integer"> = TENSOR_KINDS): { shape: number[]; options: O } {
  let options = {} as O;
  if (args.length > 0 && typeof args[args.length - 1] === "object" && !Array.isArray(args[args.length - 1])) {
    options = checkOptions(op, args.pop() as O, kinds as Record<keyof O & string, "boolean">) as O;
  }
  const shape = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ShapeError(`${op}: sizes must be whole numbers ≥ 0, got ${fmt(shape)}`);
  }
  return { shape: shape.slice(), options };
}

type ShapeArgs<O> = [shape: number[], options?: O] | number[] | [...dims: number[], options: O];

/** A tensor of zeros. @example zeros(2, 3) // or zeros([2, 3]) */
export function zeros(...args: ShapeArgs<TensorOptions>): Tensor {
  return traced("zeros", [...args], () => {
    const { shape, options } = parseShape<TensorOptions>("zeros", args);
    return new Tensor(alloc(sizeOf(shape)), shape, options.requiresGrad ?? false);
  });
}

/** A tensor of ones. @example ones(4, 1) */
export function ones(...args: ShapeArgs<TensorOptions>): Tensor {
  return traced("ones", [...args], () => {
    const { shape, options } = parseShape<TensorOptions>("ones", args);
    return full(shape, 1, options);
  });
}

/** A tensor of the given shape filled with `value`. @example full([2, 2], 0.5) */
export function full(shape: number | number[], value: number, options: TensorOptions = {}): Tensor {
  return traced("full", [shape, value, options], () => {
    checkOptions("full", options, TENSOR_KINDS);
    if (typeof value !== "number") throw new TypeError(`full: the value must be a number, not ${String(value)}`);
    const s = parseShape<TensorOptions>("full", [shape]).shape;
    const out = alloc(sizeOf(s));
    out.fill(value);
    return new Tensor(out, s, options.requiresGrad ?? false);
  });
}

/** The n×m identity matrix (m = n by default): ones on the diagonal. @example eye(3) */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  return traced("eye", [n, m, options], () => {
    checkOptions("eye", options, TENSOR_KINDS);
    for (const v of [n, m]) if (!Number.isInteger(v) || v < 0) throw new RangeError(`eye: sizes must be whole numbers ≥ 0, got ${v}`);
    const out = alloc(n * m);
    for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
    return new Tensor(out, [n, m], options.requiresGrad ?? false);
  });
}

/**
 * Evenly spaced values from `start` up to but not including `end` (torch.arange);
 * `arange(n)` counts 0..n−1.
 * @example arange(0, 1, 0.25) // tensor([0.0000, 0.2500, 0.5000, 0.7500])
 */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  return traced("arange", [start, end, step, options], () => {
    checkOptions("arange", options, TENSOR_KINDS);
    if (end === undefined) [start, end] = [0, start];
    if (step === 0) throw new RangeError("arange: step must not be 0");
    const n = Math.max(0, Math.ceil((end - start) / step));
    const out = alloc(n);
    for (let i = 0; i < n; i++) out[i] = start + i * step;
    return new Tensor(out, [n], options.requiresGrad ?? false);
  });
}

/**
 * `steps` evenly spaced values from `start` to `end`, both included (torch.linspace).
 * @example linspace(-1, 1, 5) // tensor([-1.0000, -0.5000,  0.0000,  0.5000,  1.0000])
 */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  return traced("linspace", [start, end, steps, options], () => {
    checkOptions("linspace", options, TENSOR_KINDS);
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: steps must be a whole number ≥ 0, got ${steps}`);
    const out = alloc(steps);
    if (steps === 1) out[0] = start; // torch gives [start], not [end]
    else {
      const step = (end - start) / (steps - 1);
      // Fill from both ends, as torch does, so the last value is exactly `end`.
      const half = Math.floor(steps / 2);
      for (let i = 0; i < steps; i++) out[i] = i < half ? start + i * step : end - (steps - 1 - i) * step;
    }
    return new Tensor(out, [steps], options.requiresGrad ?? false);
  });
}

/**
 * Uniform random numbers in [0, 1) (torch.rand). Pass `{ seed }` for a repeatable draw
 * that leaves the global generator alone.
 * @example rand([2, 3], { seed: 1 })
 */
export function rand(...args: ShapeArgs<RandomOptions>): Tensor {
  return traced("rand", [...args], () => {
    const { shape, options } = parseShape<RandomOptions>("rand", args, RANDOM_KINDS);
    const g = generatorFor(options.seed), out = alloc(sizeOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = g.uniform();
    return new Tensor(out, shape, options.requiresGrad ?? false);
  });
}

/**
 * Standard normal random numbers, mean 0 and standard deviation 1 (torch.randn).
 * @example randn([100, 2], { seed: 0 }).mul(0.1)
 */
export function randn(...args: ShapeArgs<RandomOptions>): Tensor {
  return traced("randn", [...args], () => {
    const { shape, options } = parseShape<RandomOptions>("randn", args, RANDOM_KINDS);
    const g = generatorFor(options.seed), out = alloc(sizeOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = g.normal();
    return new Tensor(out, shape, options.requiresGrad ?? false);
  });
}

/**
 * Whole numbers drawn uniformly from low up to but not including high, of the given shape (torch.randint).
 * @example randint(0, 10, [5], { seed: 1 }) // five digits
 */
export function randint(low: number, high: number, shape: number | number[], options: RandomOptions = {}): Tensor {
  const o = checkOptions("randint", options, RANDOM_KINDS);
  if (!Number.isInteger(low) || !Number.isInteger(high) || !(high > low)) {
    throw new RangeError(`randint: low and high must be whole numbers with low < high, got ${low} and ${high}`);
  }
  const s = parseShape<TensorOptions>("randint", [shape]).shape;
  const g = generatorFor(o.seed), out = alloc(sizeOf(s));
  for (let i = 0; i < out.length; i++) out[i] = Math.min(high - 1, low + Math.floor(g.uniform() * (high - low)));
  return new Tensor(out, s);
}

/**
 * 0, 1, …, n − 1 in a random order (torch.randperm): a shuffle of the row numbers.
 * @example randperm(5, { seed: 0 })
 */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  const o = checkOptions("randperm", options, RANDOM_KINDS);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`randperm: n must be a whole number ≥ 0, got ${n}`);
  const g = generatorFor(o.seed), out = alloc(n);
  for (let i = 0; i < n; i++) out[i] = i;
  // Fisher–Yates, from the end.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(g.uniform() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return new Tensor(out, [n]);
}

function shapeOf(op: string, t: Tensor): number[] {
  if (!(t instanceof Tensor)) throw new TypeError(`${op}: expected a tensor to take the shape of, not ${String(t)}`);
  return t.shape.slice();
}

/** Zeros of `t`'s shape (torch.zeros_like). @example zerosLike(w) */
export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return traced("zerosLike", [t, options], () => {
    return zeros(shapeOf("zerosLike", t), checkOptions("zerosLike", options, TENSOR_KINDS));
  });
}

/** Ones of `t`'s shape (torch.ones_like). @example onesLike(w) */
export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return traced("onesLike", [t, options], () => {
    return ones(shapeOf("onesLike", t), checkOptions("onesLike", options, TENSOR_KINDS));
  });
}

/** Standard normal numbers of `t`'s shape (torch.randn_like). @example w.add(randnLike(w).mul(0.01)) */
export function randnLike(t: Tensor, options: RandomOptions = {}): Tensor {
  return traced("randnLike", [t, options], () => {
    return randn(shapeOf("randnLike", t), checkOptions("randnLike", options, RANDOM_KINDS));
  });
}

/** Uniform numbers in [0, 1) of `t`'s shape (torch.rand_like). @example randLike(w) */
export function randLike(t: Tensor, options: RandomOptions = {}): Tensor {
  return traced("randLike", [t, options], () => {
    return rand(shapeOf("randLike", t), checkOptions("randLike", options, RANDOM_KINDS));
  });
}
