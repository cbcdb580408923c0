import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("5. a 2-4-1 MLP solves XOR, the forward pass is X Wᵀ + b, and hand backpropagation equals autograd", () => {
  const run = runLesson("05-backpropagation.nnbook", `
    const rightSide = (out: Tensor) => Array.from(out.data).every((v: number, i: number) => (v > 0.5) === (xor.y.data[i] === 1));
    // XOR learned: 100 % accuracy, every output on the right side of 0.5 by a wide margin.
    check(run.metrics.accuracy.at(-1) === 1, "100 % accuracy on XOR");
    check(rightSide(outputs) && Array.from(outputs.data).every((v: number) => Math.abs(v - 0.5) > 0.4), "outputs on the right side of 0.5: " + Array.from(outputs.data).join(" "));
    check(net.parameters().reduce((n: number, p: Tensor) => n + p.numel(), 0) === 17, "17 parameters");

    // The forward pass by hand is the model's.
    check(forwardGap < 1e-6, "X W1ᵀ + b1 → tanh → W2ᵀ + b2 → σ equals net(x): " + forwardGap);
    check(forward.z1.shape.join() === "4,4" && forward.a2.shape.join() === "4,1", "shapes [4,4] and [4,1]");

    // Hand gradients against autograd, on the starting network, for every parameter.
    const named = start.namedParameters();
    check(named.length === 4 && named.every(([name]: [string, Tensor]) => name in byHand), "a hand gradient for every parameter");
    for (const [name, p] of named) {
      const g = p.grad as Tensor, mine = byHand[name] as Tensor;
      check(mine.shape.join() === p.shape.join(), name + ": the hand gradient has the parameter's shape [out, in]");
      const diff = mine.sub(g).abs().max().item(), size = g.abs().max().item();
      check(size > 5e-3, name + ": a gradient worth checking, " + size);
      check(diff < 1e-6 && diff < 1e-5 * size, name + ": hand equals autograd, difference " + diff);
    }
    check(worst < 1e-6, "the printed largest difference is below 1e-6: " + worst);

    // backprop is right in general, not only at these weights: a random network on random labelled points.
    manualSeed(7);
    const other = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid());
    const x = randn([16, 2]), y = rand([16, 1]).gt(0.5);
    other.zeroGrad();
    nn.BCELoss()(other(x), y).backward();
    const hand = backprop(other, x, y).grads;
    for (const [name, p] of other.namedParameters()) {
      const diff = hand[name].sub(p.grad).abs().max().item();
      check(diff < 1e-6, "random network, " + name + ": " + diff);
    }

    // Trained with the hand gradients alone: XOR solved.
    check(handLosses.length === 3000 && handLosses.at(-1) < 0.01 && handLosses.at(-1) < handLosses[0] / 100, "hand training: loss " + handLosses[0] + " → " + handLosses.at(-1));
    check(rightSide(mineOut), "hand-trained outputs on the right side of 0.5: " + Array.from(mineOut.data).join(" "));
  `);
  assertLesson(run);
  assert.match(cellText(run, 2), /^loss 0\.0\d+, accuracy 100 %$/m);
  assert.match(cellText(run, 5), /^largest difference over all 17 gradients: \d\.\de-(9|10|11)$/m);
  // show.backprop follows the example (1, 1): every weight of the first layer gets a gradient.
  const steps = cellText(run, 7);
  assert.match(steps, /a\[0\] = x = \[1, 1\], y = \[0\]/);
  assert.match(steps, /∂L\/∂W\[1\] = δ\[1\] a\[0\]ᵀ = \[\[-?0\.\d+/);
  assert.match(cellText(run, 6), /loss = binary_cross_entropy/);
});
