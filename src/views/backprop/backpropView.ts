import { viewItem } from "../../protocol/payloadMap";
import { nn, Tensor } from "../../engine";
import { isGradEnabled } from "../../engine/autograd";
import { linear } from "../../engine/ops/linear";
import { Mime } from "../../protocol/mimes";
import type { OutputItem } from "../../protocol/outputs";
import type { BackpropPayload, BackpropStep } from "../../protocol/backpropPayload";
import { describe } from "../charts/options";
import { formatNumber } from "../format";
import { jsonNumber } from "../../protocol/payloads";
import { MAX_TEX_LENGTH } from "../../protocol/texOptions";
import { activationName, derivativeTex } from "./activationTex";
import { lossRule } from "./lossRule";
import { readNetwork, type Layer } from "./network";
import { plainMatrix, plainVector, texColumn, texMatrix, texNumber, texRow, transposed } from "./tex";
import { agree } from "./agree";

/** One forward and one backward pass through `model` for the first example of x, step by step. */
export function backpropItems(model: nn.Module, x: Tensor, y: Tensor | number[], loss: nn.Module): OutputItem[] {
  const payload = backpropPayload(model, x, y, loss);
  return [
    viewItem(Mime.backprop, payload),
    { mime: Mime.text, data: backpropText(payload) },
  ];
}

export function backpropPayload(model: nn.Module, x: Tensor, y: Tensor | number[], loss: nn.Module): BackpropPayload {
  const layers = readNetwork(model);
  if (!(x instanceof Tensor)) throw new TypeError(`show.backprop: x must be a tensor of inputs, not ${describe(x)}`);
  const inputs = layers[0].inFeatures;
  if (x.numel() === 0 || x.numel() % inputs !== 0 || (x.ndim !== 1 && x.shape[x.ndim - 1] !== inputs)) {
    throw new RangeError(`show.backprop: x [${x.shape.join(", ")}] must have ${inputs} features per row, as the first layer takes`);
  }
  if (!isGradEnabled()) throw new Error("show.backprop: runs its own backward pass, which noGrad turns off; call it outside noGrad(…)");
  const rows = x.numel() / inputs;
  const yValues = Array.isArray(y) ? y : y instanceof Tensor ? Array.from(y.data) : undefined;
  if (!yValues || !yValues.every((v) => typeof v === "number")) throw new TypeError(`show.backprop: y must be a tensor of targets, not ${describe(y)}`);
  if (yValues.length % rows !== 0) throw new RangeError(`show.backprop: y has ${yValues.length} values, which is not a row of targets for each of the ${rows} rows of x`);
  const perRow = yValues.length / rows;
  const outputs = layers.at(-1)!.outFeatures;
  const rule = lossRule(loss, yValues.slice(0, perRow), outputs);
  const note = rows > 1 ? `x has ${rows} rows; show.backprop follows one example, the first (row 0) of x and of y` : "";
  return { version: 1, title: `Backpropagation through ${model.describe().kind}, one example, loss ${rule.kind}`, note, steps: walk(layers, Array.from(x.data.subarray(0, inputs)), rule, loss) };
}

interface Traced {
  layer: Layer;
  W: Tensor;
  b: Tensor | null;
  input: Tensor;
  z: Tensor;
  a: Tensor | null;
  /** f′(z) by the engine's autograd, for the activation. */
  slope: Float32Array | null;
}

/**
 * The pass on copies of the weights, so the model's own weights and gradients are not touched; the
 * gradients are the engine's autograd's, and each one is checked against the chain rule written out.
 */
