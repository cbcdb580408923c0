// Multi-head attention as PyTorch's nn.MultiheadAttention, composed from matmul, softmax and the view ops, and the
// scaled dot-product attention it is built on.
import { Tensor } from "../tensor";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { checkArgument, checkOptions, describe as describeValue } from "../options";
import { linear } from "../ops/linear";
import type { LayerInfo } from "./layerInfo";
import { Module, builtInLayer } from "./module";
import { ParameterTensor } from "./parameter";
import { Linear } from "./linear";
import { Dropout } from "./dropout";
import { xavierUniform } from "./init";

/** Options of `nn.MultiheadAttention`, PyTorch's keywords. */
export interface MultiheadAttentionOptions {
  /** Dropout probability on the attention weights while training (default 0). */
  dropout?: number;
  /** Learn biases in the input and output projections (default true). */
  bias?: boolean;
  /** Inputs and output are [N, L, E] instead of [L, N, E] (default false, as PyTorch). */
  batchFirst?: boolean;
  /** Features of the key (default embedDim). */
  kdim?: number;
  /** Features of the value (default embedDim). */
  vdim?: number;
}

/**
 * Options of `MultiheadAttention.forward`. A mask whose entries are all 0 or 1 is read as PyTorch's bool mask
 * (1 = may not attend); any other mask is added to the scores (0 and −Infinity as generateSquareSubsequentMask).
 */
export interface AttentionForwardOptions {
  /** [N, S] ([S] unbatched): 1 marks a key (e.g. padding) that no query may attend to. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true); false gives null in their place. */
  needWeights?: boolean;
  /** [L, S] or [N·numHeads, L, S]: 1 (or −Infinity) where query l may not attend to key s. */
  attnMask?: Tensor | null;
  /** Average the weights over the heads, [N, L, S] (default true); false gives [N, numHeads, L, S]. */
  averageAttnWeights?: boolean;
  /** Apply the causal mask (query l sees keys 0…l) instead of an attnMask. */
  isCausal?: boolean;
}

/** Options of `F.scaledDotProductAttention`, PyTorch 2's keywords. */
export interface ScaledDotProductAttentionOptions {
  /** [..., L, S], broadcast: 0/1 entries are PyTorch's bool mask (1 = takes part), others are added to the scores. */
  attnMask?: Tensor | null;
  /** Dropout probability on the attention weights (default 0; applied whenever > 0, as PyTorch's). */
  dropoutP?: number;
  /** Let query l attend only to keys 0…l. */
  isCausal?: boolean;
}

const isBool = (d: ArrayLike<number>): boolean => {
  for (let i = 0; i < d.length; i++) if (d[i] !== 0 && d[i] !== 1) return false;
  return true;
};

/** A mask as what is added to the scores; a 0/1 mask blocks where its entries equal `blocked`. */
function additive(fn: string, name: string, mask: unknown, blocked: 0 | 1): Float32Array {
  if (!(mask instanceof Tensor)) throw new TypeError(`${fn}: ${name} must be a tensor, not ${describeValue(mask)}`);
  const d = mask.data, out = alloc(d.length);
  if (isBool(d)) for (let i = 0; i < d.length; i++) out[i] = d[i] === blocked ? -Infinity : 0;
  else {
    for (let i = 0; i < d.length; i++) {
      if (Number.isNaN(d[i]) || d[i] === Infinity) throw new RangeError(`${fn}: ${name} has ${d[i]} at position ${i}; a float mask holds finite numbers or -Infinity`);
      out[i] = d[i];
    }
  }
  return out;
}

/** The causal mask [L, S]: −Infinity above the diagonal (a key after the query). */
function causalMask(l: number, s: number): Float32Array {
  const out = alloc(l * s);
  for (let i = 0; i < l; i++) for (let j = i + 1; j < s; j++) out[i * s + j] = -Infinity;
  return out;
}

/**
 * softmax(q kᵀ/√d + mask) v on [..., L, d] × [..., S, d] × [..., S, dv], with the weights [..., L, S].
 * A row with every key masked would be NaN (PyTorch's result): `row` names it in the error instead.
 */
function attend(fn: string, q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, dropout: number, row: (i: number) => string): [Tensor, Tensor] {
  let scores = q.matmul(k.transpose(-2, -1)).mul(1 / Math.sqrt(q.shape[q.ndim - 1]));
  if (mask) {
    scores = scores.add(mask);
    const d = scores.data, s = scores.shape[scores.ndim - 1];
    for (let r = 0; r * s < d.length; r++) {
      let open = false;
      for (let j = 0; j < s && !open; j++) open = d[r * s + j] !== -Infinity;
      if (!open && s > 0) throw new RangeError(`${fn}: every key is masked for ${row(r)}, which would give NaN (as in PyTorch); leave at least one key unmasked for each query`);
    }
  }
  let weights = scores.softmax(-1);
  if (dropout > 0) weights = new Dropout(dropout).forward(weights);
  return [weights.matmul(v), weights];
}

