// Every schedule, alone and composed on one optimizer, against torch.optim.lr_scheduler over 30 steps (optim_fixtures.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, tensor } from "../../../src/engine/index";
import { fixture } from "./helpers";
import { makeScheduler, type SchedulerSpec } from "./replay";

interface ScheduleCase {
  title: string;
  groups: { lr: number } | { lr: number }[];
  schedulers: SchedulerSpec[];
  metrics?: number[];
  /** Epochs given to step(epoch), fractional (CosineAnnealingWarmRestarts). */
  epochs?: number[];
  lrs: number[][];
  momenta?: number[][];
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 + 1e-6 * Math.abs(b);

test("schedules match torch.optim.lr_scheduler, alone and composed", async (t) => {
  for (const c of fixture<ScheduleCase[]>("optim_schedules")) {
    await t.test(c.title, () => {
      const w = [tensor([0, 0], { requiresGrad: true }), tensor([0], { requiresGrad: true })];
      const params = Array.isArray(c.groups) ? c.groups.map((g, i) => ({ params: [w[i]], ...g })) : w;
      const opt = optim.SGD(params, { lr: Array.isArray(c.groups) ? 0.1 : c.groups.lr, momentum: 0.9 });
      const scheds = c.schedulers.map((s) => makeScheduler(opt, s));
      const check = (i: number): void => {
        const lrs = opt.paramGroups.map((g) => g.lr);
        assert.ok(lrs.every((lr, k) => close(lr, c.lrs[i][k])), `step ${i}: lrs [${lrs}] vs torch [${c.lrs[i]}]`);
        assert.deepEqual(scheds[scheds.length - 1].getLastLr(), lrs, `step ${i}: getLastLr`);
        if (c.momenta) {
          const m = opt.paramGroups.map((g) => g.momentum);
          assert.ok(m.every((v, k) => close(v, c.momenta![i][k])), `step ${i}: momentum [${m}] vs torch [${c.momenta[i]}]`);
        }
      };
      check(0);
      for (let i = 0; i < c.lrs.length - 1; i++) {
        opt.step();
        for (const s of scheds) {
          if (c.metrics) s.step(c.metrics[i]);
          else if (c.epochs) s.step(c.epochs[i]);
          else s.step();
        }
        check(i + 1);
      }
    });
  }
});
