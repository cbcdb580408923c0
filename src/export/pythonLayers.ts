// The PyTorch constructor of each built-in layer, from what the layer says it is (describe()), with PyTorch's
// names and only the settings that differ from PyTorch's defaults, so the code reads as a person would write it.
import type { Module } from "../engine/nn/module";
import type { Tensor } from "../engine/tensor";
import { builtInKind } from "../engine/nn/serialize";
import { keywords, literal, PyCode } from "./python";

/** Helper classes for layers PyTorch does not have, written into the file when a model uses them. */
export const HELPERS: Record<string, string> = {
  Step: [
    "class Step(nn.Module):",
    '    """nnbook\'s step activation: 1 where x >= 0, else 0."""',
    "",
    "    def forward(self, x):",
    "        return (x >= 0).to(x.dtype)",
  ].join("\n"),
  Perceptron: [
    "class Perceptron(nn.Module):",
    '    """Rosenblatt\'s perceptron as nnbook has it: step(x W^T + b), 1 where it is >= 0."""',
    "",
    "    def __init__(self, n_inputs):",
    "        super().__init__()",
    "        self.weight = nn.Parameter(torch.zeros(1, n_inputs))",
    "        self.bias = nn.Parameter(torch.zeros(1))",
    "",
    "    def forward(self, x):",
    "        return (F.linear(x, self.weight, self.bias) >= 0).to(x.dtype)",
  ].join("\n"),
};

/** `"3,3"` (how describe() writes a pair) → `3`, or `(3, 2)` when the two differ. */
function pair(text: unknown): PyCode {
  const [a, b] = String(text).split(",").map(Number);
  return new PyCode(a === b ? String(a) : `(${a}, ${b})`);
}

/** Keyword arguments for the settings that differ from their defaults. */
function nonDefault(settings: Record<string, [unknown, unknown]>): string[] {
  const given: Record<string, unknown> = {};
  for (const [name, [value, fallback]] of Object.entries(settings)) if (literal(value) !== literal(fallback)) given[name] = value;
  return keywords(given);
}

function tensorLiteral(t: Tensor | null): string | undefined {
  return t ? `torch.tensor(${literal(t.tolist())})` : undefined;
}

/**
 * The Python expression that makes the built-in layer `m`, or undefined when `m` is a class of the user's own.
 * `child(name, module)` writes a sub-module (for Sequential and ModuleList).
 */
