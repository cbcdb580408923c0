// Rows picked by index along dim 0, as PyTorch's t[indices]: repeats allowed, and the gradient of a
// row picked twice is the sum of both.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { sizeOf } from "../shape";
import { normIndex } from "./slice";

export function indexRows(a: Tensor, indices: Tensor | readonly number[]): Tensor {
  if (a.ndim === 0) throw new RangeError("index: a 0-dim tensor has no rows to pick; use t.item() for its value");
  if (!(indices instanceof Tensor) && !Array.isArray(indices)) {
    throw new TypeError(`index: expects a tensor or an array of row numbers, got ${typeof indices}; for one row use t.at(i)`);
  }
  const list = indices instanceof Tensor ? indices.data : indices;
  const rows = a.shape[0], inner = sizeOf(a.shape.slice(1));
  const idx = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) idx[i] = normIndex("index", list[i], 0, rows);
  const x = a.data, out = alloc(idx.length * inner);
  for (let i = 0; i < idx.length; i++) for (let j = 0; j < inner; j++) out[i * inner + j] = x[idx[i] * inner + j];
  const shape = [...(indices instanceof Tensor ? indices.shape : [idx.length]), ...a.shape.slice(1)];
  return record("IndexBackward0", out, shape, [a], (g) => {
    const gx = alloc(x.length);
    for (let i = 0; i < idx.length; i++) for (let j = 0; j < inner; j++) gx[idx[i] * inner + j] += g[i * inner + j];
    return [gx];
  });
}
