import type { ChartPayload } from "../../protocol/chartPayloads";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { plotlyText } from "../plotly/plotlyText";
import type { ThemeColors } from "../theme";

/** A hover number for reading: 3 significant digits, trailing zeros dropped. */
export const HOVER_NUMBER = ":.3~g";

/** The layout every plain chart shares: title (room for it only when there is one) and labelled axes. */
export function chartAxes(theme: ThemeColors, payload: ChartPayload) {
  const axis = themedAxis(theme);
  return {
    ...chartLayout(theme, { t: payload.title ? 40 : 20 }),
    ...(payload.title ? { title: { text: plotlyText(payload.title), font: { size: 14 } } } : {}),
    showlegend: false,
    xaxis: { ...axis, title: { text: plotlyText(payload.xLabel) } },
    yaxis: { ...axis, title: { text: plotlyText(payload.yLabel) } },
  };
}
