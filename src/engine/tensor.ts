import { type GradFn, runBackward } from "./autograd";
import { WALK_GRAD, WALK_MARK, WALK_OWNED } from "./walkState";
import { ShapeError, fmt, normDim, sizeOf } from "./shape";
import { checkOptions } from "./options";
import { formatTensor } from "./format";
import { add, div, mul, neg, pow, sub } from "./ops/arithmetic";
import { abs, exp, log, sign, sqrt, square } from "./ops/unary";
import { cos, sin } from "./ops/trig";
import { clamp, maximum, minimum } from "./ops/clamp";
import { eq, ge, gt, le, lt, ne } from "./ops/compare";
import { gelu, leakyRelu, relu, sigmoid, silu, step, tanh } from "./ops/activation";
import { matmul, mm } from "./ops/matmul";
import { dot, mv } from "./ops/products";
import { flatten, permute, reshape, transpose } from "./ops/view";
import { mean, prod, sum } from "./ops/reduce";
import { ValuesIndices, argExtreme, extremeAll, extremeDim } from "./ops/extremes";
import { std, variance } from "./ops/moments";
import { norm } from "./ops/norm";
import { logSoftmax, softmax } from "./ops/softmax";
import { clone } from "./ops/clone";
import { squeeze, unsqueeze } from "./ops/dims";
import { expand, repeat, sizesOf } from "./ops/expand";
import { chunk, split } from "./ops/split";
import { narrow, select, slice } from "./ops/slice";
import { indexRows } from "./ops/rows";
import { offsetOf, setElement } from "./ops/element";
import { assign } from "./ops/inplace";
import { copyInto, fill, fillNormal, fillUniform } from "./ops/fill";
import { asTensor } from "./ops/operand";
import { forbidBrackets } from "./brackets";

/**
 * An n-dimensional array of float32 numbers that can record how it was computed, so
 * that `backward()` can find gradients (PyTorch's `torch.Tensor`).
 *
 * Elements live in `data`, a contiguous row-major `Float32Array`: element `[i, j]` of a
 * `[rows, cols]` tensor is `data[i * cols + j]`. Make tensors with `tensor`, `zeros`,
 * `randn`, …; every op returns a new tensor.
 * @example const x = tensor([[1, 2], [3, 4]]); x.matmul(x) // tensor([[ 7., 10.], [15., 22.]])
 */
export class Tensor {
  /** The elements, row-major. Writing into it changes the tensor (and any view of it) in place. */
  readonly data: Float32Array;
  /** Size of each dim, e.g. `[4, 2]` for 4 rows of 2 features; `[]` for a scalar. */
  readonly shape: number[];
  /** Whether gradients flow to this tensor; set it on weights you want to learn. */
  requiresGrad: boolean;
  /** ∂(what you called backward on)/∂(this tensor), filled by `backward()` on leaves; adds up until reset to null. */
  grad: Tensor | null = null;
  /** The op that produced this tensor (PyTorch's `grad_fn`); null for tensors you created. */
  gradFn: GradFn | null = null;
  /** Set by `retainGrad()`: keep `.grad` on this intermediate tensor too. */
  retainsGrad = false;
  /** @internal */
  [WALK_MARK] = 0;
  /** @internal */
  [WALK_GRAD]: Float32Array | null = null;
  /** @internal */
  [WALK_OWNED] = false;

  constructor(data: Float32Array, shape: number[], requiresGrad = false) {
    if (data.length !== sizeOf(shape)) {
      throw new ShapeError(`Tensor: ${data.length} elements do not fill shape ${fmt(shape)} (${sizeOf(shape)} needed)`);
    }
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
  }

