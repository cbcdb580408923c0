// Python source text: literals, names and keyword arguments, for the code the PyTorch export writes.

const KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for from global if import in is " +
    "lambda nonlocal not or pass raise return try while with yield self torch nn F json os match case").split(" "),
);

/** camelCase → snake_case, as PyTorch spells the same name: `negativeSlope` → `negative_slope`. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Whether `name` can stand as a Python identifier of its own (a local, an attribute after a dot). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}

/** Python code to write as it is, where a value is expected. */
export class PyCode {
  constructor(readonly code: string) {}
}

/** A Python expression for a JSON-like value: numbers, strings, booleans, null, arrays, plain objects. */
export function literal(value: unknown): string {
  if (value instanceof PyCode) return value.code;
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return number(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${literal(v)}`).join(", ")}}`;
  throw new TypeError(`no Python literal for ${typeof value}`);
}

/** A number as Python reads it back to the same double. */
export function number(n: number): string {
  if (Number.isNaN(n)) return 'float("nan")';
  if (n === Infinity) return 'float("inf")';
  if (n === -Infinity) return '-float("inf")';
  if (Object.is(n, -0)) return "-0.0";
  return String(n).replace(/e\+/, "e");
}

/** `self.fc1`, `self.blocks[0]`, or getattr where a name is not an identifier: the attribute path of a module. */
export function attributePath(base: string, dotted: string): string {
  if (dotted === "") return base;
  return dotted.split(".").reduce((expr, part) => (/^\d+$/.test(part) ? `${expr}[${part}]` : isIdentifier(part) ? `${expr}.${part}` : `getattr(${expr}, ${JSON.stringify(part)})`), base);
}

/** `self.name = value`, or setattr where the name is not an identifier. */
export function assignAttribute(name: string, value: string): string {
  return isIdentifier(name) ? `self.${name} = ${value}` : `setattr(self, ${JSON.stringify(name)}, ${value})`;
}

/** Keyword arguments `a=1, b=True` from the entries whose value is not undefined, names in snake_case. */
export function keywords(entries: Record<string, unknown>, value: (v: unknown) => string = literal): string[] {
  return Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${snake(k)}=${value(v)}`);
}

/** A class name Python accepts, from a JavaScript one. */
export function className(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, "_");
  return isIdentifier(cleaned) ? cleaned : `${cleaned}_`;
}
