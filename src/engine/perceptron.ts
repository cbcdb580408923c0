import { Tensor } from "./tensor";
import { alloc } from "./storage";
import { noGrad } from "./autograd";
import { ShapeError, fmt } from "./shape";
import { checkOptions } from "./options";
import { linear } from "./ops/linear";
import type { LayerInfo } from "./nn/layerInfo";
import { Module, builtInLayer } from "./nn/module";
import { ParameterTensor } from "./nn/parameter";

/** What `Perceptron.fit` reports, one entry per epoch. */
export interface PerceptronHistory {
  /** Epochs run (fewer than asked when every point was classified correctly). */
  epochs: number;
  /** Misclassified points in each epoch. */
  errors: number[];
  /** Fraction misclassified in each epoch (a loss curve for show.loss). */
  loss: number[];
  /** Weights and bias at the end of each epoch. */
  snapshots: { weight: number[]; bias: number }[];
  /** True when the last epoch made no mistakes. */
  converged: boolean;
}

/** Rosenblatt's perceptron; see `Perceptron`. */
export class Perceptron extends Module {
  static {
    builtInLayer(this);
  }
  /** Weights w, shape [1, nInputs] (as an nn.Linear(nInputs, 1)); start at 0. */
  weight: ParameterTensor;
  /** Bias b, shape [1]; starts at 0. */
  bias: ParameterTensor;

  constructor(readonly nInputs: number) {
    super();
    this.weight = new ParameterTensor(new Tensor(alloc(nInputs), [1, nInputs]));
    this.bias = new ParameterTensor(new Tensor(alloc(1), [1]));
  }

  /** ŷ = step(w·x + b): 1 where w·x + b ≥ 0, else 0. x: [n, nInputs] → [n, 1]. */
  override forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias).step();
  }

  /** The 0/1 predictions for x, without recording a graph. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /**
   * Learn with the perceptron rule, one point at a time: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).
   * Labels are 0 or 1. Stops early once an epoch makes no mistakes.
   */
  fit(data: { x: Tensor; y: Tensor }, options: { lr?: number; epochs?: number } = {}): PerceptronHistory {
    const given = checkOptions("Perceptron.fit", options, { lr: "positive", epochs: "count" });
    const { x, y } = data, lr = given.lr ?? 1, maxEpochs = given.epochs ?? 20, d = this.nInputs;
    if (x.ndim !== 2 || x.shape[1] !== d) throw new ShapeError(`Perceptron.fit: x must be [n, ${d}], got ${fmt(x.shape)}`);
    const n = x.shape[0];
    if (y.numel() !== n) throw new ShapeError(`Perceptron.fit: y ${fmt(y.shape)} must have one label per row of x ${fmt(x.shape)}`);
    if (!y.data.every((v) => v === 0 || v === 1)) throw new RangeError("Perceptron.fit: labels must be 0 or 1");
    const w = this.weight.data, b = this.bias.data, X = x.data, Y = y.data;
    const history: PerceptronHistory = { epochs: 0, errors: [], loss: [], snapshots: [], converged: false };
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      let errors = 0;
      for (let i = 0; i < n; i++) {
        let z = b[0];
        for (let j = 0; j < d; j++) z += w[j] * X[i * d + j];
        const delta = Y[i] - (z >= 0 ? 1 : 0);
        if (delta === 0) continue;
        errors++;
        for (let j = 0; j < d; j++) w[j] += lr * delta * X[i * d + j];
        b[0] += lr * delta;
      }
      history.epochs++;
      history.errors.push(errors);
      history.loss.push(errors / n);
      history.snapshots.push({ weight: Array.from(w), bias: b[0] });
      if (errors === 0) {
        history.converged = true;
        break;
      }
    }
    return history;
  }

  override extraRepr(): string {
    return `nInputs=${this.nInputs}`;
  }

  override describe(): LayerInfo {
    return {
      kind: "Perceptron",
      config: { nInputs: this.nInputs },
      features: 1,
      equation: "\\hat{y} = \\begin{cases} 1 & \\mathbf{w} \\cdot \\mathbf{x} + b \\ge 0 \\\\ 0 & \\text{otherwise} \\end{cases}",
      activation: "step",
    };
  }
}
