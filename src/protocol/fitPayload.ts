/** `application/vnd.nnbook.fit+json`: a 1-input regression's curve over its data points. */
export interface FitPayload {
  version: 1;
  title: string;
  xLabel: string;
  yLabel: string;
  /** The data: at most a bounded sample of the rows. */
  points: { x: number[]; y: number[] };
  /** The model's output over the data's range, x increasing. */
  curve: { x: number[]; y: number[] };
  /** Rows in the data set, all counted in `mse`. */
  rows: number;
  /** Mean squared error over every row. */
  mse: number;
  /** Present while training is running. */
  progress?: { done: number; total: number };
}
