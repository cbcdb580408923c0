// What show.backprop can follow: Linear layers, each followed by at most one elementwise activation.
import { nn, Tensor } from "../../engine";
import type { LayerInfo } from "../../engine/nn/layerInfo";
import { describe } from "../charts/options";

/** Units per layer past which the matrices of numbers no longer fit a line or a reader. */
export const MAX_UNITS = 8;
export const MAX_LAYERS = 8;

export type Activation = "relu" | "leakyRelu" | "sigmoid" | "tanh" | "gelu" | "silu" | "step";
const ACTIVATIONS: readonly string[] = ["relu", "leakyRelu", "sigmoid", "tanh", "gelu", "silu", "step"];

export interface Layer {
  /** 1, 2, …: the superscript of z⁽ˡ⁾, as the textbooks number layers. */
  number: number;
  /** The Linear's name in the model ("0"), and how it prints. */
  name: string;
  weight: Tensor;
  bias: Tensor | null;
  inFeatures: number;
  outFeatures: number;
  activation?: { kind: Activation; info: LayerInfo; module: nn.Module; name: string };
}

/** The model's layers, or an error that names the first one show.backprop cannot follow. */
export function readNetwork(model: unknown): Layer[] {
  if (!(model instanceof nn.Module)) throw new TypeError(`show.backprop: model must be a network such as nn.Sequential(nn.Linear(2, 2), nn.Sigmoid()), not ${describe(model)}`);
  const kind = model.describe().kind;
  const children: [string, nn.Module][] = kind === "Sequential" ? model.namedChildren() : kind === "Linear" ? [["", model]] : [];
  if (children.length === 0) {
    throw new TypeError(`show.backprop: follows an nn.Sequential of Linear layers and activations (or one nn.Linear), not a ${kind}`);
  }
  const layers: Layer[] = [];
  for (const [name, module] of children) {
    const info = module.describe();
    const where = `layer ${name === "" ? "" : `${name} `}(${info.kind})`;
    if (info.kind === "Linear") {
      const linear = module as nn.Linear;
      if (linear.inFeatures > MAX_UNITS || linear.outFeatures > MAX_UNITS) {
        throw new RangeError(
          `show.backprop: ${where} is ${linear.inFeatures} → ${linear.outFeatures}; every number is written out, so layers of at most ${MAX_UNITS} units are followed. ` +
            "For a larger network, look at show.gradients(history) or show.graph(loss)",
        );
      }
      layers.push({ number: layers.length + 1, name, weight: linear.weight, bias: linear.bias, inFeatures: linear.inFeatures, outFeatures: linear.outFeatures });
      continue;
    }
    const last = layers.at(-1);
    if (!info.activation || !ACTIVATIONS.includes(info.activation)) {
      const softmax = info.kind === "Softmax" ? "; for classes, end with the Linear layer and use nn.CrossEntropyLoss(), which applies the softmax" : "";
      throw new TypeError(`show.backprop: ${where} is not a Linear layer or an elementwise activation (${ACTIVATIONS.join(", ")})${softmax}`);
    }
    if (!last) throw new TypeError(`show.backprop: ${where} comes before any Linear layer; the network must start with nn.Linear`);
    if (last.activation) throw new TypeError(`show.backprop: ${where} follows another activation; put one activation after each Linear layer`);
    last.activation = { kind: info.activation as Activation, info, module, name };
  }
  if (layers.length > MAX_LAYERS) throw new RangeError(`show.backprop: the network has ${layers.length} Linear layers; at most ${MAX_LAYERS} are followed`);
  for (let i = 1; i < layers.length; i++) {
    if (layers[i].inFeatures !== layers[i - 1].outFeatures) {
      throw new RangeError(`show.backprop: layer ${layers[i].name} takes ${layers[i].inFeatures} features but the layer before it gives ${layers[i - 1].outFeatures}`);
    }
  }
  return layers;
}
