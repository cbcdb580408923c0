// In-place writes that do not come from an out-of-place op: a constant, another tensor's values, random draws.
import { Tensor } from "../tensor";
import { broadcastShapes } from "../shape";
import { expand } from "../backend/broadcast";
import { defaultGenerator } from "../random";
import { assign, checkInPlace } from "./inplace";

/** Every element of `t` set to `value` (fill_, zero_). */
export function fill<T extends Tensor>(op: string, t: T, value: number): T {
  if (typeof value !== "number") throw new TypeError(`${op}: the value must be a number, got ${typeof value}; to copy a tensor in use copy_(src)`);
  checkInPlace(op, t);
  t.data.fill(value);
  return t;
}

/** `src` broadcast to t's shape, copied into t (copy_). */
export function copyInto<T extends Tensor>(t: T, src: Tensor): T {
  if (!(src instanceof Tensor)) throw new TypeError(`copy_: the source must be a Tensor, got ${typeof src}; for a number use fill_(value)`);
  return assign("copy_", t, [src], () => {
    const shape = broadcastShapes("copy_", src.shape, t.shape);
    return new Tensor(expand(src.data, src.shape, shape), shape);
  });
}

/** Draws from N(mean, std²) by the default (seeded) generator (normal_). */
export function fillNormal<T extends Tensor>(t: T, mean: number, std: number): T {
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) throw new RangeError(`normal_: expects a finite mean and std ≥ 0, got mean ${mean}, std ${std}`);
  checkInPlace("normal_", t);
  const g = defaultGenerator(), d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = mean + std * g.normal();
  return t;
}

/** Draws from U[a, b) by the default (seeded) generator (uniform_). */
export function fillUniform<T extends Tensor>(t: T, a: number, b: number): T {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a > b) throw new RangeError(`uniform_: expects finite bounds with a ≤ b, got a ${a}, b ${b}`);
  checkInPlace("uniform_", t);
  const g = defaultGenerator(), d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = a + (b - a) * g.uniform();
  return t;
}
