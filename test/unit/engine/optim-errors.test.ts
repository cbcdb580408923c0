// What the optimizers and schedules say when they are called wrongly, and how params, groups and lr behave.
import { test } from "node:test";
import assert from "node:assert/strict";
import { data, nn, optim, tensor, train, manualSeed } from "../../../src/engine/index";

const param = () => tensor([1, 2], { requiresGrad: true });
const sgd = () => optim.SGD([param()], { lr: 0.1 });
const throws = (fn: () => unknown, message: string) => assert.throws(fn, (e: Error) => (assert.equal(e.message, message), true));

test("options are checked: unknown names answered with ours, kinds, required ones", () => {
  throws(() => optim.StepLR(sgd(), { step_size: 30 } as never), 'StepLR: unknown option "step_size"; did you mean "stepSize"? The options are stepSize, gamma');
  throws(() => optim.CosineAnnealingLR(sgd(), { T_max: 10 } as never), 'CosineAnnealingLR: unknown option "T_max"; did you mean "tMax"? The options are tMax, etaMin');
  throws(() => new optim.LinearWarmup(sgd(), { warmup_steps: 10 } as never), 'LinearWarmup: unknown option "warmup_steps"; the options are steps');
  throws(() => optim.SGD([param()], { lr: 0.1, weight_decay: 0.1 } as never),
    'SGD: unknown option "weight_decay"; did you mean "weightDecay"? The options are lr, momentum, dampening, nesterov, weightDecay, maximize');
  throws(() => (optim.SGD as unknown as (p: unknown) => unknown)([param()]), "SGD: the option lr is required, e.g. { lr: 0.1 }");
  throws(() => optim.SGD([param()], { lr: 0.1, weightDecay: "0.1" as never }), 'SGD: weightDecay must be a number ≥ 0, not "0.1"');
  throws(() => optim.SGD([param()], { lr: -1 }), "SGD: lr must be a number ≥ 0, not -1");
  throws(() => optim.Adam([param()], { lr: 0.01, amsGrad: true } as never), 'Adam: unknown option "amsGrad"; did you mean "amsgrad"? The options are lr, betas, eps, weightDecay, amsgrad, maximize');
  throws(() => optim.Adam([param()], { betas: [0.9, 1] }), "Adam: betas must be two numbers in [0, 1), e.g. [0.9, 0.999], not [0.9, 1]");
  throws(() => optim.SGD([param()], { lr: 0.1, nesterov: true }), "SGD: nesterov needs momentum > 0 and dampening 0, e.g. { momentum: 0.9, nesterov: true }");
  throws(() => optim.Adagrad([param()], { lr_decay: 0.1 } as never), 'Adagrad: unknown option "lr_decay"; did you mean "lrDecay"? The options are lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize');
  throws(() => (optim.StepLR as unknown as (o: unknown) => unknown)(sgd()), "StepLR: the option stepSize is required, e.g. { stepSize: 30 }");
  throws(() => optim.ExponentialLR(sgd(), {} as never), "ExponentialLR: the option gamma is required, e.g. { gamma: 0.9 }");
  throws(() => optim.CosineAnnealingWarmRestarts(sgd(), {} as never), "CosineAnnealingWarmRestarts: the option t0 is required, e.g. { t0: 10 }");
  throws(() => optim.OneCycleLR(sgd(), { maxLr: 0.1 }), "OneCycleLR: the option totalSteps is required, e.g. { totalSteps: 100 }");
  throws(() => optim.OneCycleLR(sgd(), { maxLr: 0.1, epochs: 10 }), "OneCycleLR: the option stepsPerEpoch is required, e.g. { stepsPerEpoch: 10 }");
  throws(() => optim.MultiStepLR(sgd(), { milestones: [5, 2] }), "MultiStepLR: milestones must be increasing whole numbers ≥ 0, e.g. [30, 80], not [5, 2]");
  throws(() => optim.ReduceLROnPlateau(sgd(), { factor: 2 }), "ReduceLROnPlateau: factor must be < 1 (the lr is multiplied by it), e.g. 0.1, not 2");
  throws(() => optim.ReduceLROnPlateau(sgd(), { mode: "minimum" as never }), 'ReduceLROnPlateau: mode must be one of "min", "max", not "minimum"');
  throws(() => sgd().zeroGrad({ set_to_none: true } as never), 'SGD.zeroGrad: unknown option "set_to_none"; did you mean "setToNone"? The options are setToNone');
});

