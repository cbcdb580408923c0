import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("3. each activation's derivative by autograd is its closed form, softmax is computed, and linear layers collapse to one", () => {
  const run = runLesson("03-activations.nnbook", `
    const near = (a: number, b: number, tol = 1e-6) => Math.abs(a - b) <= tol;
    const d = (f: (z: Tensor) => Tensor, z: number) => derivative(f, [z])[0];
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    // Autograd against the closed forms.
    check(byAutograd.every((v: number, i: number) => near(v, byFormula[i])), "σ' by autograd is σ(1 − σ): " + byAutograd.join(" "));
    check(near(d((z) => z.sigmoid(), 0), 0.25), "σ'(0) = 0.25");
    check(near(d((z) => z.sigmoid(), 1), sig(1) * (1 - sig(1))), "σ'(1) = σ(1)(1 − σ(1))");
    check(near(d((z) => z.tanh(), 0), 1), "tanh'(0) = 1");
    check(near(d((z) => z.tanh(), 1), 1 - Math.tanh(1) ** 2), "tanh'(1) = 1 − tanh²(1)");
    check(near(d((z) => z.tanh(), 2), 0.0707, 1e-4), "tanh'(2) = 0.0707");
    check(d((z) => z.relu(), -1) === 0 && d((z) => z.relu(), 0) === 0 && d((z) => z.relu(), 1) === 1, "ReLU' is 0, 0, 1 at −1, 0, 1");
    check(near(d((z) => z.leakyRelu(0.01), -1), 0.01) && d((z) => z.leakyRelu(0.01), 1) === 1, "leaky ReLU' is 0.01 and 1");
    check(near(d((z) => z.gelu(), 0), 0.5) && near(d((z) => z.gelu(), 1), 0.8413447 + 0.2419707, 1e-5), "GELU'(1) = Φ(1) + φ(1) = 1.0833");
    check(near(d((z) => z.silu(), 0), 0.5) && near(d((z) => z.silu(), 1), sig(1) * (1 + (1 - sig(1)))), "SiLU'(1) = σ(1)(1 + 1 − σ(1))");
    check(derivative((z) => z.step(), [-1, 0, 1]).every((v: number) => v === 0), "the step passes no gradient");
    const sigmoidCurve = slopes["σ'"], tanhCurve = slopes["tanh'"];
    check(Math.max(...sigmoidCurve) <= 0.25 + 1e-7 && near(Math.max(...tanhCurve), 1), "σ' peaks at 0.25, tanh' at 1");
    check(zs.toArray().every((z: number, i: number) => near(sigmoidCurve[i], sig(z) * (1 - sig(z))) && near(tanhCurve[i], 1 - Math.tanh(z) ** 2, 1e-5)), "the plotted derivatives are the formulas");

    // Softmax of (2, 1, 0.5).
    const p = Array.from(logits.softmax().data);
    check([0.629, 0.231, 0.140].every((v, i) => near(p[i], v, 5e-4)), "softmax(2, 1, 0.5) = (0.629, 0.231, 0.140): " + p.join(" "));
    const e = [2, 1, 0.5].map(Math.exp), sum = e.reduce((s, v) => s + v, 0);
    check(p.every((v, i) => near(v, e[i] / sum)) && near(sum, 11.756, 1e-3), "softmax is e^z / Σ e^z");
    const J = jacobian.toArray();
    check(J.every((row: number[], i: number) => row.every((v, j) => near(v, p[i] * ((i === j ? 1 : 0) - p[j])))), "the Jacobian is diag(p) − ppᵀ");
    check(J.every((row: number[]) => near(row.reduce((s, v) => s + v, 0), 0)), "the Jacobian's rows sum to 0");
    const q1 = Array.from(probs.select(1, 0).data), g1 = Array.from(z1.grad.data);
    check(g1.every((g, i) => near(g, q1[i] * (1 - q1[i]))) && near(Math.max(...g1), 0.25, 1e-3), "∂p₁/∂z₁ = p₁(1 − p₁), at most 0.25");

    // Two linear layers are one.
    check(gap < 1e-5, "Sequential(Linear, Linear) equals one Linear: " + gap);
    const W = l2.weight.matmul(l1.weight), bb = l2.weight.matmul(l1.bias).add(l2.bias);
    check(single.weight.sub(W).abs().max().item() < 1e-7 && single.bias.sub(bb).abs().max().item() < 1e-7, "its weight is W2·W1 and its bias W2·b1 + b2");
    const x = randn([50, 3], { seed: 5 });
    check(noGrad(() => deep(x).sub(single(x)).abs().max().item()) < 1e-5, "and on fresh inputs too");
    const bent = noGrad(() => nn.Sequential(l1, nn.Tanh(), l2)(x).sub(single(x)).abs().max().item());
    check(bent > 0.05, "with tanh between, it is no longer that linear map: " + bent);
    // The 1-D picture: a straight line without activation, bends with one.
    // Slopes along x: all one for a line, spread out for a curve.
    const spread = (t: Tensor) => { const y = Array.from(t.data), s = y.slice(1).map((v, i) => (v - y[i]) / 0.025); return Math.max(...s) - Math.min(...s); };
    check(spread(outputs["nothing between"]) < 1e-3, "no activation: a straight line");
    check(spread(outputs["tanh between"]) > 1 && spread(outputs["ReLU between"]) > 1, "tanh and ReLU bend it: " + spread(outputs["tanh between"]) + ", " + spread(outputs["ReLU between"]));
  `);
  assertLesson(run);
  assert.match(cellText(run, 1), /^autograd: 0\.1050, 0\.2500, 0\.1050, 0\.0066\nformula: {2}0\.1050, 0\.2500, 0\.1050, 0\.0066$/m);
  assert.match(cellText(run, 3), /da\/dz +0\.105 +0\.197 +0\.25 +0\.197 +0\.105/);
  assert.match(cellText(run, 9), /softmax: \[0\.629, 0\.231, 0\.140\], sum 1\.000/);
});
