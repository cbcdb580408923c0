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
  const adam = optim.Adam(p), adamw = optim.AdamW(p), rms = optim.RMSprop(p);
  assert.equal(adam.lr, 1e-3);
  assert.deepEqual(adam.betas, [0.9, 0.999]);
  assert.equal(adam.weightDecay, 0);
  assert.equal(adamw.weightDecay, 0.01);
  assert.equal(rms.lr, 0.01);
  assert.equal(rms.alpha, 0.99);
  const sched = optim.StepLR(optim.SGD(p, { lr: 1 }), { stepSize: 2 });
  sched.step();
  sched.step();
  assert.ok(Math.abs(sched.lr - 0.1) < 1e-12);
});
