// The recurrent layers nn.RNN, nn.LSTM and nn.GRU, with PyTorch's layouts, parameter names, initialisation and results.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { checkArgument, checkOptions, describe as describeValue } from "../options";
import { cat, stack } from "../ops/join";
import { GATES, rnnLayer, type RnnMode } from "../ops/rnn";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { Dropout } from "./dropout";
import { ParameterTensor } from "./parameter";
import { stateKey } from "./stateDict";
import { uniformTensor } from "./init";

/** Options of `nn.LSTM` and `nn.GRU`, PyTorch's keywords. */
export interface RecurrentOptions {
  /** Layers stacked, each reading the previous one's output (default 1). */
  numLayers?: number;
  /** Learn the biases b_ih and b_hh (default true). */
  bias?: boolean;
  /** Input and output as [batch, seq, feature] rather than [seq, batch, feature] (default false). */
  batchFirst?: boolean;
  /** Dropout on the outputs of each layer but the last, in training mode (default 0). */
  dropout?: number;
  /** Run a second direction from the last step to the first and concatenate (default false). */
  bidirectional?: boolean;
}

/** Options of `nn.RNN`: those of LSTM and GRU, and the nonlinearity. */
export interface RNNOptions extends RecurrentOptions {
  /** "tanh" (default) or "relu". */
  nonlinearity?: "tanh" | "relu";
}

const KINDS = { numLayers: "count", bias: "boolean", batchFirst: "boolean", dropout: "probability", bidirectional: "boolean" } as const;
const NAME: Record<RnnMode, string> = { tanh: "RNN", relu: "RNN", lstm: "LSTM", gru: "GRU" };

const EQUATIONS: Record<RnnMode, string> = {
  tanh: "h_t = \\tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})",
  relu: "h_t = \\mathrm{ReLU}(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})",
  lstm:
    "\\begin{aligned} i_t &= \\sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \\\\ f_t &= \\sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\\\ " +
    "g_t &= \\tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \\\\ o_t &= \\sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\\\ " +
    "c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t \\\\ h_t &= o_t \\odot \\tanh(c_t) \\end{aligned}",
  gru:
    "\\begin{aligned} r_t &= \\sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \\\\ z_t &= \\sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \\\\ " +
    "n_t &= \\tanh(W_{in} x_t + b_{in} + r_t \\odot (W_{hn} h_{t-1} + b_{hn})) \\\\ h_t &= (1 - z_t) \\odot n_t + z_t \\odot h_{t-1} \\end{aligned}",
};

