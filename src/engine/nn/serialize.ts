// Saving and restoring modules as plain JSON: the architecture (for the built-in
// layers) plus every parameter and buffer by its dotted name.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { fmt, sameShape } from "../shape";
import { Module, setSerializer } from "./module";
import { Linear } from "./linear";
import { Sequential } from "./sequential";
import * as act from "./activation";
import { Dropout } from "./dropout";
import { BatchNorm1d, BatchNorm2d } from "./batchnorm";
import { LayerNorm } from "./layerNorm";
import { Embedding } from "./embedding";
import { ModuleList } from "./moduleList";
import { AvgPool2d, Conv2d, MaxPool2d } from "./conv";
import { MultiheadAttention } from "./attention";
import { GRU, LSTM, RNN } from "./recurrent";
import * as loss from "./loss";
import { Perceptron } from "../perceptron";
import { customParts, rebuildCustom, type CustomJSON } from "./customModule";

/** The JSON form of a module: `JSON.stringify(net)` writes it, `nn.load` reads it. */
export interface ModuleJSON {
  format: "nnbook.module";
  version: 1;
  module: ArchJSON;
  state: Record<string, { shape: number[]; data: number[] }>;
}

/** One module of the architecture tree. */
export interface ArchJSON {
  type: string;
  config: Record<string, any>;
  children: [string, ArchJSON][];
  /** For a class of the user's own: its fields and members, to rebuild it without its constructor. */
  custom?: CustomJSON;
  /** Its mode when saved (train or eval), restored as torch.load restores a pickled module's. */
  training?: boolean;
}

interface Kind {
  cls: abstract new (...args: any[]) => Module;
  build(c: Record<string, any>, children: Module[]): Module;
}

