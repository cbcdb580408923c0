// The tensor methods and functions a forward calls, as ONNX nodes (opset 17). Tensors here are float32: a
// comparison's bool and an argmax's int64 are cast back, as the engine keeps them.
import { Tensor } from "../../engine/tensor";
import { ValuesIndices } from "../../engine/ops/extremes";
import type { TracedCall } from "../../engine/tracing";
import { BOOL, FLOAT, INT64 } from "./onnxGraph";
import { axis, isTensor, type Lowering } from "./lowering";
import { flatten, gelu, linear, pool, softplus } from "./onnxLayers";
import { avgPool2dSettings, conv2dSettings, pool2dSettings, type AvgPool2dOptions, type Conv2dOptions, type MaxPool2dOptions } from "../../engine/nn/windowOptions";
import type { Pair } from "../../engine/ops/conv2d";


type Names = string | Names[] | { values: string; indices: string } | null;

const UNARY: Record<string, string> = {
  abs: "Abs", exp: "Exp", log: "Log", sqrt: "Sqrt", neg: "Neg", relu: "Relu", sigmoid: "Sigmoid", tanh: "Tanh", sin: "Sin", cos: "Cos",
  sign: "Sign", clone: "Identity", detach: "Identity", float: "Identity",
};
const BINARY: Record<string, string> = { add: "Add", sub: "Sub", mul: "Mul", div: "Div", pow: "Pow", matmul: "MatMul", mm: "MatMul", mv: "MatMul", dot: "MatMul", maximum: "Max", minimum: "Min" };
const COMPARE: Record<string, string> = { eq: "Equal", lt: "Less", le: "LessOrEqual", gt: "Greater", ge: "GreaterOrEqual" };

/** The dims of a reduction: all when none is given. */
function dims(dim: unknown, rank: number): number[] {
  if (dim === undefined || dim === null) return Array.from({ length: rank }, (_, i) => i);
  return (Array.isArray(dim) ? dim : [dim as number]).map((d) => axis(d, rank));
}

