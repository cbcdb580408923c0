// Adding and removing dims of size 1: the elements stay where they are, only the shape changes.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { normDim } from "../shape";

/** Same data under another shape of the same size, recorded as `name`. */
function relabel(name: string, a: Tensor, shape: number[]): Tensor {
  return record(name, a.data, shape, [a], (g) => [g]);
}

/** A new dim of size 1 at `dim`, which may be ndim (at the end); negative counts from the end of the result (torch.unsqueeze). */
export function unsqueeze(a: Tensor, dimIn: number): Tensor {
  const dim = normDim("unsqueeze", dimIn, a.ndim + 1);
  const shape = a.shape.slice();
  shape.splice(dim, 0, 1);
  return relabel("UnsqueezeBackward0", a, shape);
}

/** Every dim of size 1 removed, or only `dim` when it has size 1 (any other size is left alone, as in PyTorch). */
export function squeeze(a: Tensor, dimIn?: number): Tensor {
  if (dimIn === undefined) return relabel("SqueezeBackward0", a, a.shape.filter((s) => s !== 1));
  const dim = normDim("squeeze", dimIn, a.ndim);
  return relabel("SqueezeBackward1", a, a.ndim > 0 && a.shape[dim] === 1 ? a.shape.filter((_, d) => d !== dim) : a.shape.slice());
}
