/**
 * Checks for payloads read back from outputs, which may come from a file anyone wrote. Each check
 * returns the value typed, or throws a `PayloadError` naming the field and what is wrong with it.
 */

export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PayloadError";
  }
}

export type Fields = Record<string, unknown>;

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 30 ? value.slice(0, 30) + "…" : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return typeof value === "object" ? "an object" : String(typeof value);
}

function fail(path: string, expected: string, value: unknown): never {
  throw new PayloadError(`${path || "the payload"} must be ${expected}, not ${describe(value)}`);
}

export function object(value: unknown, path: string): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, "an object", value);
  return value as Fields;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== "string") fail(path, "a string", value);
  return value;
}

export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(path, "true or false", value);
  return value;
}

export function finite(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(path, "a number", value);
  return value;
}

/** A count or size: a whole number from 0. */
export function count(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) fail(path, "a whole number from 0", value);
  return value;
}

const NON_FINITE = ["NaN", "Infinity", "-Infinity"];

/** A value written by `jsonNumber`: a number, or one of the strings JSON has no number for. */
export function jsonNumber(value: unknown, path: string): number | string {
  if (typeof value === "number" || (typeof value === "string" && NON_FINITE.includes(value))) return value;
  return fail(path, `a number or one of ${NON_FINITE.map((s) => `"${s}"`).join(", ")}`, value);
}

export function oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (!options.includes(value as T)) fail(path, `one of ${options.map((o) => `"${o}"`).join(", ")}`, value);
  return value as T;
}

export function array<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) fail(path, "an array", value);
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

/** `path.key` for the messages: "rows[2].equation". */
export function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * The payload's version, which must be the one this reader knows: a payload whose fields meant something
 * else (a summary's equations were HTML in version 1) is never read as if it were the current one.
 */
export function version(fields: Fields, what: string, reads: number): void {
  const v = fields.version;
  if (v === reads) return;
  if (typeof v !== "number") fail("version", `the ${what} payload's version number`, v);
  const advice = v < reads ? "it was saved by an older nnbook: run the cell again to draw it" : "it was written by a newer nnbook: update the extension";
  throw new PayloadError(`this ${what} is payload version ${v}, and this nnbook reads version ${reads}; ${advice}`);
}