/** A shape given as numbers or one array (`view(2, 3)`, `view([2, 3])`). */
function shapeArgs(args: unknown[]): number[] {
  return (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as number[];
}

/** The ONNX of one call of a forward: a tensor method or a function. */
export function lowerCall(l: Lowering, call: TracedCall): Names {
  const g = l.g;
  const label = call.kind === "method" ? `x.${call.name}()` : `${call.name}()`;
  if (call.kind === "function") return lowerFunction(l, call.name, call.args, call.output, label);
  const t = call.self as Tensor, x = l.name(t), a = call.args, rank = t.ndim;
  if (UNARY[call.name]) return g.node(UNARY[call.name], [x]);
  if (BINARY[call.name]) return g.node(BINARY[call.name], [x, l.operand(a[0])]);
  if (COMPARE[call.name]) return g.node("Cast", [g.node(COMPARE[call.name], [x, l.operand(a[0])])], { to: FLOAT });
  switch (call.name) {
    case "ne":
      return g.node("Cast", [g.node("Not", [g.node("Equal", [x, l.operand(a[0])])])], { to: FLOAT });
    case "square":
      return g.node("Mul", [x, x]);
    case "T":
      return g.node("Transpose", [x], { perm: t.shape.map((_, i) => rank - 1 - i) });
    case "transpose": {
      const perm = t.shape.map((_, i) => i), d0 = axis(a[0] as number, rank), d1 = axis(a[1] as number, rank);
      [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
      return g.node("Transpose", [x], { perm });
    }
    case "permute":
      return g.node("Transpose", [x], { perm: shapeArgs(a).map((d) => axis(d, rank)) });
    case "view":
    case "reshape":
      return g.node("Reshape", [x, g.ints(shapeArgs(a))]);
    case "flatten":
      return flatten(l, x, t, (a[0] as number) ?? 0, (a[1] as number) ?? -1);
    case "unsqueeze":
      return g.node("Unsqueeze", [x, g.ints([axis(a[0] as number, rank + 1)])]);
    case "squeeze":
      return a[0] === undefined ? g.node("Squeeze", [x]) : t.shape[axis(a[0] as number, rank)] === 1 ? g.node("Squeeze", [x, g.ints([axis(a[0] as number, rank)])]) : g.node("Identity", [x]);
    case "expand":
      return g.node("Expand", [x, g.ints(shapeArgs(a).map((s, i, all) => (s === -1 ? t.shape[i - (all.length - rank)] : s)))]);
    case "repeat":
      return repeat(l, x, t, shapeArgs(a));
    case "sum":
    case "mean":
    case "prod": {
      const keep = a[1] ? 1 : 0, axes = dims(a[0], rank);
      if (call.name === "sum") return g.node("ReduceSum", [x, g.ints(axes)], { keepdims: keep });
      return g.node(call.name === "mean" ? "ReduceMean" : "ReduceProd", [x], { axes, keepdims: keep });
    }
    case "max":
    case "min": {
      if (isTensor(a[0])) return g.node(call.name === "max" ? "Max" : "Min", [x, l.name(a[0])]);
      const reduce = call.name === "max" ? "ReduceMax" : "ReduceMin";
      if (a[0] === undefined) return g.node(reduce, [x], { keepdims: 0 });
      const d = axis(a[0] as number, rank), keep = a[1] ? 1 : 0;
      const values = g.node(reduce, [x], { axes: [d], keepdims: keep });
      const indices = g.node("Cast", [g.node(call.name === "max" ? "ArgMax" : "ArgMin", [x], { axis: d, keepdims: keep, select_last_index: 0 })], { to: FLOAT });
      return { values, indices };
    }
    case "argmax":
    case "argmin": {
      const op = call.name === "argmax" ? "ArgMax" : "ArgMin";
      if (a[0] === undefined) return g.node("Cast", [g.node(op, [g.node("Reshape", [x, g.ints([-1])])], { axis: 0, keepdims: 0 })], { to: FLOAT });
      return g.node("Cast", [g.node(op, [x], { axis: axis(a[0] as number, rank), keepdims: a[1] ? 1 : 0 })], { to: FLOAT });
    }
    case "softmax":
    case "logSoftmax":
      return g.node(call.name === "softmax" ? "Softmax" : "LogSoftmax", [x], { axis: axis((a[0] as number) ?? -1, rank) });
    case "gelu":
      return gelu(l, x, "none");
    case "silu":
      return g.node("Mul", [x, g.node("Sigmoid", [x])]);
    case "leakyRelu":
      return g.node("LeakyRelu", [x], { alpha: { float: (a[0] as number) ?? 0.01 } });
    case "step":
      return g.node("Cast", [g.node("GreaterOrEqual", [x, g.floats([0])])], { to: FLOAT });
    case "long":
      // Whole numbers toward zero, kept as float32.
      return g.node("Cast", [g.node("Cast", [x], { to: INT64 })], { to: FLOAT });
    case "clamp": {
      const bound = (v: unknown) => (v === undefined || v === null ? "" : g.floats([v as number]));
      const inputs = [x, bound(a[0]), bound(a[1])];
      while (inputs[inputs.length - 1] === "") inputs.pop();
      return g.node("Clip", inputs);
    }
    case "select":
    case "at": {
      const [d, i] = call.name === "at" ? [0, a[0] as number] : [axis(a[0] as number, rank), a[1] as number];
      return g.node("Gather", [x, g.ints([i < 0 ? i + t.shape[d] : i], [])], { axis: d });
    }
    case "index":
      return g.node("Gather", [x, isTensor(a[0]) ? g.node("Cast", [l.name(a[0])], { to: INT64 }) : g.ints(a[0] as number[])], { axis: 0 });
    case "narrow": {
      const d = axis(a[0] as number, rank), start = a[1] as number;
      return g.node("Slice", [x, g.ints([start]), g.ints([start + (a[2] as number)]), g.ints([d])]);
    }
    case "slice": {
      const d = axis(a[0] as number, rank), size = t.shape[d];
      const step = (a[3] as number | undefined) ?? 1;
      const start = (a[1] as number | null | undefined) ?? (step > 0 ? 0 : size - 1);
      const end = (a[2] as number | null | undefined) ?? (step > 0 ? size : -size - 1);
      return g.node("Slice", [x, g.ints([start]), g.ints([end]), g.ints([d]), g.ints([step])]);
    }
    case "chunk":
    case "split": {
      const d = axis((a[1] as number) ?? 0, rank);
      const sizes = (call.output as Tensor[]).map((o) => o.shape[d]);
      return g.nodeOutputs("Split", [x, g.ints(sizes)], { axis: d }, sizes.length);
    }
    case "norm": {
      const p = a[0] ?? 2;
      const axes = dims(a[1], rank), keep = a[2] ? 1 : 0;
      if (p === 2 || p === "fro") return g.node("ReduceL2", [x], { axes, keepdims: keep });
      if (p === 1) return g.node("ReduceL1", [x], { axes, keepdims: keep });
      return l.fail(label, `a norm of order ${String(p)} has no ONNX operator; the export writes p = 1 and 2`);
    }
    case "var":
    case "std":
      return variance(l, x, t, a, call.name === "std");
  }
  return l.fail(label, "has no ONNX operator the export knows");
}

function repeat(l: Lowering, x: string, t: Tensor, times: number[]): string {
  const g = l.g;
  // Extra leading repeats add dims, as PyTorch's repeat does.
  const extra = times.length - t.ndim;
  const shaped = extra > 0 ? g.node("Reshape", [x, g.ints([...Array(extra).fill(1), ...t.shape])]) : x;
  return g.node("Tile", [shaped, g.ints(times)]);
}

/** Variance (or its root) with Bessel's correction unless `unbiased` is false, as the engine's var and std. */
function variance(l: Lowering, x: string, t: Tensor, a: unknown[], root: boolean): string {
  const g = l.g;
  const [dim, unbiased, keep] = typeof a[0] === "boolean" ? [undefined, a[0], false] : [a[0], (a[1] as boolean | undefined) ?? true, (a[2] as boolean | undefined) ?? false];
  const axes = dims(dim, t.ndim);
  const n = axes.reduce((p, d) => p * t.shape[d], 1);
  const mean = g.node("ReduceMean", [x], { axes, keepdims: 1 });
  const centred = g.node("Sub", [x, mean]);
  const sum = g.node("ReduceSum", [g.node("Mul", [centred, centred]), g.ints(axes)], { keepdims: keep ? 1 : 0 });
  const v = g.node("Div", [sum, g.floats([unbiased ? n - 1 : n])]);
  return root ? g.node("Sqrt", [v]) : v;
}

function lowerFunction(l: Lowering, name: string, a: unknown[], output: unknown, label: string): Names {
  const g = l.g;
  const constant = () => {
    // Made inside forward without a tensor input: a constant of the sample's shape.
    if (!isTensor(output)) return l.fail(label, "made something other than a tensor");
    return g.weight(name, output.shape, output.data);
  };
  switch (name) {
    case "zeros": case "ones": case "full": case "eye": case "arange": case "linspace": case "zerosLike": case "onesLike":
      return constant();
    case "rand": case "randn": case "randLike": case "randnLike":
      return l.fail(label, "draws random numbers inside forward, which would not be the same in ONNX Runtime; draw them outside the model");
    case "cat":
      return g.node("Concat", (a[0] as Tensor[]).map((t) => l.name(t)), { axis: axis((a[1] as number) ?? 0, (a[0] as Tensor[])[0].ndim) });
    case "stack": {
      const d = axis((a[1] as number) ?? 0, (a[0] as Tensor[])[0].ndim + 1);
      return g.node("Concat", (a[0] as Tensor[]).map((t) => g.node("Unsqueeze", [l.name(t), g.ints([d])])), { axis: d });
    }
    case "where":
      return g.node("Where", [g.node("Cast", [l.name(a[0])], { to: BOOL }), l.operand(a[1]), l.operand(a[2])]);
    case "F.linear":
      return linear(l, a[0] as Tensor, a[1] as Tensor, (a[2] as Tensor | null | undefined) ?? null);
    case "F.leakyRelu":
      return g.node("LeakyRelu", [l.name(a[0])], { alpha: { float: (a[1] as number) ?? 0.01 } });
    case "F.gelu":
      return gelu(l, l.name(a[0]), (a[1] as { approximate?: string } | undefined)?.approximate ?? "none");
    case "F.elu":
      return g.node("Elu", [l.name(a[0])], { alpha: { float: (a[1] as number) ?? 1 } });
    case "F.softplus": {
      const o = (a[1] as { beta?: number; threshold?: number } | undefined) ?? {};
      return softplus(l, l.name(a[0]), o.beta ?? 1, o.threshold ?? 20);
    }
    case "F.dropout":
      return g.node("Identity", [l.name(a[0])]);
    case "F.conv2d": {
      const { stride, padding, dilation, groups } = conv2dSettings(name, a[3] as Conv2dOptions | undefined).settings;
      const weight = a[1] as Tensor, bias = a[2] as Tensor | null | undefined;
      return g.node("Conv", [l.name(a[0]), l.name(weight), ...(bias ? [l.name(bias)] : [])], {
        kernel_shape: weight.shape.slice(2), strides: stride, pads: [...padding, ...padding], dilations: dilation, group: groups,
      });
    }
    case "F.maxPool2d": {
      const s = pool2dSettings(name, a[1] as Pair, a[2] as MaxPool2dOptions | undefined);
      return pool(l, "MaxPool", a[0] as Tensor, { kernel_shape: s.kernel, strides: s.stride, pads: [...s.padding, ...s.padding], dilations: s.dilation, ceil_mode: s.ceilMode ? 1 : 0 });
    }
    case "F.avgPool2d": {
      const s = avgPool2dSettings(name, a[1] as Pair, a[2] as AvgPool2dOptions | undefined);
      if (s.divisorOverride !== null) return l.fail(label, "with divisorOverride has no ONNX operator");
      return pool(l, "AveragePool", a[0] as Tensor, { kernel_shape: s.kernel, strides: s.stride, pads: [...s.padding, ...s.padding], ceil_mode: s.ceilMode ? 1 : 0, count_include_pad: s.countIncludePad ? 1 : 0 });
    }
    case "F.pad": {
      // PyTorch lists (before, after) from the last dim backwards; ONNX every dim's begins, then every dim's ends.
      const x = a[0] as Tensor, widths = a[1] as number[];
      const begins = Array(x.ndim).fill(0), ends = Array(x.ndim).fill(0);
      for (let k = 0; k < widths.length / 2; k++) {
        begins[x.ndim - 1 - k] = widths[2 * k];
        ends[x.ndim - 1 - k] = widths[2 * k + 1];
      }
      const value = (a[2] as { value?: number } | undefined)?.value ?? 0;
      return g.node("Pad", [l.name(x), g.ints([...begins, ...ends]), g.floats([value])], { mode: "constant" });
    }
  }
  return l.fail(label, "has no ONNX operator the export knows");
}

export type { Names };
export { ValuesIndices };
