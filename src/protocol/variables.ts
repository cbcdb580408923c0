/** One top-level name of a kernel, as the variables view lists it. */
export interface VariableInfo {
  name: string;
  /** "Tensor", "Dataset", "Sequential", "number", "function", "Array", … */
  type: string;
  /** Tensors, and a dataset's x. */
  shape?: number[];
  /** A module's parameter count. */
  parameters?: number;
  /** A short text of the value, one line. */
  value: string;
  /** A tensor: the view can draw it as `show.tensor` does. */
  inspectable?: boolean;
}

/** At most this many names are listed, each text at most this long: a kernel's answer stays small. */
export const MAX_VARIABLES = 500;
export const MAX_VARIABLE_TEXT = 200;

/**
 * The variables a kernel reported, checked: the kernel runs user code, so its answer is read as
 * untrusted (wrong fields dropped, texts cut), never trusted.
 */
export function readVariables(raw: unknown): VariableInfo[] {
  if (!Array.isArray(raw)) return [];
  const text = (v: unknown) => (typeof v === "string" ? v.slice(0, MAX_VARIABLE_TEXT) : undefined);
  const list: VariableInfo[] = [];
  for (const entry of raw.slice(0, MAX_VARIABLES)) {
    if (typeof entry !== "object" || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const name = text(e.name), type = text(e.type), value = text(e.value);
    if (!name || type === undefined || value === undefined) continue;
    const info: VariableInfo = { name, type, value };
    if (Array.isArray(e.shape) && e.shape.length <= 16 && e.shape.every((d) => Number.isInteger(d) && d >= 0)) info.shape = e.shape as number[];
    if (Number.isInteger(e.parameters) && (e.parameters as number) >= 0) info.parameters = e.parameters as number;
    if (e.inspectable === true) info.inspectable = true;
    list.push(info);
  }
  return list;
}
