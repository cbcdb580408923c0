// Single elements by position: reading one as a number, writing one in place.
import { type Tensor } from "../tensor";
import { normIndex } from "./slice";
import { checkInPlace } from "./inplace";

/** The offset in `data` of the element at `position`, one whole-number index per dim (negative counts from the end). */
export function offsetOf(op: string, t: Tensor, position: readonly number[]): number {
  if (position.length !== t.ndim) {
    const example = t.shape.map(() => 0).join(", ");
    throw new RangeError(
      `${op}: give one index per dim: ${position.length} for a tensor of shape [${t.shape.join(",")}] (${t.ndim} dims), e.g. t.${op}(${op === "set" ? `[${example}], value` : example})` +
        (op === "get" && position.length < t.ndim ? "; for a slice use t.at(i) or t.select(dim, i)" : ""),
    );
  }
  let offset = 0;
  position.forEach((i, d) => (offset = offset * t.shape[d] + normIndex(op, i, d, t.shape[d])));
  return offset;
}

/** Write `value` at `position` (a number for a 1-D tensor) in place, by the rules of every in-place op. */
export function setElement(t: Tensor, position: number | readonly number[], value: number): void {
  if (typeof value !== "number") throw new TypeError(`set: the value must be a number, got ${typeof value}; to write a tensor into a part use narrow(…).copy_(src) inside noGrad`);
  const offset = offsetOf("set", t, typeof position === "number" ? [position] : position);
  checkInPlace("set", t);
  t.data[offset] = value;
}
