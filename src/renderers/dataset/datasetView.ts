import { fromJsonNumber, type DatasetPayload } from "../../protocol/payloads";
import { caption } from "../caption";
import { domView, type DrawnView } from "../drawnView";
import { headedTable } from "../headedTable";
import { chartLayout, themedAxis } from "../plotly/chartLayout";
import { loadPlotly } from "../plotly/loadPlotly";
import { plotlyText } from "../plotly/plotlyText";
import { plotView, type Figure } from "../plotly/plotView";
import { formatValue } from "../tensor/matrixView";
import { imageGrid } from "../images/imageGrid";
import { themedImages } from "../images/imagesView";
import { classColour } from "../classColours";

/**
 * A dataset: its size and first rows as a table (scrolling sideways inside the cell when it has many
 * columns), and its points as a scatter coloured by class, or its first images when rows are images.
 */
export async function renderDataset(element: HTMLElement, payload: DatasetPayload, signal: AbortSignal): Promise<DrawnView> {
  // Plotly first, so that a drawing disposed while it loads has drawn nothing.
  const Plotly = payload.scatter ? await loadPlotly() : undefined;
  signal.throwIfAborted();
  const view = document.createElement("div");
  view.className = "nnbook-view";
  const kinds = payload.task === "regression" ? "regression" : `${payload.classes.length} classes (${payload.classes.join(", ")})`;
  view.appendChild(caption(`${payload.title} · ${payload.rows.toLocaleString("en-US")} rows · ${payload.featureNames.length} features · ${kinds}`));
  const wide = document.createElement("div");
  wide.className = "nnbook-wide";
  wide.appendChild(headTable(payload));
  view.appendChild(wide);
  if (payload.images) {
    const grid = imageGrid(payload.images);
    view.appendChild(grid.element);
    element.replaceChildren(view);
    return themedImages(view, grid.paint);
  }
  element.replaceChildren(view);
  if (!Plotly || !payload.scatter) return domView(view);

  const chart = document.createElement("div");
  chart.className = "nnbook-chart";
  view.appendChild(chart);
  return plotView(Plotly, chart, view, scatterFigure(payload, payload.scatter));
}

function scatterFigure(payload: DatasetPayload, scatter: NonNullable<DatasetPayload["scatter"]>): Figure {
  const xs = scatter.x.map(fromJsonNumber);
  const ys = scatter.y.map(fromJsonNumber);
  const labels = scatter.label.map(fromJsonNumber);
  const oneFeature = payload.featureNames.length === 1;
  // Classes keep their colour in every view: the series colour of their index (regression: the first).
  const groups =
    payload.task === "regression"
      ? [{ name: payload.targetName, x: xs, y: ys }]
      : payload.classes.map((name, c) => ({ name, x: xs.filter((_, i) => labels[i] === c), y: ys.filter((_, i) => labels[i] === c) }));
  return (theme) => {
    const traces = groups.map((group, c) => ({
      type: "scatter" as const,
      mode: "markers" as const,
      name: plotlyText(group.name),
      x: group.x,
      y: group.y,
      marker: { size: 6, opacity: 0.85, color: classColour(theme, c) },
    }));
    const axis = themedAxis(theme);
    return {
      data: traces,
      layout: {
        ...chartLayout(theme, { t: 20 }),
        showlegend: traces.length > 1,
        xaxis: { ...axis, title: { text: plotlyText(payload.featureNames[0] ?? "") } },
        yaxis: { ...axis, title: { text: plotlyText((oneFeature ? payload.targetName : payload.featureNames[1]) ?? "") } },
      },
    };
  };
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
