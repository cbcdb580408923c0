// Each built-in layer as ONNX nodes (opset 17), in eval mode: its weights are the initializers under their
// state_dict keys, and what PyTorch's exporter writes is written here too (Gemm, Conv, LSTM with the gates
// reordered, LayerNormalization…). The output names follow the structure of the layer's output.
import { Tensor } from "../../engine/tensor";
import type { Module } from "../../engine/nn/module";
import { builtInKind } from "../../engine/nn/serialize";
import { FLOAT, INT64 } from "./onnxGraph";
import { axis, isTensor, type Lowering } from "./lowering";

type Names = string | Names[] | null;

const pair = (text: unknown) => String(text).split(",").map(Number);

/** The ONNX of the built-in layer `m` called with `args`; its output `output` gives the shapes. */
export function lowerLayer(l: Lowering, m: Module, path: string, args: unknown[], output: unknown): Names {
  const kind = builtInKind(m)!;
  const c = m.describe().config as Record<string, any>;
  const field = (name: string) => (m as unknown as Record<string, Tensor | null>)[name];
  const x = args[0] as Tensor;
  const input = () => l.name(x);
  const g = l.g;
  const label = path || kind;
  switch (kind) {
    case "Linear":
      return linear(l, x, field("weight")!, field("bias"));
    case "Perceptron":
      return g.node("Cast", [g.node("GreaterOrEqual", [linear(l, x, field("weight")!, field("bias")), g.floats([0])])], { to: FLOAT });
    case "Conv2d": {
      const [ph, pw] = pair(c.padding);
      const conv = g.node("Conv", [input(), l.name(field("weight")), ...(field("bias") ? [l.name(field("bias"))] : [])], {
        kernel_shape: pair(c.kernelSize), strides: pair(c.stride), pads: [ph, pw, ph, pw], dilations: pair(c.dilation), group: c.groups,
      });
      return conv;
    }
    case "MaxPool2d":
    case "AvgPool2d": {
      if (kind === "AvgPool2d" && c.divisorOverride !== null) l.fail(label, "an AvgPool2d with divisorOverride has no ONNX operator");
      const [ph, pw] = pair(c.padding);
      const attributes = kind === "MaxPool2d"
        ? { kernel_shape: pair(c.kernelSize), strides: pair(c.stride), pads: [ph, pw, ph, pw], dilations: pair(c.dilation), ceil_mode: c.ceilMode ? 1 : 0 }
        : { kernel_shape: pair(c.kernelSize), strides: pair(c.stride), pads: [ph, pw, ph, pw], ceil_mode: c.ceilMode ? 1 : 0, count_include_pad: c.countIncludePad ? 1 : 0 };
      return pool(l, kind === "MaxPool2d" ? "MaxPool" : "AveragePool", x, attributes);
    }
    case "BatchNorm1d":
    case "BatchNorm2d":
      return g.node("BatchNormalization", [input(), l.name(field("weight")), l.name(field("bias")), l.name(field("runningMean")), l.name(field("runningVar"))], { epsilon: { float: c.eps } });
    case "LayerNorm": {
      const dims = String(c.normalizedShape).split(",").length;
      const size = String(c.normalizedShape).split(",").map(Number);
      const scale = field("weight") ? l.name(field("weight")) : g.floats(Array(size.reduce((a, b) => a * b, 1)).fill(1), size);
      return g.node("LayerNormalization", [input(), scale, ...(field("bias") ? [l.name(field("bias"))] : [])], { axis: -dims, epsilon: { float: c.eps } });
    }
    case "Embedding":
      return g.node("Gather", [l.name(field("weight")), g.node("Cast", [input()], { to: INT64 })]);
    case "ReLU":
      return g.node("Relu", [input()]);
    case "LeakyReLU":
      return g.node("LeakyRelu", [input()], { alpha: { float: c.negativeSlope } });
    case "Sigmoid":
      return g.node("Sigmoid", [input()]);
    case "Tanh":
      return g.node("Tanh", [input()]);
    case "GELU":
      return gelu(l, input(), c.approximate);
    case "ELU":
      return g.node("Elu", [input()], { alpha: { float: c.alpha } });
    case "Softplus":
      return softplus(l, input(), c.beta, c.threshold);
    case "SiLU":
      return g.node("Mul", [input(), g.node("Sigmoid", [input()])]);
    case "Step":
      return g.node("Cast", [g.node("GreaterOrEqual", [input(), g.floats([0])])], { to: FLOAT });
    case "Identity":
    case "Dropout":
      return g.node("Identity", [input()]);
    case "Softmax":
    case "LogSoftmax":
      return g.node(kind, [input()], { axis: axis(c.dim, x.ndim) });
    case "Flatten":
      return flatten(l, input(), x, c.startDim, c.endDim);
    case "RNN":
    case "LSTM":
    case "GRU":
      return recurrent(l, m, path, kind, c, args);
  }
  if (kind.endsWith("Loss")) l.fail(label, `is a loss (${kind}), which is not part of a model for ONNX; keep the loss outside the model`);
  return l.fail(label, `a ${kind} has no ONNX operator`);
}

