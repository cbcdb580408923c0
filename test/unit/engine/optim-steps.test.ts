// Every optimizer, with its options and with param groups, against torch.optim over eight steps (optim_fixtures.py).
import { test } from "node:test";
import { optim, type Tensor } from "../../../src/engine/index";
import { fixture } from "./helpers";
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
