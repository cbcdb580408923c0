import assert from "node:assert/strict";
import { test } from "node:test";
import { nn } from "../../../src/engine";
import { readSummary } from "../../../src/protocol/read";
import { summaryItems, summaryPayload } from "../../../src/views/summaryView";

test("a summary carries each layer's equation as TeX, version 2, never as HTML", () => {
  const payload = summaryPayload(nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)));
  assert.equal(payload.version, 2);
  assert.deepEqual(
    payload.rows.map((r) => r.equation),
    [
      "\\mathbf{z} = W\\mathbf{x} + \\mathbf{b},\\quad W \\in \\mathbb{R}^{4\\times2}",
      "a = \\max(0, z)",
      "\\mathbf{z} = W\\mathbf{x} + \\mathbf{b},\\quad W \\in \\mathbb{R}^{1\\times4}",
    ],
  );
  assert.doesNotMatch(JSON.stringify(payload), /[<>]|katex/);
  assert.equal(payload.total, 17);
  // What the kernel writes is what the renderer reads.
  assert.deepEqual(readSummary(payload), payload);
});

test("a layer without a known equation has none, and the text fallback names every layer", () => {
  class Scale extends nn.Module {
    forward(x: Parameters<nn.Module["forward"]>[0]) {
      return x;
    }
  }
  const [summary, text] = summaryItems(nn.Sequential(nn.Linear(3, 2), new Scale()));
  const payload = summary.data as ReturnType<typeof summaryPayload>;
  assert.equal(payload.rows[1].equation, undefined);
  assert.match(String(text.data), /^Sequential: 8 parameters\n0 +Linear/);
});

test("a model of the user's own shows every layer inside it, however deep, with output shapes it can know", () => {
  class Net extends nn.Module {
    body = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 4), nn.ReLU());
    head = nn.Linear(4, 3);
    act = nn.Sigmoid();
    forward(x: Parameters<nn.Module["forward"]>[0]) {
      return this.act.forward(this.head.forward(this.body.forward(x)));
    }
  }
  const payload = summaryPayload(new Net());
  assert.equal(payload.title, "Net");
  assert.deepEqual(
    payload.rows.map((r) => [r.name, r.layer.split("(")[0], r.outputShape, r.params]),
    [
      ["body.0", "Linear", "[N, 8]", 24],
      ["body.1", "Tanh", "[N, 8]", 0],
      ["body.2", "Linear", "[N, 4]", 36],
      ["body.3", "ReLU", "[N, 4]", 0],
      ["head", "Linear", "[N, 3]", 15],
      // Its forward could use it anywhere: the shape is not guessed.
      ["act", "Sigmoid", "?", 0],
    ],
  );
  assert.equal(payload.total, 75);
  assert.ok(payload.rows.every((r) => r.equation), "every built-in layer has its equation");
});