test("a schedule refused leaves the optimizer as it was", () => {
  const opt = optim.SGD([param()], { lr: 0.1 });
  assert.throws(() => optim.StepLR(opt, { step_size: 3 } as never));
  assert.throws(() => optim.LinearLR(opt, { startFactor: 0 }));
  assert.throws(() => optim.OneCycleLR(opt, { maxLr: 0.1, totalSteps: 10, cycleMomentum: "yes" as never }));
  assert.deepEqual(opt.paramGroups, [{ params: opt.params, lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false }]);
});

test("steps are called as PyTorch calls them", () => {
  const opt = sgd();
  throws(() => (optim.ReduceLROnPlateau(opt).step as unknown as () => void)(), "ReduceLROnPlateau.step(metric) needs the metric it watches, e.g. sched.step(valLoss) after each epoch");
  throws(() => optim.ReduceLROnPlateau(opt).step("low" as never), 'ReduceLROnPlateau.step: the metric must be a number or a one-element tensor, not "low"');
  throws(() => (optim.StepLR(opt, { stepSize: 2 }).step as unknown as (e: number) => void)(3),
    "StepLR.step() takes no argument (PyTorch's step(epoch) is deprecated); call it once per epoch, after optimizer.step()");
  throws(() => (optim.StepLR as unknown as (o: unknown, x: object) => unknown)(undefined, { stepSize: 2 }),
    "StepLR: the first argument must be an optimizer, e.g. StepLR(optim.SGD(net.parameters(), { lr: 0.1 }), …), not undefined");
  throws(() => optim.OneCycleLR(optim.Adagrad([param()]), { maxLr: 0.1, totalSteps: 10 }), "OneCycleLR: Adagrad has no momentum to cycle; pass { cycleMomentum: false }");
  const cycle = optim.OneCycleLR(optim.SGD([param()], { lr: 0.1 }), { maxLr: 0.1, totalSteps: 2 });
  cycle.step();
  cycle.step();
  throws(() => cycle.step(), "OneCycleLR: step 4 is past totalSteps 2; make the cycle as long as the training, e.g. { totalSteps: epochs * batchesPerEpoch }");
  throws(() => optim.LambdaLR(opt, (() => undefined) as never), "LambdaLR: lrLambda(0) returned undefined; it must return a finite number, the factor of the base lr");
  throws(() => optim.LambdaLR(opt, [(e: number) => e, (e: number) => e]), "LambdaLR: got 2 lrLambda functions for 1 param groups; give one per group, or one for all");
  throws(() => optim.SequentialLR(opt, { schedulers: [optim.LinearLR(opt)], milestones: [3] }), "SequentialLR: got 1 schedulers and 1 milestones; give one milestone fewer than schedulers");
  throws(() => optim.SequentialLR(opt, { schedulers: [optim.LinearLR(sgd()), optim.ExponentialLR(opt, { gamma: 0.9 })], milestones: [3] }),
    "SequentialLR: schedulers[0] was made on another optimizer; make each on the one given to SequentialLR");
  const plateau = optim.ReduceLROnPlateau(sgd(), { patience: 0 });
  plateau.step(tensor(1));
  plateau.step(tensor([2]));
  assert.deepEqual(plateau.getLastLr().map((lr) => +lr.toFixed(6)), [0.01]);
});

test("params: a list or iterable of leaf tensors that require grad, or param groups", () => {
  const w = param();
  throws(() => optim.SGD([tensor([1])], { lr: 0.1 }), "SGD: params[0] does not require grad, so it would never change; make it with { requiresGrad: true } or leave it out, e.g. net.parameters().filter((p) => p.requiresGrad)");
  throws(() => optim.SGD([w.mul(2)], { lr: 0.1 }), "SGD: params[0] is not a leaf tensor (it was computed by MulBackward0); optimize the tensors you made, e.g. net.parameters()");
  throws(() => optim.SGD([w, 3] as never, { lr: 0.1 }), "SGD: params[1] must be a tensor like the others, not 3; pass net.parameters(), a list of tensors, or param groups [{ params, lr }]");
  throws(() => optim.SGD(w as never, { lr: 0.1 }), "SGD: params must be a list of tensors, not one tensor; wrap it: optim.SGD([w], …)");
  throws(() => optim.Adam(nn.Linear(2, 1) as never), "Adam: params must be a list of tensors, not a Linear; pass net.parameters(), a list of tensors, or param groups [{ params, lr }]");
  throws(() => optim.SGD([w, w], { lr: 0.1 }), "SGD: params[1] is the same tensor as params[0]; give each tensor once");
  throws(() => optim.SGD([{ params: [w] }, { params: w }], { lr: 0.1 }), "SGD: param group 1 params[0] is the same tensor as param group 0 params[0]; give each tensor once");
  throws(() => optim.SGD([{ params: [w], learning_rate: 0.1 }] as never, { lr: 0.1 }),
    'SGD: param group 0: unknown option "learning_rate"; the options are params, lr, momentum, dampening, nesterov, weightDecay, maximize');
  throws(() => optim.SGD([{ params: [w], momentum: -1 }], { lr: 0.1 }), "SGD: param group 0: momentum must be a number ≥ 0, not -1");
  throws(() => optim.SGD([{ params: [w] }]), "SGD: the option lr is required, e.g. { lr: 0.1 }");
  throws(() => optim.SGD([], { lr: 0.1 }), "SGD: got an empty list of parameters; pass net.parameters(), a list of tensors, or param groups [{ params, lr }]");
  function* two() {
    yield w;
    yield param();
  }
  assert.equal(optim.SGD(two(), { lr: 0.1 }).params.length, 2);
  // Each group's lr without the options' lr, as PyTorch allows.
  assert.deepEqual(optim.SGD([{ params: [w], lr: 0.5 }]).paramGroups.map((g) => g.lr), [0.5]);
});

