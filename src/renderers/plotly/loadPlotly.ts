import type * as PlotlyTypes from "plotly.js";

export type Plotly = typeof PlotlyTypes;

let loading: Promise<Plotly> | undefined;

/**
 * Loads plotly on first use, from the module next to this renderer. A page that hosts the
 * renderer elsewhere (the HTML report) sets `globalThis.nnbookPlotlyUrl` to where it put it.
 */
export function loadPlotly(): Promise<Plotly> {
  const url = (globalThis as { nnbookPlotlyUrl?: string }).nnbookPlotlyUrl ?? new URL("./plotly.js", import.meta.url).href;
  loading ??= import(/* @vite-ignore */ url).then((m: { default: Plotly }) => m.default);
  return loading;
}