function walk(layers: Layer[], x: number[], rule: ReturnType<typeof lossRule>, lossFn: nn.Module): BackpropStep[] {
  const copy = (t: Tensor) => new Tensor(Float32Array.from(t.data), [...t.shape], true);
  const x0 = new Tensor(Float32Array.from(x), [1, x.length], true).retainGrad();
  const traced: Traced[] = [];
  let current = x0;
  for (const layer of layers) {
    const W = copy(layer.weight), b = layer.bias ? copy(layer.bias) : null;
    const z = linear(current, W, b).retainGrad();
    const a = layer.activation ? (layer.activation.module.forward(z) as Tensor).retainGrad() : null;
    traced.push({ layer, W, b, input: current, z, a, slope: layer.activation ? slopeOf(layer, z) : null });
    current = a ?? z;
  }
  const out = current;
  const L = lossFn.forward(out, rule.target) as Tensor;
  L.backward();

  const steps: BackpropStep[] = [];
  const add = (step: Omit<BackpropStep, "result">, result: ArrayLike<number>) => steps.push({ ...step, result: Array.from(result, jsonNumber) }) - 1;
  const sym = (name: string, l: number) => `\\mathbf{${name}}^{[${l}]}`;
  const plainSym = (name: string, l: number) => `${name}[${l}]`;
  const inputStep = add({
    phase: "forward", place: "input", uses: [],
    tex: `${sym("a", 0)} = \\mathbf{x} = ${texColumn(x)},\\qquad \\mathbf{y} = ${texColumn(rule.t)}`,
    text: `a[0] = x = ${plainVector(x)}, y = ${plainVector(rule.t)}`,
  }, x);
  // The step whose result each layer's output is (a, or z without an activation), and the input's.
  const outStep: number[] = [inputStep];
  const outSym = (l: number) => (l === 0 ? sym("a", 0) : traced[l - 1].a ? sym("a", l) : sym("z", l));
  const outPlain = (l: number) => (l === 0 ? "a[0]" : traced[l - 1].a ? plainSym("a", l) : plainSym("z", l));
  const zStep: number[] = [];
  for (const t of traced) {
    const l = t.layer.number, n = t.layer.outFeatures, m = t.layer.inFeatures;
    const where = `layer ${l} · Linear(${m} → ${n})`;
    const bias = t.b ? ` + ${sym("b", l)}` : "";
    zStep[l] = add({
      phase: "forward", place: where, uses: [outStep[l - 1]],
      tex: equation(`${sym("z", l)} = W^{[${l}]} ${outSym(l - 1)}${bias}`, `${texMatrix(t.W.data, n, m)} ${texColumn(t.input.data)}${t.b ? ` + ${texColumn(t.b.data)}` : ""}`, texColumn(t.z.data)),
      text: `z[${l}] = W[${l}] ${outPlain(l - 1)}${t.b ? ` + b[${l}]` : ""} = ${plainMatrix(t.W.data, n, m)} ${plainVector(t.input.data)}${t.b ? ` + ${plainVector(t.b.data)}` : ""} = ${plainVector(t.z.data)}`,
    }, t.z.data);
    outStep[l] = zStep[l];
    if (t.a && t.layer.activation) {
      const f = activationName(t.layer.activation.kind);
      outStep[l] = add({
        phase: "forward", place: `layer ${l} · ${t.layer.activation.info.kind}`, uses: [zStep[l]],
        tex: `${sym("a", l)} = ${f}(${sym("z", l)}) = ${f}\\left(${texColumn(t.z.data)}\\right) = ${texColumn(t.a.data)}`,
        text: `a[${l}] = ${t.layer.activation.info.kind}(z[${l}]) = ${plainVector(t.a.data)}`,
      }, t.a.data);
    }
  }
  const last = traced.length;
  const o = out.data;
  const lossStep = add({
    phase: "loss", place: `loss · ${rule.kind}`, uses: [outStep[last], inputStep],
    tex: `${rule.valueTex(o)} = ${texNumber(L.item())}`,
    text: `L = ${rule.kind}(${outPlain(last)}, y) = ${formatNumber(L.item())}`,
  }, [L.item()]);

  // ∂L/∂(network output), by the loss's formula and by autograd.
  const gOut = out.grad!.data;
  agree(`∂L/∂${outPlain(last)}`, rule.gradient(o), gOut);
  let gradStep = add({
    phase: "backward", place: `loss · ${rule.kind}`, uses: [lossStep, outStep[last], inputStep],
    tex: `${rule.gradientTex(o, outSym(last))} = ${texColumn(gOut)}`,
    text: `∂L/∂${outPlain(last)} = ${plainVector(gOut)}`,
  }, gOut);
  for (let i = traced.length - 1; i >= 0; i--) {
    const t = traced[i], l = t.layer.number, n = t.layer.outFeatures, m = t.layer.inFeatures;
    const where = `layer ${l} · Linear(${m} → ${n})`;
    const delta = t.z.grad!.data;
    let deltaStep = gradStep;
    if (t.a && t.slope && t.layer.activation) {
      const gA = t.a.grad!.data;
      agree(`δ[${l}]`, Array.from(gA, (g, k) => g * t.slope![k]), delta);
      const alpha = t.layer.activation.info.config.negativeSlope;
      deltaStep = add({
        phase: "backward", place: `layer ${l} · ${t.layer.activation.info.kind}`, uses: [gradStep, outStep[l]],
        tex:
          `\\begin{gathered} \\boldsymbol{\\delta}^{[${l}]} = \\frac{\\partial L}{\\partial ${sym("a", l)}} \\odot ${activationName(t.layer.activation.kind)}'(${sym("z", l)}),\\quad ` +
          `${activationName(t.layer.activation.kind)}'(${sym("z", l)}) = ${derivativeTex(t.layer.activation.kind, l, typeof alpha === "number" ? alpha : undefined)}` +
          ` \\\\ \\boldsymbol{\\delta}^{[${l}]} = ${texColumn(gA)} \\odot ${texColumn(t.slope)} = ${texColumn(delta)} \\end{gathered}`,
        text: `δ[${l}] = ∂L/∂a[${l}] ⊙ f'(z[${l}]) = ${plainVector(gA)} ⊙ ${plainVector(t.slope)} = ${plainVector(delta)}`,
      }, delta);
    }
    const a = t.input.data;
    const gW = t.W.grad!.data;
    agree(`∂L/∂W[${l}]`, outer(delta, a), gW);
    add({
      phase: "backward", place: where, uses: [deltaStep, outStep[l - 1]],
      tex: equation(`\\frac{\\partial L}{\\partial W^{[${l}]}} = \\boldsymbol{\\delta}^{[${l}]} ${outSym(l - 1).replace(/\]\}$/, "]\\top}")}`, `${texColumn(delta)} ${texRow(a)}`, texMatrix(gW, n, m)),
      text: `∂L/∂W[${l}] = δ[${l}] ${outPlain(l - 1)}ᵀ = ${plainMatrix(gW, n, m)}`,
    }, gW);
    if (t.b) {
      agree(`∂L/∂b[${l}]`, Array.from(delta), t.b.grad!.data);
      add({
        phase: "backward", place: where, uses: [deltaStep],
        tex: `\\frac{\\partial L}{\\partial ${sym("b", l)}} = \\boldsymbol{\\delta}^{[${l}]} = ${texColumn(t.b.grad!.data)}`,
        text: `∂L/∂b[${l}] = δ[${l}] = ${plainVector(t.b.grad!.data)}`,
      }, t.b.grad!.data);
    }
    if (i === 0) continue;
    const gIn = t.input.grad!.data;
    const Wt = transposed(t.W.data, n, m);
    agree(`∂L/∂${outPlain(l - 1)}`, matVec(Wt, delta, m, n), gIn);
    gradStep = add({
      phase: "backward", place: where, uses: [deltaStep],
      tex: equation(`\\frac{\\partial L}{\\partial ${outSym(l - 1)}} = W^{[${l}]\\top} \\boldsymbol{\\delta}^{[${l}]}`, `${texMatrix(Wt, m, n)} ${texColumn(delta)}`, texColumn(gIn)),
      text: `∂L/∂${outPlain(l - 1)} = W[${l}]ᵀ δ[${l}] = ${plainVector(gIn)}`,
    }, gIn);
  }
  return steps;
}

