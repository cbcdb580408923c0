// An ONNX graph as it is built: nodes in order, initializers (the weights, under their state_dict keys), and
// names made unique. Values are float32 unless said; attributes are written with their ONNX types.
import type { AttributeProto, NodeProto, TensorProto } from "./onnxProto";

export const FLOAT = 1, INT64 = 7, BOOL = 9;

/** An attribute's value: a number is an int unless `float` wraps it; arrays of ints; a string; a tensor. */
export type Attribute = number | { float: number } | number[] | { floats: number[] } | string | { tensor: TensorProto };

export class OnnxGraph {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly used = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** A name not used yet, from `base`. */
  fresh(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_.\/:-]/g, "_") || "t";
    let name = clean;
    for (let i = 1; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves `name` as it is (a graph input, a weight under its state_dict key). */
  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`exportOnnx: the name ${name} is used twice`);
    this.used.add(name);
    return name;
  }

  /** A float32 initializer from `values` of `shape`, under `name` (made unique when given as a base). */
  weight(name: string, shape: readonly number[], values: ArrayLike<number>, exact = false): string {
    const n = exact ? this.reserve(name) : this.fresh(name);
    const data = Float32Array.from(values as ArrayLike<number>);
    this.initializers.push({ name: n, dims: [...shape], dataType: FLOAT, rawData: new Uint8Array(data.buffer) });
    return n;
  }

  /** A constant int64 tensor (shapes, axes, indices), shared by every node that needs the same one. */
  ints(values: readonly number[], shape: readonly number[] = [values.length]): string {
    const key = `i64:${shape.join("x")}:${values.join(",")}`;
    const known = this.constants.get(key);
    if (known) return known;
    const n = this.fresh("const_i64");
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name: n, dims: [...shape], dataType: INT64, rawData: new Uint8Array(data.buffer) });
    this.constants.set(key, n);
    return n;
  }

  /** A constant float32 scalar (or tensor), shared likewise. */
  floats(values: readonly number[], shape: readonly number[] = []): string {
    const key = `f32:${shape.join("x")}:${values.join(",")}`;
    const known = this.constants.get(key);
    if (known) return known;
    const n = this.weight("const", shape, values);
    this.constants.set(key, n);
    return n;
  }

  /** Adds a node and returns its first output's name (`outputs` more when asked). */
  node(op: string, inputs: string[], attributes: Record<string, Attribute | undefined> = {}, outputs = 1, base = op.toLowerCase()): string {
    return this.nodeOutputs(op, inputs, attributes, outputs, base)[0];
  }

  nodeOutputs(op: string, inputs: string[], attributes: Record<string, Attribute | undefined> = {}, outputs = 1, base = op.toLowerCase()): string[] {
    const names = Array.from({ length: outputs }, (_, i) => this.fresh(outputs === 1 ? base : `${base}_out${i}`));
    const attribute = Object.entries(attributes)
      .filter((e): e is [string, Attribute] => e[1] !== undefined)
      .map(([name, value]) => attributeProto(name, value));
    this.nodes.push({ name: this.fresh(`${op}_node`), opType: op, input: inputs, output: names, attribute });
    return names;
  }
}

function attributeProto(name: string, value: Attribute): AttributeProto {
  if (typeof value === "number") return { name, type: 2, i: value };
  if (typeof value === "string") return { name, type: 3, s: latin1(value) };
  if (Array.isArray(value)) return { name, type: 7, ints: value };
  if ("float" in value) return { name, type: 1, f: value.float };
  if ("floats" in value) return { name, type: 6, floats: value.floats };
  return { name, type: 4, t: value.tensor };
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
