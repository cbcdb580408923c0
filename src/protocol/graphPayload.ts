/**
 * `application/vnd.nnbook.graph+json`: the autograd graph behind a tensor, as tensors and the ops between
 * them. Positions are not in the payload: the renderer lays the nodes out.
 */
export interface GraphPayload {
  version: 1;
  title: string;
  /** Tensor and op nodes, inputs before the ops that use them; the last tensor is the one asked about. */
  nodes: GraphNode[];
  /** [from, to] as indices into `nodes`: tensor → op (an input) and op → tensor (its result). */
  edges: [number, number][];
  /** Tensors in the whole graph; more than `nodes` holds when it was cut (see `cut`). */
  totalTensors: number;
  /** Set when the graph was too large: the sentence that says what is shown. */
  cut?: string;
}

export type GraphNode = GraphTensorNode | GraphOpNode;

export interface GraphTensorNode {
  kind: "tensor";
  /** What the text names it: a parameter's or a given name ("0.weight", "x"), else t0, t1, … */
  name: string;
  /** "parameter": a leaf that requires grad; "constant": a leaf that does not; "result": made by an op. */
  role: "parameter" | "constant" | "result";
  shape: number[];
  values: ValueSummary;
  /** null: no gradient yet (or none kept, for a result without retainGrad). */
  grad: ValueSummary | null;
  /** Its inputs were left out because the graph was too large. */
  cut: boolean;
}

export interface GraphOpNode {
  kind: "op";
  /** The op as the cell language writes it ("linear", "sigmoid", "mse_loss"). */
  label: string;
  /** The engine's grad_fn name, as PyTorch's ("AddmmBackward0"). */
  gradFn: string;
}

/** A few of a tensor's values and their range: enough to read, bounded for a tensor of any size. */
export interface ValueSummary {
  count: number;
  /** The first values, row-major; non-finite ones as `jsonNumber` writes them. */
  head: (number | string)[];
  min: number | string;
  max: number | string;
  mean: number | string;
}

/** At most this many tensors are drawn: a graph past it is cut to the tensors nearest the output. */
export const MAX_GRAPH_TENSORS = 120;
/** Values of a tensor sent for its hover: the first few, with its min, max and mean. */
export const GRAPH_HEAD_VALUES = 6;
