import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("10. one hidden layer fits a sine better as it widens; a ReLU network built by hand; what the theorem does not promise", () => {
  const run = runLesson("10-universal-approximation.nnbook", `
    // The target: sin x at 200 points of [−π, π].
    check(sine.length === 200 && Math.abs(x.min().item() + Math.PI) < 1e-6 && Math.abs(x.max().item() - Math.PI) < 1e-6, "200 points of [−π, π]");

    // One tanh unit is monotone: it misses the ends of the sine by about 0.72.
    check(one.net[0].weight.shape.join() === "1,1" && one.loss > 0.05 && one.maxError > 0.7, "one unit: MSE " + one.loss + ", max error " + one.maxError);

    // tanh: the final loss falls at every widening, the widest far below the narrowest, and within a tolerance of the sine.
    const tanhLosses = tanhFits.map((f: { loss: number }) => f.loss);
    check(tanhFits.map((f: { width: number }) => f.width).join() === "1,2,4,8,32", "widths 1, 2, 4, 8, 32");
    for (let i = 1; i < tanhLosses.length; i++) check(tanhLosses[i] < tanhLosses[i - 1], "tanh loss falls with width: " + tanhLosses.join(" "));
    check(tanhLosses[4] < tanhLosses[0] / 1000, "32 tanh units more than 1,000× below one: " + tanhLosses.join(" "));
    check(tanhFits[4].maxError < 0.01, "32 tanh units within 0.01 of the sine everywhere: " + tanhFits[4].maxError);
    check(tanhFits[0].maxError > 0.7 && tanhFits[1].maxError > 0.3 && tanhFits[2].maxError > 0.1 && tanhFits[3].maxError < 0.02, "misses by 0.72, 0.38, 0.15, then lies on the sine");
    check(Math.abs(tanhFits[0].loss - one.loss) < 1e-9, "the one-unit fit of the first cell is the first of the five");

    // ReLU: falls too; the single unit is dead, so the network is the constant 0 and its loss is the mean of sin².
    const reluLosses = reluFits.map((f: { loss: number }) => f.loss);
    check(reluLosses[4] < reluLosses[0] / 1000 && reluLosses[4] < reluLosses[3] && reluLosses[3] < reluLosses[1], "ReLU loss falls with width: " + reluLosses.join(" "));
    for (let i = 0; i < 5; i++) check(reluLosses[i] > tanhLosses[i], "ReLU above tanh at width " + widths[i]);
    const meanSin2 = x.sin().pow(2).mean().item();
    check(Math.abs(reluLosses[0] - meanSin2) < 1e-4 && Math.abs(meanSin2 - 0.4975) < 1e-4, "one dead ReLU: loss = mean sin² = " + meanSin2);
    const single = reluFits[0].net;
    check(single[0].weight.item() < 0 && -single[0].bias.item() / single[0].weight.item() < -4.5, "its ramp is on only for x < −4.5");

    // The 8-unit ReLU network taken apart: its ramps and its kinks.
    check(on.length === 8 && kinks === on.filter((n: number) => n > 0 && n < 200).length, "kinks counted from where the units are on");
    check(kinks === 6 && on.filter((n: number) => n === 0).length === 2, "six kinks, two dead units: " + on.join(" "));
    check(on[5] === 0 && on[7] === 0, "units 6 and 8 are the dead ones");
    const kinkAt = Array.from(b.neg().div(w).data);
    check([1.32, 1.34].every((k) => kinkAt.some((c: number) => Math.abs(c - k) < 0.005)), "two kinks at 1.32 and 1.34: " + kinkAt.join(" "));
    const summed = ramps.mul(v).sum(1, true).add(relu8[2].bias.detach());
    check(summed.sub(noGrad(() => relu8(x))).abs().max().item() < 1e-5, "the network is the sum of its ramps plus the bias");

    // Built by hand: the broken line through the knots, within π²/(2n²) of the sine.
    for (const n of [4, 8, 32]) {
      const net = interpolant(n, -Math.PI, Math.PI, (t: Tensor) => t.sin());
      const knots = linspace(-Math.PI, Math.PI, n + 1).reshape(n + 1, 1);
      check(noGrad(() => net(knots)).sub(knots.sin()).abs().max().item() < 1e-5, n + " units: the broken line passes through the knots");
      const err = maxErrorOf(net, sine), bound = Math.PI ** 2 / (2 * n * n);
      check(err <= bound && (n < 8 || err > 0.9 * bound), n + " units: max error " + err + " under its bound " + bound + (n < 8 ? "" : ", and near it"));
    }
    check(Math.abs(interpolant(4, -Math.PI, Math.PI, (t: Tensor) => t.sin())(tensor([[0.8807]])).item() - 0.5607) < 1e-3, "4 units: the chord 2x/π on [0, π/2]");
    check(maxErrorOf(interpolant(32, -Math.PI, Math.PI, (t: Tensor) => t.sin()), sine) * 2.5 < reluFits[4].maxError, "the hand-built 32 units closer than the trained ones");
    check(maxErrorOf(interpolant(4, -Math.PI, Math.PI, (t: Tensor) => t.sin()), sine) > reluFits[2].maxError, "with 4 units training does better than the broken line");
    check(Math.ceil(Math.PI / Math.sqrt(0.02)) === 23, "23 units for ε = 0.01");

    // Two periods: the same 32 ReLU units, eight seeds; half stuck far above the others, the hand-built network below all.
    const losses = seedFits.map((f: { loss: number }) => f.loss);
    const stuck = losses.filter((l: number) => l > 0.05), good = losses.filter((l: number) => l < 0.005);
    check(stuck.length === 4 && good.length === 4, "four seeds stuck, four fit: " + losses.join(" "));
    check(Math.min(...stuck) > 15 * Math.max(...good), "the stuck ones 20 to 40 times higher");
    check(seedFits[0].loss > 0.05 && seedFits[3].loss < 0.005, "seed 0 stuck, seed 3 not (the two plotted)");
    check(seedFits[0].run.loss[999] - seedFits[0].loss < 0.05 * seedFits[0].loss, "seed 0's loss barely moves over the last 1,000 steps");
    check(Math.abs(noGrad(() => seedFits[0].net(x2.slice(0, 0, 1))).item()) > 1, "seed 0 off by more than 1 at x = −2π");
    // Seed 0 draws one straight line left of about x = −1.2: its second differences there are 0.
    const left = noGrad(() => seedFits[0].net(x2)).flatten().slice(0, 0, 78);   // x from −2π to about −1.3
    const second = left.slice(0, 2).sub(left.slice(0, 1, -1).mul(2)).add(left.slice(0, 0, -2));
    check(second.abs().max().item() < 1e-4 && x2.get(77, 0) < -1.2, "seed 0 is straight left of x = " + x2.get(77, 0) + ": " + second.abs().max().item());
    const handMse = noGrad(() => hand2(x2).sub(sine2.y).pow(2).mean().item());
    check(maxErrorOf(hand2, sine2) <= Math.PI ** 2 / 512 && handMse < Math.min(...good) / 10, "by hand: within π²/512, and ten times below the best seed: " + handMse);

    // Outside [−π, π] neither network follows the sine: ReLU runs off on a straight line, tanh flattens.
    const outside = far.abs().gt(2 * Math.PI);
    const reluFar = noGrad(() => reluFits[4].net(far)), tanhFar = noGrad(() => tanhFits[4].net(far));
    check(reluFar.sub(far.sin()).abs().mul(outside).max().item() > 3, "ReLU far off outside");
    check(tanhFar.sub(far.sin()).abs().mul(outside).max().item() > 1, "tanh far off outside");
    check(Math.abs(reluFar.at(-1).item()) > 5 && Math.abs(reluFar.at(0).item()) > 5, "ReLU near ±6 at ±3π");
    const tail = tanhFar.slice(0, 280, 300);
    check(tail.max().item() - tail.min().item() < 0.1, "tanh nearly constant at the far end");
    const inside = far.abs().le(Math.PI);
    check(reluFar.sub(far.sin()).abs().mul(inside).max().item() < 0.05 && tanhFar.sub(far.sin()).abs().mul(inside).max().item() < 0.05, "both on the sine inside");
  `);
  assertLesson(run);
  assert.match(cellText(run, 4), /^points where each unit is on: [\d, ]+; 6 kinks among the points, 7 pieces$/m);
  assert.match(cellText(run, 6), /^seed 0: 7\.3e-2, /m);
});