/** What RNN, LSTM and GRU share: the stacked layers and directions, their parameters and the shapes they take. */
export abstract class RNNBase extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;

  constructor(readonly mode: RnnMode, readonly inputSize: number, readonly hiddenSize: number, numLayers: number | RNNOptions | undefined, options: RNNOptions | undefined, extra: Record<string, "checked"> = {}) {
    super();
    const layer = NAME[mode];
    if (typeof numLayers === "object" && numLayers !== null) {
      if (options !== undefined) throw new TypeError(`${layer}: the options come once, as the third argument or after numLayers, e.g. ${layer}(${inputSize}, ${hiddenSize}, 2, { batchFirst: true })`);
      [options, numLayers] = [numLayers, undefined];
    }
    const o = checkOptions(layer, options, { ...KINDS, ...extra } as unknown as Record<keyof RNNOptions, "checked">);
    checkArgument(layer, "inputSize", inputSize, "count");
    checkArgument(layer, "hiddenSize", hiddenSize, "count");
    if (numLayers !== undefined && o.numLayers !== undefined) throw new TypeError(`${layer}: numLayers is given twice, as an argument and as an option; give it once`);
    this.numLayers = checkArgument(layer, "numLayers", numLayers ?? o.numLayers ?? 1, "count");
    this.bias = o.bias ?? true;
    this.batchFirst = o.batchFirst ?? false;
    this.dropout = o.dropout ?? 0;
    this.bidirectional = o.bidirectional ?? false;
    if (this.dropout > 0 && this.numLayers === 1) {
      throw new RangeError(`${layer}: dropout acts between stacked layers, so with numLayers 1 it would do nothing (PyTorch warns and ignores it); use numLayers ≥ 2, or nn.Dropout on the output`);
    }
    // PyTorch: every weight and bias U(−1/√hidden, 1/√hidden), drawn in its parameter order.
    const bound = 1 / Math.sqrt(hiddenSize), gh = GATES[mode] * hiddenSize, self = this as unknown as Record<string, ParameterTensor>;
    for (let l = 0; l < this.numLayers; l++) {
      for (const suffix of this.bidirectional ? ["", "Reverse"] : [""]) {
        const inSize = l === 0 ? inputSize : hiddenSize * this.directions;
        self[`weightIhL${l}${suffix}`] = new ParameterTensor(uniformTensor([gh, inSize], bound));
        self[`weightHhL${l}${suffix}`] = new ParameterTensor(uniformTensor([gh, hiddenSize], bound));
        if (this.bias) {
          self[`biasIhL${l}${suffix}`] = new ParameterTensor(uniformTensor([gh], bound));
          self[`biasHhL${l}${suffix}`] = new ParameterTensor(uniformTensor([gh], bound));
        }
      }
    }
  }

  /** 2 for a bidirectional layer, else 1. */
  get directions(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** Parameters under PyTorch's keys (`weight_ih_l0_reverse`), in namedParameters and stateDict alike. */
  protected override members(): [string, Module | ParameterTensor][] {
    return super.members().map(([k, v]) => [stateKey(k), v]);
  }

  private param(kind: string, l: number, reverse: boolean): Tensor | null {
    return (this as unknown as Record<string, Tensor | undefined>)[`${kind}L${l}${reverse ? "Reverse" : ""}`] ?? null;
  }

  private shapeError(x: unknown): ShapeError {
    const layer = NAME[this.mode], given = x instanceof Tensor ? fmt(x.shape) : describeValue(x), I = this.inputSize;
    const fix = !(x instanceof Tensor) || x.ndim < 2 || x.ndim > 3 ? ` — give the sequence as [seq, batch, ${I}] (or unbatched [seq, ${I}])`
      : I === 1 && x.ndim === 2 ? " — add the feature dim: x.unsqueeze(-1)"
      : x.shape[0] === 0 ? " — the sequence is empty"
      : ` — its last dim is the features, ${x.shape[x.ndim - 1]} here; make the layer with inputSize ${x.shape[x.ndim - 1]} or reshape the input`;
    return new ShapeError(`${layer}: expected input [seq, batch, ${I}] (or [batch, seq, ${I}] with batchFirst: true, or unbatched [seq, ${I}]), got ${given}${fix}`);
  }

  /** The initial state h0 or c0 for each layer and direction as [batch, hidden], checked; zeros when not given. */
  protected initial(name: string, s: Tensor | undefined, batch: number, unbatched: boolean): Tensor[] {
    const n = this.numLayers * this.directions, H = this.hiddenSize;
    if (s === undefined || s === null) return Array.from({ length: n }, () => new Tensor(alloc(batch * H), [batch, H]));
    const want = unbatched ? [n, H] : [n, batch, H];
    if (!(s instanceof Tensor) || s.ndim !== want.length || s.shape.some((d, i) => d !== want[i])) {
      const given = s instanceof Tensor ? fmt(s.shape) : describeValue(s);
      throw new ShapeError(`${NAME[this.mode]}: expected ${name} ${fmt(want)} ([numLayers·directions, ${unbatched ? "" : "batch, "}hidden]), got ${given} — e.g. zeros(${want.join(", ")})`);
    }
    return Array.from({ length: n }, (_, i) => (unbatched ? s.select(0, i).unsqueeze(0) : s.select(0, i)));
  }

  /** The output [seq, batch, D·hidden] (layout as the input), and hN (and cN) [D·numLayers, batch, hidden]. */
  protected run(x: Tensor, h0: Tensor | undefined, c0: Tensor | undefined): [Tensor, Tensor, Tensor | null] {
    if (!(x instanceof Tensor) || (x.ndim !== 2 && x.ndim !== 3) || x.shape[x.ndim - 1] !== this.inputSize) throw this.shapeError(x);
    const unbatched = x.ndim === 2, lstm = this.mode === "lstm";
    let seq = unbatched ? x.unsqueeze(1) : this.batchFirst ? x.transpose(0, 1) : x;
    const [T, B] = seq.shape;
    if (T === 0) throw this.shapeError(x);
    const hs = this.initial("h0", h0, B, unbatched), cs = lstm ? this.initial("c0", c0, B, unbatched) : [];
    const hN: Tensor[] = [], cN: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < this.directions; d++) {
        const k = l * this.directions + d, rev = d === 1;
        const packed = rnnLayer(this.mode, seq, hs[k], lstm ? cs[k] : null, this.param("weightIh", l, rev)!, this.param("weightHh", l, rev)!, this.param("biasIh", l, rev), this.param("biasHh", l, rev), rev);
        outs.push(lstm ? packed.narrow(0, 0, T) : packed);
        hN.push(packed.select(0, rev ? 0 : T - 1));
        if (lstm) cN.push(packed.select(0, T));
      }
      seq = outs.length === 1 ? outs[0] : cat(outs, 2);
      if (this.training && this.dropout > 0 && l < this.numLayers - 1) seq = new Dropout(this.dropout).forward(seq); // not a child: the layer's state and printout stay PyTorch's
    }
    const output = unbatched ? seq.squeeze(1) : this.batchFirst ? seq.transpose(0, 1) : seq;
    const finish = (states: Tensor[]) => (unbatched ? stack(states, 0).squeeze(1) : stack(states, 0));
    return [output, finish(hN), lstm ? finish(cN) : null];
  }

  override extraRepr(): string {
    const extra = [
      this.numLayers !== 1 ? `numLayers=${this.numLayers}` : "",
      this.mode === "relu" ? "nonlinearity=relu" : "",
      this.bias ? "" : "bias=false",
      this.batchFirst ? "batchFirst=true" : "",
      this.dropout ? `dropout=${this.dropout}` : "",
      this.bidirectional ? "bidirectional=true" : "",
    ].filter(Boolean);
    return [`${this.inputSize}, ${this.hiddenSize}`, ...extra].join(", ");
  }

  override describe(): LayerInfo {
    return {
      kind: NAME[this.mode],
      config: {
        inputSize: this.inputSize, hiddenSize: this.hiddenSize, numLayers: this.numLayers, bias: this.bias, batchFirst: this.batchFirst,
        dropout: this.dropout, bidirectional: this.bidirectional, ...(NAME[this.mode] === "RNN" ? { nonlinearity: this.mode } : {}),
      },
      features: undefined,
      equation: EQUATIONS[this.mode],
    };
  }
}

