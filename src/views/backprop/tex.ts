// Numbers and matrices written out in TeX and in plain text, to 3 significant digits as every view reads them.
import { formatNumber } from "../format";

/** A number in TeX: "1.23e-4" becomes 1.23 × 10⁻⁴, "12,300" keeps its separator without a space after it. */
export function texNumber(v: number): string {
  const s = formatNumber(v);
  const sci = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (sci) return `${sci[1]}\\times 10^{${sci[2] === "-" ? "-" : ""}${sci[3]}}`;
  return s.replace(/,/g, "{,}");
}

/** A rows × cols matrix (row-major values) in brackets. */
export function texMatrix(values: ArrayLike<number>, rows: number, cols: number): string {
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, (_, c) => texNumber(values[r * cols + c])).join(" & "));
  return `\\begin{bmatrix} ${lines.join(" \\\\ ")} \\end{bmatrix}`;
}

/** A column vector. */
export const texColumn = (values: ArrayLike<number>) => texMatrix(values, values.length, 1);
/** A row vector. */
export const texRow = (values: ArrayLike<number>) => texMatrix(values, 1, values.length);

/** A vector or matrix as text: [0.5, 0.25] or [[1, 2], [3, 4]]. */
export function plainMatrix(values: ArrayLike<number>, rows: number, cols: number): string {
  const row = (r: number) => `[${Array.from({ length: cols }, (_, c) => formatNumber(values[r * cols + c])).join(", ")}]`;
  return rows === 1 ? row(0) : `[${Array.from({ length: rows }, (_, r) => row(r)).join(", ")}]`;
}

export const plainVector = (values: ArrayLike<number>) => plainMatrix(values, 1, values.length);

/** The transpose of a rows × cols row-major matrix. */
export function transposed(values: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}
