// Loss modules: forward(pred, target) returns a scalar tensor to call backward() on.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { bceLoss, bceWithLogitsLoss, mseLoss } from "../ops/loss";
import { Module } from "./module";

/** Mean squared error; see `nn.MSELoss`. */
export class MSELoss extends Module {
  override forward(pred: Tensor, target: Tensor): Tensor {
    return mseLoss(pred, target);
  }
}

/** Binary cross-entropy on probabilities; see `nn.BCELoss`. */
export class BCELoss extends Module {
  override forward(pred: Tensor, target: Tensor): Tensor {
    return bceLoss(pred, target);
  }
}

/** Binary cross-entropy on logits; see `nn.BCEWithLogitsLoss`. */
export class BCEWithLogitsLoss extends Module {
  override forward(logits: Tensor, target: Tensor): Tensor {
    return bceWithLogitsLoss(logits, target);
  }
}

/** Softmax cross-entropy on logits; see `nn.CrossEntropyLoss`. */
export class CrossEntropyLoss extends Module {
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
  if (indices.size !== n) {
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
