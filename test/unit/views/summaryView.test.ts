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
