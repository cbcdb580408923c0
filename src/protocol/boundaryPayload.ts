import { packBytes } from "./packed";

/**
 * `application/vnd.nnbook.boundary+json`: what a 2-input classifier learned — its output on a grid over the
 * data's range, drawn as a surface behind the points, the misclassified ones marked.
 */
export interface BoundaryPayload {
  version: 1;
  title: string;
  xLabel: string;
  yLabel: string;
  task: "binary" | "multiclass";
  /** Class names by index. */
  classes: string[];
  /** How the model's output was read: a probability (sigmoid or softmax last), or logits turned into one. */
  output: "probability" | "logits";
  /** Grid cell centres along x (columns) and y (rows). */
  gridX: number[];
  gridY: number[];
  /**
   * Per grid cell, row-major (y then x): the probability of class 1 (binary), or of the predicted class, in
   * hundredths. Stored packed (`storedBoundary`): one byte per cell, the hundredths 0 to 100, in base64.
   */
  probability: number[];
  /** Per grid cell, the predicted class index (multiclass only); stored packed, one byte per cell, in base64. */
  predicted?: number[];
  /** The points drawn: at most a bounded sample of the data's rows, each with its label and prediction. */
  points: { x: number[]; y: number[]; label: number[]; predicted: number[] };
  /** Rows in the data set, all counted in `accuracy` and `misclassified` (`points` may hold a sample). */
  rows: number;
  accuracy: number;
  misclassified: number;
  /** Present while training is running. */
  progress?: { done: number; total: number };
}

/** What the probabilities are stored in: what the hover reads, and finer than the colours show. */
export const HUNDREDTHS = 100;

/** The payload as an output stores it: its grids packed, 1⅓ characters per cell rather than up to 6. */
export function storedBoundary(payload: BoundaryPayload): unknown {
  const stored: Record<string, unknown> = { ...payload, probability: packBytes(payload.probability.map((p) => Math.round(p * HUNDREDTHS))) };
  // Class indices past a byte (never in a 2-D view one can read) stay a list.
  if (payload.predicted && payload.classes.length <= 256) stored.predicted = packBytes(payload.predicted);
  return stored;
}
