// 2-D convolution as PyTorch's F.conv2d (cross-correlation): input [N, C, H, W], weight [O, C/groups, kH, kW],
// with stride, padding, dilation and groups; direct loops with float64 sums, and the gradients of the input,
// the weight and the bias.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc, copyOf } from "../storage";
import { ShapeError, fmt } from "../shape";

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
  const X = x.data, W = w.data, out = alloc(n * o * oh * ow), og = o / g;
  // Each output's sum visits (c/g)·kh·kw inputs; the taps that fall in the padding are skipped.
  const each = (fn: (outIndex: number, xIndex: number, wIndex: number) => void) => {
    for (let bi = 0; bi < n; bi++)
      for (let oc = 0; oc < o; oc++) {
        const c0 = Math.floor(oc / og) * cg;
        for (let y = 0; y < oh; y++)
          for (let xo = 0; xo < ow; xo++) {
            const oi = ((bi * o + oc) * oh + y) * ow + xo;
            for (let ci = 0; ci < cg; ci++)
              for (let ky = 0; ky < kh; ky++) {
                const iy = y * sh - ph + ky * dh;
                if (iy < 0 || iy >= h) continue;
                for (let kx = 0; kx < kw; kx++) {
                  const ix = xo * sw - pw + kx * dw;
                  if (ix < 0 || ix >= wd) continue;
                  fn(oi, ((bi * c + c0 + ci) * h + iy) * wd + ix, ((oc * cg + ci) * kh + ky) * kw + kx);
                }
              }
          }
      }
  };
  const acc = new Float64Array(out.length);
  each((oi, xi, wi) => (acc[oi] += X[xi] * W[wi]));
  for (let i = 0; i < out.length; i++) out[i] = acc[i] + (b ? b.data[Math.floor(i / (oh * ow)) % o] : 0);
  const inputs = b ? [x, w, b] : [x, w];
  return record("ConvolutionBackward0", out, [n, o, oh, ow], inputs, (grad) => {
    const gx = x.requiresGrad ? new Float64Array(X.length) : null, gw = w.requiresGrad ? new Float64Array(W.length) : null;
    each((oi, xi, wi) => {
      if (gx) gx[xi] += grad[oi] * W[wi];
      if (gw) gw[wi] += grad[oi] * X[xi];
    });
    const gb = b?.requiresGrad ? new Float64Array(o) : null;
    if (gb) for (let i = 0; i < grad.length; i++) gb[Math.floor(i / (oh * ow)) % o] += grad[i];
    return [gx && copyOf(gx), gw && copyOf(gw), gb && copyOf(gb)];
  });
}
