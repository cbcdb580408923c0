import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("8. a big MLP overfits forty noisy points, and each remedy ends with a lower validation loss", () => {
  const run = runLesson("08-overfitting.nnbook", `
    const best = (h: History) => Math.min(...h.valLoss);
    const end = (h: History) => h.valLoss.at(-1)!;
    check(overfit.parameters().reduce((n: number, p: Tensor) => n + p.numel(), 0) === 4417, "4,417 parameters");

    // Overfitting: after its best epoch the validation loss climbs to several times its lowest value while
    // the training loss keeps falling towards 0 and the training accuracy reaches 100 %.
    const o = overfitRun, ob = o.bestEpoch;
    check(o.epochs === 300 && o.valLoss[ob - 1] === best(o), "bestEpoch is the lowest validation loss");
    check(ob < 100 && end(o) > 3 * best(o), "validation loss rises: " + best(o) + " at " + ob + " → " + end(o));
    check(o.loss.at(-1)! < o.loss[ob - 1] / 10 && o.loss.at(-1)! < 0.01, "training loss falls meanwhile: " + o.loss[ob - 1] + " → " + o.loss.at(-1));
    check(o.metrics.accuracy.at(-1) === 1, "100 % training accuracy");
    const va = o.metrics.valAccuracy;
    check(Math.abs(va.at(-1)! - va[ob - 1]) <= 0.02 && va.at(-1)! >= 0.9 && va.at(-1)! <= 0.94, "validation accuracy hardly moves, about 92 %: " + va[ob - 1] + " → " + va.at(-1));

    // Every remedy ends well below the overfit run's final validation loss.
    const remedies: [string, History][] = [["l2", l2Run], ["AdamW", decayRun], ["dropout", dropoutRun], ["early stopping", earlyRun], ["batch norm", bnRun], ["more data", moreRun]];
    for (const [name, h] of remedies) check(end(h) < 0.7 * end(o), name + ": final validation loss " + end(h) + " well below " + end(o));

    // L2 and weight decay: close to their best at the end, and no longer fitting the noise.
    for (const h of [l2Run, decayRun]) check(end(h) < 1.5 * best(h) && h.loss.at(-1)! > 0.01, "penalty: near its best, training loss above 0");
    const right = (net: nn.Module) => noGrad(() => net(few.x)).gt(0).eq(few.y).sum().item();
    check(right(overfit) === 40, "the overfit boundary takes in all 40 training points");
    check(right(l2Net) === 39, "the L2 boundary leaves one training point on the wrong side");

    // nn.Dropout: kept units scaled by exactly 1/(1 - p) in training, the identity in eval().
    const scale = Math.fround(1 / (1 - 0.2));
    check(Array.from(dropped.data).every((v: number) => v === 0 || v === scale), "training: every element 0 or 1/(1 - p) = 1.25");
    check(kept > 0 && kept < 40 && dropped.eq(scale).sum().item() === kept, "some elements kept, some dropped");
    check(!drop.training && Array.from(evaluated.data).every((v: number) => v === 1), "eval: the ones unchanged");
    const x = randn([3, 5], { seed: 4 });
    check(drop(x).eq(x).sum().item() === 15, "eval: any input unchanged");
    drop.train();
    const t = drop(ones(20000)), share = t.eq(0).sum().item() / 20000;
    check(Math.abs(share - 0.2) < 0.02 && Math.abs(t.mean().item() - 1) < 0.03, "about p of them dropped, the mean kept: " + share);
    // Dropout's own curve: it still rises after its best, which is worse than the overfit run's best.
    check(end(dropoutRun) > 1.5 * best(dropoutRun) && best(dropoutRun) > best(o), "dropout: rises after its best; best " + best(dropoutRun));

    // Early stopping: the same run as the overfit one up to the stop, 50 epochs after its best.
    const e = earlyRun;
    check(e.stoppedEarly && e.epochs < 300 && e.epochs === e.bestEpoch + 50, "stopped early at " + e.epochs + ", best " + e.bestEpoch);
    check(e.bestEpoch === ob && e.valLoss.every((v: number, i: number) => v === o.valLoss[i]), "the same run up to the stop");

    // Batch norm on batches of 10: ends near its best; the training loss stays high.
    check(end(bnRun) < 1.25 * best(bnRun) && bnRun.loss.at(-1)! > 0.1, "batch norm: near its best at the end");

    // More data: a lower best than any run on forty points, and only a little above it at the end.
    const others = [o, ...remedies.filter(([n]) => n !== "more data").map(([, h]) => h)];
    check(best(moreRun) < 0.9 * Math.min(...others.map(best)), "400 points: the lowest best, " + best(moreRun));
    check(end(moreRun) < 1.5 * best(moreRun) && moreRun.loss.at(-1)! > 0.05, "400 points: rises only a little");

    // The summary: the best values lie much closer together than the final ones; accuracies within a few points.
    const all = [o, ...remedies.map(([, h]) => h)], spread = (v: number[]) => Math.max(...v) - Math.min(...v);
    check(Object.keys(runs).length === 7 && spread(all.map(best)) < spread(all.map(end)) / 3, "bests closer together than finals");
    check(spread(all.map((h) => h.metrics.valAccuracy.at(-1)!)) <= 0.03, "validation accuracies within a few points");
  `);
  assertLesson(run);
  assert.match(cellText(run, 6), /^training: \d+ of 40 kept, each now 1\.25$/m);
  assert.match(cellText(run, 6), /^the mean of 100,000 ones after dropout: 1\.000$/m);
  assert.match(cellText(run, 6), /^eval: from 1 to 1, unchanged$/m);
  assert.match(cellText(run, 8), /^stopped early: true, after \d+ of 300 epochs$/m);
});
