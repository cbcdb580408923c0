import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("4. MSE, BCE and cross-entropy by their worked numbers; at z = −6 BCE's gradient is 200 times MSE's, and in training BCE wins", () => {
  const run = runLesson("04-losses.nnbook", `
    const near = (a: number, b: number, tol = 1e-6) => Math.abs(a - b) <= tol;
    // The worked numbers.
    check(near(nn.MSELoss()(pred, target).item(), 0.17) && near(nn.MSELoss({ reduction: "sum" })(pred, target).item(), 0.51, 1e-5), "MSE of the example is 0.17 (sum 0.51)");
    const bce = nn.BCELoss()(p, y).item();
    check(near(bce, (-Math.log(0.9) - Math.log(0.8) - Math.log(0.6)) / 3, 1e-6) && near(bce, 0.2798, 1e-4), "BCE of the example is 0.2798: " + bce);
    check(Array.from(terms.data).every((t: number, i: number) => near(t, -Math.log([0.9, 0.8, 0.6][i]), 1e-6)), "the BCE terms are −log 0.9, −log 0.8, −log 0.6");
    check(near(nn.BCEWithLogitsLoss()(logits, y).item(), bce, 1e-6), "BCEWithLogitsLoss on log(p / (1 − p)) is BCELoss on p");
    const ce = nn.CrossEntropyLoss()(scores, label).item();
    check(near(ce, -2 + Math.log(Math.exp(2) + Math.exp(1) + Math.exp(0.5)), 1e-6) && near(ce, 0.4644, 1e-4), "cross-entropy of (2, 1, 0.5), class 0, is 0.4644: " + ce);
    check(near(F.crossEntropy(scores, label).item(), ce) && near(F.binaryCrossEntropy(p, y).item(), bce) && near(F.mseLoss(pred, target).item(), 0.17), "F's forms agree with the modules");

    // The gradient at z = −6, target 1, against the closed forms.
    const sg = 1 / (1 + Math.exp(6)), dsg = sg * (1 - sg);
    check(Math.abs(gMse / (2 * (sg - 1) * dsg) - 1) < 1e-5 && near(gMse, -0.0049208, 1e-7), "MSE: ∂L/∂z = 2(σ − y)σ' = −0.00492: " + gMse);
    check(near(gBce, sg - 1, 1e-6) && near(gBce, -0.9975274, 1e-6), "BCE: ∂L/∂z = σ − y = −0.99753: " + gBce);
    check(Math.abs(gBce / gMse - 1 / (2 * dsg)) < 0.05 && Math.round(gBce / gMse) === 203, "BCE's gradient is 1 / (2σ') ≈ 203 times MSE's: " + gBce / gMse);
    const zz = Array.from(linspace(-10, 4, 141).data), mseCurve = Array.from(slope(nn.MSELoss({ reduction: "sum" })).data), bceCurve = Array.from(slope(nn.BCELoss({ reduction: "sum" })).data);
    const sigm = (v: number) => 1 / (1 + Math.exp(-v));
    check(zz.every((v, i) => near(mseCurve[i], 2 * (1 - sigm(v)) * sigm(v) * (1 - sigm(v)), 1e-5) && near(bceCurve[i], 1 - sigm(v), 1e-5)), "the plotted gradients are the closed forms");
    check(mseCurve[0] < 2e-4 && bceCurve[0] > 0.99, "far on the wrong side MSE's gradient vanishes and BCE's stays near 1");

    // Training from the bad start.
    check(near(startZ, 6, 0.2), "the start puts |z| near 6: " + startZ);
    const startAcc = noGrad(() => wrongNeuron()(blobs.x)).gt(0.5).eq(blobs.y).sum().item();
    check(startAcc === 0, "the start gets every point wrong");
    check(mseRun.epochs === 50 && bceRun.epochs === 50, "the same number of epochs");
    const bceAcc = bceRun.metrics.accuracy, mseAcc = mseRun.metrics.accuracy;
    check(bceAcc.at(-1) === 1 && bceAcc.findIndex((a: number) => a === 1) < 5, "BCE has every point right within 5 epochs: " + bceAcc.slice(0, 6).join(" "));
    check(mseAcc.at(-1) < 0.5, "MSE is still wrong after 50 epochs: " + mseAcc.at(-1));
    const m = scored("MSE", mseNet), bb = scored("BCE", bceNet);
    check(bb.MSE < m.MSE / 10 && bb.BCE < m.BCE / 10, "on both yardsticks the BCE-trained neuron is far better: " + JSON.stringify([m, bb]));
    check(mseRun.loss.at(-1) < mseRun.loss[0] && mseRun.loss.at(-1) > 0.8, "MSE's loss creeps down, no more: " + mseRun.loss[0] + " → " + mseRun.loss.at(-1));
  `);
  assertLesson(run);
  assert.match(cellText(run, 1), /^by hand: 0\.1700$/m);
  assert.match(cellText(run, 2), /^nn\.BCELoss: 0\.2798$/m);
  assert.match(cellText(run, 4), /^nn\.CrossEntropyLoss: 0\.4644$/m);
  assert.match(cellText(run, 5), /^MSE: autograd -0\.00492, formula 2\(σ - y\)σ' = -0\.00492\nBCE: autograd -0\.99753, formula σ - y = -0\.99753$/m);
});
