/**
 * Versioned payloads of the rich outputs. Plain JSON only: typed arrays are converted to
 * `number[]` before they cross a boundary (JSON.stringify turns a Float32Array into an object).
 */

import type { HeatmapPayload } from "./chartPayloads";
import type { ImagesPayload } from "./imagesPayload";

export const PAYLOAD_VERSION = 1;

/** Rows or columns past this are not read as numbers: the tensor view shows a heatmap instead. */
export const TENSOR_GRID_MAX = 12;

/** `application/vnd.nnbook.tensor+json`: a tensor shown as a matrix. */
export interface TensorPayload {
  version: 1;
  shape: number[];
  /** Row-major values; non-finite values as the strings "NaN", "Infinity", "-Infinity". */
  data: (number | string)[];
  requiresGrad: boolean;
  /** Present when `data` holds only part of a large tensor, or none of it. */
  summary?: { min: number; max: number; mean: number };
  /**
   * A tensor too large to read as numbers (a matrix past 12 rows or columns) is shown as a heatmap of its
   * last two dimensions (of its first slice when it has more), and `data` is then empty.
   */
  heatmap?: HeatmapPayload;
  /** Where NaN and infinite values are, when the heatmap shows them as 0: their count and the first one's index. */
  nonFinite?: { count: number; first: number[] };
}

/** A JSON-safe number: JSON has no NaN or Infinity. */
export function jsonNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** The inverse of `jsonNumber`. */
export function fromJsonNumber(v: number | string): number {
  return typeof v === "number" ? v : Number(v);
}

/** `application/vnd.nnbook.dataset+json`: a dataset's first rows and a scatter of its points. */
export interface DatasetPayload {
  version: 1;
  title: string;
  rows: number;
  task: "binary" | "multiclass" | "regression";
  /** Class names by index; empty for regression. */
  classes: string[];
  featureNames: string[];
  targetName: string;
  head: { x: (number | string)[]; y: number | string }[];
  /**
   * The first two features against each other (one feature: the feature against the target), with each
   * point's label. Absent when labels are not one per row.
   */
  scatter?: { x: (number | string)[]; y: (number | string)[]; label: (number | string)[] };
  /** When rows are images (digits): the first of them with their labels, shown instead of the scatter. */
  images?: ImagesPayload;
}

/** `application/vnd.nnbook.summary+json`: a model layer by layer. */
export interface SummaryPayload {
  /** 2: `equation` is TeX. Version 1 carried KaTeX's HTML, which renderers no longer read. */
  version: 2;
  title: string;
  rows: {
    /** The layer's name in `namedParameters()` (`0`, `body`), empty for a model without children. */
    name: string;
    /** The layer as PyTorch prints it, first line. */
    layer: string;
    /**
     * `[N, features]`, or `?` where it depends on the input; for a model run on an input, the shape the layer gave
     * (`[1, 8, 8, 8]`, several results in parentheses), or `not run`.
     */
    outputShape: string;
    params: number;
    /** The layer's equation in TeX, typeset by the renderer. */
    equation?: string;
  }[];
  total: number;
  /** What the shapes are for, and how to see those shown as `?`. */
  notes?: string[];
}

/** `application/vnd.nnbook.math+json`: TeX typeset on its own line. */
export interface MathPayload {
  version: 1;
  tex: string;
}

/** `application/vnd.nnbook.code+json`: source code to read and copy, highlighted as its language. */
export interface CodePayload {
  version: 1;
  language: "python";
  code: string;
  /** What the code is, above it. */
  title: string;
}

/** `application/vnd.nnbook.table+json`: rows of values under named columns, at most a bounded number of them. */
export interface TablePayload {
  version: 1;
  columns: string[];
  /** One value per column; null for a row without that key. Non-finite numbers as `jsonNumber` writes them. */
  rows: (number | string | null)[][];
  /** Rows and columns given, of which `rows` and `columns` hold the first. */
  totalRows: number;
  totalColumns: number;
}

/** `application/vnd.nnbook.activation+json`: an activation function and its derivative, as the engine computes them. */
export interface ActivationPayload {
  version: 1;
  /** The engine's name ("leakyRelu") and the layer's ("LeakyReLU"). */
  name: string;
  title: string;
  /** The function's equation and its derivative's, in TeX. */
  tex: string;
  derivativeTex: string;
  x: number[];
  y: (number | string)[];
  /** dy/dx at each x, by autograd. */
  dy: (number | string)[];
}
