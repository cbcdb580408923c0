import assert from "node:assert/strict";
import { test } from "node:test";
import { nn, zeros, type Tensor } from "../../../src/engine";
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

test("a CNN's summary shows each layer's output shape for an input size, and says how to see them without one", () => {
  const cnn = nn.Sequential(nn.Conv2d(1, 8, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(128, 10));
  const plain = summaryPayload(cnn);
  assert.deepEqual(plain.rows.map((r) => r.outputShape), ["?", "?", "?", "?", "[N, 10]"]);
  assert.match(plain.notes![0], /show\.summary\(model, \{ inputSize: \[1, 1, H, W\] \}\)/);
  const sized = summaryPayload(cnn, { inputSize: [1, 1, 8, 8] });
  // A second run with a batch of 2 tells the batch dim from the others: it shows as N.
  assert.deepEqual(sized.rows.map((r) => r.outputShape), ["[N, 8, 8, 8]", "[N, 8, 8, 8]", "[N, 8, 4, 4]", "[N, 128]", "[N, 10]"]);
  assert.deepEqual(sized.notes, ["Output shapes for an input of shape [N, 1, 8, 8], N = 1: a dim that follows the batch shows as N."]);
  // PyTorch's parameter counts: 8·1·3·3 + 8 and 128·10 + 10.
  assert.deepEqual(sized.rows.map((r) => r.params), [80, 0, 0, 0, 1290]);
  assert.equal(sized.total, 1370);
  assert.deepEqual(summaryPayload(cnn, { input: zeros(5, 1, 8, 8) }).rows[2].outputShape, "[N, 8, 4, 4]");
  assert.throws(() => summaryPayload(cnn, { inputSize: [1, 1, 8, 8], batchDim: 4 }), /show\.summary: batchDim 4 is not a dim of an input of shape \[1, 1, 8, 8\]/);
  // The model is left as it was: training mode, no gradients recorded.
  assert.equal(cnn.training, true);
  assert.equal(cnn.parameters()[0].grad, null);
  assert.throws(() => summaryPayload(cnn, { inputSize: [1, 3, 8, 8] }), /show\.summary: the model did not run on an input of shape \[1, 3, 8, 8\]: Conv2d: expected input \[N, 1, H, W\]/);
  assert.throws(() => summaryPayload(cnn, { input_size: [1, 1, 8, 8] } as never), /show\.summary: unknown option "input_size"; did you mean "inputSize"\?/);
  assert.throws(() => summaryPayload(cnn, { inputSize: [1, 0.5] }), /inputSize must list whole sizes ≥ 1/);
  assert.throws(() => summaryPayload(cnn, { input: [[1]] as never }), /show\.summary: input must be a tensor/);
});

test("a module of the user's own, run on an input, shows the shapes its forward gave, and the layers it did not use", () => {
  class TwoPaths extends nn.Module {
    a = nn.Linear(3, 5);
    unused = nn.Linear(5, 2);
    act = nn.Tanh();
    forward(x: Tensor) {
      return this.act(this.a(x));
    }
  }
  const payload = summaryPayload(new TwoPaths(), { inputSize: [4, 3] });
  assert.deepEqual(payload.rows.map((r) => [r.name, r.outputShape]), [["a", "[N, 5]"], ["unused", "not run"], ["act", "[N, 5]"]]);
  assert.ok(payload.notes!.some((n) => n.startsWith("not run:")));
});

test("an attention block's summary: the attention layer is a row of its own with its own parameters, its outProj below it", () => {
  class Block extends nn.Module {
    attn = nn.MultiheadAttention(8, 2);
    norm = nn.LayerNorm(8);
    forward(x: Tensor) {
      const [a] = this.attn(x, x, x);
      return this.norm(x.add(a));
    }
  }
  // Sequence first, [L, N, E]: the batch is dim 1.
  const payload = summaryPayload(new Block(), { inputSize: [5, 3, 8], batchDim: 1 });
  assert.deepEqual(
    payload.rows.map((r) => [r.name, r.outputShape, r.params]),
    [["attn", "([5, N, 8], [N, 5, 5])", 3 * 8 * 8 + 3 * 8], ["attn.outProj", "[N, 8]", 72], ["norm", "[5, N, 8]", 16]],
  );
  // The rows add up to the total, as PyTorch counts it.
  assert.equal(payload.rows.reduce((n, r) => n + r.params, 0), payload.total);
});
