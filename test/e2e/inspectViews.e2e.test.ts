// The inspection views of a network (`show.weights`, `show.gradients`, `show.network`) drawn by the built
// renderer in Chromium from payloads made by real training: what is drawn (traces, values, scale, slider,
// sentences, edges) is what the payload says, in light, dark and high contrast, with a screenshot of each.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import type { Page } from "playwright-core";
import { manualSeed, nn, optim } from "../../src/engine";
import * as data from "../../src/engine/data/index";
import { train } from "../../src/engine/train/index";
import { Mime } from "../../src/protocol/mimes";
import type { GradientsPayload } from "../../src/protocol/gradientsPayload";
import type { NetworkPayload } from "../../src/protocol/networkPayload";
import { edgeStyle } from "../../src/renderers/network/edgeStyle";
import { networkPayload } from "../../src/views/networkView";
import { weightDecimals, type WeightsPayload } from "../../src/protocol/weightsPayload";
import { gradientsPayload } from "../../src/views/gradientsView";
import { weightsPayload } from "../../src/views/weightsView";
import { RESULTS_DIR } from "./notebookPage";
import { applyTheme, THEMES, type ThemeKind, rendererBrowser } from "./rendererPage";

const { browser, open } = rendererBrowser("inspect");

const fixtures = {} as { weightsRun: WeightsPayload; weightsModel: WeightsPayload; vanishing: GradientsPayload; healthy: GradientsPayload; network: NetworkPayload; wide: NetworkPayload };

before(async () => {
  manualSeed(3);
  const net = nn.Sequential(nn.Linear(2, 6), nn.Tanh(), nn.Linear(6, 3), nn.Tanh(), nn.Linear(3, 1), nn.Sigmoid());
  const run = await train(net, data.xor(), { loss: nn.BCELoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.05 }), epochs: 60, seed: 1, live: false, record: { every: 5 } });
  fixtures.weightsRun = weightsPayload(run);
  fixtures.weightsModel = weightsPayload(net, { layer: "0" });
  fixtures.network = networkPayload(net);
  manualSeed(1);
  fixtures.wide = networkPayload(nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)));

  manualSeed(1);
  const sizes = [2, 16, 16, 16, 16, 16, 16, 16, 1];
  const deep = nn.Sequential(...sizes.slice(1).flatMap((out, i) => [nn.Linear(sizes[i], out), nn.Sigmoid()]));
  const deepRun = await train(deep, data.circles(), { loss: nn.BCELoss(), optimizer: optim.Adam(deep.parameters(), { lr: 0.01 }), epochs: 50, seed: 1, live: false });
  fixtures.vanishing = gradientsPayload(deepRun);
  manualSeed(1);
  const relu = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1));
  fixtures.healthy = gradientsPayload(await train(relu, data.xor(), { optimizer: optim.Adam(relu.parameters(), { lr: 0.05 }), epochs: 300, seed: 1, live: false }));
});

const openPage = (theme: ThemeKind) => open(theme);

function render(page: Page, name: string, mime: string, payload: unknown): Promise<void> {
  return page.evaluate(([name, mime, payload]) => nnbookPage.render(name, mime, payload, nnbookPage.output(name)), [name, mime, payload] as const);
}

interface Trace {
  type: string;
  z: number[][];
  customdata?: number[][];
  zmin: number;
  zmax: number;
  colorscale: unknown;
  hovertemplate: string;
}

/** What plotly holds for each plot of output `name`. */
function plots(page: Page, name: string) {
  return page.evaluate((name) => {
    type Plot = HTMLElement & { _fullData: Trace[]; _fullLayout: { title: { text: string }; xaxis: { title: { text: string } }; yaxis: { title: { text: string } } } };
    return [...document.querySelectorAll(`[data-output="${name}"] .js-plotly-plot`)].map((el) => {
      const p = el as Plot;
      return {
        traces: p._fullData.map((t) => ({ type: t.type, z: t.z, customdata: t.customdata, zmin: t.zmin, zmax: t.zmax, colorscale: t.colorscale, hovertemplate: t.hovertemplate })),
        title: p._fullLayout.title.text,
        xTitle: p._fullLayout.xaxis.title.text,
        yTitle: p._fullLayout.yaxis.title.text,
      };
    });
  }, name);
}

