/** One layer's outputs on the given inputs, binned. */
export interface LayerActivations {
  /** The layer's name in `namedModules()` ("0", "fc1"). */
  name: string;
  /** Its kind ("ReLU", "Linear") and, for an elementwise function, which one ("relu"). */
  kind: string;
  activation?: string;
  /** The output's shape on these inputs. */
  shape: number[];
  /** `counts.length + 1` increasing bin edges, and how many outputs fall in each bin. */
  edges: number[];
  counts: number[];
  mean: number;
  std: number;
  /** Units (output columns) that are 0 on every input: dead ReLUs. Only for ReLU layers. */
  dead?: { units: number; of: number };
  /** Share of outputs saturated: a sigmoid's below 0.01 or above 0.99, a tanh's beyond ±0.99. */
  saturated?: number;
  /** What stands out, in words ("5 of 16 units dead (31%): never positive on these inputs"). */
  note: string;
  /** For an output of images [N, C, H, W]: the feature maps the first input gave. */
  maps?: FeatureMaps;
}

/** One input's feature maps: a small image per channel shown, on the layer's own range. */
export interface FeatureMaps {
  /** [height, width] of every map. */
  shape: [number, number];
  /** The channels shown (every k-th past `MAX_MAPS`) of how many, and per channel its row-major pixels. */
  channels: number[];
  of: number;
  pixels: number[][];
  min: number;
  max: number;
}

/** `application/vnd.nnbook.activations+json`: the distribution of every layer's outputs for one batch of inputs. */
export interface ActivationsPayload {
  version: 1;
  title: string;
  /** Input rows the outputs were computed on, of how many given. */
  rows: number;
  givenRows: number;
  layers: LayerActivations[];
  /** When the inputs are images [N, C, H, W]: the first input, whose feature maps the layers show. */
  input?: FeatureMaps;
}
