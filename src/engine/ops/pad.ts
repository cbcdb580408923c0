// Constant padding (torch.nn.functional.pad, mode "constant"): pairs of widths from the last dim backwards.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";

export function pad(x: Tensor, widths: readonly number[], value: number): Tensor {
  if (widths.length % 2 !== 0 || widths.length / 2 > x.ndim) {
    throw new ShapeError(`pad: expects pairs (before, after) for at most ${x.ndim} dims, last dim first, such as [1, 1]; got ${widths.length} numbers for ${fmt(x.shape)}`);
  }
  if (!widths.every((w) => Number.isInteger(w) && w >= 0)) throw new RangeError(`pad: widths must be whole numbers ≥ 0, got [${widths.join(", ")}]`);
  const before = new Array<number>(x.ndim).fill(0), shape = x.shape.slice();
  for (let k = 0; k < widths.length / 2; k++) {
    const d = x.ndim - 1 - k;
    before[d] = widths[2 * k];
    shape[d] += widths[2 * k] + widths[2 * k + 1];
  }
  const n = x.numel(), out = alloc(shape.reduce((a, b) => a * b, 1));
  out.fill(value);
  // Where each input element lands in the output: its index with each coordinate shifted by `before`.
  const where = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let rest = i, o = 0, stride = 1;
    for (let d = x.ndim - 1; d >= 0; d--) {
      const c = rest % x.shape[d];
      rest = (rest - c) / x.shape[d];
      o += (c + before[d]) * stride;
      stride *= shape[d];
    }
    where[i] = o;
    out[o] = x.data[i];
  }
  return record("ConstantPadNdBackward0", out, shape, [x], (g) => {
    const gx = alloc(n);
    for (let i = 0; i < n; i++) gx[i] = g[where[i]];
    return [gx];
  });
}