const rowsOf = (values: number[], width: number) => Array.from({ length: values.length / width }, (_, r) => values.slice(r * width, (r + 1) * width));

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`show.weights drawn from a history and from a model in ${theme}`, async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { page, errors } = await openPage(theme);
    const colours = THEMES[theme];
    const p = fixtures.weightsRun;
    try {
      await render(page, "weights", Mime.weights, p);
      let drawn = await plots(page, "weights");
      assert.equal(drawn.length, 3, "a heatmap per weight matrix");
      const last = p.epochs.length - 1;
      for (const [i, m] of p.matrices.entries()) {
        assert.equal(drawn[i].traces.length, 2, "the matrix and its bias strip");
        assert.deepEqual(drawn[i].traces[0].z, rowsOf(m.frames[last], m.cols.length));
        assert.deepEqual(drawn[i].traces[1].z, m.bias!.frames[last].map((b) => [b]));
        // One scale over every matrix and frame, centred on 0: red, the background, blue.
        for (const t of drawn[i].traces) {
          assert.deepEqual([t.zmin, t.zmax], [-p.maxAbs, p.maxAbs]);
          assert.deepEqual(t.colorscale, [
            [0, colours["--vscode-charts-red"]],
            [0.5, colours["--vscode-editor-background"]],
            [1, colours["--vscode-charts-blue"]],
          ]);
        }
        assert.deepEqual([drawn[i].xTitle, drawn[i].yTitle], ["input", "output unit"]);
        assert.equal(drawn[i].title, `${m.name} [${m.shape.join(", ")}] and ${m.bias!.name}`);
      }
      // A value and its change to the decimals they are stored with.
      const decimals = weightDecimals(p.maxAbs);
      assert.match(drawn[0].traces[0].hovertemplate, new RegExp(`^W\\[%\\{y\\}, %\\{x\\}\\] = %\\{z:\\.${decimals}f\\}<br>output unit %\\{y\\} ← input %\\{x\\}<br>epoch 60<br>Δ since epoch 55: %\\{customdata:\\+\\.${decimals}f\\}`));
      const m0 = p.matrices[0];
      const delta = m0.frames[last].map((v, i) => v - m0.frames[last - 1][i]);
      assert.deepEqual(drawn[0].traces[0].customdata, rowsOf(delta, 2));
      const player = page.locator('[data-output="weights"] .nnbook-player');
      assert.equal(await player.locator(".nnbook-player-epoch").textContent(), `epoch 60 (${p.epochs.length} / ${p.epochs.length})`);
      assert.equal(await page.locator('[data-output="weights"] .nnbook-scale').getAttribute("aria-label"), `colour scale of w: from -${Number(p.maxAbs.toPrecision(3))} to ${Number(p.maxAbs.toPrecision(3))}, 0 in the middle`);
      await page.locator('[data-output="weights"]').screenshot({ path: join(RESULTS_DIR, `weights-history-${theme}.png`) });

      // The slider moves every heatmap to that epoch; epoch 0 has no change to show.
      await player.locator("input").fill("0");
      await page.waitForFunction(() => (document.querySelector('[data-output="weights"] .js-plotly-plot') as unknown as { _fullData: Trace[] })._fullData[0].hovertemplate.includes("first epoch"));
      drawn = await plots(page, "weights");
      assert.deepEqual(drawn[0].traces[0].z, rowsOf(m0.frames[0], 2));
      assert.deepEqual(drawn[2].traces[1].z, p.matrices[2].bias!.frames[0].map((b) => [b]));
      assert.equal(await player.locator(".nnbook-player-epoch").textContent(), `epoch 0 (1 / ${p.epochs.length})`);
      // Play runs through the epochs, pause stops it.
      await player.locator("button").click();
      await page.waitForFunction(() => Number((document.querySelector('[data-output="weights"] .nnbook-player input') as HTMLInputElement).value) >= 2);
      await player.locator("button").click();
      const stopped = await player.locator("input").inputValue();
      await page.waitForTimeout(500);
      assert.equal(await player.locator("input").inputValue(), stopped);
      assert.equal(await player.locator("button").textContent(), "▶ play");

      await render(page, "weights-model", Mime.weights, fixtures.weightsModel);
      const model = await plots(page, "weights-model");
      assert.equal(model.length, 1);
      assert.equal(await page.locator('[data-output="weights-model"] .nnbook-player').count(), 0, "a model has no slider");
      assert.equal(model[0].traces[0].hovertemplate, "W[%{y}, %{x}] = %{z:.4f}<br>output unit %{y} ← input %{x}<extra></extra>");
      await page.locator('[data-output="weights-model"]').screenshot({ path: join(RESULTS_DIR, `weights-model-${theme}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}

interface Line {
  name: string;
  x: unknown[];
  y: (number | null)[];
  xaxis: string;
  showlegend: boolean;
  line: { dash: string };
}

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`show.gradients drawn for a vanishing and a healthy run in ${theme}`, async () => {
    const { page, errors } = await openPage(theme);
    try {
      for (const [name, p] of [["vanishing", fixtures.vanishing], ["healthy", fixtures.healthy]] as const) {
        await render(page, name, Mime.gradients, p);
        const drawn = await page.evaluate((name) => {
          type Plot = HTMLElement & { _fullData: Line[]; _fullLayout: { yaxis: { type: string; exponentformat: string; title: { text: string } }; xaxis2: { title: { text: string } }; showlegend: boolean } };
          const plot = document.querySelector(`[data-output="${name}"] .js-plotly-plot`) as Plot;
          const l = plot._fullLayout;
          return {
            traces: plot._fullData.map((t) => ({ name: t.name, x: t.x, y: t.y, xaxis: t.xaxis, showlegend: t.showlegend, line: { dash: t.line.dash } })),
            yType: l.yaxis.type,
            exponents: l.yaxis.exponentformat,
            yTitle: l.yaxis.title.text,
            x2Title: l.xaxis2.title.text,
            legend: l.showlegend,
            verdict: document.querySelector(`[data-output="${name}"] .nnbook-verdict`)!.textContent,
            flagged: document.querySelector(`[data-output="${name}"] .nnbook-verdict`)!.classList.contains("nnbook-flagged"),
          };
        }, name);
        const n = p.layers.length;
        assert.equal(drawn.traces.length, 2 * n + 2, "mean and max per layer over training, and the per-layer panel");
        // Over training: a solid mean and a dashed max per layer, each recorded value as it is.
        assert.deepEqual(drawn.traces[0].y, p.layers[0].mean);
        assert.deepEqual(drawn.traces[0].x, p.epochs);
        assert.deepEqual([drawn.traces[0].line.dash, drawn.traces[1].line.dash, drawn.traces[1].showlegend], ["solid", "dash", false]);
        assert.deepEqual(drawn.traces[2 * n - 1].y, p.layers[n - 1].max);
        // Per layer, input left to output right, at the last epoch.
        const perLayer = drawn.traces[2 * n];
        assert.equal(perLayer.xaxis, "x2");
        assert.deepEqual(perLayer.x, p.layers.map((l) => l.layer));
        assert.deepEqual(perLayer.y, p.layers.map((l) => l.mean.at(-1)));
        assert.deepEqual([drawn.yType, drawn.exponents, drawn.legend], ["log", "power", true]);
        assert.equal(drawn.yTitle, "|∂L/∂W|: mean solid, max dashed");
        assert.equal(drawn.x2Title, `layer, input → output (epoch ${p.epochs.at(-1)})`);
        assert.equal(drawn.verdict, p.verdict);
        assert.equal(drawn.flagged, name === "vanishing");
        if (name === "vanishing") assert.equal(drawn.traces[0].name, "layer 0 (vanishing)");
        await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `gradients-${name}-${theme}.png`) });
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}

/** A CSS colour as the browser computes it ("rgb(26, 133, 255)"). */
function computed(page: Page, colour: string): Promise<string> {
  return page.evaluate((colour) => {
    const probe = document.createElement("span");
    probe.style.color = colour;
    document.body.appendChild(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }, colour);
}

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`show.network drawn as neurons and connections in SVG in ${theme}`, async () => {
    const { page, errors } = await openPage(theme);
    const colours = THEMES[theme];
    try {
      const p = fixtures.network;
      await render(page, "network", Mime.network, p);
      const drawn = await page.evaluate(() => {
        const root = document.querySelector('[data-output="network"]')!;
        const lines = [...root.querySelectorAll(".nnbook-edge")].map((g) => {
          const line = g.querySelector(".nnbook-edge-line") as SVGLineElement;
          return { title: g.querySelector("title")!.textContent!, width: Number(line.getAttribute("stroke-width")), stroke: getComputedStyle(line).stroke };
        });
        return {
          plotly: root.querySelectorAll(".js-plotly-plot").length,
          units: [...root.querySelectorAll(".nnbook-unit")].map((c) => c.querySelector("title")!.textContent!),
          lines,
          heads: [...root.querySelectorAll(".nnbook-column-name, .nnbook-column-activation")].map((t) => t.textContent),
        };
      });
      assert.equal(drawn.plotly, 0, "no plotly");
      assert.equal(drawn.units.length, 2 + 6 + 3 + 1);
      assert.equal(drawn.lines.length, 2 * 6 + 6 * 3 + 3 * 1);
      assert.deepEqual(drawn.heads, ["input", "2 features", "layer 0", "Tanh", "layer 2", "Tanh", "layer 4", "Sigmoid"]);
      // Hover: the weight, from which unit to which; a unit's bias.
      const w = p.weights[0];
      const format = (v: number) => String(Number(v.toPrecision(3)));
      const edge = drawn.lines.find((l) => l.title.startsWith("w[2,0] = "))!;
      assert.equal(edge.title, `w[2,0] = ${format(w[2 * 2 + 0])} (layer 0's weight from input 0 to unit 2)`);
      assert.ok(drawn.lines.some((l) => l.title.startsWith("w[1,4] = ") && l.title.endsWith("(layer 2's weight from unit 4 of layer 0 to unit 1)")));
      assert.ok(drawn.units.includes(`layer 0, unit 3 (Tanh): bias b[3] = ${format(p.columns[1].bias![3])}`));
      // Colour by sign from the theme; width by |w| on the one scale.
      const [blue, red] = [await computed(page, colours["--vscode-charts-blue"]), await computed(page, colours["--vscode-charts-red"])];
      assert.equal(edge.stroke, w[4] < 0 ? red : blue);
      assert.ok(drawn.lines.every((l) => l.stroke === (l.title.includes("= -") ? red : blue)));
      assert.equal(edge.width, edgeStyle(Math.abs(w[4]) / p.maxAbs, 18).width);
      assert.equal(edgeStyle(1, 18).width, 4.5, "the strongest weight of a small net is 4.5 px wide");
      await page.locator('[data-output="network"]').screenshot({ path: join(RESULTS_DIR, `network-${theme}.png`) });

      await render(page, "wide", Mime.network, fixtures.wide);
      const wide = await page.evaluate(() => {
        const root = document.querySelector('[data-output="wide"]')!;
        return {
          units: root.querySelectorAll(".nnbook-unit").length,
          edges: root.querySelectorAll(".nnbook-edge").length,
          more: [...root.querySelectorAll(".nnbook-column-more")].map((t) => t.textContent),
          captions: [...root.querySelectorAll(".nnbook-caption")].map((c) => c.textContent),
        };
      });
      assert.deepEqual([wide.units, wide.edges], [24 + 24 + 10, 24 * 24 + 24 * 10]);
      assert.deepEqual(wide.more, ["… 760 more", "… 104 more"]);
      assert.deepEqual(wide.captions.slice(1), fixtures.wide.notes);
      await page.locator('[data-output="wide"]').screenshot({ path: join(RESULTS_DIR, `network-wide-${theme}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}

test("the network drawn in light takes the dark theme's colours when the editor switches, without being drawn again", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await render(page, "network", Mime.network, fixtures.network);
    const stroke = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-output="network"] .nnbook-positive .nnbook-edge-line')!).stroke);
    assert.equal(await stroke(), await computed(page, THEMES["vscode-light"]["--vscode-charts-blue"]));
    await applyTheme(page, "vscode-dark");
    assert.equal(await stroke(), await computed(page, THEMES["vscode-dark"]["--vscode-charts-blue"]));
    assert.equal(await page.evaluate(() => nnbookPage.viewCount()), 1);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a weights view disposed while it plays stops playing and leaves nothing behind; drawn again, it is one view", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await render(page, "weights", Mime.weights, fixtures.weightsRun);
    await page.locator('[data-output="weights"] .nnbook-player input').fill("0");
    await page.locator('[data-output="weights"] .nnbook-player button').click();
    await render(page, "weights", Mime.weights, fixtures.weightsRun);
    assert.equal(await page.evaluate(() => nnbookPage.viewCount()), 1);
    assert.equal(await page.locator('[data-output="weights"] .nnbook-weights').count(), 1);
    // The new view starts at the last epoch, and the old one's timer no longer moves anything.
    await page.waitForTimeout(600);
    assert.equal(await page.locator('[data-output="weights"] .nnbook-player input').inputValue(), String(fixtures.weightsRun.epochs.length - 1));
    await page.locator('[data-output="weights"] .nnbook-player button').click();
    await page.evaluate(() => nnbookPage.dispose("weights"));
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => nnbookPage.viewCount()), 0);
    assert.equal(await page.locator('[data-output="weights"] *').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
