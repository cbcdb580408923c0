import type { WeightsPayload } from "../../protocol/weightsPayload";
import { caption } from "../caption";
import type { DrawnView } from "../drawnView";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotView } from "../plotly/plotView";
import { scaleLegend } from "../scaleLegend";
import { player, type Player } from "./player";
import { frameUpdate, matrixFigure, plotHeight } from "./weightsFigure";

/**
 * A heatmap per weight matrix on one shared scale; from a history, a slider (and play) through the recorded
 * epochs that restyles each heatmap's values in place, every frame already in the payload.
 */
export async function renderWeights(element: HTMLElement, payload: WeightsPayload, signal: AbortSignal): Promise<DrawnView> {
  const Plotly = await loadPlotly();
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view nnbook-weights";
  view.appendChild(caption(payload.title));
  for (const note of payload.notes) view.appendChild(caption(note));
  view.appendChild(scaleLegend(payload.maxAbs, "w"));

  let frame = Math.max(0, payload.epochs.length - 1);
  const charts = payload.matrices.map((m) => {
    const chart = document.createElement("div");
    chart.className = "nnbook-weights-chart";
    chart.style.height = `${plotHeight(m)}px`;
    return chart;
  });
  let control: Player | undefined;
  let drawn = false;
  if (payload.epochs.length > 1) {
    control = player(payload.epochs, (f) => {
      frame = f;
      if (!drawn) return;
      payload.matrices.forEach((m, i) => void Plotly.restyle(charts[i], frameUpdate(payload, m, f) as never));
    });
    view.appendChild(control.element);
  }
  view.append(...charts);
  element.replaceChildren(view);

  const plots: DrawnView[] = [];
  const dispose = () => {
    control?.stop();
    plots.forEach((p) => p.dispose());
    view.remove();
  };
  try {
    for (const [i, m] of payload.matrices.entries()) plots.push(await plotView(Plotly, charts[i], charts[i], matrixFigure(payload, m, () => frame)));
  } catch (error) {
    dispose();
    throw error;
  }
  drawn = true;
  return { dispose };
}
