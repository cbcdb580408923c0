/**
 * `application/vnd.nnbook.chart+json`: the plain charts (`show.plot`, `scatter`, `hist`, `heatmap`), one
 * mime told apart by `kind`. The kernel refuses non-finite values before they get here, so every number
 * is a plain JSON number.
 */
export type ChartPayload = PlotPayload | ScatterPayload | HistPayload | HeatmapPayload;

interface ChartBase {
  version: 1;
  title: string;
  xLabel: string;
  yLabel: string;
}

/** Lines over a shared x. A long series arrives decimated (each bucket's min and max kept). */
export interface PlotPayload extends ChartBase {
  kind: "plot";
  log: boolean;
  series: { label: string; x: number[]; y: number[] }[];
  /** Points per series before decimation. */
  points: number;
}

/** Points; `color` is a value per point, class indices into `classes` when that is present. */
export interface ScatterPayload extends ChartBase {
  kind: "scatter";
  x: number[];
  y: number[];
  color?: number[];
  classes?: string[];
}

/** Counts already binned by the kernel, so the payload's size does not grow with the values'. */
export interface HistPayload extends ChartBase {
  kind: "hist";
  /** `counts.length + 1` bin edges, increasing. */
  edges: number[];
  counts: number[];
}

/** A matrix of values, row-major; `signed` picks the diverging scale centred on 0. */
export interface HeatmapPayload extends ChartBase {
  kind: "heatmap";
  rows: number;
  cols: number;
  z: number[];
  signed: boolean;
  /** Present when each cell is the mean of a `block` (rows, columns) of a larger `rows` × `cols` matrix. */
  pooled?: { rows: number; cols: number; block: [number, number] };
}
