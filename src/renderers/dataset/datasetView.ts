import { fromJsonNumber, type DatasetPayload } from "../../protocol/payloads";
import { caption } from "../caption";
import { headedTable } from "../headedTable";
import { CHART_CONFIG, chartLayout, themedAxis } from "../plotly/chartLayout";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotlyText } from "../plotly/plotlyText";
import { formatValue } from "../tensor/matrixView";
import { themeColors } from "../theme";

/** A dataset: its size and first rows as a table, and its points as a scatter coloured by class. */
export async function renderDataset(element: HTMLElement, payload: DatasetPayload): Promise<void> {
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const kinds = payload.task === "regression" ? "regression" : `${payload.classes.length} classes (${payload.classes.join(", ")})`;
  view.appendChild(caption(`${payload.title} · ${payload.rows.toLocaleString("en-US")} rows · ${payload.featureNames.length} features · ${kinds}`));
  view.appendChild(headTable(payload));
  element.replaceChildren(view);
  if (!payload.scatter) return;

  const chart = document.createElement("div");
  chart.className = "nnbook-chart";
  view.appendChild(chart);
  const Plotly = await loadPlotly();
  const theme = themeColors();
  const { x, y, label } = payload.scatter;
  const xs = x.map(fromJsonNumber);
  const ys = y.map(fromJsonNumber);
  const labels = label.map(fromJsonNumber);
  const oneFeature = payload.featureNames.length === 1;
  const marker = { size: 6, opacity: 0.85 };
  const traces =
    payload.task === "regression"
      ? [{ type: "scatter" as const, mode: "markers" as const, x: xs, y: ys, name: plotlyText(payload.targetName), marker: { ...marker, color: theme.series[0] } }]
      : payload.classes.map((name, c) => {
          // Classes keep their colour in every view: the series colour of their index.
          const keep = labels.map((l) => l === c);
          return {
            type: "scatter" as const,
            mode: "markers" as const,
            name: plotlyText(name),
            x: xs.filter((_, i) => keep[i]),
            y: ys.filter((_, i) => keep[i]),
            marker: { ...marker, color: theme.series[c % theme.series.length] },
          };
        });
  const axis = themedAxis(theme);
  await Plotly.react(
    chart,
    traces,
    {
      ...chartLayout(theme, { t: 20 }),
      showlegend: traces.length > 1,
      xaxis: { ...axis, title: { text: plotlyText(payload.featureNames[0] ?? "") } },
      yaxis: { ...axis, title: { text: plotlyText((oneFeature ? payload.targetName : payload.featureNames[1]) ?? "") } },
    },
    CHART_CONFIG,
  );
}

function headTable(payload: DatasetPayload): HTMLTableElement {
  const { table, body } = headedTable("nnbook-matrix nnbook-dataset", [...payload.featureNames, payload.targetName]);
  for (const row of payload.head) {
    const tr = body.insertRow();
    for (const v of row.x) tr.insertCell().textContent = formatValue(fromJsonNumber(v));
    const y = fromJsonNumber(row.y);
    tr.insertCell().textContent = payload.task === "regression" ? formatValue(y) : (payload.classes[y] ?? String(y));
  }
  if (payload.rows > payload.head.length) {
    const more = body.insertRow().insertCell();
    more.colSpan = payload.featureNames.length + 1;
    more.className = "nnbook-gap";
    more.textContent = `… ${(payload.rows - payload.head.length).toLocaleString("en-US")} more rows`;
  }
  return table;
}
