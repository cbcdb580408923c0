import { formatNumber } from "../protocol/numbers";

/** A layer of the flow: mean and max |∂L/∂W| per recorded epoch. */
export interface FlowLayer {
  layer: string;
  mean: number[];
  max: number[];
}

/** What the model is, as far as the verdict needs: its activations by the engine's names, in order. */
export interface FlowContext {
  /** Each activation layer's `describe().activation`, input side first; undefined when the model is not known. */
  activations?: string[];
  /** The training losses, to tell a learning rate that is too large by a loss that rose. */
  loss: number[];
}

export interface Verdict {
  text: string;
  flags: { layer: string; kind: "vanishing" | "exploding" }[];
}

/** A layer whose typical mean |∂L/∂W| is below this share of the largest layer's barely learns. */
export const VANISHING_RATIO = 1e-6; // "a millionth", as the verdict says
/** Growth between the first and last recorded epoch that counts as exploding: three orders of magnitude. */
export const EXPLODING_GROWTH = 1e3;
/** A mean |∂L/∂W| this large is exploding however it got there. */
export const EXPLODING_SIZE = 1e2;

/**
 * The gradient flow in words: a vanishing or exploding layer named with its likely cause, or, when healthy,
 * that the signal reaches every layer and how far the smallest is below the largest. A layer's size over
 * training is the geometric mean of its mean |∂L/∂W| over the recorded epochs, so one noisy epoch does not decide.
 */
export function gradientVerdict(layers: FlowLayer[], context: FlowContext, epochs: number[]): Verdict {
  const rose = lossRose(context.loss);
  const exploding = layers.filter((l) => explodes(l, rose));
  if (exploding.length) {
    const worst = exploding.map((l) => ({ l, ...peak(l.mean) })).sort((a, b) => grade(b.growth) - grade(a.growth))[0];
    const size = Number.isFinite(worst.value) ? formatNumber(worst.value) : String(worst.value);
    return {
      text:
        `Exploding gradients: mean |∂L/∂W| of ${list(exploding.map((l) => l.layer))} grows by orders of magnitude ` +
        `(layer ${worst.l.layer}'s from ${formatNumber(worst.l.mean[0])} at epoch ${epochs[0]} to ${size} at epoch ${epochs[worst.at]}). ${explodingCause(exploding, context, rose)}`,
      flags: exploding.map((l) => ({ layer: l.layer, kind: "exploding" as const })),
    };
  }
  const typical = layers.map((l) => ({ layer: l.layer, size: geometricMean(l.mean) }));
  const largest = typical.reduce((a, b) => (b.size > a.size ? b : a));
  const smallest = typical.reduce((a, b) => (b.size < a.size ? b : a));
  const vanishing = typical.filter((t) => t.size < VANISHING_RATIO * largest.size);
  if (vanishing.length) {
    const first = vanishing[0];
    return {
      text:
        `Vanishing gradients: mean |∂L/∂W| of ${list(vanishing.map((t) => t.layer))} is below a millionth of the largest ` +
        `(layer ${first.layer}'s ${formatNumber(first.size)} against layer ${largest.layer}'s ${formatNumber(largest.size)}, over training), so ${vanishing.length === 1 ? "it barely learns" : "they barely learn"}. ` +
        vanishingCause(context),
      flags: vanishing.map((t) => ({ layer: t.layer, kind: "vanishing" as const })),
    };
  }
  if (layers.length === 1) return { text: `The gradient reaches the one layer: mean |∂L/∂W| of layer ${largest.layer} is ${formatNumber(largest.size)} over training.`, flags: [] };
  const share = largest.size > 0 ? smallest.size / largest.size : 1;
  const ratio = share >= 1 ? "as large as the largest" : `${share >= 0.5 ? formatNumber(share) : `1/${formatNumber(Number((1 / share).toPrecision(2)))}`} of the largest (layer ${largest.layer}'s)`;
  return { text: `Gradients reach every layer: over training, the smallest mean |∂L/∂W| is layer ${smallest.layer}'s, ${formatNumber(smallest.size)}, ${ratio}.`, flags: [] };
}

/**
 * Non-finite, or very large, or grown a thousandfold from the first recorded epoch; a hundredfold is enough
 * when the loss rose with it (training diverged, even if the units then died and the gradients went to 0).
 */
function explodes(l: FlowLayer, lossRose: boolean): boolean {
  if (l.mean.some((v) => !Number.isFinite(v)) || l.max.some((v) => !Number.isFinite(v))) return true;
  if (l.mean.some((v) => v >= EXPLODING_SIZE)) return true;
  const { growth } = peak(l.mean);
  return growth >= EXPLODING_GROWTH || (lossRose && growth >= EXPLODING_GROWTH / 10);
}

/** The largest value (non-finite first), where it is, and how many times the first value it is. */
function peak(values: number[]): { value: number; at: number; growth: number } {
  let at = 0;
  values.forEach((v, i) => {
    if (grade(v) > grade(values[at])) at = i;
  });
  const value = values[at];
  return { value, at, growth: !Number.isFinite(value) ? Infinity : values[0] > 0 ? value / values[0] : 1 };
}

/** The loss ended higher than it started, or not finite: training went the wrong way. */
function lossRose(loss: number[]): boolean {
  return loss.length > 1 && (!Number.isFinite(loss[loss.length - 1]) || loss[loss.length - 1] > loss[0]);
}

function explodingCause(exploding: FlowLayer[], context: FlowContext, rose: boolean): string {
  const loss = context.loss;
  if (rose) {
    return `Likely cause: the learning rate is too large (the loss rose from ${formatNumber(loss[0])} to ${formatNumber(loss[loss.length - 1])}); lower it, or clip the gradients with clipNorm.`;
  }
  if (exploding.some((l) => l.mean[0] >= EXPLODING_SIZE)) {
    return `Likely cause: the initialisation: the gradients are large from the first epoch, so the weights start too large; use init: "xavier" or "he".`;
  }
  return "Likely cause: a learning rate too large for the later epochs; lower it, use a schedule, or clip the gradients with clipNorm.";
}

function vanishingCause(context: FlowContext): string {
  if (context.activations === undefined) {
    return "Likely cause: saturating activations (sigmoid or tanh) in depth, or an initialisation too small; pass the model as show.gradients(run, { model }) to say which.";
  }
  const saturating = context.activations.filter((a) => a === "sigmoid" || a === "tanh");
  if (saturating.length >= 2) {
    const kinds = [...new Set(saturating)].join("/");
    return `Likely cause: ${saturating.length} ${kinds} layers in depth: each multiplies the gradient by its slope, at most 0.25 for sigmoid and 1 for tanh, and far less where it saturates; ReLU between the hidden layers (or fewer layers) keeps the signal.`;
  }
  return `Likely cause: the initialisation: weights too small shrink the gradient at every layer on its way back; use init: "he" (ReLU) or "xavier".`;
}

/** Over the epochs where it is not 0 (a layer whose units all died has none, and is 0). */
function geometricMean(values: number[]): number {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return 0;
  return Math.exp(positive.reduce((sum, v) => sum + Math.log(v), 0) / positive.length);
}

/** Orders sizes with non-finite ones as the largest. */
function grade(v: number): number {
  return Number.isFinite(v) ? v : Infinity;
}

function list(layers: string[]): string {
  const named = layers.map((l) => l);
  const head = named.length === 1 ? "layer" : "layers";
  return `${head} ${named.length <= 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`}`;
}
