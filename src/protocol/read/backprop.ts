import { MAX_BACKPROP_STEPS, type BackpropPayload, type BackpropStep } from "../backpropPayload";
import { PayloadError, array, at, count, jsonNumber, object, oneOf, string, version } from "./check";

export function readBackprop(value: unknown): BackpropPayload {
  const p = object(value, "");
  version(p, "backprop walk-through", 1);
  const steps = array(p.steps, "steps", readStep);
  if (steps.length === 0 || steps.length > MAX_BACKPROP_STEPS) {
    throw new PayloadError(`steps must hold from 1 to ${MAX_BACKPROP_STEPS} steps, not ${steps.length}`);
  }
  steps.forEach((step, i) =>
    step.uses.forEach((used, k) => {
      if (used >= i) throw new PayloadError(`steps[${i}].uses[${k}] must be an earlier step than ${i}, not ${used}`);
    }),
  );
  return { version: 1, title: string(p.title, "title"), note: string(p.note, "note"), steps };
}

function readStep(value: unknown, path: string): BackpropStep {
  const s = object(value, path);
  return {
    phase: oneOf(s.phase, at(path, "phase"), ["forward", "loss", "backward"] as const),
    place: string(s.place, at(path, "place")),
    tex: string(s.tex, at(path, "tex")),
    text: string(s.text, at(path, "text")),
    result: array(s.result, at(path, "result"), jsonNumber),
    uses: array(s.uses, at(path, "uses"), count),
  };
}
