// The `live` option of `train`: which views the host draws while training runs. Checked before the first
// step, so a typo or a view that cannot apply is an error at once, not a crash (or nothing) mid-way.
import type { Module } from "../nn/module";
import type { Dataset } from "../data/dataset";
import { closestName } from "../closestName";

/** What training records, as far as a live view needs to know: views drawn from snapshots need them kept. */
export interface LiveRecording {
  weights: boolean;
  gradients: boolean;
}

/** The views a host can draw live: their names, and why one of them cannot draw for a model and data set. */
export interface LiveViews {
  names: readonly string[];
  /** Why view `name` cannot be drawn for `model` trained on `dataset`, recording `recording`; undefined when it can. */
  problem(name: string, model: Module, dataset: Dataset, recording: LiveRecording): string | undefined;
}

/**
 * The view names `live` asks for: `true` (the default) is the loss curve, `false` none. Without a host
 * (`views` undefined) nothing is drawn, so the names are not checked against any list.
 */
export function resolveLive(live: unknown, model: Module, dataset: Dataset, views: LiveViews | undefined, recording: LiveRecording = { weights: true, gradients: true }): string[] {
  if (live === undefined || live === true) return ["loss"];
  if (live === false) return [];
  if (!Array.isArray(live) || live.some((name) => typeof name !== "string")) {
    throw new TypeError(`train: live must be true, false or a list of view names such as ["loss", "boundary"], not ${describe(live)}`);
  }
  const names = live as string[];
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) throw new RangeError(`train: live names "${name}" twice; each view is drawn once`);
  });
  if (!views) return [...names];
  for (const name of names) {
    if (!views.names.includes(name)) {
      const guess = closestName(name, views.names);
      throw new RangeError(`train: live: unknown view "${name}"; ${guess ? `did you mean "${guess}"? ` : ""}The live views are ${views.names.map((n) => `"${n}"`).join(", ")}`);
    }
    const problem = views.problem(name, model, dataset, recording);
    if (problem) throw new RangeError(`train: live view "${name}" cannot be drawn for this model and data: ${problem}`);
  }
  return [...names];
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return "a list with something other than names in it";
  return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
