// Every optimizer, with its options and with param groups, against torch.optim over eight steps (optim_fixtures.py).
import { test } from "node:test";
import { optim, tensor, type Tensor } from "../../../src/engine/index";
import { assertClose, fixture } from "./helpers";
import { makeScheduler, replay, type OptCase, type SchedulerSpec } from "./replay";

interface StepCase extends OptCase {
  groups?: ({ params: number } & Record<string, unknown>)[];
  schedulers?: SchedulerSpec[];
}

const NAMES = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"] as const;

function params(c: StepCase, p: Tensor[]): optim.Params<object> {
  return c.groups ? c.groups.map(({ params: i, ...rest }) => ({ ...rest, params: [p[i]] })) : p;
}

for (const name of NAMES) {
  test(`${name} matches torch.optim.${name} step by step`, async (t) => {
    const cases = fixture<StepCase[]>("optim_steps").filter((c) => c.optimizer === name);
    for (const c of cases) {
      const title = JSON.stringify({ ...c.options, ...(c.groups ? { groups: c.groups } : {}), ...(c.schedulers ? { schedulers: c.schedulers } : {}) });
      await t.test(title, () =>
        replay(
          c,
          (p) => new (optim[name] as new (p: optim.Params<object>, o: object) => optim.Optimizer)(params(c, p), c.options),
          c.schedulers && ((o) => makeScheduler(o, c.schedulers![0])),
        ));
    }
  });
}

interface ZeroGradCase {
  optimizer: (typeof NAMES)[number];
  options: Record<string, unknown>;
  setToNone: boolean;
  steps: { w: number[]; u: number[] }[];
}

test("zeroGrad zeros .grad in place, as PyTorch 1.13's default: a tensor left out of later losses keeps its momentum and decay; setToNone stops it", async (t) => {
  for (const c of fixture<ZeroGradCase[]>("optim_zero_grad")) {
    await t.test(`${c.optimizer} ${JSON.stringify(c.options)} setToNone ${c.setToNone}`, () => {
      const w = tensor([1, -2], { requiresGrad: true }), u = tensor([0.5, 3], { requiresGrad: true });
      const opt = new (optim[c.optimizer] as new (p: Tensor[], o: object) => optim.Optimizer)([w, u], c.options);
      c.steps.forEach((want, i) => {
        opt.zeroGrad({ setToNone: c.setToNone });
        (i === 0 ? w.pow(2).sum().add(u.pow(2).sum()) : w.pow(2).sum()).backward();
        opt.step();
        assertClose(w.data, want.w, 1e-5, 1e-6, `step ${i} w`);
        assertClose(u.data, want.u, 1e-5, 1e-6, `step ${i} u`);
      });
    });
  }
});
