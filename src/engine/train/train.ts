import { Tensor } from "../tensor";
import { zeroFill } from "../storage";
import type { Module } from "../nn/module";
import { BCEWithLogitsLoss } from "../nn/loss";
import { clipGradNorm } from "../nn/clip";
import { Optimizer } from "../optim/optimizer";
import { ReduceLROnPlateau } from "../optim/plateau";
import { Generator, defaultGenerator, swapDefaultGenerator } from "../random";
import { Dataset } from "../data/dataset";
import { Batches } from "../data/batches";
import { History } from "./history";
import { trainingHooks, type LiveRun } from "./hooks";
import { resolveLive } from "./live";
import { MetricTotal } from "./metrics";
import { TrainingError, nonFiniteMessage } from "./errors";
import { activationStats, copyWeights, gradientStats, sampleRows, type GradientStats, type Snapshot } from "./record";
import * as opts from "./options";
import { computeLoss, evaluate, firstNonFinite, l2Penalty, yieldToHost } from "./step";

/** Longest stretch of work between two yields to the host, in milliseconds. */
const YIELD_EVERY_MS = 50;

/**
 * Train `model` on `dataset` and return the History (Keras's `model.fit`, written as the
 * PyTorch loop it replaces: for each epoch, for each batch, forward → loss → zeroGrad →
 * backward → clip → step). Everything in `options` has a default; see `TrainOptions`.
 *
 * The reported loss is the mean over the epoch's batches as they were computed (before each
 * step), and so is training accuracy. Validation runs after each epoch in eval mode.
 * NaN or Infinity stops training with a `TrainingError` that says where and why (with
 * `error.history`). The stop button ends training after the current step, keeping the
 * model as it stands (`history.interrupted`). The model's train/eval mode is restored at the end.
 * @example const run = await train(net, data.xor(), { loss: nn.BCELoss(), optimizer: optim.Adam(net.parameters(), { lr: 0.05 }), epochs: 500, seed: 1 });
 */
