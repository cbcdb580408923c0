// PyTorch's default printout of a float32 tensor (torch/_tensor_str.py): precision 4,
// integers shown as "7.", scientific notation when the magnitudes are far apart,
// rows summarised with "..." past 1000 elements, lines wrapped at 80 columns.
import type { Tensor } from "./tensor";

const PRECISION = 4, THRESHOLD = 1000, EDGE = 3, LINEWIDTH = 80;

/** Python's `{:.Nf}`: the exact binary value rounded half to even. */
export function formatFixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const scale = 10 ** digits;
  const s = Math.abs(v) * scale; // exact for float32 values and digits ≤ 4
  let r = Math.floor(s);
  const frac = s - r;
  if (frac > 0.5 || (frac === 0.5 && r % 2 === 1)) r++;
  if (digits === 0) return sign + r.toFixed(0);
  const int = Math.floor(r / scale), fr = String(r - int * scale).padStart(digits, "0");
  return `${sign}${int.toFixed(0)}.${fr}`;
}

/** Python's `{:.Ne}`: mantissa rounded half to even, exponent with a sign and two digits. */
export function formatSci(v: number, digits: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const a = Math.abs(v);
  let str = a.toExponential(digits);
  // toExponential rounds exact ties up; Python rounds them to even.
  const longer = a.toExponential(digits + 1);
  const [mant] = longer.split("e");
  if (mant.endsWith("5") && Number(longer) === a) {
    const lastKept = Number(mant[mant.length - 2]);
    if (lastKept % 2 === 0) str = mant.slice(0, -1) + "e" + longer.split("e")[1];
  }
  const [m, e] = str.split("e");
  const exp = Number(e);
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** Chooses one number style for the whole tensor, as torch's _Formatter does. */
class Formatter {
  intMode = true;
  sciMode = false;
  width = 1;

  constructor(values: number[]) {
    const vals = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (vals.length === 0) return;
    let min = Infinity, max = 0;
    for (const v of vals) {
      min = Math.min(min, Math.abs(v));
      max = Math.max(max, Math.abs(v));
      if (v !== Math.ceil(v)) this.intMode = false;
    }
    if (this.intMode) {
      this.sciMode = max / min > 1000 || max > 1e8;
      for (const v of vals) this.width = Math.max(this.width, this.sciMode ? formatSci(v, PRECISION).length : formatFixed(v, 0).length + 1);
    } else {
      this.sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
      for (const v of vals) this.width = Math.max(this.width, (this.sciMode ? formatSci(v, PRECISION) : formatFixed(v, PRECISION)).length);
    }
  }

  format(v: number): string {
    let s: string;
    if (this.sciMode) s = formatSci(v, PRECISION);
    else if (this.intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? "." : "");
    else s = formatFixed(v, PRECISION);
    return s.padStart(this.width);
  }
}

function strideOf(shape: readonly number[], dim: number): number {
  let s = 1;
  for (let i = dim + 1; i < shape.length; i++) s *= shape[i];
  return s;
}

/** Indices along a dim that are printed: all, or the first and last EDGE when summarising. */
function shownRows(n: number, summarize: boolean): number[] | [number[], number[]] {
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  // Only the printed indices are built: a dimension of 2^28 must not become an array of 2^28.
  return summarize && n > 2 * EDGE ? [range(0, EDGE), range(n - EDGE, n)] : range(0, n);
}

/** The values the formatter looks at (only the printed ones when summarising). */
function shownValues(data: Float32Array, shape: readonly number[], dim: number, offset: number, summarize: boolean, out: number[]): void {
  if (dim === shape.length) {
    out.push(data[offset]);
    return;
  }
  const rows = shownRows(shape[dim], summarize);
  const list = Array.isArray(rows[0]) ? [...(rows[0] as number[]), ...(rows[1] as number[])] : (rows as number[]);
  for (const i of list) shownValues(data, shape, dim + 1, offset + i * strideOf(shape, dim), summarize, out);
}

function body(data: Float32Array, shape: readonly number[], dim: number, offset: number, indent: number, summarize: boolean, f: Formatter): string {
  const nd = shape.length - dim;
  if (nd === 0) return f.format(data[offset]);
  const rows = shownRows(shape[dim], summarize);
  const split = Array.isArray(rows[0]);
  const head = split ? (rows[0] as number[]) : (rows as number[]), tail = split ? (rows[1] as number[]) : [];
  const stride = strideOf(shape, dim);
  if (nd === 1) {
    const items = [...head.map((i) => f.format(data[offset + i])), ...(split ? [" ..."] : []), ...tail.map((i) => f.format(data[offset + i]))];
    const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / (f.width + 2)));
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
    return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
  }
  const sub = (i: number) => body(data, shape, dim + 1, offset + i * stride, indent + 1, summarize, f);
  const slices = [...head.map(sub), ...(split ? ["..."] : []), ...tail.map(sub)];
  return "[" + slices.join("," + "\n".repeat(nd - 1) + " ".repeat(indent + 1)) + "]";
}

function addSuffixes(text: string, suffixes: string[], indent: number): string {
  let out = text;
  let lastLine = text.length - text.lastIndexOf("\n") + 1;
  for (const s of suffixes) {
    if (lastLine + s.length + 2 > LINEWIDTH) {
      out += ",\n" + " ".repeat(indent) + s;
      lastLine = indent + s.length;
    } else {
      out += ", " + s;
      lastLine += s.length + 2;
    }
  }
  return out + ")";
}

/** `tensor([...], requires_grad=True)` exactly as torch prints a float32 tensor. */
export function formatTensor(t: Tensor): string {
  const prefix = "tensor(", indent = prefix.length;
  const suffixes: string[] = [];
  let text: string;
  if (t.numel() === 0) {
    if (t.ndim !== 1) suffixes.push(`size=(${t.shape.join(", ")}${t.ndim === 1 ? "," : ""})`);
    text = "[]";
  } else {
    const summarize = t.numel() > THRESHOLD;
    const vals: number[] = [];
    shownValues(t.data, t.shape, 0, 0, summarize, vals);
    text = body(t.data, t.shape, 0, 0, indent, summarize, new Formatter(vals));
  }
  if (t.gradFn) suffixes.push(`grad_fn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffixes.push("requires_grad=True");
  return addSuffixes(prefix + text, suffixes, indent);
}
