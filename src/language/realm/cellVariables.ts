import { formatWithOptions } from "node-inspect-extracted";
import { Dataset, History, Tensor, nn, optim } from "../../engine";
import { MAX_VARIABLES, MAX_VARIABLE_TEXT, type VariableInfo } from "../../protocol/variables";

/**
 * The top-level names cells declared, for the editor's variables view: every name of the script scope
 * the kernel declared (cells' declarations, and the globals aliased there; see the kernel's cellScope.ts)
 * and every own property of the cells' global object, that was not there, or held something else, before
 * the first cell ran. Described inside a run, so a value whose getter never returns stops that run, which
 * the stop button ends.
 */
export class CellVariables {
  private baseline = new Map<string | symbol, unknown>();
  /** The tensors listed last, by name: what the view may ask to draw. */
  private tensors = new Map<string, Tensor>();
  private readScope: () => Record<string, unknown> = () => ({});

  constructor(private readonly scope: Record<string, unknown>) {}

  /** Where the script scope's names are read (the kernel gives it before the first cell, and again as names are added). */
  useScope(read: () => Record<string, unknown>): void {
    this.readScope = read;
  }

  /** Every name with its value: the script scope's first, then the global object's data properties it does not shadow. */
  private values(): Map<string, unknown> {
    const out = new Map<string, unknown>(Object.entries(this.readScope()));
    for (const name of Object.getOwnPropertyNames(this.scope)) {
      if (out.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(this.scope, name);
      if (descriptor && "value" in descriptor) out.set(name, descriptor.value);
    }
    return out;
  }

  /** The value a top-level name holds, undefined when there is none. */
  value(name: string): unknown {
    return this.values().get(name);
  }

  /** Called once the cell language and the globals are installed: what is there now is not the user's. */
  takeBaseline(): void {
    for (const key of Reflect.ownKeys(this.scope)) this.baseline.set(key, Object.getOwnPropertyDescriptor(this.scope, key)?.value);
  }

  describe(): VariableInfo[] {
    const list: VariableInfo[] = [];
    this.tensors.clear();
    const values = this.values();
    for (const name of [...values.keys()].sort()) {
      if (list.length >= MAX_VARIABLES) break;
      const value: unknown = values.get(name);
      if (this.baseline.has(name) && Object.is(this.baseline.get(name), value)) continue;
      list.push(this.describeValue(name, value));
    }
    return list;
  }

  /** The tensor listed as `name`, if it is still the value of that name. */
  tensor(name: string): Tensor | undefined {
    const tensor = this.tensors.get(name);
    return tensor && this.values().get(name) === tensor ? tensor : undefined;
  }

  private describeValue(name: string, value: unknown): VariableInfo {
    try {
      if (value instanceof Tensor) {
        this.tensors.set(name, value);
        return { name, type: "Tensor", shape: [...value.shape], value: oneLine(value.toString()), inspectable: true };
      }
      if (value instanceof Dataset) return { name, type: "Dataset", shape: [...value.x.shape], value: oneLine(value.toString()) };
      if (value instanceof nn.Module) return { name, type: value.constructor.name, parameters: value.numParameters(), value: oneLine(value.toString()) };
      if (value instanceof History || value instanceof optim.Optimizer) return { name, type: value.constructor.name, value: oneLine(value.toString()) };
      if (typeof value === "function") {
        const isClass = /^class[\s{]/.test(Function.prototype.toString.call(value));
        return { name, type: isClass ? "class" : "function", value: `${isClass ? "class" : "function"} ${value.name || name}` };
      }
      if (typeof value !== "object" || value === null) {
        return { name, type: value === null ? "null" : typeof value, value: oneLine(typeof value === "string" ? JSON.stringify(value) : String(value)) };
      }
      const type = Array.isArray(value) ? "Array" : (Object.getPrototypeOf(value)?.constructor?.name ?? "Object");
      const shape = Array.isArray(value) ? [value.length] : undefined;
      return { name, type: typeof type === "string" ? type : "Object", ...(shape && { shape }), value: oneLine(formatWithOptions({ colors: false, depth: 1, breakLength: Infinity }, value)) };
    } catch (error) {
      return { name, type: "?", value: `(cannot be described: ${error instanceof Error ? error.message : String(error)})` };
    }
  }
}

/** Whitespace runs as one space, cut to what a list row shows. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_VARIABLE_TEXT ? `${flat.slice(0, MAX_VARIABLE_TEXT - 1)}…` : flat;
}
