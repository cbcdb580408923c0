import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { nn, noGrad, tensor, type Tensor } from "../../../../src/engine";
import { Mime } from "../../../../src/protocol/mimes";
import { readBackprop } from "../../../../src/protocol/read";
import { backpropItems, backpropPayload } from "../../../../src/views/backprop/backpropView";

// Every intermediate and gradient of four small nets, computed by PyTorch (torchReference.py beside this file).
const REFERENCE: Record<string, Record<string, number[] | number>> = JSON.parse(readFileSync(new URL("./torchReference.json", import.meta.url), "utf8"));

function set(layer: nn.Module, w: number[], b: number[]): void {
  (layer as nn.Linear).weight.data.set(w);
  (layer as nn.Linear).bias!.data.set(b);
}

/** The net of one reference case, with PyTorch's weights. */
function caseNet(name: string, hidden: nn.Module, out: nn.Module | null, shape: [number, number, number]): nn.Sequential {
  const r = REFERENCE[name];
  const layers = [nn.Linear(shape[0], shape[1]), hidden, nn.Linear(shape[1], shape[2]), ...(out ? [out] : [])];
  const net = nn.Sequential(...layers);
  set(net[0], r.W1 as number[], r.b1 as number[]);
  set(net[2], r.W2 as number[], r.b2 as number[]);
  return net;
}

/** The name PyTorch's trace gives each step's result: "z[1] = …" → z1, "∂L/∂W[2] = …" → dW2, "δ[1] = …" → dz1. */
function referenceName(text: string): string {
  const head = text.split(" = ")[0];
  if (head === "L") return "loss";
  const delta = /^δ\[(\d)\]$/.exec(head);
  if (delta) return `dz${delta[1]}`;
  const m = /^(∂L\/∂)?([azWb])\[(\d)\]$/.exec(head);
  assert.ok(m, `a step named ${head}`);
  return `${m[1] ? "d" : ""}${m[2]}${m[3]}`;
}

function compare(name: string, model: nn.Sequential, x: Tensor, y: Tensor | number[], loss: nn.Module, expectedSteps: number): void {
  const reference = REFERENCE[name];
  const payload = backpropPayload(model, x, y, loss);
  assert.equal(payload.steps.length, expectedSteps, name);
  for (const step of payload.steps) {
    const key = referenceName(step.text);
    const expected = ([] as number[]).concat(reference[key] as number[] | number);
    assert.equal(step.result.length, expected.length, `${name} ${key}`);
    step.result.forEach((v, i) => assert.ok(Math.abs((v as number) - expected[i]) < 1e-5, `${name} ${key}[${i}]: ${v} vs PyTorch's ${expected[i]}`));
  }
  assert.deepEqual(readBackprop(JSON.parse(JSON.stringify(payload))), payload);
}

test("a 2-2-1 sigmoid net on one XOR example with MSE: every z, a, δ, ∂L/∂W and ∂L/∂b as PyTorch computes them", () => {
  compare("xor_mse", caseNet("xor_mse", nn.Sigmoid(), nn.Sigmoid(), [2, 2, 1]), tensor([[1, 0]]), tensor([[1]]), nn.MSELoss(), 14);
});

test("tanh with BCELoss, ReLU with CrossEntropyLoss on logits, LeakyReLU with BCEWithLogitsLoss: as PyTorch", () => {
  compare("xor_bce_tanh", caseNet("xor_bce_tanh", nn.Tanh(), nn.Sigmoid(), [2, 2, 1]), tensor([[0, 1]]), tensor([[1]]), nn.BCELoss(), 14);
  // Without a last activation the loss's gradient is δ itself: 12 steps.
  compare("logits_relu", caseNet("logits_relu", nn.ReLU(), null, [2, 3, 2]), tensor([[0.5, -1.2]]), tensor([1]), nn.CrossEntropyLoss(), 12);
  compare("logits_relu", caseNet("logits_relu", nn.ReLU(), null, [2, 3, 2]), tensor([[0.5, -1.2]]), [1], nn.CrossEntropyLoss(), 12);
  compare("logits_relu", caseNet("logits_relu", nn.ReLU(), null, [2, 3, 2]), tensor([[0.5, -1.2]]), tensor([[0, 1]]), nn.CrossEntropyLoss(), 12);
  compare("bce_logits_leaky", caseNet("bce_logits_leaky", nn.LeakyReLU(0.1), null, [2, 2, 1]), tensor([[-0.7, 0.4]]), tensor([[0]]), nn.BCEWithLogitsLoss(), 12);
});