// What a layer saves is what it describes (layerInfo.ts); rebuilding needs its class. Matched by class
// too, so a subclass of a built-in layer (with a forward of its own) is not saved as the built-in.
const KINDS: Record<string, Kind> = {
  Linear: { cls: Linear, build: (c) => new Linear(c.inFeatures, c.outFeatures, { bias: c.bias }) },
  Sequential: { cls: Sequential, build: (_, children) => new Sequential(...children) },
  ReLU: { cls: act.ReLU, build: () => new act.ReLU() },
  // Files written before the setting took PyTorch's name call it alpha.
  LeakyReLU: { cls: act.LeakyReLU, build: (c) => new act.LeakyReLU(c.negativeSlope ?? c.alpha) },
  Sigmoid: { cls: act.Sigmoid, build: () => new act.Sigmoid() },
  Tanh: { cls: act.Tanh, build: () => new act.Tanh() },
  GELU: { cls: act.GELU, build: (c) => new act.GELU({ approximate: c.approximate }) },
  ELU: { cls: act.ELU, build: (c) => new act.ELU(c.alpha) },
  Softplus: { cls: act.Softplus, build: (c) => new act.Softplus({ beta: c.beta, threshold: c.threshold }) },
  LogSoftmax: { cls: act.LogSoftmax, build: (c) => new act.LogSoftmax(c.dim) },
  Identity: { cls: act.Identity, build: () => new act.Identity() },
  LayerNorm: { cls: LayerNorm, build: (c) => new LayerNorm(String(c.normalizedShape).split(",").map(Number), { eps: c.eps, elementwiseAffine: c.elementwiseAffine, bias: c.bias }) },
  Embedding: { cls: Embedding, build: (c) => new Embedding(c.numEmbeddings, c.embeddingDim, c.paddingIdx === null ? {} : { paddingIdx: c.paddingIdx }) },
  ModuleList: { cls: ModuleList, build: (_, children) => new ModuleList(children) },
  Conv2d: {
    cls: Conv2d,
    build: (c) => new Conv2d(c.inChannels, c.outChannels, pairOf(c.kernelSize), { stride: pairOf(c.stride), padding: pairOf(c.padding), dilation: pairOf(c.dilation), groups: c.groups, bias: c.bias }),
  },
  MaxPool2d: {
    cls: MaxPool2d,
    build: (c) => new MaxPool2d(pairOf(c.kernelSize), { stride: pairOf(c.stride), padding: pairOf(c.padding), dilation: pairOf(c.dilation), ceilMode: c.ceilMode }),
  },
  AvgPool2d: {
    cls: AvgPool2d,
    build: (c) =>
      new AvgPool2d(pairOf(c.kernelSize), {
        stride: pairOf(c.stride), padding: pairOf(c.padding), ceilMode: c.ceilMode, countIncludePad: c.countIncludePad,
        ...(c.divisorOverride === null ? {} : { divisorOverride: c.divisorOverride }),
      }),
  },
  MultiheadAttention: {
    cls: MultiheadAttention,
    build: (c) => new MultiheadAttention(c.embedDim, c.numHeads, { dropout: c.dropout, bias: c.bias, batchFirst: c.batchFirst, kdim: c.kdim, vdim: c.vdim }),
  },
  RNN: { cls: RNN, build: (c) => new RNN(c.inputSize, c.hiddenSize, recurrentOptions(c, { nonlinearity: c.nonlinearity })) },
  LSTM: { cls: LSTM, build: (c) => new LSTM(c.inputSize, c.hiddenSize, recurrentOptions(c)) },
  GRU: { cls: GRU, build: (c) => new GRU(c.inputSize, c.hiddenSize, recurrentOptions(c)) },
  SiLU: { cls: act.SiLU, build: () => new act.SiLU() },
  Step: { cls: act.Step, build: () => new act.Step() },
  Softmax: { cls: act.Softmax, build: (c) => new act.Softmax(c.dim) },
  Flatten: { cls: act.Flatten, build: (c) => new act.Flatten(c.startDim, c.endDim) },
  Dropout: { cls: Dropout, build: (c) => new Dropout(c.p) },
  BatchNorm1d: { cls: BatchNorm1d, build: (c) => new BatchNorm1d(c.numFeatures, { eps: c.eps, momentum: c.momentum }) },
  BatchNorm2d: { cls: BatchNorm2d, build: (c) => new BatchNorm2d(c.numFeatures, { eps: c.eps, momentum: c.momentum }) },
  Perceptron: { cls: Perceptron, build: (c) => new Perceptron(c.nInputs) },
  MSELoss: { cls: loss.MSELoss, build: (c) => new loss.MSELoss({ reduction: c.reduction }) },
  L1Loss: { cls: loss.L1Loss, build: (c) => new loss.L1Loss({ reduction: c.reduction }) },
  HuberLoss: { cls: loss.HuberLoss, build: (c) => new loss.HuberLoss({ reduction: c.reduction, delta: c.delta }) },
  BCELoss: { cls: loss.BCELoss, build: (c) => new loss.BCELoss({ reduction: c.reduction }) },
  BCEWithLogitsLoss: { cls: loss.BCEWithLogitsLoss, build: (c) => new loss.BCEWithLogitsLoss({ reduction: c.reduction }) },
  CrossEntropyLoss: { cls: loss.CrossEntropyLoss, build: (c) => new loss.CrossEntropyLoss({ reduction: c.reduction }) },
  NLLLoss: { cls: loss.NLLLoss, build: (c) => new loss.NLLLoss({ reduction: c.reduction }) },
};

/** The built-in kind of `m` ("Linear", "Sequential"…), or undefined for a class of the user's own (a subclass of a built-in too). */
export function builtInKind(m: Module): string | undefined {
  const kind = m.describe().kind;
  return Object.prototype.hasOwnProperty.call(KINDS, kind) && m.constructor === KINDS[kind].cls ? kind : undefined;
}

/** Every built-in layer class. */
export function builtInClasses(): (abstract new (...args: any[]) => Module)[] {
  return Object.values(KINDS).map((k) => k.cls);
}

/** The options of a recurrent layer as describe() writes them. */
function recurrentOptions(c: Record<string, any>, extra: Record<string, any> = {}) {
  return { numLayers: c.numLayers, bias: c.bias, batchFirst: c.batchFirst, dropout: c.dropout, bidirectional: c.bidirectional, ...extra };
}

