// show.graph and show.backprop drawn by the built renderer in Chromium from the payloads the kernel writes:
// the graph's nodes, edges and layout (inputs left of what uses them, the output rightmost), its values and
// gradients on click, a graph too large cut and scrolling; the backprop steps typeset and walked with the
// buttons and the keys. A screenshot of each in the light, dark and high-contrast themes.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { nn, tensor, type Tensor } from "../../src/engine";
import { Mime } from "../../src/protocol/mimes";
import { formatNumber } from "../../src/protocol/numbers";
import { backpropPayload } from "../../src/views/backprop/backpropView";
import { graphPayload } from "../../src/views/graph/graphView";
import { RESULTS_DIR } from "./notebookPage";
import { applyTheme, type ThemeKind, rendererBrowser } from "./rendererPage";

const { open } = rendererBrowser("graph-views");

function xor() {
  const net = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid());
  const [l1, l2] = [net[0] as nn.Linear, net[2] as nn.Linear];
  l1.weight.data.set([0.5, -0.4, 0.3, 0.8]);
  l1.bias!.data.set([0.1, -0.2]);
  l2.weight.data.set([0.7, -0.6]);
  l2.bias!.data.set([0.05]);
  return { net, x: tensor([[1, 0], [0, 1], [1, 1], [0, 0]]), y: tensor([[1], [1], [0], [0]]) };
}

const { net, x, y } = xor();
const loss = nn.MSELoss().forward(net.forward(x), y);
const BEFORE = { mime: Mime.graph, data: graphPayload(loss, { model: net, names: { x, y } }) };
loss.backward();
const GRAPH = { mime: Mime.graph, data: graphPayload(loss, { model: net, names: { x, y } }) };
let sum: Tensor = tensor(0, { requiresGrad: true });
const one = tensor(1, { requiresGrad: true });
for (let i = 0; i < 1000; i++) sum = sum.add(one);
const LARGE = { mime: Mime.graph, data: graphPayload(sum, { names: { one } }) };
const BACKPROP = { mime: Mime.backprop, data: backpropPayload(net, x, y, nn.MSELoss()) };

const openPage = (theme: ThemeKind) => open(theme, { deviceScaleFactor: 2, consoleErrors: true });

function draw(page: Page, name: string, item: { mime: string; data: unknown }): Promise<void> {
  return page.evaluate(([name, item]) => nnbookPage.render(name, item.mime, item.data, nnbookPage.output(name)), [name, item] as const);
}

function fontsReady(page: Page): Promise<unknown> {
  return page.evaluate(() => document.fonts.ready.then(() => document.fonts.check("16px KaTeX_Main")));
}