/**
 * The formula, the numbers put in, the result. Past what is typeset (an 8 × 8 matrix of numbers like 1.23e-10),
 * the numbers put in are left out rather than the formula shown as TeX source.
 */
function equation(formula: string, substituted: string, result: string): string {
  const full = `${formula} = ${substituted} = ${result}`;
  return full.length <= MAX_TEX_LENGTH ? full : `${formula} = ${result}`;
}

/** f′ at each z of the layer, by the engine's autograd on a leaf copy of z: the activation's own derivative. */
function slopeOf(layer: Layer, z: Tensor): Float32Array {
  const leaf = new Tensor(Float32Array.from(z.data), [...z.shape], true);
  (layer.activation!.module.forward(leaf) as Tensor).sum().backward();
  return leaf.grad!.data;
}

function outer(u: ArrayLike<number>, v: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < u.length; i++) for (let j = 0; j < v.length; j++) out.push(u[i] * v[j]);
  return out;
}

function matVec(A: ArrayLike<number>, v: ArrayLike<number>, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let s = 0;
    for (let c = 0; c < cols; c++) s += A[r * cols + c] * v[c];
    return s;
  });
}

/** Every step on a line of its own: where it is, and the formula with the numbers. */
export function backpropText(payload: BackpropPayload): string {
  const lines = [payload.title];
  if (payload.note) lines.push(payload.note);
  payload.steps.forEach((step, i) => lines.push(`${String(i + 1).padStart(2)}. ${step.place}: ${step.text}`));
  return lines.join("\n");
}