/**
 * Scaled dot-product attention (PyTorch 2's F.scaled_dot_product_attention): softmax(q kᵀ/√d + M) v.
 * q [..., L, d], k [..., S, d], v [..., S, dv] → [..., L, dv]; leading dims broadcast as matmul's.
 * `attnMask` [..., L, S] broadcasts: a mask of 0s and 1s is PyTorch's bool mask, 1 = takes part (note: the
 * opposite of MultiheadAttention's); any other mask is added to the scores. `isCausal` lets query l see keys 0…l.
 * @example const out = F.scaledDotProductAttention(q, k, v, { isCausal: true }) // [n, l, d]
 */
export function scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, options?: ScaledDotProductAttentionOptions): Tensor {
  const fn = "F.scaledDotProductAttention";
  const o = checkOptions(fn, options, { attnMask: "checked", dropoutP: "probability", isCausal: "boolean" });
  for (const [name, t] of [["query", query], ["key", key], ["value", value]] as const) {
    if (!(t instanceof Tensor) || t.ndim < 2) throw new ShapeError(`${fn}: ${name} must be [..., length, features], got ${t instanceof Tensor ? fmt(t.shape) : describeValue(t)}`);
  }
  const l = query.shape[query.ndim - 2], s = key.shape[key.ndim - 2];
  if (query.shape[query.ndim - 1] !== key.shape[key.ndim - 1] || value.shape[value.ndim - 2] !== s) {
    throw new ShapeError(`${fn}: expected query [..., L, E], key [..., S, E] and value [..., S, Ev], got ${fmt(query.shape)}, ${fmt(key.shape)} and ${fmt(value.shape)}`);
  }
  let mask: Tensor | null = null;
  if (o.attnMask != null) {
    if (o.isCausal) throw new TypeError(`${fn}: give attnMask or isCausal, not both (isCausal is the mask of keys after each query)`);
    const m = o.attnMask as Tensor, values = additive(fn, "attnMask", m, 0);
    if (m.ndim < 1 || m.shape[m.ndim - 1] !== s || (m.ndim > 1 && m.shape[m.ndim - 2] !== l && m.shape[m.ndim - 2] !== 1)) {
      throw new ShapeError(`${fn}: attnMask must broadcast to [..., L, S] = [..., ${l}, ${s}], got ${fmt(m.shape)}`);
    }
    mask = new Tensor(values, m.shape.slice());
  } else if (o.isCausal) mask = new Tensor(causalMask(l, s), [l, s]);
  return attend(fn, query, key, value, mask, o.dropoutP ?? 0, (r) => `query ${r % l} of score matrix ${Math.floor(r / l)}`)[0];
}

/** Multi-head attention; see `nn.MultiheadAttention`. */
export class MultiheadAttention extends Module {
  static {
    builtInLayer(this);
  }
  /** The query, key and value projections stacked, [3·embedDim, embedDim]; null when kdim or vdim differ. */
  inProjWeight: ParameterTensor | null = null;
  /** The query projection [embedDim, embedDim], when kdim or vdim differ from embedDim (else null). */
  qProjWeight: ParameterTensor | null = null;
  /** The key projection [embedDim, kdim], when kdim or vdim differ from embedDim (else null). */
  kProjWeight: ParameterTensor | null = null;
  /** The value projection [embedDim, vdim], when kdim or vdim differ from embedDim (else null). */
  vProjWeight: ParameterTensor | null = null;
  /** The biases of the three projections stacked, [3·embedDim] (null with `bias: false`). */
  inProjBias: ParameterTensor | null = null;
  /** The output projection, Linear(embedDim, embedDim). */
  outProj: Linear;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly kdim: number;
  readonly vdim: number;
  /** Features per head, embedDim / numHeads. */
  readonly headDim: number;

