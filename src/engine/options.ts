// Options objects of the engine and the views: each key known and of its type, so a typo is an error that says
// which key was meant, not an option silently ignored.
import { closestName } from "./closestName";

/** What an option may hold; "values" (numbers per point) and "checked" are checked by the view that takes them. */
export type OptionKind = "string" | "boolean" | "strings" | "count" | "values" | "checked";

const EXPECTED: Record<OptionKind, string> = {
  string: "a string",
  boolean: "true or false",
  strings: "a list of strings",
  count: "a whole number ≥ 1",
  values: "a tensor or a list of numbers",
  checked: "",
};

/** Checks `options` of `fn` against the keys it knows, and returns it typed. */
export function checkOptions<T extends object>(fn: string, options: T | undefined, known: Record<keyof T & string, OptionKind>): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: the options must be an object such as { ${Object.keys(known)[0]}: … }, not ${describe(options)}`);
  }
  const names = Object.keys(known);
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(known, key)) {
      const guess = closestName(key, names, 2);
      const hint = guess ? `did you mean "${guess}"? ` : "";
      throw new TypeError(`${fn}: unknown option "${key}"; ${hint}The options are ${names.join(", ")}`);
    }
    if (value !== undefined && !fits(known[key as keyof T & string], value)) {
      throw new TypeError(`${fn}: ${key} must be ${EXPECTED[known[key as keyof T & string]]}, not ${describe(value)}`);
    }
  }
  return options;
}

function fits(kind: OptionKind, value: unknown): boolean {
  if (kind === "string") return typeof value === "string";
  if (kind === "boolean") return typeof value === "boolean";
  if (kind === "strings") return Array.isArray(value) && value.every((v) => typeof v === "string");
  if (kind === "checked") return true;
  if (kind === "count") return typeof value === "number" && Number.isInteger(value) && value >= 1;
  return typeof value === "object" && value !== null;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 30 ? value.slice(0, 30) + "…" : value);
  if (value === null || typeof value !== "object") return String(value);
  return "an object";
}