test("the graph: a node per tensor and op, inputs left of the ops that use them, the loss rightmost", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "graph", GRAPH);
    const shown = await page.evaluate(() => {
      const root = document.querySelector('[data-output="graph"]')!;
      const nodes = [...root.querySelectorAll<SVGGElement>(".nnbook-graph-node")].map((g) => {
        const box = g.getBoundingClientRect();
        return { text: [...g.querySelectorAll("text")].map((t) => t.textContent).join(" "), left: box.left, right: box.right, kind: g.getAttribute("class")!.replace("nnbook-graph-node nnbook-graph-", "") };
      });
      return { nodes, edges: root.querySelectorAll(".nnbook-graph-edge").length, captions: [...root.querySelectorAll(".nnbook-caption")].map((c) => c.textContent), views: nnbookPage.viewCount() };
    });
    assert.deepEqual(
      shown.nodes.map((n) => `${n.kind}: ${n.text}`),
      [
        "constant: x [4, 2]", "parameter: 0.weight [2, 2]", "parameter: 0.bias [2]", "op: linear", "result: t0 [4, 2]", "op: sigmoid", "result: t1 [4, 2]",
        "parameter: 2.weight [1, 2]", "parameter: 2.bias [1]", "op: linear", "result: t2 [4, 1]", "op: sigmoid", "result: t3 [4, 1]", "constant: y [4, 1]", "op: mse_loss", "result: t4 []",
      ],
    );
    assert.equal(shown.edges, GRAPH.data.edges.length);
    for (const [from, to] of GRAPH.data.edges) assert.ok(shown.nodes[from].right < shown.nodes[to].left, `${shown.nodes[from].text} is left of ${shown.nodes[to].text}`);
    const rightmost = Math.max(...shown.nodes.map((n) => n.right));
    assert.equal(shown.nodes.at(-1)!.right, rightmost);
    assert.equal(shown.captions[0], "Autograd graph of t4 []: 11 tensors, 5 ops");
    assert.equal(shown.views, 1);
    // A theme switch re-colours the drawn graph without drawing it again.
    const fill = () => page.evaluate(() => getComputedStyle(document.querySelector(".nnbook-graph-node text")!).fill);
    assert.equal(await fill(), "rgb(59, 59, 59)");
    await applyTheme(page, "vscode-dark");
    assert.equal(await fill(), "rgb(204, 204, 204)");
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("clicking a tensor shows its values and gradient; before backward it says how to get one", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "graph", GRAPH);
    await draw(page, "before", BEFORE);
    const details = (name: string) => page.locator(`[data-output="${name}"] .nnbook-graph-details`).innerText();
    await page.locator('[data-output="graph"] .nnbook-graph-node', { hasText: "0.weight" }).click();
    const weight = (net[0] as nn.Linear).weight;
    assert.equal(
      await details("graph"),
      [
        "0.weight [2, 2], a leaf that requires grad",
        "values: 0.5, -0.4, 0.3, 0.8",
        `gradient: ${Array.from(weight.grad!.data, formatNumber).join(", ")}`,
      ].join("\n"),
    );
    assert.equal(await page.locator('[data-output="graph"] .nnbook-graph-selected').count(), 1);
    await page.locator('[data-output="before"] .nnbook-graph-node', { hasText: "2.bias" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await details("before"), "2.bias [1], a leaf that requires grad\nvalues: 0.05\nno gradient yet: call loss.backward()");
    await page.locator('[data-output="before"] .nnbook-graph-node', { hasText: "t1" }).click();
    assert.equal(
      await details("before"),
      "t1 [4, 2], the result of an op\nvalues: 0.646, 0.525, 0.426, 0.646, 0.55, 0.711, … (8 values; min 0.426, mean 0.56, max 0.711)\n" +
        "no gradient kept: an op's result keeps one only after .retainGrad() and backward()",
    );
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("a graph of 1,000 adds is drawn cut to 120 tensors, says so, and scrolls inside the cell", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    const started = Date.now();
    await draw(page, "large", LARGE);
    const shown = await page.evaluate(() => {
      const root = document.querySelector('[data-output="large"]')!;
      const scroll = root.querySelector(".nnbook-graph-scroll")!;
      return {
        tensors: root.querySelectorAll(".nnbook-graph-node[tabindex]").length,
        cut: root.querySelectorAll(".nnbook-caption")[1].textContent,
        scrolls: scroll.scrollWidth > scroll.clientWidth,
        width: root.getBoundingClientRect().width,
      };
    });
    assert.ok(Date.now() - started < 5000);
    assert.equal(shown.tensors, 120);
    assert.match(shown.cut!, /^1,002 tensors are in this graph; the 120 nearest the output are drawn/);
    assert.equal(shown.scrolls, true);
    assert.ok(shown.width <= 760, `the view stays in the cell (${shown.width}px)`);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("backprop: every step typeset, walked with next / previous and the arrow keys, the numbers fed in marked", async () => {
  const { page, errors } = await openPage("vscode-light");
  try {
    await draw(page, "backprop", BACKPROP);
    const state = () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-output="backprop"]')!;
        const steps = [...root.querySelectorAll(".nnbook-backprop-step")];
        const buttons = [...root.querySelectorAll("button")] as HTMLButtonElement[];
        return {
          steps: steps.length,
          typeset: root.querySelectorAll(".nnbook-backprop-formula .katex-display").length - root.querySelectorAll(".nnbook-backprop-formula .katex-error").length,
          source: root.querySelectorAll(".nnbook-tex").length,
          current: steps.findIndex((s) => s.classList.contains("nnbook-backprop-current")),
          used: steps.flatMap((s, i) => (s.classList.contains("nnbook-backprop-used") ? [i] : [])),
          later: steps.filter((s) => s.classList.contains("nnbook-backprop-later")).length,
          position: root.querySelector(".nnbook-backprop-position")!.textContent,
          disabled: buttons.map((b) => b.disabled),
        };
      });
    const n = BACKPROP.data.steps.length;
    assert.equal(n, 14);
    assert.deepEqual(await state(), { steps: n, typeset: n, source: 0, current: 0, used: [], later: n - 1, position: `step 1 of ${n} · forward`, disabled: [true, false] });
    const next = page.locator('[data-output="backprop"] button', { hasText: "next" });
    await next.click();
    assert.deepEqual(await state(), { steps: n, typeset: n, source: 0, current: 1, used: [0], later: n - 2, position: `step 2 of ${n} · forward`, disabled: [false, false] });
    // The keys work once the view has the focus (the click on "next" gave it).
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    const atDeltaOut = await state();
    assert.equal(atDeltaOut.current, 6);
    assert.equal(atDeltaOut.position, `step 7 of ${n} · backward`);
    assert.deepEqual(atDeltaOut.used, [...BACKPROP.data.steps[6].uses].sort((a, b) => a - b));
    // At the end "next" is disabled; the keys still step, from the last step or from "next" clicked.
    await page.keyboard.press("End");
    assert.deepEqual((await state()).disabled, [false, true]);
    await page.keyboard.press("ArrowLeft");
    await next.click();
    assert.deepEqual((await state()).disabled, [false, true]);
    await page.keyboard.press("ArrowLeft");
    assert.equal((await state()).current, n - 2);
    await page.keyboard.press("Home");
    assert.equal((await state()).current, 0);
    // The numbers are in the typeset formula: z[1] = W[1] x + b[1] for x = [1, 0].
    const z = await page.locator('[data-output="backprop"] .nnbook-backprop-step').nth(1).innerText();
    for (const number of ["0.5", "−0.4", "0.3", "0.8", "0.1", "−0.2", "0.6"]) assert.ok(z.includes(number), `${number} in ${JSON.stringify(z)}`);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test("each view in the light, dark and high-contrast themes", async () => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const theme of ["vscode-light", "vscode-dark", "vscode-high-contrast"] as const) {
    const { page, errors } = await openPage(theme);
    try {
      for (const [name, item] of [["graph", GRAPH], ["large", LARGE], ["backprop", BACKPROP]] as const) await draw(page, name, item);
      await page.locator('[data-output="graph"] .nnbook-graph-node', { hasText: "0.weight" }).click();
      await page.locator('[data-output="backprop"] button', { hasText: "next" }).click();
      for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowRight");
      await fontsReady(page);
      for (const name of ["graph", "large", "backprop"]) {
        await page.locator(`[data-output="${name}"]`).screenshot({ path: join(RESULTS_DIR, `view-${name}-${theme}.png`) });
      }
      // The graph's right end, where the loss is, scrolled to.
      await page.evaluate(() => {
        const scroll = document.querySelector<HTMLElement>('[data-output="graph"] .nnbook-graph-scroll')!;
        scroll.scrollLeft = scroll.scrollWidth;
      });
      await page.locator('[data-output="graph"]').screenshot({ path: join(RESULTS_DIR, `view-graph-end-${theme}.png`) });
      // The node labels are in the theme's foreground colour.
      const color = await page.evaluate(() => getComputedStyle(document.querySelector(".nnbook-graph-node text")!).fill);
      assert.equal(color, { "vscode-light": "rgb(59, 59, 59)", "vscode-dark": "rgb(204, 204, 204)", "vscode-high-contrast": "rgb(255, 255, 255)" }[theme]);
      assert.deepEqual(errors, [], theme);
    } finally {
      await page.context().close();
    }
  }
});