  constructor(readonly embedDim: number, readonly numHeads: number, options?: MultiheadAttentionOptions) {
    super();
    checkArgument("MultiheadAttention", "embedDim", embedDim, "count");
    checkArgument("MultiheadAttention", "numHeads", numHeads, "count");
    const o = checkOptions("MultiheadAttention", options, { dropout: "probability", bias: "boolean", batchFirst: "boolean", kdim: "count", vdim: "count" });
    if (embedDim % numHeads !== 0) {
      throw new RangeError(`MultiheadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads} (each head gets embedDim / numHeads features); try numHeads ${divisorsOf(embedDim).join(", ")}`);
    }
    this.dropout = o.dropout ?? 0;
    this.batchFirst = o.batchFirst ?? false;
    this.kdim = o.kdim ?? embedDim;
    this.vdim = o.vdim ?? embedDim;
    this.headDim = embedDim / numHeads;
    const matrix = (rows: number, cols: number) => new ParameterTensor(xavierUniform(new Tensor(alloc(rows * cols), [rows, cols])));
    // PyTorch's parameters, in its order (its state dict keys follow it), each drawn from xavier_uniform.
    if (this.kdim === embedDim && this.vdim === embedDim) this.inProjWeight = matrix(3 * embedDim, embedDim);
    else {
      this.qProjWeight = matrix(embedDim, embedDim);
      this.kProjWeight = matrix(embedDim, this.kdim);
      this.vProjWeight = matrix(embedDim, this.vdim);
    }
    const bias = o.bias ?? true;
    if (bias) this.inProjBias = new ParameterTensor(new Tensor(alloc(3 * embedDim), [3 * embedDim]));
    this.outProj = new Linear(embedDim, embedDim, { bias });
    this.outProj.bias?.data.fill(0);
  }

  /** The query, key and value projection weights and biases (slices of the stacked ones when they are stacked). */
  private projections(): [Tensor, Tensor | null][] {
    const e = this.embedDim, b = this.inProjBias;
    const weights = this.inProjWeight ? [0, 1, 2].map((i) => this.inProjWeight!.narrow(0, i * e, e)) : [this.qProjWeight!, this.kProjWeight!, this.vProjWeight!];
    return weights.map((w, i) => [w, b ? b.narrow(0, i * e, e) : null]);
  }

  override forward(query: Tensor, key: Tensor, value: Tensor, options?: AttentionForwardOptions): [Tensor, Tensor | null] {
    const o = checkOptions("MultiheadAttention.forward", options, {
      keyPaddingMask: "checked", needWeights: "boolean", attnMask: "checked", averageAttnWeights: "boolean", isCausal: "boolean",
    });
    const fn = "MultiheadAttention", e = this.embedDim, h = this.numHeads;
    const layout = (len: string, d: number) => (this.batchFirst ? `[N, ${len}, ${d}]` : `[${len}, N, ${d}]`);
    const shapeOf = (t: unknown) => (t instanceof Tensor ? fmt(t.shape) : describeValue(t));
    const batched = query instanceof Tensor && query.ndim === 3;
    const check = (name: string, t: unknown, len: string, d: number) => {
      if (!(t instanceof Tensor) || t.ndim !== (batched ? 3 : 2) || t.shape[t.ndim - 1] !== d) {
        const hint = t instanceof Tensor && t.ndim >= 2 && t.shape[t.ndim - 1] !== d
          ? ` — its last dim must be ${d}${name === "query" ? " (embedDim)" : name === "key" ? " (kdim)" : " (vdim)"}`
          : name === "query"
            ? ` — give it 3 dims (batched) or 2 (unbatched)${this.batchFirst ? "" : "; for [N, L, E] make the layer with { batchFirst: true }"}`
            : ` — the query is ${batched ? "batched (3 dims)" : "unbatched (2 dims)"}, so the ${name} must be too`;
        throw new ShapeError(`${fn}: expected ${name} ${layout(len, d)} (or unbatched [${len}, ${d}]), got ${shapeOf(t)}${hint}`);
      }
    };
    check("query", query, "L", e);
    check("key", key, "S", this.kdim);
    check("value", value, "S", this.vdim);
    // Work in PyTorch's layout [L, N, E].
    const toLNE = (t: Tensor) => (!batched ? t.unsqueeze(1) : this.batchFirst ? t.transpose(0, 1) : t);
    const q0 = toLNE(query), k0 = toLNE(key), v0 = toLNE(value);
    const [l, n] = q0.shape, s = k0.shape[0];
    if (k0.shape[1] !== n || v0.shape[1] !== n || v0.shape[0] !== s) {
      throw new ShapeError(`${fn}: query ${fmt(query.shape)}, key ${fmt(key.shape)} and value ${fmt(value.shape)} must share the batch size N, and key and value the length S`);
    }
    const mask = this.mask(o, l, n, s, batched);
    const [[wq, bq], [wk, bk], [wv, bv]] = this.projections();
    // [len, N, E] → [N·heads, len, headDim]: head i of batch b is row b·heads + i, as PyTorch's.
    const heads = (t: Tensor, len: number) => t.reshape(len, n * h, this.headDim).transpose(0, 1);
    const q = heads(linear(q0, wq, bq), l), k = heads(linear(k0, wk, bk), s), v = heads(linear(v0, wv, bv), s);
    const [attended, weights] = attend(fn, q, k, v, mask, this.training ? this.dropout : 0, (r) =>
      `query ${r % l}${batched ? ` of batch ${Math.floor(r / (l * h))}` : ""} (head ${Math.floor(r / l) % h})`);
    let out = this.outProj.forward(attended.transpose(0, 1).reshape(l * n, e)).reshape(l, n, e);
    out = !batched ? out.squeeze(1) : this.batchFirst ? out.transpose(0, 1) : out;
    if (o.needWeights === false) return [out, null];
    let w = weights.reshape(n, h, l, s);
    if (o.averageAttnWeights !== false) w = w.mean(1);
    return [out, batched ? w : w.squeeze(0)];
  }

