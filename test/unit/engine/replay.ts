// Replays the optimizer fixtures: the same problem, step by step, against torch.optim.
import assert from "node:assert/strict";
import { optim, type Tensor } from "../../../src/engine/index";
import { assertTensor, fromEnc, type Enc } from "./helpers";

export interface OptCase {
  optimizer: string;
  options: Record<string, any>;
  scheduler?: string;
  schedulerOptions?: Record<string, any>;
  init: { weight: Enc; bias: Enc };
  x: Enc;
  y: Enc;
  steps: { weight: Enc; bias: Enc }[];
  lrs: number[];
}

/** torch's option names → ours. */
export function camel(o: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(o)) out[k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

/** Replays the fixture's problem: loss = mean((x·Wᵀ + b − y)²) + 0.01·Σ|W|. */
export function replay(c: OptCase, make: (p: Tensor[]) => optim.Optimizer, sched?: (o: optim.Optimizer) => { step(): void }): void {
  const w = fromEnc(c.init.weight, true), b = fromEnc(c.init.bias, true), x = fromEnc(c.x), y = fromEnc(c.y);
  const opt = make([w, b]);
  const s = sched?.(opt);
  c.steps.forEach((want, i) => {
    opt.zeroGrad();
    const loss = x.matmul(w.T).add(b).sub(y).pow(2).mean().add(w.abs().sum().mul(0.01));
    loss.backward();
    opt.step();
    assert.ok(Math.abs(opt.lr - c.lrs[i]) <= 1e-9 + 1e-6 * c.lrs[i], `step ${i}: lr ${opt.lr} vs ${c.lrs[i]}`);
    s?.step();
    assertTensor(w, want.weight, 1e-5, 1e-6, `step ${i} weight`);
    assertTensor(b, want.bias, 1e-5, 1e-6, `step ${i} bias`);
  });
}

export interface SchedulerSpec {
  type: string;
  options: Record<string, any>;
}

/** The same functions as LAMBDAS in optim_fixtures.py. */
const LAMBDAS: Record<string, optim.LrLambda> = { inverse: (e) => 1 / (1 + 0.1 * e), halfEvery5: (e) => 0.5 ** Math.floor(e / 5) };

type Schedule = { step(metric?: number): void; getLastLr(): number[] };

export function makeScheduler(opt: optim.Optimizer, spec: SchedulerSpec): Schedule {
  const o = spec.options;
  if (spec.type === "LambdaLR") return optim.LambdaLR(opt, Array.isArray(o.lrLambda) ? o.lrLambda.map((f: string) => LAMBDAS[f]) : LAMBDAS[o.lrLambda]);
  if (spec.type === "SequentialLR") {
    return optim.SequentialLR(opt, { schedulers: o.schedulers.map((s: SchedulerSpec) => makeScheduler(opt, s)), milestones: o.milestones });
  }
  const make = (optim as unknown as Record<string, (opt: optim.Optimizer, options: object) => Schedule>)[spec.type];
  return make(opt, o);
}