test("the formulas carry the numbers, 3 significant digits, and the steps say what feeds them", () => {
  const net = caseNet("xor_mse", nn.Sigmoid(), nn.Sigmoid(), [2, 2, 1]);
  const { steps } = backpropPayload(net, tensor([[1, 0]]), tensor([[1]]), nn.MSELoss());
  assert.equal(
    steps[1].tex,
    "\\mathbf{z}^{[1]} = W^{[1]} \\mathbf{a}^{[0]} + \\mathbf{b}^{[1]} = \\begin{bmatrix} 0.5 & -0.4 \\\\ 0.3 & 0.8 \\end{bmatrix} \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix} + \\begin{bmatrix} 0.1 \\\\ -0.2 \\end{bmatrix} = \\begin{bmatrix} 0.6 \\\\ 0.1 \\end{bmatrix}",
  );
  assert.equal(steps[5].tex, "L = \\sum_i (\\hat{y}_i - y_i)^2 = \\big[(0.547 - 1)^2\\big] = 0.206");
  assert.match(steps[12].tex, /^\\frac\{\\partial L\}\{\\partial W\^\{\[1\]\}\} = \\boldsymbol\{\\delta\}\^\{\[1\]\} \\mathbf\{a\}\^\{\[0\]\\top\} = .* = \\begin\{bmatrix\} -0.036 & 0 \\\\ 0.0336 & 0 \\end\{bmatrix\}$/);
  assert.deepEqual(steps.map((s) => s.uses), [[], [0], [1], [2], [3], [4, 0], [5, 4, 0], [6, 4], [7, 2], [7], [7], [10, 2], [11, 0], [11]]);
  assert.deepEqual(steps.map((s) => s.phase), ["forward", "forward", "forward", "forward", "forward", "loss", ...Array(8).fill("backward")]);
  // The smallest numbers read in scientific notation, as everywhere.
  const tiny = caseNet("xor_mse", nn.Sigmoid(), nn.Sigmoid(), [2, 2, 1]);
  (tiny[2] as nn.Linear).weight.data.set([1e-4, -2e-5]);
  assert.match(backpropPayload(tiny, tensor([[1, 0]]), tensor([[1]]), nn.MSELoss()).steps[10].tex, /1\.00\\times 10\^\{-4\}/);
});

test("the model's weights and gradients are left as they were", () => {
  const net = caseNet("xor_mse", nn.Sigmoid(), nn.Sigmoid(), [2, 2, 1]);
  const before = net.parameters().map((p) => Array.from(p.data));
  backpropPayload(net, tensor([[1, 0]]), tensor([[1]]), nn.MSELoss());
  assert.deepEqual(net.parameters().map((p) => Array.from(p.data)), before);
  assert.deepEqual(net.parameters().map((p) => p.grad), [null, null, null, null]);
});

test("several rows: the first example is followed, and the view says so; the text lists every step", () => {
  const net = caseNet("xor_mse", nn.Sigmoid(), nn.Sigmoid(), [2, 2, 1]);
  const [rich, text] = backpropItems(net, tensor([[1, 0], [0, 1], [1, 1], [0, 0]]), tensor([[1], [1], [0], [0]]), nn.MSELoss());
  assert.equal(rich.mime, Mime.backprop);
  const lines = (text.data as string).split("\n");
  assert.deepEqual(lines.slice(0, 3), [
    "Backpropagation through Sequential, one example, loss MSELoss",
    "x has 4 rows; show.backprop follows one example, the first (row 0) of x and of y",
    " 1. input: a[0] = x = [1, 0], y = [1]",
  ]);
  assert.equal(lines[7], " 6. loss · MSELoss: L = MSELoss(a[2], y) = 0.206");
  assert.equal(lines.at(-1), "14. layer 1 · Linear(2 → 2): ∂L/∂b[1] = δ[1] = [-0.036, 0.0336]");
  assert.equal(lines.length, 16);
});

