// A module class of the user's own, saved as Python's pickle saves one (torch.save(model)): its class by name,
// its fields and its members, and rebuilt without running its constructor (which would draw new weights, and
// may take arguments the file does not know): the class is looked up by name where the cells defined it.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { Module } from "./module";
import { ParameterTensor } from "./parameter";

/** What a module of the user's class holds besides its sub-modules, in the order it was assigned. */
export interface CustomJSON {
  /** Its registered members (sub-modules, lists of them, parameters) by field name, in PyTorch's order. */
  members: string[];
  /** Its parameters: name, shape, and whether it is trained. */
  parameters: [string, number[], boolean][];
  /** Its buffers: name and shape (their values are in the state). */
  buffers: [string, number[]][];
  /** Every other field, as JSON; a tensor that is neither as `{ $tensor: { shape, data } }`, undefined as `{ $undefined: true }`. */
  fields: Record<string, unknown>;
}

/** A class of the user's own is found by name: the host (the cells' realm) says where. */
let findClass: (name: string) => unknown = () => undefined;

/** Called by the host: how a class of the cells is found by its name. */
export function setClassFinder(find: (name: string) => unknown): void {
  findClass = find;
}

interface Members {
  members(): [string, Module | ParameterTensor][];
}

/** The parts of `m`, a module of the user's class, for its entry in the architecture. `where` names it in errors. */
export function customParts(m: Module, where: string): CustomJSON {
  const name = m.constructor.name;
  if (!name) throw new Error(`save: ${where} is a module of a class without a name, which cannot be found again to load it; give the class a name`);
  const members = (m as unknown as Members).members();
  const memberNames = [...new Set(members.map(([key]) => key.split(".")[0]))];
  const buffers = m.namedBuffers().filter(([key]) => !key.includes("."));
  const skip = new Set<string>([...memberNames, ...buffers.map(([key]) => key), "training"]);
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(m)) {
    if (skip.has(key)) continue;
    fields[key] = field((m as unknown as Record<string, unknown>)[key], `${where}.${key}`);
  }
  return {
    members: memberNames,
    parameters: members.filter((e): e is [string, ParameterTensor] => e[1] instanceof ParameterTensor).map(([key, p]) => [key, p.shape.slice(), p.requiresGrad]),
    buffers: buffers.map(([key, t]) => [key, t.shape.slice()]),
    fields,
  };
}

/** A field's value as JSON, or an error naming it when a file cannot hold it. */
function field(value: unknown, where: string): unknown {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`save: ${where} is ${value}, which a saved model cannot hold; set it to a finite number or null`);
    return value;
  }
  if (value instanceof Tensor) return { $tensor: value.toJSON() };
  if (Array.isArray(value)) return value.map((v, i) => field(v, `${where}[${i}]`));
  if (typeof value === "object" && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    if (Object.values(value).some((v) => v instanceof Module)) {
      throw new Error(`save: ${where} holds a module inside an object, where neither parameters() nor save see it; make it a field of its own or an nn.ModuleList`);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, field(v, `${where}.${k}`)]));
  }
  const kind = typeof value === "function" ? "a function" : `a ${(value as object).constructor?.name ?? "object"}`;
  throw new Error(
    `save: ${where} is ${kind}, which a saved model cannot hold (it holds numbers, strings, arrays, tensors and layers); compute it in forward or in a method instead`,
  );
}

function unfield(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unfield);
  if (typeof value === "object" && value !== null) {
    const tagged = value as { $undefined?: true; $tensor?: { shape: number[]; data: number[] } };
    if (tagged.$undefined === true) return undefined;
    if (tagged.$tensor) {
      const data = alloc(tagged.$tensor.data.length);
      data.set(tagged.$tensor.data);
      return new Tensor(data, tagged.$tensor.shape);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unfield(v)]));
  }
  return value;
}

/**
 * A module of the class `type` with the saved parts and `children` (by their member names, `blocks.0` for a
 * list), made without its constructor; the weights are zeros until the state is loaded into it.
 */
export function rebuildCustom(type: string, parts: CustomJSON, children: [string, Module][]): Module {
  const cls = findClass(type);
  if (typeof cls !== "function" || !(cls.prototype instanceof Module)) {
    throw new Error(
      `load: the model is a ${type}, a module class of your own, and ${cls === undefined ? `no class ${type} is defined in this kernel` : `${type} here is not an nn.Module class`}: ` +
        `run the cell that defines class ${type} extends nn.Module { … }, then load again`,
    );
  }
  // Module's constructor alone, for an instance of the class: what Python's pickle does with __reduce__.
  const m = Reflect.construct(Module, [], cls) as Module;
  const target = m as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(parts.fields)) target[key] = unfield(value);
  const byName = new Map(children);
  const params = new Map(parts.parameters.map(([key, shape, grad]) => [key, new ParameterTensor(new Tensor(alloc(count(shape)), shape), grad)]));
  for (const key of parts.members) {
    if (byName.has(key)) target[key] = byName.get(key);
    else if (params.has(key)) target[key] = params.get(key);
    else target[key] = children.filter(([name]) => name.startsWith(`${key}.`)).map(([, child]) => child);
  }
  for (const [key, shape] of parts.buffers) (m as unknown as { registerBuffer(n: string, t: Tensor): void }).registerBuffer(key, new Tensor(alloc(count(shape)), shape));
  return m;
}

function count(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
