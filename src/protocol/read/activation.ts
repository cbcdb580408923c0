import type { ActivationPayload } from "../payloads";
import { array, finite, jsonNumber, object, PayloadError, string, version } from "./check";

export function readActivation(value: unknown): ActivationPayload {
  const p = object(value, "");
  version(p, "activation chart", 1);
  const payload: ActivationPayload = {
    version: 1,
    name: string(p.name, "name"),
    title: string(p.title, "title"),
    tex: string(p.tex, "tex"),
    derivativeTex: string(p.derivativeTex, "derivativeTex"),
    x: array(p.x, "x", finite),
    y: array(p.y, "y", jsonNumber),
    dy: array(p.dy, "dy", jsonNumber),
  };
  for (const key of ["y", "dy"] as const) {
    if (payload[key].length !== payload.x.length) throw new PayloadError(`${key} must have one value per x (${payload.x.length}), not ${payload[key].length}`);
  }
  return payload;
}
