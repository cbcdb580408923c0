// 2-D max pooling as PyTorch's F.max_pool2d: the largest value of each window (padding counts as −∞, a NaN
// wins as in PyTorch), the gradient going to where it was.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";

export interface Pool2dSettings {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  ceilMode: boolean;
}

/** Output size of a pooling window along one dim, as PyTorch's pooling_output_shape. */
export function poolOutSize(size: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = size + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  // As PyTorch: with ceil mode the last window must start inside the input or its left padding.
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

export function maxPool2d(x: Tensor, s: Pool2dSettings): Tensor {
  if (x.ndim !== 4 && x.ndim !== 3) throw new ShapeError(`maxPool2d: input must be [batch, channels, height, width] or [channels, height, width], got ${fmt(x.shape)}`);
  const [kh, kw] = s.kernel, [sh, sw] = s.stride, [ph, pw] = s.padding, [dh, dw] = s.dilation;
  if (ph > kh / 2 || pw > kw / 2) throw new RangeError(`maxPool2d: padding must be at most half the kernel size, got padding ${ph}×${pw} for kernel ${kh}×${kw}`);
  const [h, w] = x.shape.slice(-2), planes = x.numel() / (h * w);
  const oh = poolOutSize(h, kh, sh, ph, dh, s.ceilMode), ow = poolOutSize(w, kw, sw, pw, dw, s.ceilMode);
  if (oh < 1 || ow < 1) throw new ShapeError(`maxPool2d: the window ${kh}×${kw} does not fit the input ${h}×${w}`);
  const X = x.data, out = alloc(planes * oh * ow), from = new Int32Array(out.length);
  if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && ph === 0 && pw === 0 && dh === 1 && dw === 1 && 2 * oh <= h && 2 * ow <= w) pool2x2(X, out, from, planes, h, w, oh, ow);
  else for (let pl = 0; pl < planes; pl++)
    for (let y = 0; y < oh; y++)
      for (let xo = 0; xo < ow; xo++) {
        let best = -Infinity, at = -1;
        for (let ky = 0; ky < kh; ky++) {
          const iy = y * sh - ph + ky * dh;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = xo * sw - pw + kx * dw;
            if (ix < 0 || ix >= w) continue;
            const i = (pl * h + iy) * w + ix, v = X[i];
            if (v > best || at < 0 || (v !== v && best === best)) {
              best = v;
              at = i;
            }
          }
        }
        const oi = (pl * oh + y) * ow + xo;
        out[oi] = best;
        from[oi] = at;
      }
  return record("MaxPool2DWithIndicesBackward0", out, [...x.shape.slice(0, -2), oh, ow], [x], (g) => {
    const gx = alloc(X.length);
    for (let i = 0; i < g.length; i++) gx[from[i]] += g[i];
    return [gx];
  });
}

/**
 * 1 where b, coming after a, takes a window's max from it: larger, or a NaN where a is not one (the first NaN wins,
 * as the first of equal values does). Comparisons as numbers, so the common 2×2 window runs without branches,
 * which random values mispredict half the time.
 */
const takes = (a: number, b: number): number => +(b > a) | (+(b !== b) & +(a === a));

/**
 * The 2×2, stride-2 windows of CNNs: where each window's max is, as the general loop finds it, and the value read
 * from there (a load at a computed index: no branch, and the first of equal values, -0 or 0, as PyTorch keeps it).
 */
function pool2x2(X: Float32Array, out: Float32Array, from: Int32Array, planes: number, h: number, w: number, oh: number, ow: number): void {
  for (let pl = 0, oi = 0; pl < planes; pl++)
    for (let y = 0; y < oh; y++) {
      const row = (pl * h + 2 * y) * w;
      for (let xo = 0; xo < ow; xo++, oi++) {
        const i = row + 2 * xo;
        // The winner of each row, then of the two rows.
        const top = i + takes(X[i], X[i + 1]), bottom = i + w + takes(X[i + w], X[i + w + 1]);
        const at = top + takes(X[top], X[bottom]) * (bottom - top);
        from[oi] = at;
        out[oi] = X[at];
      }
    }
}
