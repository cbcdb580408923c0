// A model as an ONNX ModelProto: followed on the sample input (layers whole, attention and Sequential op by op),
// each call lowered to nodes, the weights as initializers under their state_dict keys.
import { Tensor } from "../../engine/tensor";
import { Module } from "../../engine/nn/module";
import { Sequential } from "../../engine/nn/sequential";
import { MultiheadAttention } from "../../engine/nn/attention";
import { ModuleList } from "../../engine/nn/moduleList";
import { ValuesIndices } from "../../engine/ops/extremes";
import { stateKey } from "../../engine/nn/stateDict";
import { builtInKind } from "../../engine/nn/serialize";
import { traceForward, type ModuleTrace } from "../trace";
import { FLOAT, OnnxGraph } from "./onnxGraph";
import { lowerLayer } from "./onnxLayers";
import { lowerCall, type Names } from "./onnxOps";
import type { Lowering } from "./lowering";
import type { ModelProto, ValueInfoProto } from "./onnxProto";

/** The opset the export writes: LayerNormalization is in it, and ONNX Runtime and onnx 1.12 read it. */
export const OPSET = 17;
const IR_VERSION = 8;

/** Built-in modules written op by op: a container's layers, and attention (ONNX has no operator of it). */
const OPEN = new Set<Function>([Sequential, ModuleList, MultiheadAttention]);

export interface OnnxExport {
  model: ModelProto;
  /** The graph's inputs and outputs by name, and the engine's outputs for the sample. */
  inputNames: string[];
  outputNames: string[];
  output: Tensor[];
}

/** The ONNX model of `model` on the sample `inputs`; `inputNames` name the graph's inputs. */
export function onnxModel(model: Module, inputs: Tensor[], inputNames: string[], what: string, producerVersion: string): OnnxExport {
  const { forwards, top, output } = traceForward(model, inputs, what, OPEN);
  const g = new OnnxGraph();
  const names = new Map<Tensor, string>();
  const modules = new Map<Module, string>(model.namedModules().map(([path, m]) => [m, path]));
  const weights = new Map<Tensor, string>();
  for (const [key, t] of [...model.namedParameters(), ...model.namedBuffers()]) weights.set(t, stateKey(key));
  const written = new Set<Tensor>();
  const fail = (where: string, why: string): never => {
    throw new Error(`${what}: ${where} ${why}`);
  };
  const lowering: Lowering = {
    g,
    name(t) {
      if (!(t instanceof Tensor)) return fail("the model", `passes ${t === null ? "null" : typeof t} where a tensor was expected`);
      const known = names.get(t);
      if (known) return known;
      const key = weights.get(t);
      if (key !== undefined) {
        if (!written.has(t)) {
          written.add(t);
          g.weight(key, t.shape, t.data, true);
        }
        return key;
      }
      if (t.gradFn) fail("the model", `uses a tensor made by ${t.gradFn.name} in a way the export does not follow: it writes down tensor methods, cat, stack, where and the layers`);
      const constant = g.weight("const", t.shape, t.data);
      names.set(t, constant);
      return constant;
    },
    operand(v) {
      return typeof v === "number" ? g.floats([v]) : lowering.name(v);
    },
    fail,
  };

  inputs.forEach((t, i) => names.set(t, g.reserve(inputNames[i])));
  const bind = (value: unknown, lowered: Names) => {
    if (value instanceof Tensor && typeof lowered === "string") names.set(value, lowered);
    else if (Array.isArray(value) && Array.isArray(lowered)) value.forEach((v, i) => bind(v, lowered[i]));
    else if (value instanceof ValuesIndices && lowered && typeof lowered === "object" && !Array.isArray(lowered)) {
      names.set(value.values, lowered.values);
      names.set(value.indices, lowered.indices);
    }
  };
  const lowerTrace = (trace: ModuleTrace) => {
    for (const call of trace.calls) {
      if (call.kind === "module") {
        const m = call.self as Module;
        const own = forwards.get(m);
        if (own && builtInKind(m) === undefined) {
          // A module of the user's own called here: its inputs are what it was given, its calls its own trace's.
          own.inputs.forEach((v, i) => v instanceof Tensor && call.args[i] instanceof Tensor && !names.has(v) && names.set(v, lowering.name(call.args[i])));
          lowerTrace(own);
          continue;
        }
        const path = modules.get(m) ?? fail(m.constructor.name, "is called from forward but is not a module of the model");
        bind(call.output, lowerLayer(lowering, m, stateKey(path), call.args, call.output));
      } else {
        bind(call.output, lowerCall(lowering, call));
      }
    }
  };
  const rootTrace = forwards.get(model) ?? top;
  lowerTrace(rootTrace);

  const outputs = flatTensors(output);
  if (outputs.length === 0) fail(model.constructor.name, "returns no tensor");
  const outputNames = outputs.map((t, i) => {
    const inner = lowering.name(t);
    const name = g.reserve(outputs.length === 1 ? "output" : `output_${i}`);
    g.node("Identity", [inner]);
    g.nodes[g.nodes.length - 1].output = [name];
    return name;
  });
  // Every dim as the sample's, as torch.onnx.export writes without dynamic_axes: sizes read from shapes are fixed too.
  const info = (name: string, t: Tensor): ValueInfoProto => ({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: t.shape.map((d) => ({ dimValue: d })) } } },
  });
  return {
    model: {
      irVersion: IR_VERSION,
      producerName: "nnbook",
      producerVersion,
      opsetImport: [{ domain: "", version: OPSET }],
      graph: { name: model.constructor.name, node: g.nodes, initializer: g.initializers, input: inputs.map((t, i) => info(inputNames[i], t)), output: outputs.map((t, i) => info(outputNames[i], t)) },
    },
    inputNames,
    outputNames,
    output: outputs,
  };
}

function flatTensors(v: unknown): Tensor[] {
  if (v instanceof Tensor) return [v];
  if (Array.isArray(v)) return v.flatMap(flatTensors);
  if (v instanceof ValuesIndices) return [v.values, v.indices];
  return [];
}
