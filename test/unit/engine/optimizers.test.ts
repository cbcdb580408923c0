// Adam, AdamW, RMSprop and the schedules against torch.optim over several steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, tensor } from "../../../src/engine/index";
import { fixture } from "./helpers";
import { camel, replay, type OptCase } from "./replay";

const cases = fixture<OptCase[]>("optimizers");

for (const name of ["Adam", "AdamW", "RMSprop"] as const) {
  test(`${name} matches torch.optim.${name}`, async (t) => {
    for (const c of cases.filter((c) => c.optimizer === name)) {
      await t.test(JSON.stringify(c.options), () => replay(c, (p) => optim[name](p, camel(c.options))));
    }
  });
}

test("schedules match torch.optim.lr_scheduler", async (t) => {
  for (const c of cases.filter((c) => c.scheduler)) {
    await t.test(c.scheduler!, () =>
      replay(c, (p) => optim.SGD(p, camel(c.options) as optim.SGDOptions), (o) => {
        const s = c.schedulerOptions!;
        if (c.scheduler === "StepLR") return optim.StepLR(o, { stepSize: s.stepSize, gamma: s.gamma });
        if (c.scheduler === "CosineAnnealingLR") return optim.CosineAnnealingLR(o, { tMax: s.tMax, etaMin: s.etaMin });
        return optim.LinearWarmup(o, { steps: s.steps });
      }));
  }
});

test("defaults follow torch", () => {
  const p = [tensor([1], { requiresGrad: true })];
  const adam = optim.Adam(p), adamw = optim.AdamW(p), rms = optim.RMSprop(p), adagrad = optim.Adagrad(p), sgd = optim.SGD(p, { lr: 0.1 });
  assert.equal(adam.lr, 1e-3);
  assert.deepEqual(adam.defaults, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false });
  assert.equal(adamw.paramGroups[0].weightDecay, 0.01);
  assert.deepEqual(rms.defaults, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
  assert.deepEqual(adagrad.defaults, { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false });
  assert.deepEqual(sgd.paramGroups, [{ params: p, lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false }]);
  const sched = optim.StepLR(optim.SGD(p, { lr: 1 }), { stepSize: 2 });
  sched.step();
  sched.step();
  assert.ok(Math.abs(sched.lr - 0.1) < 1e-12);
});
