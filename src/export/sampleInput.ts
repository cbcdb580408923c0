// The input an export runs the model on: to follow its forward, and for the outputs shown beside the code. Given
// (`input`), of a given shape (`inputShape`), or read off the model's first layer when that tells the shape.
import { Tensor } from "../engine/tensor";
import { alloc } from "../engine/storage";
import type { Module } from "../engine/nn/module";
import { builtInKind } from "../engine/nn/serialize";

export interface SampleOptions {
  /** The sample input's shape, `[2, 4]`; for a forward of several inputs, one shape each: `[[2, 5, 8], [2, 5, 8]]`. */
  inputShape?: number[] | number[][];
  /** The sample input itself (a tensor, or one per input of forward). */
  input?: Tensor | Tensor[];
}

/** Layers that keep the shape: the next layer says what the input is. */
const SHAPE_KEEPING = new Set(["ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "ELU", "Softplus", "Identity", "SiLU", "Step", "Dropout", "Softmax", "LogSoftmax"]);
const CONTAINERS = new Set(["Sequential", "ModuleList"]);

/** Exact in float32 and in Python alike: (i mod 17 − 8)/8. */
function values(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1), data = alloc(n);
  for (let i = 0; i < n; i++) data[i] = ((i % 17) - 8) / 8;
  return new Tensor(data, shape);
}

function indices(shape: number[], count: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1), data = alloc(n);
  for (let i = 0; i < n; i++) data[i] = i % count;
  return new Tensor(data, shape);
}

const isShape = (s: unknown): s is number[] => Array.isArray(s) && s.length > 0 && s.every((d) => Number.isInteger(d) && d >= 1);

/** The sample inputs for `model`, or an error saying what to pass. */
export function sampleInput(model: Module, options: SampleOptions, what: string): Tensor[] {
  const { input, inputShape } = options;
  if (input !== undefined) {
    const list = Array.isArray(input) ? input : [input];
    if (list.length === 0 || !list.every((t) => t instanceof Tensor)) throw new TypeError(`${what}: input must be a tensor, or a list of tensors (one per input of forward)`);
    if (inputShape !== undefined) throw new TypeError(`${what}: give input or inputShape, not both`);
    return list.map((t) => t.detach());
  }
  if (inputShape !== undefined) {
    if (isShape(inputShape)) return [values(inputShape)];
    if (Array.isArray(inputShape) && inputShape.length > 0 && inputShape.every(isShape)) return (inputShape as number[][]).map(values);
    throw new TypeError(`${what}: inputShape must be a shape of whole numbers ≥ 1, such as [2, 4], or one shape per input, not ${JSON.stringify(inputShape)}`);
  }
  const guessed = fromFirstLayer(model);
  if (typeof guessed === "string") throw new Error(`${what}: ${guessed}: pass the shape of a sample input, such as { inputShape: [2, 4] }, or { input: x }`);
  return guessed;
}

/** A sample read off the first layer that tells the input's shape, or why there is none. */
function fromFirstLayer(model: Module): Tensor[] | string {
  for (const [name, m] of model.namedModules()) {
    const kind = builtInKind(m);
    if (kind === undefined || CONTAINERS.has(kind) || SHAPE_KEEPING.has(kind)) continue;
    const c = m.describe().config as Record<string, any>;
    const at = name ? `its first layer (${name}) is a ${kind}` : `it is a ${kind}`;
    switch (kind) {
      case "Linear":
        return [values([2, c.inFeatures])];
      case "Perceptron":
        return [values([2, c.nInputs])];
      case "BatchNorm1d":
        return [values([2, c.numFeatures])];
      case "LayerNorm":
        return [values([2, ...String(c.normalizedShape).split(",").map(Number)])];
      case "Embedding":
        return [indices([2, 5], c.numEmbeddings)];
      case "RNN":
      case "LSTM":
      case "GRU":
        return [values(c.batchFirst ? [2, 5, c.inputSize] : [5, 2, c.inputSize])];
      case "Conv2d":
        return `${at}, which does not say the height and width of its images (${c.inChannels} channel${c.inChannels === 1 ? "" : "s"})`;
      default:
        return `${at}, which does not say the shape of its input`;
    }
  }
  return "no layer of the model says the shape of its input";
}
