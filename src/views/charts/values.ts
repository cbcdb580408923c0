import { Tensor } from "../../engine";

/** What a chart takes as one list of numbers: a tensor or a plain array. */
export type Values = Tensor | readonly number[];

/**
 * The numbers of `value` (argument `name` of `fn`), checked finite: a NaN or an infinity is an error that
 * says where it is, since a chart would silently leave it out.
 */
export function numbers(fn: string, name: string, value: unknown): number[] {
  let out: number[];
  if (value instanceof Tensor) {
    // A column [n, 1] or a row [1, n] (a dataset's targets) is a list of values too.
    if (value.shape.filter((d) => d !== 1).length > 1) throw new TypeError(`${fn}: ${name} must be 1-D, not a tensor of shape [${value.shape.join(", ")}]; flatten it with .flatten()`);
    out = Array.from(value.data);
  } else if (Array.isArray(value)) {
    out = value as number[];
  } else {
    throw new TypeError(`${fn}: ${name} must be a tensor or a list of numbers, not ${value === null ? "null" : typeof value}`);
  }
  finiteAll(fn, name, out);
  return out;
}

export function finiteAll(fn: string, name: string, values: ArrayLike<unknown>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") throw new TypeError(`${fn}: ${name}[${i}] must be a number, not ${typeof v}`);
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name}[${i}] is ${v}; a chart needs finite numbers (drop or replace it first)`);
  }
}

export function sameLength(fn: string, name: string, length: number, other: string, otherLength: number): void {
  if (length !== otherLength) {
    throw new RangeError(`${fn}: ${name} has ${length} values and ${other} has ${otherLength}; they need one value each per point`);
  }
}

/** A refused size, said with thousands separated. */
export function tooMany(fn: string, what: string, n: number, max: number, advice: string): RangeError {
  const fmt = (v: number) => v.toLocaleString("en-US");
  return new RangeError(`${fn}: ${fmt(n)} ${what} are more than the ${fmt(max)} it draws; ${advice}`);
}
