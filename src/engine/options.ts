// Options objects of the engine and the views: each key known and of its type, so a typo is an error that says
// which key was meant, not an option silently ignored.
import { closestName } from "./closestName";

/**
 * What an option may hold. "values" (numbers per point) and "checked" are checked further by the function that
 * takes them; a list of strings is one of those strings exactly (`["mean", "sum", "none"]`).
 */
export type OptionKind =
  | "string" | "boolean" | "strings" | "count" | "values" | "checked"
  | "number" | "positive" | "nonNegative" | "probability" | "integer" | "index" | "numbers" | "function"
  | readonly string[];

const EXPECTED: Record<Exclude<OptionKind, readonly string[]>, string> = {
  string: "a string",
  boolean: "true or false",
  strings: "a list of strings",
  count: "a whole number ≥ 1",
  values: "a tensor or a list of numbers",
  checked: "",
  number: "a finite number",
  positive: "a number > 0",
  nonNegative: "a number ≥ 0",
  probability: "a number from 0 to 1",
  integer: "a whole number",
  index: "a whole number ≥ 0",
  numbers: "a list of finite numbers",
  function: "a function",
};

function expected(kind: OptionKind): string {
  return typeof kind === "string" ? EXPECTED[kind] : `one of ${kind.map((k) => JSON.stringify(k)).join(", ")}`;
}

/** PyTorch's snake_case name in our camelCase: `step_size` → `stepSize`, `T_max` → `tMax`. */
function camelCase(key: string): string {
  const parts = key.split("_").filter((p) => p !== "");
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1))).join("");
}

/** Checks `options` of `fn` against the keys it knows, and returns it typed. */
export function checkOptions<T extends object>(fn: string, options: T | undefined, known: Record<keyof T & string, OptionKind>): Partial<T> {
  if (options === undefined) return {};
  const names = Object.keys(known);
  if (names.length === 0) {
    // A function with no options at all: anything given would otherwise be silently ignored.
    const given = typeof options === "object" && options !== null && !Array.isArray(options) ? Object.keys(options) : null;
    if (given?.length === 0) return options;
    throw new TypeError(`${fn} takes no options, not ${given ? `{ ${given.join(", ")} }` : describe(options)}`);
  }
  const proto = typeof options === "object" && options !== null ? Object.getPrototypeOf(options) : undefined;
  // A tensor or a module where the options go is a misplaced argument, not options with strange keys.
  if (typeof options !== "object" || options === null || Array.isArray(options) || (proto !== Object.prototype && proto !== null)) {
    throw new TypeError(`${fn}: the options must be an object such as { ${names[0]}: … }, not ${describe(options)}`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(known, key)) {
      const camel = camelCase(key);
      const lower = key.toLowerCase();
      // PyTorch's name in camelCase, a typo, or a word cut short or bent (`reduce` for `reduction`).
      const guess = names.includes(camel) ? camel : (closestName(key, names, 2) ?? names.find((n) => sharedPrefix(lower, n.toLowerCase()) >= Math.max(4, lower.length - 2)));
      const hint = guess ? `did you mean "${guess}"? The options are` : "the options are";
      throw new TypeError(`${fn}: unknown option "${key}"; ${hint} ${names.join(", ")}`);
    }
    if (value !== undefined && !fits(known[key as keyof T & string], value)) {
      throw new TypeError(`${fn}: ${key} must be ${expected(known[key as keyof T & string])}, not ${describe(value)}`);
    }
  }
  return options;
}

/**
 * A setting PyTorch takes positionally that may also come as an option: `nn.LeakyReLU(0.2)` or
 * `nn.LeakyReLU({ negativeSlope: 0.2 })`; checked either way, `fallback` when not given.
 */
export function positionalOrOption<V>(fn: string, arg: unknown, key: string, kind: OptionKind, fallback: V): V {
  if (arg === undefined) return fallback;
  if (typeof arg === "object" && arg !== null && !Array.isArray(arg)) {
    const value = (checkOptions(fn, arg, { [key]: kind }) as Record<string, unknown>)[key];
    return value === undefined ? fallback : (value as V);
  }
  return checkArgument(fn, key, arg, kind);
}

/** A positional argument of `fn` checked as an option of that kind would be: `Conv2d: inChannels must be a whole number ≥ 1, not 0`. */
export function checkArgument<V>(fn: string, name: string, value: unknown, kind: OptionKind): V {
  if (!fits(kind, value)) throw new TypeError(`${fn}: ${name} must be ${expected(kind)}, not ${describe(value)}`);
  return value as V;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/** Throws, naming the option and an example, when one that has no default is missing. */
export function requireOptions(fn: string, options: object | undefined, keys: Record<string, string>): void {
  for (const [key, example] of Object.entries(keys)) {
    if ((options as Record<string, unknown> | undefined)?.[key] === undefined) throw new TypeError(`${fn}: the option ${key} is required, e.g. { ${key}: ${example} }`);
  }
}

function fits(kind: OptionKind, value: unknown): boolean {
  if (typeof kind !== "string") return typeof value === "string" && kind.includes(value);
  const finite = typeof value === "number" && Number.isFinite(value);
  if (kind === "number") return finite;
  if (kind === "positive") return finite && (value as number) > 0;
  if (kind === "nonNegative") return finite && (value as number) >= 0;
  if (kind === "probability") return finite && (value as number) >= 0 && (value as number) <= 1;
  if (kind === "integer") return finite && Number.isInteger(value);
  if (kind === "index") return finite && Number.isInteger(value) && (value as number) >= 0;
  if (kind === "numbers") return Array.isArray(value) && value.every((v) => typeof v === "number" && Number.isFinite(v));
  if (kind === "function") return typeof value === "function";
  if (kind === "string") return typeof value === "string";
  if (kind === "boolean") return typeof value === "boolean";
  if (kind === "strings") return Array.isArray(value) && value.every((v) => typeof v === "string");
  if (kind === "checked") return true;
  if (kind === "count") return typeof value === "number" && Number.isInteger(value) && value >= 1;
  return typeof value === "object" && value !== null;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  // An instance is named by its class; a module is a function (it is called as model(x)) and is named so too.
  const kind = className(value);
  if (kind) return `a ${kind}`;
  if (typeof value === "function") return "a function";
  if (typeof value === "string") return JSON.stringify(value.length > 30 ? value.slice(0, 30) + "…" : value);
  if (value === null || typeof value !== "object") return String(value);
  return "an object";
}

/** The class of an object or a callable instance, or undefined for a plain object, a plain function or a primitive. */
function className(value: unknown): string | undefined {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  const proto = Object.getPrototypeOf(value);
  if (!proto || proto === Object.prototype || proto === Function.prototype) return undefined;
  return (proto.constructor as { name?: string } | undefined)?.name || undefined;
}
