// 2-D convolution as PyTorch's F.conv2d (cross-correlation): input [N, C, H, W], weight [O, C/groups, kH, kW],
// with stride, padding, dilation and groups, and the gradients of the input, the weight and the bias. As
// PyTorch on the CPU: the patches unrolled into a matrix (im2col), so each group is one matrix product on the
// backend's SIMD kernels, forward and backward.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc, copyRange, isStorage } from "../storage";
import { ShapeError, fmt } from "../shape";
import { mmNN, mmNT, mmTN } from "../backend/matmul";

/** A pair of sizes from one number or [h, w]. */
export type Pair = number | [number, number];

export function pair(op: string, name: string, v: Pair, min: number): [number, number] {
  const p: [number, number] = typeof v === "number" ? [v, v] : Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : [NaN, NaN];
  if (!p.every((n) => Number.isInteger(n) && n >= min)) throw new RangeError(`${op}: ${name} must be a whole number ≥ ${min} or a pair [h, w] of them, not ${JSON.stringify(v)}`);
  return p;
}

export interface Conv2dSettings {
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
}

export function conv2d(x: Tensor, w: Tensor, b: Tensor | null, s: Conv2dSettings): Tensor {
  if (x.ndim !== 4) throw new ShapeError(`conv2d: input must be [batch, channels, height, width], got ${fmt(x.shape)}`);
  if (w.ndim !== 4) throw new ShapeError(`conv2d: weight must be [outChannels, inChannels/groups, kH, kW], got ${fmt(w.shape)}`);
  const [n, c, h, wd] = x.shape, [o, cg, kh, kw] = w.shape, g = s.groups;
  if (c % g !== 0 || o % g !== 0) throw new ShapeError(`conv2d: groups ${g} must divide the input channels ${c} and the output channels ${o}`);
  if (cg !== c / g) throw new ShapeError(`conv2d: input ${fmt(x.shape)} has ${c} channels, but weight ${fmt(w.shape)} expects ${cg * g} (${cg} per group × ${g} groups)`);
  if (b && (b.ndim !== 1 || b.shape[0] !== o)) throw new ShapeError(`conv2d: bias must be [${o}], one per output channel, got ${fmt(b.shape)}`);
  const [sh, sw] = s.stride, [ph, pw] = s.padding, [dh, dw] = s.dilation;
  const oh = Math.floor((h + 2 * ph - dh * (kh - 1) - 1) / sh) + 1, ow = Math.floor((wd + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  if (oh < 1 || ow < 1) throw new ShapeError(`conv2d: the kernel ${kh}×${kw} (dilation ${dh}×${dw}) does not fit the padded input ${h + 2 * ph}×${wd + 2 * pw}`);
  const geo: Geometry = { n, c, h, w: wd, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow };
  const og = o / g, k = cg * kh * kw, np = n * oh * ow, W = w.data;
  // One product per group: [og, k] kernels × [k, n·oh·ow] patches, then [o, n, oh·ow] → [n, o, oh·ow].
  const cols = im2col(x.data, geo), prod = scratch(0, o * np, true);
  for (let gi = 0; gi < g; gi++) mmNN(W, gi * og * k, cols, gi * k * np, prod, gi * og * np, og, k, np);
  const out = swapOuter(prod, o, n, oh * ow, alloc(prod.length));
  if (b) addPerChannel(out, b.data, n, o, oh * ow);
  const inputs = b ? [x, w, b] : [x, w];
  return record("ConvolutionBackward0", out, [n, o, oh, ow], inputs, (grad, into) => {
    const gp = swapOuter(grad, n, o, oh * ow, scratch(0, grad.length, false)); // [o, n·oh·ow], as prod
    let gx: Float32Array | null = null, gw: Float32Array | null = null, gb: Float32Array | null = null;
    if (w.requiresGrad) {
      // The products add into gw: a weight that has a .grad gets its gradient added there, in place.
      gw = into[1] ?? alloc(W.length);
      for (let gi = 0; gi < g; gi++) mmNT(gp, gi * og * np, cols, gi * k * np, gw, gi * og * k, og, np, k);
    }
    if (x.requiresGrad) {
      const gcols = scratch(1, cols.length, true);
      for (let gi = 0; gi < g; gi++) mmTN(W, gi * og * k, gp, gi * og * np, gcols, gi * k * np, k, og, np);
      gx = col2im(gcols, geo);
    }
    if (b?.requiresGrad) {
      gb = into[2] ?? alloc(o);
      for (let oc = 0; oc < o; oc++) {
        let sum = 0;
        for (let i = oc * np, end = i + np; i < end; i++) sum += gp[i];
        gb[oc] += sum;
      }
    }
    return [gx, gw, gb];
  }, true);
}

/** The sizes of one convolution: input, kernel, stride, padding, dilation and output. */
interface Geometry {
  n: number; c: number; h: number; w: number; kh: number; kw: number; sh: number; sw: number;
  ph: number; pw: number; dh: number; dw: number; oh: number; ow: number;
}

/**
 * The patches of x as a [c·kh·kw, n·oh·ow] matrix (row (ci, ky, kx), column (image, y, x)): the input each kernel
 * tap sees at each output position, 0 in the padding. Rows follow the weight's [ci, ky, kx] order, so a group's
 * product with its kernels is one matrix product.
 */
function im2col(X: Float32Array, q: Geometry): Float32Array {
  const p = q.oh * q.ow, np = q.n * p, cols = alloc(q.c * q.kh * q.kw * np), image = q.c * q.h * q.w, sw = q.sw;
  eachTap(q, (row, xBase, iy, y, shift, lo, hi) => {
    for (let bi = 0; bi < q.n; bi++) {
      const src = xBase + bi * image + iy * q.w + shift, dst = row * np + bi * p + y * q.ow;
      for (let xo = lo; xo < hi; xo++) cols[dst + xo] = X[src + xo * sw];
    }
  });
  return cols;
}

/** The adjoint of im2col: each patch entry's gradient added back to the input element it was read from. */
function col2im(gcols: Float32Array, q: Geometry): Float32Array {
  const p = q.oh * q.ow, np = q.n * p, gx = alloc(q.n * q.c * q.h * q.w), image = q.c * q.h * q.w, sw = q.sw;
  eachTap(q, (row, xBase, iy, y, shift, lo, hi) => {
    for (let bi = 0; bi < q.n; bi++) {
      const dst = xBase + bi * image + iy * q.w + shift, src = row * np + bi * p + y * q.ow;
      for (let xo = lo; xo < hi; xo++) gx[dst + xo * sw] += gcols[src + xo];
    }
  });
  return gx;
}

/**
 * Every (kernel tap, output row) whose input row lies inside the image: the patch row, where its channel starts in
 * x, the input row, the output row, the input column of output column 0 less its stride steps (output column xo
 * reads input column xo·sw + shift), and the output columns lo..hi−1 whose input column lies inside the image.
 */
function eachTap(q: Geometry, fn: (row: number, xBase: number, iy: number, y: number, shift: number, lo: number, hi: number) => void): void {
  for (let ci = 0; ci < q.c; ci++)
    for (let ky = 0; ky < q.kh; ky++)
      for (let kx = 0; kx < q.kw; kx++) {
        const row = (ci * q.kh + ky) * q.kw + kx, shift = kx * q.dw - q.pw;
        // 0 ≤ xo·sw + shift ≤ w − 1
        const lo = Math.max(0, Math.ceil(-shift / q.sw)), hi = Math.min(q.ow, Math.floor((q.w - 1 - shift) / q.sw) + 1);
        if (lo >= hi) continue;
        for (let y = 0; y < q.oh; y++) {
          const iy = y * q.sh - q.ph + ky * q.dh;
          if (iy >= 0 && iy < q.h) fn(row, ci * q.h * q.w, iy, y, shift, lo, hi);
        }
      }
}

/** [a, b, m] → [b, a, m]: swaps the two outer dims of a row-major block, into out. */
function swapOuter(src: Float32Array, a: number, b: number, m: number, out: Float32Array): Float32Array {
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) copyRange(out, (j * a + i) * m, src, (i * b + j) * m, m);
  return out;
}

/**
 * Two arrays that live only inside one call (the product before its transpose and the output gradient's
 * transpose in slot 0, the patches' gradient in slot 1), kept for the next call of the same size: a training
 * step allocated and zeroed three of them, 64 KB each in the digits CNN. Up to SCRATCH_MAX elements are kept.
 */
const spare: (Float32Array | null)[] = [null, null];
const SCRATCH_MAX = 1 << 20;

function scratch(slot: number, n: number, zeroed: boolean): Float32Array {
  const kept = spare[slot];
  if (kept !== null && kept.length === n && isStorage(kept)) {
    if (zeroed) kept.fill(0);
    return kept;
  }
  const out = alloc(n);
  spare[slot] = n <= SCRATCH_MAX ? out : null;
  return out;
}

function addPerChannel(out: Float32Array, bias: Float32Array, n: number, o: number, p: number): void {
  for (let bi = 0; bi < n; bi++)
    for (let oc = 0; oc < o; oc++) {
      const v = bias[oc];
      for (let i = (bi * o + oc) * p, end = i + p; i < end; i++) out[i] += v;
    }
}
