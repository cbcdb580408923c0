// Weight initialisation schemes (torch.nn.init). Each fills a tensor in place and returns it.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { defaultGenerator } from "../random";

/** The `init` choices of `nn.Linear`. */
export type InitName = "xavier" | "he" | "normal" | "zeros";

/** fan_in and fan_out of a weight [out, in, ...kernel], as torch computes them. */
function fans(t: Tensor, op: string): [number, number] {
  if (t.ndim < 2) throw new ShapeError(`${op}: needs a weight with at least 2 dims, got ${fmt(t.shape)}`);
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

function fillUniform(t: Tensor, bound: number): Tensor {
  const g = defaultGenerator(), d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = (2 * g.uniform() - 1) * bound;
  return t;
}

/** A new tensor of `shape` drawn from U(−bound, bound): a layer's default weights and biases, as PyTorch's. */
export function uniformTensor(shape: number[], bound: number): Tensor {
  return fillUniform(new Tensor(alloc(shape.reduce((a, b) => a * b, 1)), shape), bound);
}

function fillNormal(t: Tensor, std: number): Tensor {
  const g = defaultGenerator(), d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = g.normal() * std;
  return t;
}

/**
 * Xavier/Glorot uniform: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)). Keeps the
 * variance of activations steady through tanh/sigmoid layers (torch.nn.init.xavier_uniform_).
 * @example nn.init.xavierUniform(layer.weight)
 */
export function xavierUniform(t: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = fans(t, "xavierUniform");
  return fillUniform(t, gain * Math.sqrt(6 / (fanIn + fanOut)));
}

/**
 * Xavier/Glorot normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)) (torch.nn.init.xavier_normal_).
 * @example nn.init.xavierNormal(layer.weight)
 */
export function xavierNormal(t: Tensor, gain = 1): Tensor {
  const [fanIn, fanOut] = fans(t, "xavierNormal");
  return fillNormal(t, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

/**
 * He/Kaiming uniform for ReLU layers: U(−a, a) with a = √(6 / fanIn)
 * (torch.nn.init.kaiming_uniform_ with nonlinearity="relu").
 * @example nn.init.heUniform(layer.weight)
 */
export function heUniform(t: Tensor): Tensor {
  return fillUniform(t, Math.sqrt(6 / fans(t, "heUniform")[0]));
}

/**
 * He/Kaiming normal for ReLU layers: N(0, std²) with std = √(2 / fanIn)
 * (torch.nn.init.kaiming_normal_ with nonlinearity="relu").
 * @example nn.init.heNormal(layer.weight)
 */
export function heNormal(t: Tensor): Tensor {
  return fillNormal(t, Math.sqrt(2 / fans(t, "heNormal")[0]));
}

/**
 * Fill with zeros. On all weights of a layer this makes every neuron learn the same
 * thing — a classic demonstration of why weights start random.
 * @example nn.init.zeros(layer.bias)
 */
export function zeros(t: Tensor): Tensor {
  t.data.fill(0);
  return t;
}

function checkNumbers(op: string, values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values)) if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`${op}: ${name} must be a finite number, not ${String(v)}`);
}

/**
 * N(mean, std²) (torch.nn.init.normal_): mean 0 and std 1 by default.
 * @example nn.init.normal(layer.weight, 0, 0.01)
 */
export function normal(t: Tensor, mean = 0, std = 1): Tensor {
  checkNumbers("normal", { mean, std });
  const g = defaultGenerator(), d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = mean + g.normal() * std;
  return t;
}

/**
 * U(a, b) (torch.nn.init.uniform_): from 0 to 1 by default.
 * @example nn.init.uniform(layer.weight, -0.1, 0.1)
 */
export function uniform(t: Tensor, a = 0, b = 1): Tensor {
  checkNumbers("uniform", { a, b });
  if (!(a <= b)) throw new RangeError(`uniform: a must be at most b, got a = ${a}, b = ${b}`);
  const g = defaultGenerator(), d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = a + g.uniform() * (b - a);
  return t;
}

/**
 * Fill with one value (torch.nn.init.constant_).
 * @example nn.init.constant(layer.bias, 0.1)
 */
export function constant(t: Tensor, value: number): Tensor {
  checkNumbers("constant", { value });
  t.data.fill(value);
  return t;
}

/**
 * Fill with ones (torch.nn.init.ones_).
 * @example nn.init.ones(norm.weight)
 */
export function ones(t: Tensor): Tensor {
  t.data.fill(1);
  return t;
}

/** Apply a named scheme to a layer: weight as named, bias zeros ("normal" is N(0, 0.01²)). */
export function initWeights(weight: Tensor, bias: Tensor | null, name: InitName): void {
  if (name === "xavier") xavierUniform(weight);
  else if (name === "he") heNormal(weight);
  else if (name === "normal") fillNormal(weight, 0.01);
  else if (name === "zeros") zeros(weight);
  else throw new Error(`init: unknown scheme "${name as string}"; use "xavier", "he", "normal" or "zeros"`);
  if (bias) zeros(bias);
}