/** A pair of sizes as describe() writes it, "3,3". */
function pairOf(text: string): [number, number] {
  const [h, w] = String(text).split(",").map(Number);
  return [h, w];
}

/** The architecture of `m`; `where` names it in errors (`Net.encoder`). */
export function arch(m: Module, where = m.constructor.name): ArchJSON {
  const info = m.describe();
  const builtIn = builtInKind(m) !== undefined;
  const children = m.namedChildren().map(([n, c]): [string, ArchJSON] => [n, arch(c, `${where}.${n}`)]);
  if (builtIn) return { type: info.kind, config: { ...info.config }, children, training: m.training };
  return { type: m.constructor.name, config: {}, children, custom: customParts(m, where), training: m.training };
}

/** The JSON form of `m` (what `m.toJSON()` returns). */
export function moduleToJSON(m: Module): ModuleJSON {
  const state: ModuleJSON["state"] = {};
  for (const [name, t] of [...m.namedParameters(), ...m.namedBuffers()]) state[name] = t.toJSON();
  return { format: "nnbook.module", version: 1, module: arch(m), state };
}

/** The module `a` describes, with its weights not yet loaded. */
export function build(a: ArchJSON): Module {
  const m = buildModule(a);
  if (typeof a.training === "boolean") m.training = a.training;
  return m;
}

function buildModule(a: ArchJSON): Module {
  if (typeof a !== "object" || a === null || typeof a.type !== "string" || !Array.isArray(a.children)) throw new Error("load: the saved architecture is damaged (a module without its type or children)");
  if (a.custom) return rebuildCustom(a.type, a.custom, a.children.map(([n, c]) => [n, build(c)]));
  const kind = Object.prototype.hasOwnProperty.call(KINDS, a.type) ? KINDS[a.type] : null;
  // Files written before classes of the user's own were saved with their fields.
  if (!kind) throw new Error(`load: cannot rebuild a "${a.type}" (a module class of your own, saved without its fields); make one and load into it: nn.load(json, new ${a.type}())`);
  return kind.build(a.config, a.children.map(([, c]) => build(c)));
}

/** Copy saved tensors into `m`, checking that names and shapes agree (torch's strict load_state_dict). */
function loadState(m: Module, state: ModuleJSON["state"]): void {
  const targets = new Map<string, Tensor>([...m.namedParameters(), ...m.namedBuffers()]);
  // The batch count of batch norm came later than the format: a file without it loads with the count at 0.
  const missing = [...targets.keys()].filter((k) => !(k in state) && !k.endsWith("numBatchesTracked"));
  const unexpected = Object.keys(state).filter((k) => !targets.has(k));
  if (missing.length || unexpected.length) {
    throw new Error(`nn.load: the saved tensors do not fit this module (missing: ${missing.join(", ") || "none"}; unexpected: ${unexpected.join(", ") || "none"})`);
  }
  for (const [name, t] of targets) {
    const s = state[name];
    if (s === undefined) continue;
    if (!sameShape(t.shape, s.shape)) throw new Error(`nn.load: ${name} has shape ${fmt(t.shape)} here but ${fmt(s.shape)} in the file`);
    const d = alloc(s.data.length);
    d.set(s.data);
    t.data.set(d);
  }
}

/**
 * Restore a module saved with `JSON.stringify(net)` or `net.toJSON()`. Built-in layers
 * and Sequential are rebuilt from the file; for a class of your own, pass a fresh
 * instance as `into` and its parameters and buffers are filled in (torch's load_state_dict).
 * @example const copy = nn.load(JSON.stringify(net)); // same layers, same weights
 */
export function load(json: string | ModuleJSON, into?: Module): Module {
  const data = (typeof json === "string" ? JSON.parse(json) : json) as ModuleJSON;
  if (!data || data.format !== "nnbook.module") throw new Error('nn.load: this is not a saved module (expected "format": "nnbook.module")');
  if (data.version !== 1) throw new Error(`nn.load: unsupported version ${data.version as number}`);
  const m = into ?? build(data.module);
  loadState(m, data.state);
  return m;
}

setSerializer(moduleToJSON);