/** A pooling node on [N, C, H, W]: an unbatched image gets a batch of one on the way. */
export function pool(l: Lowering, op: string, x: Tensor, attributes: Record<string, number | number[] | undefined>): string {
  const g = l.g;
  if (x.ndim === 4) return g.node(op, [l.name(x)], attributes);
  return g.node("Squeeze", [g.node(op, [g.node("Unsqueeze", [l.name(x), g.ints([0])])], attributes), g.ints([0])]);
}

/** x·Wᵀ + b: Gemm for a matrix, MatMul and Add for more dims. */
export function linear(l: Lowering, x: Tensor, weight: Tensor, bias: Tensor | null): string {
  const g = l.g;
  if (x.ndim === 2) return g.node("Gemm", [l.name(x), l.name(weight), ...(bias ? [l.name(bias)] : [])], { transB: 1 });
  const product = g.node("MatMul", [l.name(x), g.node("Transpose", [l.name(weight)], { perm: [1, 0] })]);
  return bias ? g.node("Add", [product, l.name(bias)]) : product;
}

/** x·Φ(x) by Erf, or PyTorch's tanh approximation. */
export function gelu(l: Lowering, x: string, approximate: string): string {
  const g = l.g;
  if (approximate === "tanh") {
    const cube = g.node("Mul", [g.node("Mul", [x, x]), x]);
    const inner = g.node("Mul", [g.floats([Math.sqrt(2 / Math.PI)]), g.node("Add", [x, g.node("Mul", [cube, g.floats([0.044715])])])]);
    return g.node("Mul", [g.node("Mul", [x, g.floats([0.5])]), g.node("Add", [g.floats([1]), g.node("Tanh", [inner])])]);
  }
  const erf = g.node("Erf", [g.node("Div", [x, g.floats([Math.SQRT2])])]);
  return g.node("Mul", [g.node("Mul", [x, g.floats([0.5])]), g.node("Add", [g.floats([1]), erf])]);
}

/** PyTorch's softplus: log(1 + e^(βx))/β, and x itself where βx > threshold. */
export function softplus(l: Lowering, x: string, beta: number, threshold: number): string {
  const g = l.g;
  const scaled = beta === 1 ? x : g.node("Mul", [x, g.floats([beta])]);
  const smooth = beta === 1 ? g.node("Softplus", [scaled]) : g.node("Div", [g.node("Softplus", [scaled]), g.floats([beta])]);
  return g.node("Where", [g.node("Greater", [scaled, g.floats([threshold])]), x, smooth]);
}

/** Flatten dims start…end: ONNX's Flatten when that is everything after the first, else a Reshape that keeps the rest. */
export function flatten(l: Lowering, x: string, t: Tensor, startDim: number, endDim: number): string {
  const g = l.g;
  const start = axis(startDim, t.ndim), end = axis(endDim, t.ndim);
  if (start === 1 && end === t.ndim - 1) return g.node("Flatten", [x], { axis: 1 });
  if (start >= end) return g.node("Identity", [x]);
  // 0 copies a dim of the input: the batch stays whatever it is.
  const shape = [...t.shape.slice(0, start).map(() => 0), -1, ...t.shape.slice(end + 1)];
  return g.node("Reshape", [x, g.ints(shape)]);
}

/** ONNX's gate order from PyTorch's: LSTM i f g o → i o f c; GRU r z n → z r h (with linear_before_reset). */
const GATES: Record<string, number[]> = { RNN: [0], LSTM: [0, 3, 1, 2], GRU: [1, 0, 2] };

function reorder(t: Tensor, order: number[]): Float32Array {
  const rows = t.shape[0] / order.length, width = t.numel() / t.shape[0];
  const out = new Float32Array(t.numel());
  order.forEach((from, to) => out.set(t.data.subarray(from * rows * width, (from + 1) * rows * width), to * rows * width));
  return out;
}

