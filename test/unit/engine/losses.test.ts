import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, tensor, zeros, Tensor } from "../../../src/engine/index";
import { assertClose, assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface LossCase {
  loss: "MSELoss" | "BCELoss" | "BCEWithLogitsLoss" | "CrossEntropyLoss";
  pred: Enc;
  target: Enc;
  value: number;
  grad: Enc;
}

test("losses match PyTorch (value and gradient)", async (t) => {
  for (const c of fixture<LossCase[]>("losses")) {
    await t.test(`${c.loss} [${c.pred.shape}]`, () => {
      const pred = fromEnc(c.pred, true);
      const loss = nn[c.loss]().forward(pred, fromEnc(c.target));
      assert.deepEqual(loss.shape, []);
      assertClose([loss.item()], [c.value], 1e-5, 1e-6, "value");
      loss.backward();
      assertTensor(pred.grad, c.grad, 1e-5, 1e-6, "grad");
    });
  }
});

test("CrossEntropyLoss takes indices as [N], [N, 1], number[] or one-hot", () => {
  const x = tensor([[2, 1, 0.1], [0.5, 2.5, 0.3]]);
  const want = nn.CrossEntropyLoss().forward(x, tensor([0, 1])).item();
  assert.equal(nn.CrossEntropyLoss().forward(x, tensor([[0], [1]])).item(), want);
  assert.equal(nn.CrossEntropyLoss().forward(x, [0, 1]).item(), want);
  assert.ok(Math.abs(nn.CrossEntropyLoss().forward(x, tensor([[1, 0, 0], [0, 1, 0]])).item() - want) < 1e-6);
  assert.throws(() => nn.CrossEntropyLoss().forward(x, tensor([0, 3])), /class 3 at row 1/);
  assert.throws(() => nn.CrossEntropyLoss().forward(x, tensor([0, 1, 2])), /one class index per row/);
});

test("BCELoss rejects values that are not probabilities, with advice", () => {
  assert.throws(() => nn.BCELoss().forward(tensor([[1.5]]), tensor([[1]])), /\[0, 1\].*BCEWithLogitsLoss/);
});

test("BCE and BCE-with-logits agree where both are defined; the latter is stable", () => {
  const x = tensor([[-3], [0.2], [4]]), y = tensor([[0], [1], [1]]);
  const a = nn.BCELoss().forward(x.sigmoid(), y).item(), b = nn.BCEWithLogitsLoss().forward(x, y).item();
  assert.ok(Math.abs(a - b) < 1e-6);
  assert.ok(Number.isFinite(nn.BCEWithLogitsLoss().forward(tensor([1e4]), tensor([0])).item()));
  assert.ok(zeros(1) instanceof Tensor);
});
