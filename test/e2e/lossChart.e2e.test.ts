// The loss view drawn by the built renderer in Chromium from a real training history: train solid and
// validation dashed in the run's colour, accuracy on its own axis, the best epoch starred, the early stop
// marked, and the sentences the text fallback has written under the chart; screenshots in three themes.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import type { Page } from "playwright-core";
import { data, manualSeed, nn, optim, train } from "../../src/engine";
import type { LossPayload } from "../../src/protocol/lossPayload";
import { Mime } from "../../src/protocol/mimes";
import { lossPayload } from "../../src/views/lossView";
import { RESULTS_DIR } from "./notebookPage";
import { THEMES, rendererBrowser, type ThemeKind } from "./rendererPage";

const { open } = rendererBrowser("loss");
let history: LossPayload;
let compared: LossPayload;

before(async () => {
  manualSeed(3);
  const net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1));
  const noisy = data.moons({ n: 200, noise: 0.35, seed: 2 });
  const run = await train(net, noisy, { epochs: 400, validation: 0.5, seed: 1, optimizer: optim.Adam(net.parameters(), { lr: 0.03 }), earlyStopping: { patience: 15 }, live: false });
  history = lossPayload(run, { title: "Training loss", log: true });
  const losses = (rate: number) => Array.from({ length: 60 }, (_, i) => Math.exp(-rate * i) + 0.01);
  compared = lossPayload([{ loss: losses(0.1), valLoss: losses(0.08) }, { loss: losses(0.03) }], { labels: ["lr 0.1", "lr 0.01"] });
});

const openPage = (theme: ThemeKind) => open(theme);

interface Drawn {
  traces: { name: string; mode: string; yaxis: string; dash?: string; color?: string; symbol?: string; x: number[]; y: number[] }[];
  y2: { title?: string; tickformat?: string } | null;
  yType: string;
  shapes: number;
  annotations: string[];
  notes: string[];
  grid: string;
}

function draw(page: Page, name: string, payload: unknown): Promise<Drawn> {
  return page.evaluate(
    async ([name, mime, payload]) => {
      const element = nnbookPage.output(name);
      await nnbookPage.render(name, mime, payload, element);
      type Trace = { name: string; mode: string; yaxis: string; line?: { dash: string; color: string }; marker?: { symbol: string }; x: number[]; y: number[] };
      type Axis = { title?: { text: string }; tickformat?: string; type: string; gridcolor: string };
      const plot = element.querySelector(".js-plotly-plot") as unknown as {
        _fullData: Trace[];
        _fullLayout: { yaxis: Axis; yaxis2?: Axis; shapes: unknown[]; annotations: { text: string }[] };
      };
      const l = plot._fullLayout;
      return {
        traces: plot._fullData.map((t) => ({ name: t.name, mode: t.mode, yaxis: t.yaxis, dash: t.line?.dash, color: t.line?.color, symbol: t.marker?.symbol, x: t.x, y: t.y })),
        y2: l.yaxis2 ? { title: l.yaxis2.title?.text, tickformat: l.yaxis2.tickformat } : null,
        yType: l.yaxis.type,
        shapes: l.shapes.length,
        annotations: l.annotations.map((a) => a.text),
        notes: [...element.querySelectorAll(".nnbook-notes li")].map((li) => li.textContent ?? ""),
        grid: l.yaxis.gridcolor,
      };
    },
    [name, Mime.loss, payload] as const,
  );
}

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`a training history's loss view in ${theme}`, async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { page, errors } = await openPage(theme);
    try {
      const drawn = await draw(page, "history", history);
      const lines = drawn.traces.filter((t) => t.mode === "lines");
      assert.deepEqual(lines.map((t) => [t.name, t.yaxis, t.dash]), [
        ["train", "y", "solid"],
        ["validation", "y", "dash"],
        ["accuracy", "y2", "solid"],
        ["validation accuracy", "y2", "dash"],
      ]);
      // One run: its losses share a colour, the metric takes the next one.
      assert.equal(lines[0].color, lines[1].color);
      assert.notEqual(lines[0].color, lines[2].color);
      const [best] = drawn.traces.filter((t) => t.mode === "markers");
      assert.equal(best.symbol, "star");
      assert.deepEqual([best.x[0], best.y[0]], [history.runs[0].best!.x, history.runs[0].best!.y]);
      assert.deepEqual(drawn.y2, { title: "accuracy", tickformat: ".0%" });
      assert.equal(drawn.yType, "log");
      assert.equal(drawn.shapes, 1);
      assert.deepEqual(drawn.annotations, ["stopped early"]);
      assert.deepEqual(drawn.notes, history.runs[0].lines);
      assert.match(drawn.notes[1], /^validation [\d.]+ → [\d.]+, best [\d.]+ at epoch \d+$/);
      // The grid is the text colour faded into the background, never the theme's accent border.
      assert.notEqual(drawn.grid, THEMES[theme]["--vscode-editorWidget-border"]);

      const runs = await draw(page, "compared", compared);
      assert.deepEqual(runs.traces.map((t) => [t.name, t.dash]), [["lr 0.1 train", "solid"], ["lr 0.1 validation", "dash"], ["lr 0.01 train", "solid"]]);
      assert.equal(runs.traces[0].color, runs.traces[1].color);
      assert.notEqual(runs.traces[0].color, runs.traces[2].color);
      assert.equal(runs.y2, null);
      assert.deepEqual(runs.notes.map((n) => n.split(":")[0]), ["lr 0.1", "lr 0.1", "lr 0.01"]);

      for (const name of ["history", "compared"]) {
        await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `loss-${name}-${theme}.png`) });
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}
