import type { CodePayload } from "../payloads";
import { object, oneOf, string, version } from "./check";

export function readCode(value: unknown): CodePayload {
  const p = object(value, "");
  version(p, "code", 1);
  return { version: 1, language: oneOf(p.language, "language", ["python"] as const), code: string(p.code, "code"), title: string(p.title, "title") };
}
