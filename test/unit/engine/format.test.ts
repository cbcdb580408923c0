import { test } from "node:test";
import assert from "node:assert/strict";
import { Tensor, nn, tensor } from "../../../src/engine/index";
import { fixture, fromEnc, type Enc } from "./helpers";

interface PrintCase {
  tensor: Enc;
  requiresGrad: boolean;
  repr: string;
}

test("toString matches PyTorch's repr", () => {
  for (const c of fixture<PrintCase[]>("printing")) {
    const t = fromEnc(c.tensor, c.requiresGrad);
    assert.equal(t.toString(), c.repr, `shape [${c.tensor.shape}]`);
  }
});

test("results of ops show their grad_fn, parameters say so", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  assert.equal(String(x.mul(2)), "tensor([2., 4.], grad_fn=<MulBackward0>)");
  const p = nn.Parameter(tensor([1, 2]));
  assert.equal(String(p), "Parameter containing:\ntensor([1., 2.], requires_grad=True)");
  assert.ok(p instanceof Tensor);
});
