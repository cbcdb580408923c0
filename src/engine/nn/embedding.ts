import { Tensor } from "../tensor";
import { ShapeError, fmt } from "../shape";
import { checkArgument, checkOptions, describe as describeValue } from "../options";
import { embedding } from "../ops/embedding";
import { randn } from "../creation";
import { noGrad } from "../autograd";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { ParameterTensor } from "./parameter";

/** A table of learned vectors, one per index; see `nn.Embedding`. */
export class Embedding extends Module {
  static {
    builtInLayer(this);
  }
  /** The vectors, [numEmbeddings, embeddingDim], drawn from N(0, 1) as PyTorch does. */
  weight: ParameterTensor;
  readonly paddingIdx: number | null;

  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, options?: { paddingIdx?: number }) {
    super();
    checkArgument("Embedding", "numEmbeddings", numEmbeddings, "count");
    checkArgument("Embedding", "embeddingDim", embeddingDim, "count");
    const pad = checkOptions("Embedding", options, { paddingIdx: "integer" }).paddingIdx;
    if (pad !== undefined && (pad < -numEmbeddings || pad >= numEmbeddings)) throw new RangeError(`Embedding: paddingIdx must be in ${-numEmbeddings}..${numEmbeddings - 1}, not ${pad}`);
    this.paddingIdx = pad === undefined ? null : pad < 0 ? pad + numEmbeddings : pad;
    this.weight = new ParameterTensor(randn([numEmbeddings, embeddingDim]));
    // The padding row starts at 0 and, with no gradient, stays there.
    if (this.paddingIdx !== null) noGrad(() => this.weight.data.fill(0, this.paddingIdx! * embeddingDim, (this.paddingIdx! + 1) * embeddingDim));
  }

  /** indices (any shape, whole numbers) → their vectors, shape [...indices.shape, embeddingDim]. */
  override forward(indices: Tensor | number[]): Tensor {
    const t = Array.isArray(indices) ? new Tensor(Float32Array.from(indices), [indices.length]) : indices;
    if (!(t instanceof Tensor)) throw new ShapeError(`Embedding: expected a tensor of indices, got ${describeValue(indices)}`);
    if (t.numel() === 0) throw new ShapeError(`Embedding: no indices given (${fmt(t.shape)})`);
    return embedding(this.weight, t, this.paddingIdx);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? "" : `, paddingIdx=${this.paddingIdx}`}`;
  }

  override describe(): LayerInfo {
    return {
      kind: "Embedding",
      config: { numEmbeddings: this.numEmbeddings, embeddingDim: this.embeddingDim, paddingIdx: this.paddingIdx },
      features: undefined,
      equation: `a = W_{i,:},\\quad W \\in \\mathbb{R}^{${this.numEmbeddings}\\times ${this.embeddingDim}}`,
    };
  }
}
