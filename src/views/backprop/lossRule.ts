// The losses show.backprop follows: each one's value with the numbers in, and its gradient with respect to
// the network's output, by hand (checked against autograd by the caller).
import { nn, Tensor } from "../../engine";
import { describe } from "../charts/options";
import { texColumn, texNumber } from "./tex";

export interface LossRule {
  kind: "MSELoss" | "BCELoss" | "BCEWithLogitsLoss" | "CrossEntropyLoss";
  /** The target the engine's loss takes, for one example of `k` outputs. */
  target: Tensor;
  /** The target as one value per output (one-hot for classes). */
  t: number[];
  /** L written out with the output `o` and the target substituted. */
  valueTex(o: ArrayLike<number>): string;
  /** ∂L/∂o by the loss's formula, with the numbers. */
  gradient(o: ArrayLike<number>): number[];
  /** ∂L/∂o's formula in `out` (the output's TeX symbol) and then with the numbers. */
  gradientTex(o: ArrayLike<number>, out: string): string;
}

const KINDS = ["MSELoss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss"] as const;

/** A number after a minus sign: a negative one in parentheses. */
const signed = (v: number) => (v < 0 ? `(${texNumber(v)})` : texNumber(v));

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The rule for `loss` with the target row `y` for `k` outputs, or an error that names what is not followed. */
export function lossRule(loss: unknown, y: number[], k: number): LossRule {
  if (!(loss instanceof nn.Module)) throw new TypeError(`show.backprop: loss must be a loss module such as nn.MSELoss(), not ${describe(loss)}`);
  const name = loss.describe().kind;
  if (!(KINDS as readonly string[]).includes(name)) throw new TypeError(`show.backprop: follows the losses ${KINDS.join(", ")}, not ${name}`);
  const kind = name as LossRule["kind"];
  const n = texNumber;
  const sum = (terms: string[]) => terms.join(" + ").replace(/\+ -/g, "- ");
  if (kind === "CrossEntropyLoss") {
    const t = classTarget(y, k);
    const target = new Tensor(Float32Array.from(t), [1, k]);
    const softmax = (o: ArrayLike<number>) => {
      const m = Math.max(...Array.from(o));
      const e = Array.from(o, (v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    return {
      kind, target, t,
      valueTex: (o) => {
        const p = softmax(o);
        return `L = -\\sum_c y_c \\log \\operatorname{softmax}(\\mathbf{z})_c = -${sum(t.map((tc, c) => `${n(tc)}\\log ${n(p[c])}`))}`;
      },
      gradient: (o) => softmax(o).map((p, c) => p - t[c]),
      gradientTex: (o, out) => `\\frac{\\partial L}{\\partial ${out}} = \\operatorname{softmax}(${out}) - \\mathbf{y} = ${texColumn(softmax(o))} - ${texColumn(t)}`,
    };
  }
  if (y.length !== k) throw new RangeError(`show.backprop: the target has ${y.length} values per row but the network gives ${k}`);
  const target = new Tensor(Float32Array.from(y), [1, k]);
  const t = y;
  // One output: the mean over it is the value itself, so no 1/1 is written.
  const over = k === 1 ? "" : `\\frac{1}{${k}}`;
  const twice = k === 1 ? "2" : `\\frac{2}{${k}}`;
  if (kind === "MSELoss") {
    return {
      kind, target, t,
      valueTex: (o) => `L = ${over}\\sum_i (\\hat{y}_i - y_i)^2 = ${over}\\big[${sum(t.map((ti, i) => `(${n(o[i])} - ${signed(ti)})^2`))}\\big]`,
      gradient: (o) => t.map((ti, i) => (2 * (o[i] - ti)) / k),
      gradientTex: (o, out) => `\\frac{\\partial L}{\\partial ${out}} = ${twice}(${out} - \\mathbf{y}) = ${twice}\\left(${texColumn(o)} - ${texColumn(t)}\\right)`,
    };
  }
  if (kind === "BCELoss") {
    return {
      kind, target, t,
      valueTex: (o) => `L = -${over}\\sum_i \\big[y_i \\log \\hat{y}_i + (1 - y_i)\\log(1 - \\hat{y}_i)\\big] = -${over}\\big[${sum(t.map((ti, i) => `${n(ti)}\\log ${n(o[i])} + ${n(1 - ti)}\\log ${n(1 - o[i])}`))}\\big]`,
      gradient: (o) => t.map((ti, i) => (o[i] - ti) / Math.max(o[i] * (1 - o[i]), 1e-12) / k),
      gradientTex: (o, out) =>
        `\\frac{\\partial L}{\\partial ${out}} = ${over}\\,\\frac{${out} - \\mathbf{y}}{${out} \\odot (1 - ${out})} = ${over}\\,\\frac{${texColumn(o)} - ${texColumn(t)}}{${texColumn(Array.from(o, (v) => v * (1 - v)))}}`,
    };
  }
  return {
    kind, target, t,
    valueTex: (o) => `L = -${over}\\sum_i \\big[y_i \\log \\sigma(z_i) + (1 - y_i)\\log(1 - \\sigma(z_i))\\big] = -${over}\\big[${sum(t.map((ti, i) => `${n(ti)}\\log ${n(sigmoid(o[i]))} + ${n(1 - ti)}\\log ${n(1 - sigmoid(o[i]))}`))}\\big]`,
    gradient: (o) => t.map((ti, i) => (sigmoid(o[i]) - ti) / k),
    gradientTex: (o, out) => `\\frac{\\partial L}{\\partial ${out}} = ${over}(\\sigma(${out}) - \\mathbf{y}) = ${over}\\left(${texColumn(Array.from(o, sigmoid))} - ${texColumn(t)}\\right)`,
  };
}

/** A class index (one value) or one-hot / probabilities (k values), as k probabilities. */
function classTarget(y: number[], k: number): number[] {
  if (y.length === k && k > 1) return y;
  if (y.length !== 1) throw new RangeError(`show.backprop: CrossEntropyLoss takes one class index per row or ${k} probabilities, not ${y.length} values`);
  const c = y[0];
  if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`show.backprop: the target class ${c} is not a whole number in 0..${k - 1}`);
  return Array.from({ length: k }, (_, i) => (i === c ? 1 : 0));
}