export function pythonLayer(m: Module, child: (name: string, sub: Module) => string): string | undefined {
  const kind = builtInKind(m);
  if (kind === undefined) return undefined;
  const c = m.describe().config as Record<string, any>;
  const call = (name: string, args: string[]) => `${name}(${args.join(", ")})`;
  const field = (name: string) => (m as unknown as Record<string, unknown>)[name];
  switch (kind) {
    case "Sequential": {
      const items = m.namedChildren().map(([name, sub]) => `    ${child(name, sub).split("\n").join("\n    ")},`);
      return items.length === 0 ? "nn.Sequential()" : `nn.Sequential(\n${items.join("\n")}\n)`;
    }
    case "ModuleList": {
      const items = m.namedChildren().map(([name, sub]) => `    ${child(name, sub).split("\n").join("\n    ")},`);
      return `nn.ModuleList([\n${items.join("\n")}\n])`;
    }
    case "Linear":
      return call("nn.Linear", [String(c.inFeatures), String(c.outFeatures), ...nonDefault({ bias: [c.bias, true] })]);
    case "Conv2d":
      return call("nn.Conv2d", [
        String(c.inChannels), String(c.outChannels), pair(c.kernelSize).code,
        ...nonDefault({ stride: [pair(c.stride), pair("1,1")], padding: [pair(c.padding), pair("0,0")], dilation: [pair(c.dilation), pair("1,1")], groups: [c.groups, 1], bias: [c.bias, true] }),
      ]);
    case "MaxPool2d":
      return call("nn.MaxPool2d", [pair(c.kernelSize).code, ...nonDefault({ stride: [pair(c.stride), pair(c.kernelSize)], padding: [pair(c.padding), pair("0,0")], dilation: [pair(c.dilation), pair("1,1")], ceilMode: [c.ceilMode, false] })]);
    case "AvgPool2d":
      return call("nn.AvgPool2d", [
        pair(c.kernelSize).code,
        ...nonDefault({
          stride: [pair(c.stride), pair(c.kernelSize)], padding: [pair(c.padding), pair("0,0")], ceilMode: [c.ceilMode, false], countIncludePad: [c.countIncludePad, true],
          divisorOverride: [c.divisorOverride, null],
        }),
      ]);
    case "BatchNorm1d":
    case "BatchNorm2d":
      return call(`nn.${kind}`, [String(c.numFeatures), ...nonDefault({ eps: [c.eps, 1e-5], momentum: [c.momentum, 0.1] })]);
    case "LayerNorm": {
      const shape = String(c.normalizedShape).split(",").map(Number);
      return call("nn.LayerNorm", [shape.length === 1 ? String(shape[0]) : literal(shape), ...nonDefault({ eps: [c.eps, 1e-5], elementwiseAffine: [c.elementwiseAffine, true], bias: [c.bias, true] })]);
    }
    case "Embedding":
      return call("nn.Embedding", [String(c.numEmbeddings), String(c.embeddingDim), ...nonDefault({ paddingIdx: [c.paddingIdx, null] })]);
    case "MultiheadAttention":
      return call("nn.MultiheadAttention", [
        String(c.embedDim), String(c.numHeads),
        ...nonDefault({ dropout: [c.dropout, 0], bias: [c.bias, true], batchFirst: [c.batchFirst, false], kdim: [c.kdim, c.embedDim], vdim: [c.vdim, c.embedDim] }),
      ]);
    case "RNN":
    case "LSTM":
    case "GRU":
      return call(`nn.${kind}`, [
        String(c.inputSize), String(c.hiddenSize),
        ...nonDefault({
          numLayers: [c.numLayers, 1], ...(kind === "RNN" ? { nonlinearity: [c.nonlinearity, "tanh"] } : {}), bias: [c.bias, true], batchFirst: [c.batchFirst, false],
          dropout: [c.dropout, 0], bidirectional: [c.bidirectional, false],
        }),
      ]);
    case "LeakyReLU":
      return call("nn.LeakyReLU", nonDefault({ negativeSlope: [c.negativeSlope, 0.01] }));
    case "GELU":
      return call("nn.GELU", nonDefault({ approximate: [c.approximate, "none"] }));
    case "ELU":
      return call("nn.ELU", nonDefault({ alpha: [c.alpha, 1] }));
    case "Softplus":
      return call("nn.Softplus", nonDefault({ beta: [c.beta, 1], threshold: [c.threshold, 20] }));
    case "Softmax":
    case "LogSoftmax":
      return call(`nn.${kind}`, keywords({ dim: c.dim }));
    case "Flatten":
      return call("nn.Flatten", nonDefault({ startDim: [c.startDim, 1], endDim: [c.endDim, -1] }));
    case "Dropout":
      return call("nn.Dropout", nonDefault({ p: [c.p, 0.5] }));
    case "ReLU":
    case "Sigmoid":
    case "Tanh":
    case "Identity":
    case "SiLU":
      return `nn.${kind}()`;
    case "Step":
      return "Step()";
    case "Perceptron":
      return `Perceptron(${c.nInputs})`;
    case "MSELoss":
    case "L1Loss":
      return call(`nn.${kind}`, nonDefault({ reduction: [c.reduction, "mean"] }));
    case "HuberLoss":
      return call("nn.HuberLoss", nonDefault({ reduction: [c.reduction, "mean"], delta: [c.delta, 1] }));
    case "BCELoss":
      return call("nn.BCELoss", [...keywords({ weight: tensorLiteral(field("weight") as Tensor | null) }, String), ...nonDefault({ reduction: [c.reduction, "mean"] })]);
    case "BCEWithLogitsLoss":
      return call("nn.BCEWithLogitsLoss", [
        ...keywords({ weight: tensorLiteral(field("weight") as Tensor | null), posWeight: tensorLiteral(field("posWeight") as Tensor | null) }, String),
        ...nonDefault({ reduction: [c.reduction, "mean"] }),
      ]);
    case "CrossEntropyLoss":
    case "NLLLoss":
      return call(`nn.${kind}`, [
        ...keywords({ weight: tensorLiteral(field("weight") as Tensor | null) }, String),
        ...nonDefault({ ignoreIndex: [field("ignoreIndex"), -100], reduction: [c.reduction, "mean"], ...(kind === "CrossEntropyLoss" ? { labelSmoothing: [field("labelSmoothing"), 0] } : {}) }),
      ]);
  }
  throw new Error(`exportPyTorch: no PyTorch layer is known for ${kind}`);
}
