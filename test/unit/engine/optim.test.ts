import { test } from "node:test";
import assert from "node:assert/strict";
import { nn, optim, tensor, linspace, manualSeed } from "../../../src/engine/index";
import { fixture } from "./helpers";
import { camel, replay, type OptCase } from "./replay";

test("SGD matches torch.optim.SGD (momentum, nesterov, weight decay)", async (t) => {
  for (const c of fixture<OptCase[]>("optimizers").filter((c) => c.optimizer === "SGD" && !c.scheduler)) {
    await t.test(JSON.stringify(c.options), () => replay(c, (p) => optim.SGD(p, camel(c.options) as optim.SGDOptions)));
  }
});

test("SGD: lr is read/write, zeroGrad clears, params without grad are skipped", () => {
  const w = tensor([1, 2], { requiresGrad: true }), unused = tensor([5], { requiresGrad: true });
  const opt = optim.SGD([w, unused], { lr: 0.1 });
  w.mul(w).sum().backward();
  opt.lr = 0.5;
  opt.step();
  assert.deepEqual(w.toArray(), [0, 0]);
  assert.deepEqual(unused.toArray(), [5]);
  const grad = w.grad!;
  opt.zeroGrad();
  assert.equal(w.grad, grad, "zeroGrad keeps the gradient tensor (PyTorch 1.13's set_to_none=False)");
  assert.deepEqual(grad.toArray(), [0, 0]);
  assert.equal(unused.grad, null);
  opt.zeroGrad({ setToNone: true });
  assert.equal(w.grad, null);
  assert.throws(() => optim.SGD([], { lr: 0.1 }), /empty/);
});

test("nn.Linear(1, 1) learns y = 3x + 2 with MSE and SGD", () => {
  manualSeed(1);
  const x = linspace(-1, 1, 32).reshape(-1, 1);
  const y = x.mul(3).add(2);
  const model = nn.Linear(1, 1);
  const lossFn = nn.MSELoss();
  const opt = optim.SGD(model.parameters(), { lr: 0.1 });
  let loss = Infinity;
  for (let step = 0; step < 300; step++) {
    const l = lossFn.forward(model.forward(x), y);
    opt.zeroGrad();
    l.backward();
    opt.step();
    loss = l.item();
  }
  assert.ok(loss < 1e-4, `loss ${loss}`);
  assert.ok(Math.abs(model.weight.item() - 3) < 0.01);
  assert.ok(Math.abs(model.bias!.item() - 2) < 0.01);
});

test("an MLP learns XOR", () => {
  manualSeed(3);
  const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tensor([[0], [1], [1], [0]]);
  const net = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid());
  const opt = optim.SGD(net.parameters(), { lr: 0.5, momentum: 0.9 });
  for (let i = 0; i < 500; i++) {
    const loss = nn.MSELoss().forward(net.forward(x), y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
  }
  assert.deepEqual(net.forward(x).toArray().flat().map((v: number) => Math.round(v)), [0, 1, 1, 0]);
});