/** Elman RNN; see `nn.RNN`. */
export class RNN extends RNNBase {
  static {
    builtInLayer(this);
  }
  constructor(inputSize: number, hiddenSize: number, numLayers?: number | RNNOptions, options?: RNNOptions) {
    const opts = typeof numLayers === "object" ? numLayers : options;
    const nl = opts?.nonlinearity ?? "tanh";
    if (nl !== "tanh" && nl !== "relu") throw new TypeError(`RNN: nonlinearity must be "tanh" or "relu", not ${describeValue(nl)}; for an LSTM or a GRU use nn.LSTM or nn.GRU`);
    super(nl, inputSize, hiddenSize, numLayers, options, { nonlinearity: "checked" });
  }

  /** `[output, hN]` for input x and the initial state h0 (zeros when not given). */
  override forward(x: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [out, h] = this.run(x, h0, undefined);
    return [out, h];
  }
}

/** Long short-term memory; see `nn.LSTM`. */
export class LSTM extends RNNBase {
  static {
    builtInLayer(this);
  }
  constructor(inputSize: number, hiddenSize: number, numLayers?: number | RecurrentOptions, options?: RecurrentOptions) {
    super("lstm", inputSize, hiddenSize, numLayers, options);
  }

  /** `[output, [hN, cN]]` for input x and the initial states [h0, c0] (zeros when not given). */
  override forward(x: Tensor, state?: [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    if (state !== undefined && !(Array.isArray(state) && state.length === 2 && state[0] instanceof Tensor && state[1] instanceof Tensor)) {
      throw new TypeError(`LSTM: the initial state must be a pair of tensors [h0, c0] (as PyTorch's (h0, c0)), not ${describeValue(state)}; leave it out to start both at zeros`);
    }
    const [out, h, c] = this.run(x, state?.[0], state?.[1]);
    return [out, [h, c!]];
  }
}

/** Gated recurrent unit; see `nn.GRU`. */
export class GRU extends RNNBase {
  static {
    builtInLayer(this);
  }
  constructor(inputSize: number, hiddenSize: number, numLayers?: number | RecurrentOptions, options?: RecurrentOptions) {
    super("gru", inputSize, hiddenSize, numLayers, options);
  }

  /** `[output, hN]` for input x and the initial state h0 (zeros when not given). */
  override forward(x: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const [out, h] = this.run(x, h0, undefined);
    return [out, h];
  }
}