export async function train(model: Module, dataset: Dataset | { x: Tensor; y: Tensor }, options: opts.TrainOptions = {}): Promise<History> {
  const all = asDataset(dataset, "dataset");
  checkFinite(all);
  const seed = options.seed ?? Math.floor(defaultGenerator().uniform() * 2 ** 31);
  let trainSet = all, valSet: Dataset | null = null;
  if (typeof options.validation === "number") {
    const f = options.validation;
    if (!(f > 0 && f < 1)) throw new RangeError(`train: validation must be a Dataset or a fraction between 0 and 1, got ${f}`);
    [trainSet, valSet] = all.split(1 - f, { seed });
  } else if (options.validation) valSet = asDataset(options.validation, "validation");
  if (trainSet.length === 0) throw new Error("train: the training set has no rows");

  const epochs = opts.wholeNumber("epochs", options.epochs ?? 100, 0);
  const n = trainSet.length, batchSize = opts.wholeNumber("batchSize", options.batchSize ?? (n <= 1024 ? n : 32), 1);
  // One generator for the shuffling and for everything random in the model (dropout): same seed, same numbers.
  const rng = new Generator(seed);
  const loader = new Batches(trainSet, batchSize, { shuffle: batchSize < n }, rng);
  const steps = loader.length;
  const lossFn = options.loss ?? opts.defaultLoss(model, all.task);
  const optimizer = options.optimizer ?? opts.defaultOptimizer(model);
  const metrics = opts.resolveMetrics(options.metrics, all.task);
  const threshold = lossFn instanceof BCEWithLogitsLoss ? 0 : 0.5;
  const recording = opts.resolveRecording(options.record, epochs);
  const early = opts.resolveEarlyStopping(options.earlyStopping);
  const l2 = options.l2 ?? 0, clipNorm = options.clipNorm;
  const params = model.parameters(), weights = l2 > 0 ? params.filter((p) => p.ndim >= 2) : [];
  // The model's gradients that the optimizer's zeroGrad() does not clear: those it does not hold (all, for an
  // optimizer of the user's own, whose zeroGrad may do anything).
  const held = new Set(optimizer instanceof Optimizer ? optimizer.paramGroups.flatMap((g) => g.params) : []);
  const unheld = params.filter((p) => !held.has(p));
  const hooks = trainingHooks();
  const live: LiveRun = { model, dataset: trainSet, views: resolveLive(options.live, model, trainSet, hooks?.liveViews, { weights: recording?.weights ?? false, gradients: recording?.gradients ?? false }) };
  const sample = recording?.activations ? sampleRows(trainSet.x, recording.every) : null;
  // The epochs a snapshot is taken after, besides one that early stopping or the stop button makes the last.
  const recordedEpoch = (epoch: number): boolean => recording !== null && (epoch % recording.every === 0 || epoch === epochs);

  const history = new History();
  history.stepsPerEpoch = steps;
  for (const m of metrics) {
    history.metrics[m] = [];
    if (valSet) history.metrics[valName(m)] = [];
  }
  const snapshot = (epoch: number, grads?: GradientStats[]): void => {
    if (!recording) return;
    const s: Snapshot = { epoch };
    if (recording.weights) s.weights = copyWeights(model);
    if (recording.gradients && grads) s.gradients = grads;
    if (sample) {
      const a = activationStats(model, sample);
      if (a) s.activations = a;
    }
    history.snapshots.push(s);
  };
  const report = (epoch: number, step: number, done: boolean): void => {
    if (live.views.length > 0) hooks?.progress?.(history, { epoch, epochs, step, stepsPerEpoch: steps, done }, live);
  };

  const modes = model.namedModules().map(([, m]) => m.training);
  const restoreModes = (): void => model.namedModules().forEach(([, m], i) => (m.training = modes[i]));
  model.train();
  snapshot(0);
  let lastYield = Date.now(), best = Infinity, wait = 0, step = 0;
  // The run's generator is the global one only while this run's code runs: it is handed back at every
  // yield, so code that runs meanwhile (another training, a timer) neither draws from it nor changes it.
  let outer: Generator | null = swapDefaultGenerator(rng);
  const release = (): void => {
    if (outer) swapDefaultGenerator(outer);
    outer = null;
  };
  const pause = async (): Promise<void> => {
    release();
    await yieldToHost();
    outer = swapDefaultGenerator(rng);
    lastYield = Date.now();
  };

  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const lr = optimizer.lr, totals = metrics.map((m) => new MetricTotal(m, threshold));
      let lossSum = 0, rows = 0, grads: GradientStats[] | undefined;
      step = 0;
      for (const batch of loader) {
        step++;
        const pred = model.forward(batch.x) as Tensor;
        let loss: Tensor;
        try {
          loss = computeLoss(lossFn, pred, batch.y);
        } catch (e) {
          const bad = firstNonFinite(pred);
          if (bad === null) throw e;
          throw new TrainingError(nonFiniteMessage("output", bad, epoch, step, steps, optimizer.lr, lossFn, clipNorm), history, epoch, step);
        }
        const value = loss.item();
        if (!Number.isFinite(value)) {
          const bad = firstNonFinite(pred), what = bad === null ? "loss" : "output";
          throw new TrainingError(nonFiniteMessage(what, bad ?? value, epoch, step, steps, optimizer.lr, lossFn, clipNorm), history, epoch, step);
        }
        const penalty = l2Penalty(weights, l2);
        optimizer.zeroGrad();
        // The rest of the model's in place too, as torch 1.13's zero_grad() and ours: the same numbers as new
        // ones, without new arrays every step.
        for (const p of unheld) if (p.grad !== null) zeroFill(p.grad.data);
        (penalty ? loss.add(penalty) : loss).backward();
        // Only a recorded epoch keeps them, and early stopping or the stop button can make any epoch one (with many
        // short epochs, taking them every epoch cost a tenth of the training).
        if (recording?.gradients && step === steps && (recordedEpoch(epoch) || early !== null || hooks?.shouldStop?.() === true)) {
          grads = gradientStats(model);
        }
        if (clipNorm !== undefined) clipGradNorm(params, clipNorm);
        optimizer.step();
        lossSum += value * batch.length;
        rows += batch.length;
        totals.forEach((t) => t.add(pred, batch.y));
        if (hooks?.shouldStop?.()) {
          history.interrupted = true;
          break;
        }
        if (Date.now() - lastYield >= YIELD_EVERY_MS) await pause();
      }

      history.epochs = epoch;
      history.loss.push(lossSum / rows);
      history.lr.push(lr);
      metrics.forEach((m, i) => history.metrics[m].push(totals[i].value()));
      let monitored = lossSum / rows;
      if (valSet) {
        const v = evaluate(model, valSet, lossFn, metrics, threshold);
        history.valLoss.push(v.loss);
        metrics.forEach((m, i) => history.metrics[valName(m)].push(v.metrics[i]));
        monitored = v.loss;
      }
      // As Keras: an epoch counts as better only when it beats the best by more than minDelta.
      if (monitored < best - (early?.minDelta ?? 0)) {
        best = monitored;
        history.bestEpoch = epoch;
        wait = 0;
      } else wait++;
      if (early && wait >= early.patience) history.stoppedEarly = true;
      if (!history.interrupted) {
        const s = options.scheduler;
        if (s instanceof ReduceLROnPlateau) s.step(monitored);
        else s?.step();
      }

      const last = history.interrupted || history.stoppedEarly || epoch === epochs;
      if (recording && (recordedEpoch(epoch) || last)) {
        snapshot(epoch, grads ?? (history.interrupted && recording.gradients ? gradientStats(model) : undefined));
      }
      report(epoch, step, false);
      if (last) break;
      if (Date.now() - lastYield >= YIELD_EVERY_MS) await pause();
    }
  } catch (e) {
    release();
    restoreModes();
    report(history.epochs, step, true);
    throw e;
  }
  release();
  restoreModes();
  report(history.epochs, step, true);
  if (history.interrupted) hooks?.stopped?.(history, { epoch: history.epochs, epochs, step, stepsPerEpoch: steps, done: true });
  return history;
}

function valName(metric: string): string {
  return `val${metric[0].toUpperCase()}${metric.slice(1)}`;
}

function asDataset(d: Dataset | { x: Tensor; y: Tensor }, what: string): Dataset {
  if (d instanceof Dataset) return d;
  if (d && d.x instanceof Tensor && d.y instanceof Tensor) return new Dataset(d.x, d.y);
  throw new TypeError(`train: ${what} must be a Dataset (e.g. data.xor()) or { x, y } tensors`);
}

function checkFinite(d: Dataset): void {
  for (const [name, t] of [["x", d.x], ["y", d.y]] as const) {
    const v = t.data;
    let i = 0;
    // v − v is 0 for a finite value and NaN for ±∞ and NaN: one test a value, no call.
    while (i < v.length && v[i] - v[i] === 0) i++;
    if (i === v.length) continue;
    const width = t.numel() / t.shape[0];
    throw new Error(`train: the data has ${t.data[i]} in ${name} at row ${Math.floor(i / width)}, column ${i % width}; remove or fill such values first`);
  }
}
