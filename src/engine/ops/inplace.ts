// In-place ops (PyTorch's trailing underscore). The values are computed by the out-of-place op and
// written into this tensor's data. What may be changed in place:
// - a leaf that requires grad only inside noGrad (PyTorch's rule: the manual SGD step);
// - never a result that is part of a graph (requiresGrad with a gradFn): the graph may have saved its
//   values for backward(). PyTorch tracks versions to allow the cases where nothing was saved; we refuse
//   them all and point to the out-of-place op;
// - not with another operand that requires grad while recording, since the result would need a graph.
// Every write is noted (autograd's changedInPlace), so backward() refuses a graph whose inputs changed since.
import { Tensor } from "../tensor";
import { changedInPlace, isGradEnabled, noGrad } from "../autograd";
import { ShapeError, fmt, sameShape } from "../shape";

/** Results that PyTorch gives as views of another tensor but that are copies here, with the op that made each. */
const copies = new WeakMap<Tensor, string>();

/** Mark `t` as a copy made by `made` (e.g. "select(1, …)") where PyTorch would return a view. */
export function markCopy(t: Tensor, made: string): void {
  copies.set(t, made);
}

/**
 * Throws unless `t` may be written in place by `op` (named with its underscore), given its other operands;
 * otherwise notes the write, so that a graph which used t's old values refuses to run backward() on them.
 */
export function checkInPlace(op: string, t: Tensor, operands: readonly unknown[] = []): void {
  const plain = op.replace(/_$/, "");
  if (t.requiresGrad && t.gradFn !== null) {
    throw new Error(
      `${op}: this tensor was computed by ${t.gradFn.name} in a graph that requires grad, which may need its values for backward(); ` +
        `an in-place op would change them. Use the out-of-place op instead: y = y.${plain}(…)`,
    );
  }
  const made = copies.get(t);
  if (made !== undefined) {
    throw new Error(
      `${op}: this tensor is a copy made by ${made}, where PyTorch gives a view, so writing into it would not change the tensor it came from. ` +
        "Write into the original (t.set([i, j], v), or narrow/slice along dim 0, which are views), or clone() the copy first if the copy is what you mean to change",
    );
  }
  if (isGradEnabled() && t.requiresGrad) {
    throw new Error(
      `${op}: a leaf tensor that requires grad is being used in an in-place operation (PyTorch: "a leaf Variable that requires grad is being used in an in-place operation."). ` +
        `Wrap the update in noGrad(() => …), as for a manual SGD step: noGrad(() => w.sub_(w.grad!.mul(lr))), or write through w.detach().${op}(…), which shares the data without the graph`,
    );
  }
  if (isGradEnabled() && operands.some((x) => x instanceof Tensor && x.requiresGrad)) {
    throw new Error(
      `${op}: the other operand requires grad, so the result would be part of a graph, which an in-place op cannot record; ` +
        `use the out-of-place op (y = y.${plain}(…)), or run it inside noGrad(() => …)`,
    );
  }
  changedInPlace(t.data);
}

/** Write `compute()`, run without recording, into `t`'s data: its shape must be t's, as PyTorch requires. */
export function assign<T extends Tensor>(op: string, t: T, operands: readonly unknown[], compute: () => Tensor): T {
  const result = noGrad(compute);
  if (!sameShape(result.shape, t.shape)) {
    throw new ShapeError(`${op}: the result has the broadcast shape ${fmt(result.shape)}, but this tensor has shape ${fmt(t.shape)}; an in-place op cannot change a tensor's shape`);
  }
  checkInPlace(op, t, operands);
  t.data.set(result.data);
  return t;
}