test("what it cannot follow is an error that names the layer, the loss or the argument", () => {
  const ok = () => nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1));
  const x = tensor([[1, 0]]), y = tensor([[1]]);
  const fails = (f: () => unknown, message: RegExp) => assert.throws(f, message);
  fails(() => backpropPayload({} as never, x, y, nn.MSELoss()), /^TypeError: show.backprop: model must be a network such as nn.Sequential\(nn.Linear\(2, 2\), nn.Sigmoid\(\)\), not an object$/);
  fails(() => backpropPayload(nn.Sigmoid(), x, y, nn.MSELoss()), /follows an nn.Sequential of Linear layers and activations \(or one nn.Linear\), not a Sigmoid/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 3), nn.Softmax(1)), x, y, nn.MSELoss()), /layer 1 \(Softmax\) is not a Linear layer or an elementwise activation \(relu, leakyRelu, sigmoid, tanh, gelu, silu, step\); for classes, end with the Linear layer and use nn.CrossEntropyLoss\(\)/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 3), nn.Dropout(0.5)), x, y, nn.MSELoss()), /layer 1 \(Dropout\) is not a Linear layer/);
  fails(() => backpropPayload(nn.Sequential(nn.Sigmoid(), nn.Linear(2, 1)), x, y, nn.MSELoss()), /layer 0 \(Sigmoid\) comes before any Linear layer/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 1), nn.Sigmoid(), nn.Tanh()), x, y, nn.MSELoss()), /layer 2 \(Tanh\) follows another activation/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1)), x, y, nn.MSELoss()), /^RangeError: show.backprop: layer 0 \(Linear\) is 2 → 16; every number is written out, so layers of at most 8 units are followed. For a larger network, look at show.gradients\(history\) or show.graph\(loss\)$/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 2), nn.Linear(3, 1)), x, y, nn.MSELoss()), /layer 1 takes 3 features but the layer before it gives 2/);
  class HingeLoss extends nn.Module {
    forward(pred: Tensor) {
      return pred;
    }
  }
  fails(() => backpropPayload(ok(), x, y, new HingeLoss()), /follows the losses MSELoss, BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, not HingeLoss/);
  fails(() => backpropPayload(ok(), x, y, "mse" as never), /loss must be a loss module such as nn.MSELoss\(\), not "mse"/);
  fails(() => backpropPayload(ok(), [[1, 0]] as never, y, nn.MSELoss()), /x must be a tensor of inputs, not a list/);
  fails(() => backpropPayload(ok(), tensor([[1, 0, 1]]), y, nn.MSELoss()), /x \[1, 3\] must have 2 features per row, as the first layer takes/);
  fails(() => backpropPayload(ok(), tensor([[1, 0], [0, 1]]), tensor([1, 0, 1]), nn.MSELoss()), /y has 3 values, which is not a row of targets for each of the 2 rows of x/);
  fails(() => backpropPayload(ok(), x, "1" as never, nn.MSELoss()), /y must be a tensor of targets, not "1"/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 2)), x, tensor([[1]]), nn.MSELoss()), /the target has 1 values per row but the network gives 2/);
  fails(() => backpropPayload(nn.Sequential(nn.Linear(2, 3)), x, tensor([3]), nn.CrossEntropyLoss()), /the target class 3 is not a whole number in 0..2/);
  fails(() => noGrad(() => backpropPayload(ok(), x, y, nn.MSELoss())), /show.backprop: runs its own backward pass, which noGrad turns off; call it outside noGrad/);
});

test("every activation it follows passes the chain-rule check; a layer without bias has no ∂L/∂b step", () => {
  for (const act of [nn.ReLU(), nn.LeakyReLU(0.2), nn.Sigmoid(), nn.Tanh(), nn.GELU(), nn.SiLU(), nn.Step()]) {
    const net = nn.Sequential(nn.Linear(3, 4), act, nn.Linear(4, 2), nn.Tanh());
    const { steps } = backpropPayload(net, tensor([[0.3, -0.8, 1.5]]), tensor([[0.5, -0.5]]), nn.MSELoss());
    assert.equal(steps.length, 14, act.describe().kind);
  }
  const { steps } = backpropPayload(nn.Linear(2, 1, { bias: false }), tensor([1, 2]), [3], nn.MSELoss());
  assert.deepEqual(steps.map((s) => s.text.split(" = ")[0]), ["a[0]", "z[1]", "L", "∂L/∂z[1]", "∂L/∂W[1]"]);
  assert.doesNotMatch(steps[1].tex, /mathbf\{b\}/);
});

test("the widest layers with the longest numbers stay within what is typeset: the numbers put in give way first", () => {
  const net = nn.Sequential(nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 8), nn.Sigmoid());
  for (const p of net.parameters()) p.data.forEach((_, i, d) => (d[i] = (i % 2 ? -1 : 1) * 1.234e-10 * (1 + i)));
  const { steps } = backpropPayload(net, tensor([Array.from({ length: 8 }, (_, i) => -1.234e-10 * (i + 1))]), tensor([Array(8).fill(0.5)]), nn.MSELoss());
  for (const step of steps) assert.ok(step.tex.length <= 2000, `${step.place}: ${step.tex.length} characters`);
  // z[1] = W a + b keeps its formula and its result; the 64 weights are too many to write out.
  assert.match(steps[1].tex, /^\\mathbf\{z\}\^\{\[1\]\} = W\^\{\[1\]\} \\mathbf\{a\}\^\{\[0\]\} \+ \\mathbf\{b\}\^\{\[1\]\} = \\begin\{bmatrix\} [^&]*\\end\{bmatrix\}$/);
});
