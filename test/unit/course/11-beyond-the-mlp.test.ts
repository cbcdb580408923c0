import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, cellView, runLesson } from "./lesson";

test("11. a CNN reads the digits, an LSTM continues a sine, one attention head finds the flagged token", () => {
  const run = runLesson("11-beyond-the-mlp.nnbook", `
    // (a) The CNN: images [N, 1, 8, 8] scaled to [0, 1], lesson 9's test digits, 1,370 parameters.
    check(trainImages.x.shape.join() === "1438,1,8,8" && testImages.length === 359, "1,438 training and 359 test images of 1×8×8");
    check(testImages.x.min().item() === 0 && testImages.x.max().item() === 1, "pixels from 0 to 1");
    const [, lesson9Test] = data.digits().split(0.8, { seed: 0 });
    check(lesson9Test.x.div(16).sub(testImages.x.reshape(359, 64)).abs().max().item() === 0 && lesson9Test.y.eq(testImages.y).sum().item() === 359, "the same test digits as lesson 9");
    check(cnn.numParameters() === 1370 && cnn[0].weight.shape.join() === "8,1,3,3", "80 + 1,290 parameters, kernels [8, 1, 3, 3]");
    const again = noGrad(() => cnn(testImages.x)).argmax(1).eq(testImages.y).sum().item();
    check(again / 359 >= 0.95 && again === cnnCorrect, "test accuracy " + again + " of 359 ≥ 95 %");
    check(cnnCorrect === 349 && cnnCorrect < 352, "349 right, fewer than lesson 9's 352");

    // The feature maps the text describes: a dead channel 1, kernel 4 an edge detector brightest along the ring's bottom.
    const maps = noGrad(() => cnn[1](cnn[0](testImages.x)));
    const trainMaps = noGrad(() => cnn[1](cnn[0](trainImages.x)));
    check(maps.select(1, 1).max().item() === 0 && trainMaps.select(1, 1).max().item() === 0, "channel 1 is 0 on every image");
    check(Math.abs(cnn[0].bias.get(1) + 0.36) < 0.005, "channel 1's bias −0.36: " + cnn[0].bias.get(1));
    for (let c = 0; c < 8; c++) if (c !== 1) check(trainMaps.select(1, c).max().item() > 0, "channel " + c + " is alive");
    check(testImages.y.get(0) === 0, "the first test digit is a 0");
    const k4 = cnn[0].weight.at(4).at(0);
    check(k4.at(0).sum().item() > 1 && k4.at(2).max().item() < 0, "kernel 4: positive on top, negative along the bottom");
    const rows4 = Array.from(maps.at(0).at(4).sum(1).data);
    check(rows4.indexOf(Math.max(...rows4)) === 7, "channel 4 brightest in the bottom row: " + rows4.join(" "));
    const cols = (c: number) => Array.from(maps.at(0).at(c).sum(0).data);
    for (const c of [3, 5]) {
      const v = cols(c), top2 = [...v].sort((a, b) => b - a).slice(0, 2).map((x) => v.indexOf(x)).sort();
      check(top2[0] <= 2 && top2[1] >= 5, "channel " + c + " brightest in a left and a right column: " + v.join(" "));
    }

    // (b) The LSTM: windows of 12, next value; far below the last value and the mean.
    check(seqs.x.shape.join() === "148,12,1" && seqs.y.shape.join() === "148,1", "148 windows [12, 1]");
    check(seqs.y.get(0, 0) === curve.get(12) && seqs.x.get(147, 11, 0) === curve.get(158), "each window's target is the value after it");
    const lstmMse = noGrad(() => forecaster(seqs.x)).sub(seqs.y).pow(2).mean().item();
    check(lstmMse < lastValueMse / 1000 && lstmMse < meanMse / 10000, "LSTM MSE " + lstmMse + " far below the last value's " + lastValueMse + " and the mean's " + meanMse);
    check(Math.abs(lastValueMse - 0.031) < 0.001 && Math.abs(meanMse - 0.503) < 0.001, "the two baselines as printed");
    check(lastValueMse / seqRun.loss.at(-1) > 6000, "more than 6,000 times below the last value");
    // Generated from its own predictions: 80 steps on the true curve.
    check(generated.length === 80, "80 generated steps");
    const genError = tensor(generated).sub(truth).abs().max().item();
    check(genError < 0.02, "the generated curve within 0.02 of the sine: " + genError);
    check(truth.sub(curve.narrow(0, 160, 80)).abs().max().item() === 0, "compared with sin(0.25 t) for t = 160 … 239");
    // The identity the text states: the next value is linear in the last two.
    const formula = seqs.x.select(1, -1).mul(2 * Math.cos(0.25)).sub(seqs.x.select(1, -2));
    check(formula.sub(seqs.y).abs().max().item() < 1e-5, "sin(a + h) = 2 cos h sin a − sin(a − h)");

    // (c) Attention: the weights are a softmax over the keys, and after training they sit on the flagged token.
    const [, w] = noGrad(() => attention(task.tokens, task.tokens, task.tokens));
    check(w.shape.join() === "256,6,6", "weights [N, S, S]");
    check(w.sum(-1).sub(1).abs().max().item() < 1e-5 && w.min().item() >= 0, "every row of weights is positive and sums to 1");
    check(Math.abs(weights.sub(w).abs().max().item()) < 1e-6, "the weights the lesson drew");
    const onFlag = w.mul(task.flags.unsqueeze(1)).sum(-1);     // [N, S]: each query's weight on the flagged key
    check(onFlag.mean().item() > 0.9 && onFlag.min().item() > 0.5, "every query attends to the flagged token: mean " + onFlag.mean().item() + ", least " + onFlag.min().item());
    const argmaxKey = w.argmax(-1), flagged = task.marked.unsqueeze(1).expand(256, 6);
    check(argmaxKey.eq(flagged).sum().item() === 256 * 6, "each query's largest weight is on the flagged key");
    check(focus(fresh) > 0.9 && Math.abs(focus(fresh) - focus(task)) < 0.02, "as high on new sequences: " + focus(fresh));
    check(attnLosses[0] > 0.5 && attnLosses.at(-1) < 2e-4 && attnLosses.at(-1) < attnLosses[0] / 1000, "the loss falls from about 1 to 1e-4: " + attnLosses.at(-1));
    const outFlag = noGrad(() => attention(fresh.tokens, fresh.tokens, fresh.tokens)[0]).select(-1, 0).sub(fresh.wanted).pow(2).mean().item();
    check(outFlag < 1e-3, "it outputs the flagged value on new sequences: MSE " + outFlag);
    // How: the flag adds about 4.7 to the flagged key's score against every query.
    const [Wq3, Wk3] = attention.inProjWeight.chunk(3, 0), bq3 = attention.inProjBias.chunk(3, 0)[0];
    const queries = noGrad(() => task.tokens.matmul(Wq3.T).add(bq3));
    const gain = noGrad(() => queries.matmul(Wk3.select(1, 1)).div(Math.sqrt(E)));
    check(gain.min().item() > 4.5 && gain.max().item() < 4.9, "the flag adds 4.7 ± 0.2 to the score: " + gain.min().item() + " … " + gain.max().item());
    const spread = queries.sub(bq3).norm(2, -1).mean().item();
    check(spread < 0.5 * bq3.norm().item(), "the queries are mostly their bias: |q − b_Q| " + spread + " against |b_Q| " + bq3.norm().item());
    const cosine = (a: Tensor, b: Tensor) => a.dot(b).item() / (a.norm().item() * b.norm().item());
    check(cosine(Wk3.select(1, 1), bq3) > 0.9, "the flag's key direction is the queries' bias direction");
    check(Math.abs(Math.exp(4.7) / (Math.exp(4.7) + 5) - 0.96) < 0.005, "e^4.7 / (e^4.7 + 5) ≈ 0.96");
    // By hand: softmax(QKᵀ/√d_k) equals the layer's weights.
    check(byHand.sub(w.at(0)).abs().max().item() < 1e-6, "softmax(QKᵀ/√d) by hand = the layer's weights");
  `);
  assertLesson(run);
  assert.match(cellText(run, 2), /^test accuracy: 349 of 359 = 97\.2 %, with 1370 parameters$/m);
  assert.match(cellText(run, 7), /^MSE: LSTM [\d.]+e-\d, last value 0\.0310, mean 0\.503$/m);
  assert.match(cellText(run, 12), /^row sums: 1\.0000, 1\.0000, 1\.0000, 1\.0000, 1\.0000, 1\.0000$/m);

  // The feature maps the text speaks of are drawn: input 0's 8 channels after the convolution, the ReLU and the pool.
  const activations = cellView(run, 4, "application/vnd.nnbook.activations+json") as { layers: { kind: string; maps?: { channels: number[]; shape: number[] } }[] };
  const mapped = activations.layers.filter((l) => l.maps).map((l) => `${l.kind} ${l.maps!.channels.length}×${l.maps!.shape.join("×")}`);
  assert.deepEqual(mapped, ["Conv2d 8×8×8", "ReLU 8×8×8", "MaxPool2d 8×4×4"]);
});
