import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, cellView, runLesson } from "./lesson";

test("9. an MLP reads handwritten digits: ≥ 97 % on a held-out test set, its mistakes and its first layer", () => {
  const run = runLesson("09-digits.nnbook", `
    check(digits.length === 1797 && digits.x.shape.join() === "1797,64" && digits.numClasses === 10, "1,797 digits of 64 pixels, 10 classes");

    // Three sets, every digit split the same way, scaled with the training rows' statistics alone.
    check(trainAll.length === 1438 && testSet.length === 359 && trainSet.length === 1294 && valSet.length === 144, "1,438 / 359, then 1,294 / 144");
    for (let d = 0; d < 10; d++) {
      const all = digits.y.eq(d).sum().item(), inTest = testSet.y.eq(d).sum().item();
      check(Math.abs(inTest - 0.2 * all) <= 1, "digit " + d + ": " + inTest + " of " + all + " in the test set");
    }
    check(testSet.normalization === trainAll.normalization, "the test set is scaled with the training set's mean and std");
    const mu = trainAll.x.mean(0);
    const sd = trainAll.x.sub(mu).pow(2).mean(0).sqrt();
    check(mu.abs().max().item() < 1e-4, "scaled training pixels have mean 0");
    check(Array.from(sd.data).every((s: number, j: number) => [0, 32, 39].includes(j) ? s === 0 : Math.abs(s - 1) < 1e-3), "and std 1, but for the blank ones");

    // The test accuracy, computed again here: argmax of the logits against the labels.
    const again = noGrad(() => net(testSet.x)).argmax(1).eq(testSet.y).sum().item() / testSet.length;
    check(again >= 0.97, "test accuracy " + again + " ≥ 0.97");
    check(again === testAccuracy && correct === Math.round(again * 359), "the lesson's own accuracy is the same: " + testAccuracy);
    check(testAccuracy < run.metrics.valAccuracy.at(-1), "below the validation set's " + run.metrics.valAccuracy.at(-1));

    // Training: no overfitting in 50 epochs, 100 % on the training and validation images.
    check(run.epochs === 50 && run.stepsPerEpoch === 41, "50 epochs of 41 steps");
    check(run.bestEpoch === 50 && run.valLoss.at(-1) > run.loss.at(-1), "validation loss lowest at the end, above the training loss");
    check(run.metrics.accuracy.at(-1) === 1 && run.metrics.valAccuracy.at(-1) === 1, "100 % on training and validation images");

    // The confusion matrix, counted here: every mistake off the diagonal, once per pair; the 9s fare worst.
    const pred = Array.from(predicted.data), truth = Array.from(testSet.y.data);
    const counts = Array.from({ length: 10 }, () => new Array(10).fill(0));
    pred.forEach((p: number, i: number) => counts[truth[i]][p]++);
    const wrongIn = (d: number) => counts[d].reduce((a: number, b: number) => a + b, 0) - counts[d][d];
    check(counts.flat().reduce((a: number, b: number) => a + b, 0) === 359, "the matrix sums to 359");
    check(counts.every((row: number[], t: number) => row.every((c: number, p: number) => t === p || c <= 1)), "no pair confused more than once");
    check(counts[9][5] === 1 && counts[9][7] === 1 && wrongIn(9) === 2, "two 9s wrong, taken for a 5 and a 7");
    for (let d = 0; d < 9; d++) check(wrongIn(d) < 2, "digit " + d + " loses fewer than the 9s");

    // The first layer: PyTorch's init, moved by training, except the three pixels blank in every training image.
    check(w0.abs().max().item() <= 0.125, "initial weights within ±1/√64");
    const blank = Array.from({ length: 64 }, (_, j) => j).filter((j) => trainRaw.x.select(1, j).abs().max().item() === 0);
    check(blank.join() === "0,32,39", "blank pixels: " + blank.join());
    for (let j = 0; j < 64; j++) {
      const moved = change.select(1, j).abs().max().item();
      check(blank.includes(j) ? moved === 0 : moved > 0, "pixel " + j + ": moved by " + moved);
    }
    check(change.abs().mean().item() > w0.abs().mean().item(), "training moved a weight by more than its starting size on average");
  `);
  assertLesson(run);
  assert.match(cellText(run, 1), /^Dataset\(1797 rows, x \[1797,64\], y \[1797\]\), pixels from 0 to 16$/m);
  const [, correct, total] = cellText(run, 5).match(/^test accuracy: (\d+) of (\d+) = [\d.]+ %$/m) ?? [];
  assert.equal(total, "359");
  assert.ok(Number(correct) / 359 >= 0.97, `${correct} of 359`);

  // The confusion matrix the view drew sums to the test set's size, its diagonal to the right answers.
  const confusion = cellView(run, 6, "application/vnd.nnbook.confusion+json") as { counts: number[][]; rows: number };
  const cells = confusion.counts.flat();
  assert.equal(confusion.counts.length, 10);
  assert.equal(cells.reduce((a, b) => a + b, 0), 359);
  assert.equal(confusion.rows, 359);
  assert.equal(confusion.counts.reduce((sum, row, i) => sum + row[i], 0), Number(correct));

  // The misclassified images: one for each mistake.
  const wrong = cellView(run, 7, "application/vnd.nnbook.images+json") as { total: number; images: { wrong: boolean }[] };
  assert.equal(wrong.total, 359 - Number(correct));
  assert.ok(wrong.images.length === wrong.total && wrong.images.every((i) => i.wrong));
});
