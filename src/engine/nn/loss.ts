// Loss modules: forward(pred, target) returns a scalar tensor to call backward() on.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { bceLoss, bceWithLogitsLoss, mseLoss } from "../ops/loss";
import type { LayerInfo } from "./layerInfo";
import { Module } from "./module";

const loss = (kind: string, equation: string): LayerInfo => ({ kind, config: {}, features: undefined, equation });

/** Mean squared error; see `nn.MSELoss`. */
export class MSELoss extends Module {
  override describe(): LayerInfo {
    return loss("MSELoss", "L = \\frac{1}{n}\\sum_i (\\hat{y}_i - y_i)^2");
  }
  override forward(pred: Tensor, target: Tensor): Tensor {
    return mseLoss(pred, target);
  }
}

/** Binary cross-entropy on probabilities; see `nn.BCELoss`. */
export class BCELoss extends Module {
  override describe(): LayerInfo {
    return loss("BCELoss", "L = -\\frac{1}{n}\\sum_i \\big[y_i \\log \\hat{y}_i + (1 - y_i)\\log(1 - \\hat{y}_i)\\big]");
  }
  override forward(pred: Tensor, target: Tensor): Tensor {
    return bceLoss(pred, target);
  }
}

/** Binary cross-entropy on logits; see `nn.BCEWithLogitsLoss`. */
export class BCEWithLogitsLoss extends Module {
  override describe(): LayerInfo {
    return loss("BCEWithLogitsLoss", "L = -\\frac{1}{n}\\sum_i \\big[y_i \\log \\sigma(z_i) + (1 - y_i)\\log(1 - \\sigma(z_i))\\big]");
  }
  override forward(logits: Tensor, target: Tensor): Tensor {
    return bceWithLogitsLoss(logits, target);
  }
}

/** Softmax cross-entropy on logits; see `nn.CrossEntropyLoss`. */
export class CrossEntropyLoss extends Module {
  override describe(): LayerInfo {
    return loss("CrossEntropyLoss", "L = -\\frac{1}{n}\\sum_i \\log \\frac{e^{z_{i,y_i}}}{\\sum_k e^{z_{i,k}}}");
  }
  override forward(logits: Tensor, target: Tensor | number[]): Tensor {
    if (logits.ndim === 1) return this.forward(logits.reshape(1, -1), Array.isArray(target) ? target : target.reshape(-1));
    if (logits.ndim !== 2) throw new ShapeError(`CrossEntropyLoss: logits must be [batch, classes], got ${fmt(logits.shape)}`);
    const [n, c] = logits.shape;
    const t = Array.isArray(target) ? new Tensor(Float32Array.from(target), [target.length]) : target;
    // Class probabilities (e.g. one-hot) have the logits' shape; anything with n elements is class indices.
    const probs = t.ndim === 2 && t.shape[0] === n && t.shape[1] === c ? t : oneHot(t, n, c);
    return logits.logSoftmax(1).mul(probs).sum().div(-n);
  }
}

function oneHot(indices: Tensor, n: number, c: number): Tensor {
  if (indices.numel() !== n) {
    throw new ShapeError(
      `CrossEntropyLoss: target ${fmt(indices.shape)} must hold one class index per row of the logits [${n},${c}], or be one-hot [${n},${c}]`,
    );
  }
  const out = alloc(n * c);
  for (let i = 0; i < n; i++) {
    const k = indices.data[i];
    if (!Number.isInteger(k) || k < 0 || k >= c) {
      throw new RangeError(`CrossEntropyLoss: target class ${k} at row ${i} is not a whole number in 0..${c - 1}`);
    }
    out[i * c + k] = 1;
  }
  return new Tensor(out, [n, c]);
}