/** nn.RNN, nn.LSTM and nn.GRU as ONNX's RNN, LSTM and GRU, one node per layer, in PyTorch's layouts. */
function recurrent(l: Lowering, m: Module, path: string, kind: string, c: Record<string, any>, args: unknown[]): Names {
  const g = l.g;
  const x = args[0] as Tensor;
  const lstm = kind === "LSTM";
  const directions = c.bidirectional ? 2 : 1, hidden = c.hiddenSize, gates = GATES[kind];
  const param = (name: string, layer: number, d: number) => (m as unknown as Record<string, Tensor | null>)[`${name}L${layer}${d === 1 ? "Reverse" : ""}`];
  const prefix = path ? `${path}.` : "";
  const unbatched = x.ndim === 2;
  let seq = unbatched ? g.node("Unsqueeze", [l.name(x), g.ints([1])]) : c.batchFirst ? g.node("Transpose", [l.name(x)], { perm: [1, 0, 2] }) : l.name(x);
  const states = (lstm ? (args[1] as Tensor[] | undefined) : args[1] ? [args[1] as Tensor] : undefined) ?? [];
  const initial = (t: Tensor | undefined, layer: number) => {
    if (!isTensor(t)) return "";
    const batched = unbatched ? g.node("Unsqueeze", [l.name(t), g.ints([1])]) : l.name(t);
    return g.node("Slice", [batched, g.ints([layer * directions]), g.ints([(layer + 1) * directions]), g.ints([0])]);
  };
  const hs: string[] = [], cs: string[] = [];
  for (let layer = 0; layer < c.numLayers; layer++) {
    const stacked = (name: string) => {
      const parts = Array.from({ length: directions }, (_, d) => reorder(param(name, layer, d)!, gates));
      const first = param(name, layer, 0)!;
      const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      parts.forEach((p, d) => out.set(p, d * p.length));
      return g.weight(`${prefix}${name === "weightIh" ? "W" : "R"}_l${layer}`, [directions, ...first.shape], out);
    };
    const inputs = [seq, stacked("weightIh"), stacked("weightHh")];
    if (c.bias) {
      const per = Array.from({ length: directions }, (_, d) => [...reorder(param("biasIh", layer, d)!, gates), ...reorder(param("biasHh", layer, d)!, gates)]);
      inputs.push(g.weight(`${prefix}B_l${layer}`, [directions, 2 * gates.length * hidden], per.flat()));
    } else inputs.push("");
    inputs.push("", initial(states[0], layer));
    if (lstm) inputs.push(initial(states[1], layer));
    while (inputs[inputs.length - 1] === "") inputs.pop();
    const attributes: Record<string, number | string> = { hidden_size: hidden, direction: directions === 2 ? "bidirectional" : "forward" };
    if (kind === "GRU") attributes.linear_before_reset = 1;
    const outs = g.nodeOutputs(kind, inputs, attributes, lstm ? 3 : 2, `${prefix || kind.toLowerCase() + "."}l${layer}`.replace(/\.$/, ""));
    if (kind === "RNN" && c.nonlinearity === "relu") setActivations(g.nodes[g.nodes.length - 1], directions);
    // Y [T, D, B, H] → [T, B, D·H], the next layer's input and the output.
    seq = g.node("Reshape", [g.node("Transpose", [outs[0]], { perm: [0, 2, 1, 3] }), g.ints([0, 0, -1])]);
    hs.push(outs[1]);
    if (lstm) cs.push(outs[2]);
  }
  const finish = (list: string[]) => {
    const all = list.length === 1 ? list[0] : g.node("Concat", list, { axis: 0 });
    return unbatched ? g.node("Squeeze", [all, g.ints([1])]) : all;
  };
  const out = unbatched ? g.node("Squeeze", [seq, g.ints([1])]) : c.batchFirst ? g.node("Transpose", [seq], { perm: [1, 0, 2] }) : seq;
  return lstm ? [out, [finish(hs), finish(cs)]] : [out, finish(hs)];
}

/** An RNN of ReLUs: ONNX's activations attribute, once per direction. */
function setActivations(node: { attribute?: { name: string; type: number; strings?: Uint8Array[] }[] }, directions: number): void {
  const relu = Uint8Array.from("Relu", (ch) => ch.charCodeAt(0));
  node.attribute!.push({ name: "activations", type: 8, strings: Array.from({ length: directions }, () => relu) });
}
