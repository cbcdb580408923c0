/**
 * `application/vnd.nnbook.network+json`: a network of Linear layers drawn as neurons and connections, as
 * TensorFlow Playground draws it: a column of units per layer, an edge per weight, coloured by sign and as
 * wide as |w| on the one symmetric scale of the view.
 */
/** Units a column draws at most, so that a payload (from a file too) cannot ask for a million circles. */
export const MAX_DRAWN_UNITS = 64;

export interface NetworkPayload {
  version: 1;
  title: string;
  /** max |w| (and |b|) over every layer drawn. */
  maxAbs: number;
  /** The columns, input first: its units, the first `shown` of which are drawn. */
  columns: NetworkColumn[];
  /**
   * Between column `i` and `i + 1`, `weights[i]` holds the weights into the shown units of column `i + 1` from
   * the shown units of column `i`: `shown(i + 1) × shown(i)` values, row-major (PyTorch's `[out, in]`).
   */
  weights: number[][];
  /** What was summarised or left out, as sentences for the caption. */
  notes: string[];
}

export interface NetworkColumn {
  /** "input", or the Linear layer's name in `namedModules()` ("0", "fc1"). */
  name: string;
  units: number;
  shown: number;
  /** The activation applied to these units ("ReLU"), as its layer names itself; empty when there is none. */
  activation: string;
  /** The layer's bias per shown unit; absent for the input and for a Linear without bias. */
  bias?: number[];
}
