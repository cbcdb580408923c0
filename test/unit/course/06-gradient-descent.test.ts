import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("6. batch sizes, optimizers, schedules with warm-up, and a learning rate too large, each as the lesson says", () => {
  const run = runLesson("06-gradient-descent.nnbook", `
    const end = (h: { loss: number[] }) => h.loss.at(-1)!;
    const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

    // Batch, mini-batch, stochastic: 1, 10 and 200 steps per epoch; by epoch, the smaller batch is further.
    const [batch, mini, sgd] = batchRuns;
    check(batch.stepsPerEpoch === 1 && mini.stepsPerEpoch === 10 && sgd.stepsPerEpoch === 200, "steps per epoch 1, 10, 200");
    check(end(sgd) < end(mini) && end(mini) < end(batch) && end(sgd) < end(batch) / 4, "by epoch: stochastic < mini-batch < batch: " + [end(batch), end(mini), end(sgd)]);
    // By step: the same progress, but the mini-batch curve is jagged.
    check(miniLosses.length === 300 && fullRun.loss.length === 300, "300 steps each");
    check(near(miniEnd, fullEnd, 0.03) && near(fullEnd, end(fullRun), 0.01), "after 300 steps the same loss: " + miniEnd + " vs " + fullEnd);
    const jump = (v: number[]) => Math.max(...v.slice(100).map((x, i) => Math.abs(x - v[100 + i - 1])));
    check(jump(miniLosses) > 0.1 && jump(fullRun.loss) < 0.01, "mini-batch losses jump, full-batch ones do not: " + jump(miniLosses) + " " + jump(fullRun.loss));

    // Optimizers: momentum, RMSprop, Adam and AdamW end far below plain SGD in the same 200 steps.
    const o = optimizerRuns, plain = end(o["SGD, η = 0.1"]);
    check(Object.values(o).every((h: History) => h.epochs === 200), "200 epochs each");
    for (const name of ["momentum 0.9, η = 0.1", "RMSprop, η = 0.01", "Adam, η = 0.01", "AdamW, η = 0.01"]) {
      check(end(o[name]) < plain / 5, name + " ends at " + end(o[name]) + ", far below SGD's " + plain);
    }
    check(near(end(o["Adam, η = 0.01"]), end(o["AdamW, η = 0.01"]), 0.005), "Adam and AdamW hard to tell apart");
    check(o["RMSprop, η = 0.01"].loss[19] < Math.min(...Object.entries(o).filter(([n]) => !n.startsWith("RMSprop")).map(([, h]) => h.loss[19])), "RMSprop leads early");
    // Their first steps: Adam moves every weight by η, RMSprop by 10η, SGD by η|g|.
    const range = (t: Tensor) => [t.min().item(), t.max().item()];
    const [amin, amax] = range(firstSteps["Adam, η = 0.01"]), [rmin, rmax] = range(firstSteps["RMSprop, η = 0.01"]), [smin, smax] = range(firstSteps["SGD, η = 0.1"]);
    check(amin > 0.0099 && amax < 0.01001, "Adam's first step is η for every weight: " + amin + " " + amax);
    check(rmin > 0.099 && rmax < 0.1001, "RMSprop's first step is 10η: " + rmin + " " + rmax);
    check(smax / smin > 1000 && smax < 0.1, "SGD's first steps span decades: " + smin + " " + smax);

    // The warm-up + cosine schedule is the formula, and PyTorch's values.
    const base = 0.3, T = E - W, wc = scheduled["warm-up + cosine"], oc = scheduled["OneCycleLR"];
    check(wc.length === 60 && W === 5, "60 steps, 5 of warm-up");
    wc.forEach((lr: number, t: number) => {
      const formula = t < W ? base * (t + 1) / W : base / 2 * (1 + Math.cos(Math.PI * (t - W) / T));
      check(near(lr, formula, 1e-12), "warm-up + cosine at step " + t + ": " + lr + " vs " + formula);
    });
    const torchOneCycle: Record<number, number> = { 0: 0.012, 5: 0.06922061236138707, 17: 0.3, 18: 0.2995805712548987, 30: 0.23449827071750848, 59: 1.2e-6 };
    for (const [t, v] of Object.entries(torchOneCycle)) check(near(oc[Number(t)], v, 1e-9), "OneCycleLR at step " + t + " as PyTorch: " + oc[Number(t)]);
    check(Math.max(...oc) === 0.3 && oc.indexOf(0.3) === 17, "OneCycleLR peaks at 30 % of the steps");
    // train used those rates, one per epoch.
    const [constant, warmed, cycled] = scheduleRuns;
    check(warmed.lr.every((lr: number, i: number) => near(lr, wc[i], 1e-12)) && cycled.lr.every((lr: number, i: number) => near(lr, oc[i], 1e-12)), "run.lr is the schedule");
    check(constant.lr.every((lr: number) => lr === 0.3), "the constant run kept 0.3");
    check(end(constant) > 3 * end(warmed) && end(constant) > 3 * end(cycled), "constant ends several times higher: " + [end(constant), end(warmed), end(cycled)]);
    check(Math.min(...constant.loss) > end(warmed), "even its best is above the scheduled run's end");

    // Too large a learning rate, on the line: the limit is 2/λmax ≈ 1.
    check(near(lambdaMax, 2, 0.05), "λmax ≈ 2: " + lambdaMax);
    const r = lineRuns, crossings = (b: number[]) => b.slice(1).filter((v, i) => (v - 1) * (b[i] - 1) < 0).length;
    check(crossings(r["η = 0.3"].b) === 0 && crossings(r["η = 0.9"].b) >= 8 && crossings(r["η = 1.1"].b) >= 8, "0.3 from one side, 0.9 and 1.1 overshooting at every step");
    check(["η = 0.3", "η = 0.9"].every((k) => end(r[k]) < 0.1 && end(r[k]) < r[k].loss[0] / 50), "0.3 and 0.9 converge");
    check(end(r["η = 1.1"]) > 10 * r["η = 1.1"].loss[0] && Math.abs(r["η = 1.1"].b.at(-1)!) > 5, "1.1 diverges: " + end(r["η = 1.1"]));
    check(end(r["η = 1.1"]) > 1000 * Math.max(end(r["η = 0.3"]), end(r["η = 0.9"])), "and ends far worse than 0.3 and 0.9");
    const growth = r["η = 1.1"].loss.at(-1)! / r["η = 1.1"].loss.at(-2)!;
    check(near(growth, (1 - 1.1 * lambdaMax) ** 2, 0.03), "its loss grows by (1 − ηλ)² ≈ 1.44 per step: " + growth);
    // train stops on the overflow with its message and the history so far.
    check(blownUp !== null && blownUp instanceof TrainingError, "train threw a TrainingError");
    check(/the loss became (Infinity|NaN) at epoch \\d+/.test(blownUp.message) && /learning rate \\(1\\.5\\) is too high/.test(blownUp.message), blownUp.message);
    const h = blownUp.history;
    check(h.loss.length > 30 && h.loss.length < 200 && end(h) > 1e30, "the history until it overflowed: " + h.loss.length + " epochs, " + end(h));
  `);
  assertLesson(run);
  assert.match(cellText(run, 5), /^Adam, η = 0\.01: every \|Δθ\| between 0\.0099\d* and 0\.01\d*$/m);
  assert.match(cellText(run, 8), /^λmax = 2\.0\d\d, so the limit is η < 2\/λmax = 1\.0\d\d$/m);
  assert.match(cellText(run, 10), /^train: the loss became Infinity at epoch \d+/m);
});
