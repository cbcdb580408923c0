/**
 * JSON laid out for reading and for line-by-line diffs: two-space indentation, and any value
 * that fits on its line (100 columns) kept on one line, like Prettier's JSON style.
 */
const WIDTH = 100;

export function printJson(value: unknown): string {
  return print(value, 0, 0) + "\n";
}

function print(value: unknown, indent: number, prefix: number): string {
  const flat = inline(value);
  // +1 leaves room for a following comma.
  if (indent + prefix + flat.length + 1 <= WIDTH || !isContainer(value)) return flat;
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "number")) return fill(value as number[], indent);
    const rows = value.map((v) => pad + print(v, indent + 2, 0));
    return `[\n${rows.join(",\n")}\n${" ".repeat(indent)}]`;
  }
  const rows = Object.entries(value as object).map(([k, v]) => {
    const key = JSON.stringify(k) + ": ";
    return pad + key + print(v, indent + 2, key.length);
  });
  return `{\n${rows.join(",\n")}\n${" ".repeat(indent)}}`;
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) {
    const body = value.map(inline).join(", ");
    // Arrays of objects get the same inner spacing as objects, as in the documented example.
    return value.some((v) => typeof v === "object" && v !== null) ? `[ ${body} ]` : `[${body}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Long arrays of numbers: as many per line as fit, so a saved tensor stays compact. */
function fill(values: number[], indent: number): string {
  const pad = " ".repeat(indent + 2);
  const lines: string[] = [];
  let line = "";
  for (const v of values) {
    const item = JSON.stringify(v);
    if (line && pad.length + line.length + item.length + 2 > WIDTH) {
      lines.push(pad + line);
      line = "";
    }
    line += (line ? " " : "") + item + ",";
  }
  lines.push(pad + line.slice(0, -1));
  return `[\n${lines.join("\n")}\n${" ".repeat(indent)}]`;
}
