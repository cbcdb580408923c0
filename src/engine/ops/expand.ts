// Copies by broadcasting: expand repeats dims of size 1, repeat tiles the whole tensor. Either way
// the gradient of each input element is the sum over its copies.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { expand as broadcastTo, reduceTo } from "../backend/broadcast";
import { ShapeError, fmt } from "../shape";
import { copyOf } from "../storage";

/** Sizes given as f(2, 3) or f([2, 3]). */
export function sizesOf(args: readonly (number | readonly number[])[]): number[] {
  return (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
}

/** Dims of size 1 repeated to `sizes`; -1 keeps a dim, new dims may be added in front (torch.expand). */
export function expand(a: Tensor, sizesIn: readonly number[]): Tensor {
  const sizes = sizesIn.slice(), lead = sizes.length - a.ndim;
  if (lead < 0) {
    throw new ShapeError(`expand: the target ${fmt(sizesIn)} has fewer dims than the tensor ${fmt(a.shape)}; give one size per dim (-1 keeps a dim)`);
  }
  sizes.forEach((s, i) => {
    const own = i >= lead ? a.shape[i - lead] : undefined;
    if (s === -1 && own !== undefined) sizes[i] = own;
    else if (!Number.isInteger(s) || s < 0) {
      throw new ShapeError(`expand: size ${s} at dim ${i} of ${fmt(sizesIn)} is not a whole number ≥ 0${s === -1 ? " (-1 keeps an existing dim, and a new leading dim has none)" : ""}`);
    } else if (own !== undefined && own !== 1 && own !== s) {
      throw new ShapeError(`expand: the expanded size ${s} must match the existing size ${own} at dim ${i}, which is not 1 (target ${fmt(sizesIn)}, tensor ${fmt(a.shape)})`);
    }
  });
  return record("ExpandBackward0", copied(a.data, a.shape, sizes), sizes, [a], (g) => [reduceTo(g, sizes, a.shape)]);
}

/** The tensor tiled `times[d]` times along each dim d; extra leading counts add dims (torch.repeat). */
export function repeat(a: Tensor, times: readonly number[]): Tensor {
  if (times.length < a.ndim) {
    throw new ShapeError(`repeat: give at least one count per dim: ${times.length} count${times.length === 1 ? "" : "s"} for ${fmt(a.shape)}, e.g. t.repeat(${a.shape.map(() => 1).join(", ")})`);
  }
  if (times.some((t) => !Number.isInteger(t) || t < 0)) throw new RangeError(`repeat: counts must be whole numbers ≥ 0, got ${fmt(times)}`);
  const own = [...new Array<number>(times.length - a.ndim).fill(1), ...a.shape];
  // Viewed as [1, s0, 1, s1, …] broadcast to [t0, s0, t1, s1, …], the copies come out in tiled order.
  const from = own.flatMap((s) => [1, s]), to = own.flatMap((s, i) => [times[i], s]);
  const shape = own.map((s, i) => s * times[i]);
  return record("RepeatBackward0", copied(a.data, from, to), shape, [a], (g) => [reduceTo(g, to, from)]);
}

/** `x` broadcast from `from` to `to`, always in a new array (so writing into the result never reaches the input). */
function copied(x: Float32Array, from: readonly number[], to: readonly number[]): Float32Array {
  const out = broadcastTo(x, from, to);
  return out === x ? copyOf(x) : out;
}
