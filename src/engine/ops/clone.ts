import { Tensor } from "../tensor";
import { record } from "../autograd";
import { copyOf } from "../storage";

/** A copy with its own storage; the gradient passes straight through. */
export function clone(a: Tensor): Tensor {
  return record("CloneBackward0", copyOf(a.data), a.shape.slice(), [a], (g) => [g]);
}
