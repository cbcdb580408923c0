// PyTorch's state_dict: every parameter and buffer of a module tree under PyTorch's keys, and loading one back,
// strict by default, with PyTorch's messages for keys that do not fit.
import { Tensor } from "../tensor";
import { fmt, sameShape } from "../shape";
import { noGrad } from "../autograd";

/** What a state dict may hold per key: a tensor, `{ shape, data }` (JSON) or nested arrays / a number. */
export type StateValue = Tensor | { shape: number[]; data: ArrayLike<number> } | number | readonly unknown[];

/** What `loadStateDict` reports when not strict (PyTorch's `missing_keys`, `unexpected_keys`). */
export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** A buffer's field name as PyTorch writes its key: `runningMean` → `running_mean`. */
export function stateKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The values of `value` as a flat list with its shape, or a message saying what it is not. */
function valuesOf(value: StateValue): { shape: number[]; data: ArrayLike<number> } | string {
  if (value instanceof Tensor) return { shape: value.shape, data: value.data };
  if (typeof value === "number") return { shape: [], data: [value] };
  if (Array.isArray(value)) {
    const shape: number[] = [];
    for (let level: unknown = value; Array.isArray(level); level = level[0]) shape.push(level.length);
    const data = (value as unknown[]).flat(Infinity);
    if (!data.every((v) => typeof v === "number")) return "nested arrays of numbers";
    return data.length === shape.reduce((a, b) => a * b, 1) ? { shape, data: data as number[] } : "a rectangular array";
  }
  if (typeof value === "object" && value !== null && Array.isArray((value as { shape?: unknown }).shape) && (value as { data?: unknown }).data !== undefined) {
    return value as { shape: number[]; data: ArrayLike<number> };
  }
  return "a tensor, { shape, data } or nested arrays of numbers";
}

/**
 * Copies `state` into `targets` (key → the module's tensor). Strict: every key of both must match, as PyTorch's
 * `load_state_dict(strict=True)`; otherwise the keys that did not are returned. Shapes must agree either way.
 */
export function loadInto(owner: string, targets: Map<string, Tensor>, state: Record<string, StateValue>, strict: boolean): LoadResult {
  if (typeof state !== "object" || state === null) throw new TypeError(`loadStateDict: expected an object of tensors by name, such as net.stateDict(), not ${String(state)}`);
  const missingKeys = [...targets.keys()].filter((k) => !Object.hasOwn(state, k));
  const unexpectedKeys = Object.keys(state).filter((k) => !targets.has(k));
  if (strict && (missingKeys.length || unexpectedKeys.length)) {
    const parts = [
      missingKeys.length ? `Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(", ")}.` : "",
      unexpectedKeys.length ? `Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}.` : "",
    ].filter(Boolean);
    throw new Error(`Error(s) in loading state_dict for ${owner}: ${parts.join(" ")} Its keys are ${[...targets.keys()].join(", ")}`);
  }
  const checked: [Tensor, ArrayLike<number>][] = [];
  for (const [key, target] of targets) {
    if (!Object.hasOwn(state, key)) continue;
    const got = valuesOf(state[key]);
    if (typeof got === "string") throw new TypeError(`loadStateDict: "${key}" must be ${got}`);
    // PyTorch keeps a batch count as a 0-d tensor; a count saved as [1] is the same number.
    const scalar = target.numel() === 1 && got.data.length === 1;
    if (!scalar && !sameShape(target.shape, got.shape)) {
      throw new Error(`Error(s) in loading state_dict for ${owner}: size mismatch for ${key}: copying a param with shape ${fmt(got.shape)} from checkpoint, the shape in current model is ${fmt(target.shape)}.`);
    }
    checked.push([target, got.data]);
  }
  // Nothing is copied until every key fits, so a failed load leaves the module as it was.
  noGrad(() => {
    for (const [target, data] of checked) for (let i = 0; i < target.data.length; i++) target.data[i] = Number(data[i]);
  });
  return { missingKeys, unexpectedKeys };
}
