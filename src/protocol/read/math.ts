import type { MathPayload } from "../payloads";
import { object, string, version } from "./check";

export function readMath(value: unknown): MathPayload {
  const p = object(value, "");
  version(p, "math", 1);
  return { version: 1, tex: string(p.tex, "tex") };
}
