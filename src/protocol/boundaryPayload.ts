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
  /** Per grid cell, row-major (y then x): the probability of class 1 (binary), or of the predicted class. */
  probability: number[];
  /** Per grid cell, the predicted class index (multiclass only). */
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
