import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { broadcastShapes } from "../shape";
import { expand } from "../backend/broadcast";

/** A number operand becomes a scalar tensor (rounded to float32, as torch does). */
export function asTensor(x: Tensor | number): Tensor {
  if (x instanceof Tensor) return x;
  const d = alloc(1);
  d[0] = x;
  return new Tensor(d, []);
}

/** Both operands of a binary op, expanded to their common broadcast shape. */
export function broadcastPair(op: string, a: Tensor, b: Tensor): { x: Float32Array; y: Float32Array; shape: number[] } {
  const shape = broadcastShapes(op, a.shape, b.shape);
  return { x: expand(a.data, a.shape, shape), y: expand(b.data, b.shape, shape), shape };
}
