// show.activations drawn by the built renderer in Chromium: a histogram per layer in a grid, dead ReLUs' zeros
// and saturated sigmoids in the warning colour, and the sentences under the grid; screenshots in three themes.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { data, manualSeed, nn } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import { activationsPayload } from "../../src/views/activationsView";
import { RESULTS_DIR } from "./notebookPage";
import { THEMES, rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("activations");

manualSeed(4);
const first = nn.Linear(2, 16), second = nn.Linear(16, 16);
const net = nn.Sequential(first, nn.ReLU(), second, nn.Sigmoid(), nn.Linear(16, 3));
// Five units no input overcomes (dead), and weights large enough to saturate the sigmoid.
for (const j of [0, 1, 2, 3, 4]) first.bias!.data[j] = -50;
second.weight.data.forEach((_, i, w) => (w[i] *= 30));
const PAYLOAD = activationsPayload(net, data.spiral({ n: 300, seed: 1 }));

for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
  test(`the activations of every layer in ${theme}`, async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const { page, errors } = await open(theme);
    try {
      const drawn = await page.evaluate(async ([mime, payload]) => {
        const element = nnbookPage.output("activations");
        await nnbookPage.render("activations", mime, payload, element);
        const plot = element.querySelector(".js-plotly-plot") as unknown as { _fullData: { y: number[]; marker: { color: string[] } }[]; _fullLayout: { annotations: { text: string }[] } };
        return {
          traces: plot._fullData.map((t) => ({ y: t.y, colours: t.marker.color })),
          titles: plot._fullLayout.annotations.map((a) => a.text),
          notes: [...element.querySelectorAll(".nnbook-notes li")].map((li) => li.textContent ?? ""),
        };
      }, [Mime.activations, PAYLOAD] as const);
      assert.equal(drawn.traces.length, 5);
      assert.deepEqual(drawn.titles, ["0 Linear [300, 16]", "1 ReLU [300, 16]", "2 Linear [300, 16]", "3 Sigmoid [300, 16]", "4 Linear [300, 3]"]);
      assert.deepEqual(drawn.traces[1].y, PAYLOAD.layers[1].counts);
      const warn = THEMES[theme]["--vscode-charts-red"];
      // The ReLU's first bin holds its zeros, with 5 of 16 units dead: marked; the sigmoid's ends: marked.
      assert.equal(drawn.traces[1].colours[0], warn);
      assert.equal(drawn.traces[3].colours[0], warn);
      assert.equal(drawn.traces[3].colours.at(-1), warn);
      assert.ok(!drawn.traces[0].colours.includes(warn));
      assert.match(drawn.notes[1], /^1 ReLU: ([5-9]|1\d) of 16 units dead/);
      assert.match(drawn.notes[3], /^3 Sigmoid: \d+% of outputs saturated/);
      await page.locator(`[data-output="activations"]`).screenshot({ path: join(RESULTS_DIR, `activations-${theme}.png`) });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
}