  /** attnMask, keyPaddingMask and isCausal as one additive mask [N·heads, L, S] (or [L, S]), or null. */
  private mask(o: AttentionForwardOptions, l: number, n: number, s: number, batched: boolean): Tensor | null {
    const fn = "MultiheadAttention", h = this.numHeads;
    if (o.isCausal && o.attnMask != null) throw new TypeError(`${fn}: give attnMask or isCausal, not both (isCausal is the mask of keys after each query)`);
    let attn: Float32Array | null = null, perHead = false;
    if (o.attnMask != null) {
      attn = additive(fn, "attnMask", o.attnMask, 1);
      const m = o.attnMask as Tensor, sh = m.shape;
      perHead = sh.length === 3;
      const fits = (sh.length === 2 && sh[0] === l && sh[1] === s) || (perHead && sh[0] === n * h && sh[1] === l && sh[2] === s);
      if (!fits) throw new ShapeError(`${fn}: attnMask must be [L, S] = [${l}, ${s}] or [N·numHeads, L, S] = [${n * h}, ${l}, ${s}], got ${fmt(sh)}`);
    } else if (o.isCausal) attn = causalMask(l, s);
    let padding: Float32Array | null = null;
    if (o.keyPaddingMask != null) {
      padding = additive(fn, "keyPaddingMask", o.keyPaddingMask, 1);
      const sh = (o.keyPaddingMask as Tensor).shape;
      const want = batched ? [n, s] : [s];
      if (sh.length !== want.length || sh.some((d, i) => d !== want[i])) {
        throw new ShapeError(`${fn}: keyPaddingMask must be ${batched ? `[N, S] = [${n}, ${s}]` : `[S] = [${s}] for unbatched inputs`}, got ${fmt(sh)}`);
      }
    }
    if (!padding) return attn && (perHead ? new Tensor(attn, [n * h, l, s]) : new Tensor(attn, [l, s]));
    const out = alloc(n * h * l * s);
    for (let bh = 0; bh < n * h; bh++) {
      const b = Math.floor(bh / h);
      for (let i = 0; i < l; i++) {
        for (let j = 0; j < s; j++) out[(bh * l + i) * s + j] = (attn ? attn[((perHead ? bh * l : 0) + i) * s + j] : 0) + padding[b * s + j];
      }
    }
    return new Tensor(out, [n * h, l, s]);
  }

  override extraRepr(): string {
    const extra = [
      this.dropout ? `dropout=${this.dropout}` : "",
      this.inProjBias ? "" : "bias=false",
      this.batchFirst ? "batchFirst=true" : "",
      this.kdim !== this.embedDim ? `kdim=${this.kdim}` : "",
      this.vdim !== this.embedDim ? `vdim=${this.vdim}` : "",
    ].filter(Boolean);
    return [`embedDim=${this.embedDim}, numHeads=${this.numHeads}`, ...extra].join(", ");
  }

  override describe(): LayerInfo {
    return {
      kind: "MultiheadAttention",
      config: {
        embedDim: this.embedDim, numHeads: this.numHeads, dropout: this.dropout, bias: this.inProjBias !== null,
        batchFirst: this.batchFirst, kdim: this.kdim, vdim: this.vdim,
      },
      features: undefined,
      equation:
        `\\mathrm{MultiHead}(Q,K,V) = [\\mathrm{head}_1, \\dots, \\mathrm{head}_{${this.numHeads}}]\\,W^O,\\quad ` +
        `\\mathrm{head}_i = \\mathrm{softmax}\\!\\left(\\frac{Q W_i^Q (K W_i^K)^\\top}{\\sqrt{${this.headDim}}} + M\\right) V W_i^V`,
    };
  }
}

function divisorsOf(e: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= e; d++) if (e % d === 0) out.push(d);
  return out;
}