  /**
   * The shape, as PyTorch's `size()`; with `dim`, the size of that one dim (negative counts from the end).
   * The element count is `numel()`.
   * @example randn(3, 4).size() // [3, 4]
   * @example randn(3, 4).size(-1) // 4
   */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    return this.shape[normDim("size", dim, this.ndim)];
  }

  /** Number of elements, the product of the shape (PyTorch's `numel()`). @example randn(3, 4).numel() // 12 */
  numel(): number {
    return this.data.length;
  }

  /** Number of dims, as PyTorch's `dim()`; the same as `ndim`. @example randn(3, 4).dim() // 2 */
  dim(): number {
    return this.shape.length;
  }

  /** Number of dims: 0 for a scalar, 1 for a vector, 2 for a matrix. */
  get ndim(): number {
    return this.shape.length;
  }

  /** True for tensors you created, false for results of ops on tensors that require grad. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  // ── elementwise arithmetic (NumPy broadcasting) ──

  /** a + b, elementwise with broadcasting. @example tensor([1, 2]).add(10) // tensor([11., 12.]) */
  add(other: Tensor | number): Tensor {
    return add(this, other);
  }
  /** a − b, elementwise with broadcasting. @example x.sub(x.mean()) */
  sub(other: Tensor | number): Tensor {
    return sub(this, other);
  }
  /** a · b, elementwise with broadcasting (not the matrix product: see `matmul`). @example x.mul(2) */
  mul(other: Tensor | number): Tensor {
    return mul(this, other);
  }
  /** a / b, elementwise with broadcasting. @example x.div(x.sum()) */
  div(other: Tensor | number): Tensor {
    return div(this, other);
  }
  /** aᵇ elementwise; ∂/∂a = b·aᵇ⁻¹. @example err.pow(2).mean() */
  pow(exponent: Tensor | number): Tensor {
    return pow(this, exponent);
  }
  /** −a elementwise (torch.neg). @example tensor([1, -2]).neg() // tensor([-1.,  2.]) */
  neg(): Tensor {
    return neg(this);
  }
  /** eˣ elementwise (torch.exp); its derivative is itself. @example tensor([0, 1]).exp() // tensor([1.0000, 2.7183]) */
  exp(): Tensor {
    return exp(this);
  }
  /** Natural logarithm ln x elementwise (torch.log); derivative 1/x. @example tensor(0.9).log().neg() // tensor(0.1054), the loss −log p */
  log(): Tensor {
    return log(this);
  }
  /** √x elementwise (torch.sqrt); derivative 1/(2√x). @example tensor([4, 9]).sqrt() // tensor([2., 3.]) */
  sqrt(): Tensor {
    return sqrt(this);
  }
  /** |x| elementwise (torch.abs); derivative sign(x), taken as 0 at 0. @example err.abs().mean() // mean absolute error */
  abs(): Tensor {
    return abs(this);
  }
  /** x² elementwise (torch.square); derivative 2x. @example err.square().mean() // mean squared error */
  square(): Tensor {
    return square(this);
  }
  /** −1, 0 or 1 by the sign of each element (torch.sign; 0 for NaN, as torch 1.13). Its gradient is 0. @example tensor([-2, 0, 3]).sign() // tensor([-1.,  0.,  1.]) */
  sign(): Tensor {
    return sign(this);
  }
  /** sin x elementwise, x in radians (torch.sin); derivative cos x. @example tensor([0, Math.PI / 2]).sin() // tensor([0., 1.]) */
  sin(): Tensor {
    return sin(this);
  }
  /** cos x elementwise, x in radians (torch.cos); derivative −sin x. @example tensor([0, Math.PI]).cos() // tensor([ 1., -1.]) */
  cos(): Tensor {
    return cos(this);
  }
  /**
   * Each element limited to [min, max]: min(max(x, min), max) (torch.clamp). Give one bound or both
   * (`x.clamp(0)`, `x.clamp(undefined, 1)`); NaN stays NaN. The gradient is 1 where min ≤ x ≤ max
   * (the bounds included) and 0 outside, as in PyTorch.
   * @example tensor([-2, 0.5, 3]).clamp(0, 1) // tensor([0.0000, 0.5000, 1.0000])
   */
  clamp(min?: number | null, max?: number | null): Tensor {
    return clamp(this, min, max);
  }
  /**
   * The larger of a and b elementwise, with broadcasting (torch.maximum); NaN if either is NaN. On a tie
   * the gradient is split in half between the two, as in PyTorch.
   * @example tensor([1, 5]).maximum(tensor([3, 2])) // tensor([3., 5.])
   */
  maximum(other: Tensor | number): Tensor {
    return maximum(this, other);
  }
  /**
   * The smaller of a and b elementwise, with broadcasting (torch.minimum); NaN if either is NaN. On a tie
   * the gradient is split in half between the two, as in PyTorch.
   * @example tensor([1, 5]).minimum(tensor([3, 2])) // tensor([1., 2.])
   */
  minimum(other: Tensor | number): Tensor {
    return minimum(this, other);
  }

  // ── comparisons: 1 where true, 0 where false, with broadcasting; no gradient ──

  /** a > b elementwise as 0/1 (torch.gt; PyTorch's bool tensor as float). No gradient. @example tensor([1, 2, 3]).gt(2) // tensor([0., 0., 1.]) */
  gt(other: Tensor | number): Tensor {
    return gt(this, other);
  }
  /** a ≥ b elementwise as 0/1 (torch.ge). No gradient. @example tensor([1, 2, 3]).ge(2) // tensor([0., 1., 1.]) */
  ge(other: Tensor | number): Tensor {
    return ge(this, other);
  }
  /** a < b elementwise as 0/1 (torch.lt). No gradient. @example tensor([1, 2, 3]).lt(2) // tensor([1., 0., 0.]) */
  lt(other: Tensor | number): Tensor {
    return lt(this, other);
  }
  /** a ≤ b elementwise as 0/1 (torch.le). No gradient. @example tensor([1, 2, 3]).le(2) // tensor([1., 1., 0.]) */
  le(other: Tensor | number): Tensor {
    return le(this, other);
  }
  /** a = b elementwise as 0/1 (torch.eq); NaN equals nothing. No gradient. @example pred.argmax(1).eq(labels).mean() // accuracy */
  eq(other: Tensor | number): Tensor {
    return eq(this, other);
  }
  /** a ≠ b elementwise as 0/1 (torch.ne); 1 for NaN. No gradient. @example tensor([1, 2]).ne(tensor([1, 3])) // tensor([0., 1.]) */
  ne(other: Tensor | number): Tensor {
    return ne(this, other);
  }

  // ── activations ──

  /** ReLU: max(0, x). Derivative 1 for x > 0, else 0. @example tensor([-1, 2]).relu() // tensor([0., 2.]) */
  relu(): Tensor {
    return relu(this);
  }
  /** Sigmoid σ(x) = 1 / (1 + e⁻ˣ), squashes to (0, 1); σ' = σ(1 − σ). @example tensor(0.8).sigmoid() // tensor(0.6900) */
  sigmoid(): Tensor {
    return sigmoid(this);
  }
  /** tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ), squashes to (−1, 1) (torch.tanh); derivative 1 − tanh². @example tensor(0.5).tanh() // tensor(0.4621) */
  tanh(): Tensor {
    return tanh(this);
  }
  /** Leaky ReLU: x for x > 0, else alpha·x, so negatives keep a small gradient (F.leaky_relu). @example tensor([-2, 3]).leakyRelu(0.1) // tensor([-0.2000,  3.0000]) */
  leakyRelu(alpha = 0.01): Tensor {
    return leakyRelu(this, alpha);
  }
  /** GELU: x·Φ(x), Φ the standard normal CDF (F.gelu, exact form). A smooth ReLU used in transformers. @example tensor(1).gelu() // tensor(0.8413) */
  gelu(): Tensor {
    return gelu(this);
  }
  /** SiLU (swish): x·σ(x) (F.silu); derivative σ(x)(1 + x(1 − σ(x))). @example tensor(1).silu() // tensor(0.7311) */
  silu(): Tensor {
    return silu(this);
  }
  /** Heaviside step: 1 where x ≥ 0, else 0 — the perceptron's activation (torch.heaviside with 1 at 0). Its gradient is 0, so it cannot be trained by backprop. @example tensor([-1, 0, 2]).step() // tensor([0., 1., 1.]) */
  step(): Tensor {
    return step(this);
  }

  // ── linear algebra and shapes ──

  /**
   * Matrix product (`@` in PyTorch): [m, k] × [k, n] → [m, n]. A 1-D operand acts as a
   * row (left) or a column (right); leading batch dims broadcast.
   * @example tensor([[1, 2], [3, 4]]).matmul(tensor([[1, 2], [3, 4]])) // tensor([[ 7., 10.], [15., 22.]])
   */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  /**
   * Matrix product of two matrices only: [m, k] × [k, n] → [m, n] (torch.mm); for vectors and batches use `matmul`.
   * @example tensor([[1, 2], [3, 4]]).mm(eye(2)) // tensor([[1., 2.], [3., 4.]])
   */
  mm(other: Tensor): Tensor {
    return mm(this, other);
  }
  /**
   * Dot product of two vectors of one length: Σᵢ aᵢbᵢ, a scalar (torch.dot). Summed in float64.
   * @example tensor([1, 2, 3]).dot(tensor([4, 5, 6])) // tensor(32.)
   */
  dot(other: Tensor): Tensor {
    return dot(this, other);
  }
  /**
   * Matrix times vector: [m, k] × [k] → [m], yᵢ = Σⱼ Aᵢⱼvⱼ (torch.mv). Summed in float64.
   * @example tensor([[1, 2], [3, 4]]).mv(tensor([1, 1])) // tensor([3., 7.])
   */
  mv(vec: Tensor): Tensor {
    return mv(this, vec);
  }
  /** Transpose: rows become columns ([m, n] → [n, m]; dims reversed for other ranks). @example w.T */
  get T(): Tensor {
    return this.ndim < 2 ? this : permute(this, this.shape.map((_, i) => this.ndim - 1 - i));
  }
  /** Swap dims `dim0` and `dim1` (negative dims count from the end). @example x.transpose(0, 1) */
  transpose(dim0: number, dim1: number): Tensor {
    return transpose(this, dim0, dim1);
  }
  /** Reorder dims: output dim i is input dim dims[i]. @example x.permute(1, 0) */
  permute(...dims: number[]): Tensor {
    return permute(this, dims);
  }
  /**
   * Same elements, new shape; one dim may be -1 to be inferred. Shares data with this tensor.
   * @example arange(0, 6).reshape(2, -1) // shape [2, 3]
   */
  reshape(...shape: number[] | [number[]]): Tensor {
    return reshape(this, Array.isArray(shape[0]) ? shape[0] : (shape as number[]));
  }
  /** Merge dims startDim..endDim into one (all by default: a 1-D tensor). @example images.flatten(1) // [n, 8, 8] → [n, 64] */
  flatten(startDim = 0, endDim = -1): Tensor {
    return flatten(this, startDim, endDim);
  }
  /**
   * Same elements, new shape, sharing the data (PyTorch's `view`; our tensors are always contiguous, so it is
   * `reshape`). One dim may be -1 to be inferred; the gradient is reshaped back.
   * @example arange(0, 12).view(3, -1) // shape [3, 4]
   */
  view(...shape: number[] | [number[]]): Tensor {
    return reshape(this, sizesOf(shape), "view");
  }
  /**
   * A new dim of size 1 at `dim` (torch.unsqueeze): [3] → [1, 3] for dim 0, [3, 1] for dim 1 (or -1). `dim`
   * ranges over -(ndim + 1)..ndim. Shares the data.
   * @example tensor([1, 2, 3]).unsqueeze(1) // shape [3, 1], a column
   */
  unsqueeze(dim: number): Tensor {
    return unsqueeze(this, dim);
  }
  /**
   * Dims of size 1 removed (torch.squeeze): all of them, or only `dim`. As in PyTorch, squeezing a dim whose
   * size is not 1 leaves the tensor as it is. Shares the data.
   * @example zeros(4, 1).squeeze(1) // shape [4]
   * @example zeros(1, 3, 1).squeeze() // shape [3]
   */
  squeeze(dim?: number): Tensor {
    return squeeze(this, dim);
  }
  /**
   * Dims of size 1 repeated to the given sizes (torch.expand); -1 keeps a dim as it is, and new dims may be
   * added in front. Broadcasting made explicit: out[i, j] = x[0, j] for a dim of size 1. The result is a
   * copy here (a view in PyTorch); the gradient of each element is the sum over its copies.
   * @example tensor([[1], [2]]).expand(2, 3) // tensor([[1., 1., 1.], [2., 2., 2.]])
   * @example bias.expand(n, -1) // [f] → [n, f]
   */
  expand(...sizes: number[] | [number[]]): Tensor {
    return expand(this, sizesOf(sizes));
  }
  /**
   * The whole tensor tiled `times[d]` times along each dim d (torch.repeat, numpy's tile): [2, 3] repeated
   * (2, 1) is [4, 3]. Give at least one count per dim; extra leading counts add dims. The gradient of each
   * element is the sum over its copies.
   * @example tensor([1, 2]).repeat(3) // tensor([1., 2., 1., 2., 1., 2.])
   * @example x.repeat(2, 1) // the rows twice
   */
  repeat(...times: number[] | [number[]]): Tensor {
    return repeat(this, sizesOf(times));
  }
  /**
   * Cut into `chunks` pieces along `dim` (torch.chunk): each of ceil(size / chunks), the last smaller, so there
   * may be fewer pieces than asked. Along dim 0 the pieces share the data.
   * @example const [a, b] = arange(6).chunk(2) // tensor([0., 1., 2.]), tensor([3., 4., 5.])
   */
  chunk(chunks: number, dim = 0): Tensor[] {
    return chunk(this, chunks, dim);
  }
  /**
   * Cut along `dim` into pieces of `size` each, the last smaller (torch.split), or of the sizes listed, which
   * must add up to the dim's size. Along dim 0 the pieces share the data.
   * @example const [train, test] = x.split([80, 20]) // the first 80 rows and the last 20
   * @example arange(5).split(2) // sizes 2, 2, 1
   */
  split(sizeOrSizes: number | number[], dim = 0): Tensor[] {
    return split(this, sizeOrSizes, dim);
  }

  // ── indexing: PyTorch's t[i], t[:, j], t[a:b], t[idx] ──

  /**
   * Row `i` along dim 0, that dim removed: PyTorch's `t[i]` (negative counts from the end). A view: it shares
   * the data. `t[i]` itself is not available on tensors here.
   * @example tensor([[1, 2], [3, 4]]).at(-1) // tensor([3., 4.])
   * @example x.at(0).at(1) // PyTorch's x[0][1], a 0-dim tensor; x.get(0, 1) gives the number
   */
  at(i: number): Tensor {
    return select(this, 0, i, "at");
  }
  /**
   * The slice at index `i` of dim `dim`, that dim removed (torch.select; PyTorch's `t[:, i]` for dim 1).
   * Negative `dim` and `i` count from the end. A view along dim 0, a copy along other dims.
   * @example tensor([[1, 2], [3, 4]]).select(1, 0) // tensor([1., 3.]), the first column
   */
  select(dim: number, i: number): Tensor {
    return select(this, dim, i);
  }
  /**
   * `length` consecutive positions of `dim` from `start` (torch.narrow; PyTorch's `t[start:start + length]`
   * along that dim). A negative start counts from the end. A view along dim 0.
   * @example arange(10).narrow(0, 2, 3) // tensor([2., 3., 4.])
   */
  narrow(dim: number, start: number, length: number): Tensor {
    return narrow(this, dim, start, length);
  }
  /**
   * Python's slice `t[start:end:step]` along `dim`: from `start` (default 0) up to but not including `end`
   * (default the size), every `step`-th (default 1, must be > 0). Negative bounds count from the end and bounds
   * past the ends are clipped, as in Python. A view along dim 0 with step 1, else a copy.
   * @example arange(10).slice(0, 2, -2, 3) // tensor([2., 5.]), PyTorch's t[2:-2:3]
   * @example x.slice(1, 0, 2) // PyTorch's x[:, :2]
   */
  slice(dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
    return slice(this, dim, start, end, step);
  }
  /**
   * The rows at `indices` along dim 0, in that order, repeats allowed: PyTorch's `t[indices]` with a tensor or
   * list of whole numbers (negative counts from the end). The result has shape [...indices.shape, ...rest];
   * a row picked twice gets the sum of both gradients. A copy, as in PyTorch.
   * @example tensor([[1, 2], [3, 4], [5, 6]]).index([2, 0, 2]) // tensor([[5., 6.], [1., 2.], [5., 6.]])
   * @example x.index(tensor([3, 0, 1])) // rows 3, 0 and 1
   */
  index(indices: Tensor | number[]): Tensor {
    return indexRows(this, indices);
  }
  /**
   * The element at one index per dim, as a number (PyTorch's `t[i, j].item()`); negative counts from the end.
   * No gradient: it is a plain number.
   * @example tensor([[1, 2], [3, 4]]).get(1, 0) // 3
   */
  get(...position: number[]): number {
    return this.data[offsetOf("get", this, position)];
  }
  /**
   * Write `value` at `position` in place, one index per dim (a number for a 1-D tensor): PyTorch's
   * `t[i, j] = value`. Returns this. The rules of in-place ops apply: on a leaf that requires grad only inside
   * `noGrad`.
   * @example const m = zeros(2, 2); m.set([0, 1], 5) // tensor([[0., 5.], [0., 0.]])
   * @example noGrad(() => w.set([0, 1], w.get(0, 1) + eps)) // nudge one weight, as in a numeric gradient check
   */
  set(position: number | number[], value: number): this {
    setElement(this, position, value);
    return this;
  }

  // ── reductions: over everything, or over `dim` (a dim or a list; negative counts from the end) ──

  /**
   * Σ of all elements, or along `dim` (dropped unless keepDim) (torch.sum). Summed in float64, so a million
   * 0.1s give 100000.
   * @example tensor([[1, 2], [3, 4]]).sum(0) // tensor([4., 6.]), the column sums
   */
  sum(dim?: number | number[], keepDim = false): Tensor {
    return sum(this, dim, keepDim);
  }
  /** Arithmetic mean of all elements, or along `dim` (dropped unless keepDim) (torch.mean); summed in float64. @example x.mean(0, true) // [1, features]: each column's mean */
  mean(dim?: number | number[], keepDim = false): Tensor {
    return mean(this, dim, keepDim);
  }
  /**
   * Π of all elements, or along `dim` (torch.prod). The gradient of each factor is the product of the
   * others, exact also where factors are 0.
   * @example tensor([[1, 2], [3, 4]]).prod(1) // tensor([ 2., 12.])
   */
  prod(dim?: number | number[], keepDim = false): Tensor {
    return prod(this, dim, keepDim);
  }
  /**
   * Largest element (torch.max): of all elements, a scalar, with the gradient shared evenly between ties;
   * along `dim`, PyTorch's pair `{ values, indices }` (also `const [values, indices] = x.max(1)`), the
   * gradient going to the element at the returned index (the first on ties); `max(other)` is `maximum(other)`.
   * NaN counts as the largest, as in PyTorch.
   * @example tensor([[1, 5], [7, 2]]).max() // tensor(7.)
   * @example const { values, indices } = tensor([[1, 5], [7, 2]]).max(1) // values tensor([5., 7.]), indices tensor([1., 0.])
   */
  max(): Tensor;
  /**
   * The largest values along `dim` and where they are, PyTorch's `{ values, indices }` (the first index on ties,
   * a NaN's if any); the gradient goes to the returned index.
   * @example const [values, indices] = logits.max(1) // indices: the predicted classes
   */
  max(dim: number, keepDim?: boolean): ValuesIndices;
  /** The larger of this and `other` elementwise: the same as `maximum(other)` (torch.max(input, other)). @example x.max(tensor(0)) // like relu */
  max(other: Tensor): Tensor;
  max(dim?: number | Tensor, keepDim = false): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return maximum(this, dim);
    return dim === undefined ? extremeAll(this, "max") : extremeDim(this, dim, keepDim, "max");
  }
  /**
   * Smallest element (torch.min): of all elements, a scalar, with the gradient shared evenly between ties;
   * along `dim`, PyTorch's pair `{ values, indices }`; `min(other)` is `minimum(other)`. NaN counts as the smallest.
   * @example tensor([[1, 5], [7, 2]]).min(0).values // tensor([1., 2.])
   */
  min(): Tensor;
  /**
   * The smallest values along `dim` and where they are, PyTorch's `{ values, indices }` (the first index on ties,
   * a NaN's if any); the gradient goes to the returned index.
   * @example const { values, indices } = dist.min(1) // nearest centre of each row
   */
  min(dim: number, keepDim?: boolean): ValuesIndices;
  /** The smaller of this and `other` elementwise: the same as `minimum(other)` (torch.min(input, other)). @example x.min(tensor(1)) */
  min(other: Tensor): Tensor;
  min(dim?: number | Tensor, keepDim = false): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return minimum(this, dim);
    return dim === undefined ? extremeAll(this, "min") : extremeDim(this, dim, keepDim, "min");
  }
  /** Index of the largest element (of the flattened tensor, or along `dim`; the first on ties, a NaN's if any) as a float tensor; no gradient (torch.argmax). @example logits.argmax(1) // predicted classes */
  argmax(dim?: number, keepDim = false): Tensor {
    return argExtreme(this, dim, keepDim, "max");
  }
  /** Index of the smallest element (of the flattened tensor, or along `dim`; the first on ties) as a float tensor; no gradient (torch.argmin). @example tensor([3, 1, 2]).argmin() // tensor(1.) */
  argmin(dim?: number, keepDim = false): Tensor {
    return argExtreme(this, dim, keepDim, "min");
  }
  /**
   * Variance Σ(x − mean)² / (n − 1) of all elements or along `dim` (torch.var, PyTorch 1.13's
   * `var(dim, unbiased=True, keepdim=False)`): unbiased (Bessel's n − 1) unless `unbiased` is false,
   * which divides by n. `x.var(false)` is the biased variance of all elements.
   * @example tensor([1, 2, 3, 4]).var() // tensor(1.6667)
   * @example x.var(0, false, true) // per column, divided by n, shape [1, features]
   */
  var(dim?: number | number[], unbiased?: boolean, keepDim?: boolean): Tensor;
  /** The variance of all elements, unbiased (n − 1) unless `unbiased` is false, as PyTorch's `var(unbiased)`. @example x.var(false) */
  var(unbiased: boolean): Tensor;
  var(dim?: number | number[] | boolean, unbiased = true, keepDim = false): Tensor {
    return typeof dim === "boolean" ? variance(this, undefined, dim, false) : variance(this, dim, unbiased, keepDim);
  }
  /**
   * Standard deviation √var of all elements or along `dim` (torch.std, PyTorch 1.13's
   * `std(dim, unbiased=True, keepdim=False)`): unbiased (n − 1) unless `unbiased` is false. The gradient is 0
   * where the deviation is 0, as in PyTorch.
   * @example tensor([1, 2, 3, 4]).std() // tensor(1.2910)
   * @example x.sub(x.mean(0)).div(x.std(0)) // standardize each column
   */
  std(dim?: number | number[], unbiased?: boolean, keepDim?: boolean): Tensor;
  /** The standard deviation of all elements, unbiased (n − 1) unless `unbiased` is false, as PyTorch's `std(unbiased)`. @example x.std(false) */
  std(unbiased: boolean): Tensor;
  std(dim?: number | number[] | boolean, unbiased = true, keepDim = false): Tensor {
    return typeof dim === "boolean" ? std(this, undefined, dim, false) : std(this, dim, unbiased, keepDim);
  }
  /**
   * Vector p-norm (Σ|x|ᵖ)^(1/p) of all elements or along `dim` (torch.norm): p = 2 (the default, also "fro")
   * is the Euclidean length, p = 1 the sum of |x|, p = Infinity the largest |x| and -Infinity the smallest (the
   * gradient shared between ties), any other p > 0 as the formula. The gradient at a zero norm is 0, as in PyTorch.
   * @example tensor([3, 4]).norm() // tensor(5.)
   * @example w.norm(1) // L1 penalty
   */
  norm(p: number | "fro" = 2, dim?: number | number[], keepDim = false): Tensor {
    return norm(this, p, dim, keepDim);
  }
  /**
   * softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ along `dim`, the last by default (F.softmax): positive, sums to 1.
   * @example tensor([2, 1, 0.5]).softmax() // tensor([0.6285, 0.2312, 0.1402])
   */
  softmax(dim = -1): Tensor {
    return softmax(this, dim);
  }
  /**
   * log(softmax(x)) along `dim`, the last by default (F.log_softmax), computed as (x − max) − log Σ e^(x − max),
   * so it stays exact for logits as large as 1e16.
   * @example tensor([[1, 2, 3]]).logSoftmax() // tensor([[-2.4076, -1.4076, -0.4076]])
   */
  logSoftmax(dim = -1): Tensor {
    return logSoftmax(this, dim);
  }

  // ── autograd ──

  /**
   * Compute d(this)/d(leaf) for every leaf with `requiresGrad` and add it to `leaf.grad`
   * (gradients accumulate: zero them between steps). `this` must be a scalar, e.g. a loss.
   * Frees the graph afterwards unless `retainGraph` is set.
   * @example const loss = pred.sub(y).pow(2).mean(); loss.backward(); w.grad
   */
  backward(gradient: Tensor | null = null, options: { retainGraph?: boolean } = {}): void {
    runBackward(this, gradient, options.retainGraph ?? false);
  }
  /**
   * Set `requiresGrad` in place and return this (PyTorch's `requires_grad_`). As in PyTorch, only a leaf's flag
   * can be turned off; for a computed tensor use `detach()`.
   * @example const w = randn(3, 2).mul(0.1).requiresGrad_() // a leaf: mul ran before gradients were asked for
   */
  requiresGrad_(requiresGrad = true): this {
    if (typeof requiresGrad !== "boolean") throw new TypeError(`requiresGrad_: the flag must be true or false, got ${typeof requiresGrad}`);
    if (!requiresGrad && this.gradFn !== null) {
      throw new Error("requiresGrad_: you can only change the requiresGrad flag of a leaf tensor; this one was computed by " + `${this.gradFn.name}. To use it without gradients, take t.detach()`);
    }
    this.requiresGrad = requiresGrad;
    return this;
  }
  /** Keep `.grad` on this intermediate (non-leaf) tensor after `backward()` (torch's retain_grad). @example const h = x.matmul(w).retainGrad(); loss.backward(); h.grad */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }
  /** The same data cut off from the graph: gradients stop here (torch's detach). Shares data. @example const target = pred.detach(); */
  detach(): Tensor {
    return new Tensor(this.data, this.shape.slice());
  }
  /** A copy with its own data; gradients flow back through the copy (torch's clone). @example const snapshot = w.detach().clone(); */
  clone(): Tensor {
    return clone(this);
  }

  // ── in place (PyTorch's trailing underscore): they change this tensor's data and return it ──
  // On a leaf that requires grad they work only inside noGrad (PyTorch's rule), and never on a result that is
  // part of a graph: its values may be needed by backward().

  /**
   * this += other in place, with `other` broadcast to this shape (PyTorch's `add_`); `{ alpha }` scales other
   * first: this += alpha·other. Returns this.
   * @example noGrad(() => w.add_(w.grad!, { alpha: -0.1 })) // a gradient step
   */
  add_(other: Tensor | number, options?: { alpha?: number }): this {
    const { alpha = 1 } = checkOptions("add_", options, { alpha: "number" });
    return assign("add_", this, [other], () => add(this, alpha === 1 ? other : mul(asTensor(other), alpha)));
  }
  /** this −= other in place (PyTorch's `sub_`), `{ alpha }` scaling other. Returns this. @example noGrad(() => w.sub_(w.grad!.mul(lr))) */
  sub_(other: Tensor | number, options?: { alpha?: number }): this {
    const { alpha = 1 } = checkOptions("sub_", options, { alpha: "number" });
    return assign("sub_", this, [other], () => sub(this, alpha === 1 ? other : mul(asTensor(other), alpha)));
  }
  /** this ·= other elementwise in place, other broadcast to this shape (PyTorch's `mul_`). Returns this. @example noGrad(() => w.mul_(0.99)) // weight decay */
  mul_(other: Tensor | number): this {
    return assign("mul_", this, [other], () => mul(this, other));
  }
  /** this /= other elementwise in place, other broadcast to this shape (PyTorch's `div_`). Returns this. @example counts.div_(counts.sum()) */
  div_(other: Tensor | number): this {
    return assign("div_", this, [other], () => div(this, other));
  }
  /** Every element set to 0 in place (PyTorch's `zero_`). Returns this. @example w.grad?.zero_() // a gradient is a plain tensor: no noGrad needed */
  zero_(): this {
    return fill("zero_", this, 0);
  }
  /** Every element set to `value` in place (PyTorch's `fill_`). Returns this. @example noGrad(() => layer.bias.fill_(0.01)) */
  fill_(value: number): this {
    return fill("fill_", this, value);
  }
  /** The elements of `src`, broadcast to this shape, copied in (PyTorch's `copy_`). Returns this. @example noGrad(() => target.weight.copy_(online.weight)) */
  copy_(src: Tensor): this {
    return copyInto(this, src);
  }
  /** Each element limited to [min, max] in place, as `clamp` (PyTorch's `clamp_`). Returns this. @example noGrad(() => w.clamp_(-1, 1)) // weight clipping */
  clamp_(min?: number | null, max?: number | null): this {
    return assign("clamp_", this, [], () => clamp(this, min, max));
  }
  /**
   * Every element drawn from the normal distribution N(mean, std²) in place, from the seeded generator of
   * `manualSeed` (PyTorch's `normal_`). Returns this.
   * @example noGrad(() => layer.weight.normal_(0, 0.02))
   */
  normal_(mean = 0, std = 1): this {
    return fillNormal(this, mean, std);
  }
  /**
   * Every element drawn uniformly from [a, b) in place, from the seeded generator of `manualSeed` (PyTorch's
   * `uniform_`). Returns this.
   * @example noGrad(() => layer.weight.uniform_(-0.1, 0.1))
   */
  uniform_(a = 0, b = 1): this {
    return fillUniform(this, a, b);
  }

  // ── reading values ──

  /** The value of a one-element tensor as a number. @example loss.item() */
  item(): number {
    if (this.data.length !== 1) {
      throw new Error(`item: only one-element tensors can be converted to a number, but this one has shape ${fmt(this.shape)}`);
    }
    return this.data[0];
  }
  /**
   * The elements as nested arrays of numbers (a number for a scalar), like torch's tolist().
   * Typed loosely so `t.toArray()[0][1]` needs no casts.
   * @example tensor([[1, 2]]).toArray() // [[1, 2]]
   */
  toArray(): any {
    return toNested(this.data, this.shape, 0, 0);
  }
  /** The elements as nested arrays of numbers, the same as `toArray()` (PyTorch's name). @example tensor([[1, 2]]).tolist() // [[1, 2]] */
  tolist(): any {
    return this.toArray();
  }
  /**
   * This tensor itself: tensors here are always float32 already (PyTorch's `float()`, which PyTorch code calls
   * after a comparison to turn its bool tensor into numbers).
   * @example pred.argmax(1).eq(y).float().mean() // accuracy
   */
  float(): Tensor {
    return this;
  }
  /**
   * Whole numbers, each rounded toward zero, as PyTorch's `long()` (class labels for a loss): still float32 here,
   * and like PyTorch's integer tensors it takes no gradient.
   * @example criterion(out, labels.long())
   */
  long(): Tensor {
    return new Tensor(this.data.map(Math.trunc), this.shape.slice());
  }
  /** `{ shape, data }` with plain numbers, so JSON.stringify(t) gives readable JSON. @example JSON.stringify(tensor([1, 2])) // {"shape":[2],"data":[1,2]} */
  toJSON(): { shape: number[]; data: number[] } {
    return { shape: this.shape.slice(), data: Array.from(this.data) };
  }
  /** PyTorch's printout: `tensor([[ 7., 10.], [15., 22.]])`, `tensor(0.6900)`. */
  toString(): string {
    return formatTensor(this);
  }
  /** Node's console.log shows the PyTorch printout too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

}

forbidBrackets(Tensor.prototype);

type NestedArray = number | NestedArray[];

function toNested(data: Float32Array, shape: readonly number[], dim: number, offset: number): NestedArray {
  if (dim === shape.length) return data[offset];
  const n = shape[dim];
  let stride = 1;
  for (let i = dim + 1; i < shape.length; i++) stride *= shape[i];
  const out: NestedArray[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = toNested(data, shape, dim + 1, offset + i * stride);
  return out;
}
