// 2-D average pooling as PyTorch's F.avg_pool2d: the mean of each window, with PyTorch's divisor (the window
// clipped to the padded input, or to the input itself without countIncludePad, or divisorOverride), the
// gradient shared out evenly over the window.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";
import { ShapeError, fmt } from "../shape";
import { poolOutSize } from "./maxPool2d";

export interface AvgPool2dSettings {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number | null;
}

export function avgPool2d(x: Tensor, s: AvgPool2dSettings): Tensor {
  if (x.ndim !== 4 && x.ndim !== 3) throw new ShapeError(`avgPool2d: input must be [batch, channels, height, width] or [channels, height, width], got ${fmt(x.shape)}`);
  const [kh, kw] = s.kernel, [sh, sw] = s.stride, [ph, pw] = s.padding;
  if (ph > kh / 2 || pw > kw / 2) throw new RangeError(`avgPool2d: padding must be at most half the kernel size, got padding ${ph}×${pw} for kernel ${kh}×${kw}`);
  const [h, w] = x.shape.slice(-2), planes = x.numel() / (h * w);
  const oh = poolOutSize(h, kh, sh, ph, 1, s.ceilMode), ow = poolOutSize(w, kw, sw, pw, 1, s.ceilMode);
  if (oh < 1 || ow < 1) throw new ShapeError(`avgPool2d: the window ${kh}×${kw} does not fit the input ${h}×${w}`);
  // Each output's window in the input ([y0, y1) × [x0, x1)) and the number it is divided by, as PyTorch.
  const windows = new Int32Array(oh * ow * 4), divisor = new Float64Array(oh * ow);
  for (let y = 0; y < oh; y++)
    for (let xo = 0; xo < ow; xo++) {
      const ys = y * sh - ph, xs = xo * sw - pw;
      const ye = Math.min(ys + kh, h + ph), xe = Math.min(xs + kw, w + pw), padded = (ye - ys) * (xe - xs);
      const y0 = Math.max(ys, 0), x0 = Math.max(xs, 0), y1 = Math.min(ye, h), x1 = Math.min(xe, w), j = y * ow + xo;
      windows.set([y0, y1, x0, x1], 4 * j);
      divisor[j] = s.divisorOverride ?? (s.countIncludePad ? padded : (y1 - y0) * (x1 - x0));
    }
  const X = x.data, out = alloc(planes * oh * ow);
  for (let pl = 0; pl < planes; pl++)
    for (let j = 0; j < oh * ow; j++) {
      const y0 = windows[4 * j], y1 = windows[4 * j + 1], x0 = windows[4 * j + 2], x1 = windows[4 * j + 3];
      let sum = 0;
      for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) sum += X[(pl * h + iy) * w + ix];
      out[pl * oh * ow + j] = sum / divisor[j];
    }
  return record("AvgPool2DBackward0", out, [...x.shape.slice(0, -2), oh, ow], [x], (g) => {
    const gx = alloc(X.length);
    for (let pl = 0; pl < planes; pl++)
      for (let j = 0; j < oh * ow; j++) {
        const y0 = windows[4 * j], y1 = windows[4 * j + 1], x0 = windows[4 * j + 2], x1 = windows[4 * j + 3];
        const share = g[pl * oh * ow + j] / divisor[j];
        for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) gx[(pl * h + iy) * w + ix] += share;
      }
    return [gx];
  });
}
