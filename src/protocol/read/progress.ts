import { count, object, PayloadError } from "./check";

/** A live view's `progress`: epochs done of the total. */
export function progress(value: unknown): { done: number; total: number } {
  const p = object(value, "progress");
  const out = { done: count(p.done, "progress.done"), total: count(p.total, "progress.total") };
  if (out.done > out.total) throw new PayloadError(`progress.done must be at most progress.total (${out.total}), not ${out.done}`);
  return out;
}