test("paramGroups: per-group hyperparameters; lr reads the first group and writes all", () => {
  const a = tensor([1], { requiresGrad: true }), b = tensor([1], { requiresGrad: true });
  const opt = optim.SGD([{ params: [a] }, { params: [b], lr: 0.01 }], { lr: 0.1 });
  assert.deepEqual(opt.paramGroups.map((g) => g.lr), [0.1, 0.01]);
  a.sum().backward();
  b.sum().backward();
  opt.paramGroups[1].lr = 0.5;
  opt.step();
  assert.deepEqual([a.item(), b.item()].map((v) => +v.toFixed(6)), [0.9, 0.5]);
  opt.lr = 0.2;
  assert.deepEqual(opt.paramGroups.map((g) => g.lr), [0.2, 0.2]);
  throws(() => (opt.lr = NaN), "SGD: lr must be a number ≥ 0, not NaN");
  assert.equal(String(opt), "SGD(group 0: lr=0.2, momentum=0, dampening=0, nesterov=false, weightDecay=0, maximize=false; 1 parameter | group 1: lr=0.2, momentum=0, dampening=0, nesterov=false, weightDecay=0, maximize=false; 1 parameter)");
  const sched = optim.StepLR(opt, { stepSize: 1, gamma: 0.5 });
  assert.deepEqual(opt.paramGroups.map((g) => g.initialLr), [0.2, 0.2]);
  sched.step();
  assert.deepEqual(sched.getLastLr(), [0.1, 0.1]);
  assert.equal(sched.lastEpoch, 1);
  assert.equal(sched.lr, 0.1);
});

test("train steps ReduceLROnPlateau with the loss it monitors", async () => {
  manualSeed(4);
  const net = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1));
  // An lr so small the loss stays on a plateau: better only in the first epoch, then bad twice (> patience 1) → reduced.
  const opt = optim.SGD(net.parameters(), { lr: 1e-6 }), sched = optim.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5 });
  const h = await train(net, data.xor(), { loss: nn.MSELoss(), optimizer: opt, scheduler: sched, epochs: 4, live: false });
  assert.deepEqual(h.lr, [1e-6, 1e-6, 1e-6, 5e-7]);
  assert.equal(sched.lastEpoch, 4);
  assert.equal(sched.best, h.loss[0]);
});

test("a schedule of one's own extends LRScheduler and chains with the others", () => {
  class Halve extends optim.LRScheduler {
    constructor(opt: optim.Optimizer) {
      super("Halve", opt);
      this.initialStep();
    }
    protected override getLr(): number[] {
      return this.optimizer.paramGroups.map((g) => (this.lastEpoch === 0 ? g.lr : g.lr / 2));
    }
  }
  const opt = optim.SGD([param()], { lr: 1 }), halve = new Halve(opt), exp = optim.ExponentialLR(opt, { gamma: 0.5 });
  halve.step();
  exp.step();
  assert.deepEqual(exp.getLastLr(), [0.25]);
  assert.deepEqual(halve.baseLrs, [1]);
});

test("step(closure) calls the closure first and returns its loss, as PyTorch's step(closure)", () => {
  const w = tensor([1, -2], { requiresGrad: true }), opt = optim.SGD([w], { lr: 0.25 });
  const loss = opt.step(() => {
    opt.zeroGrad();
    const l = w.pow(2).sum();
    l.backward();
    return l;
  });
  assert.equal(loss?.item(), 5);
  assert.deepEqual(w.toArray(), [0.5, -1]);
  assert.equal(opt.step(), undefined);
  throws(() => opt.step(3 as never), "SGD.step: the argument must be a closure that recomputes the loss, e.g. () => { opt.zeroGrad(); const l = loss(); l.backward(); return l; }, not 3");
});
