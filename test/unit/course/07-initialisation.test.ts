import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLesson, cellText, runLesson } from "./lesson";

test("7. zero and constant starts keep units identical, Xavier and He have their variances, and deep sigmoids' gradients vanish", () => {
  const run = runLesson("07-initialisation.nnbook", `
    const near = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.abs(b);
    const rowsIdentical = (data: ArrayLike<number>, rows: number, cols: number) => {
      for (let r = 1; r < rows; r++) for (let c = 0; c < cols; c++) if (data[r * cols + c] !== data[c]) return false;
      return true;
    };

    // Zeros: nothing moves, the loss stays log 2.
    check(zeroNet.parameters().every((p: Tensor) => p.abs().max().item() === 0), "every zero-init parameter is still 0");
    check(zeroRun.loss.every((l: number) => near(l, Math.log(2), 1e-6)) && zeroRun.metrics.accuracy.at(-1) === 0.5, "the loss stays log 2");

    // A constant start: the weights move, but every hidden unit stays a copy of the others, at every recorded epoch.
    const [w1, b1, w2] = sameNet.parameters();
    check(unitGap === 0 && rowsIdentical(w1.data, 8, 2), "the 8 rows of 0.weight are identical after training");
    check(b1.sub(b1.at(0)).abs().max().item() === 0 && w2.sub(w2.get(0, 0)).abs().max().item() === 0, "0.bias and 2.weight: one value each");
    check(w1.sub(0.1).abs().max().item() > 0.5, "the weights did move from 0.1");
    const snaps = sameRun.snapshots.filter((s: { weights?: unknown }) => s.weights);
    check(snaps.length > 50, "weights recorded: " + snaps.length);
    for (const s of snaps) {
      const w = s.weights.find((x: { name: string }) => x.name === "0.weight"), v = s.weights.find((x: { name: string }) => x.name === "2.weight");
      check(rowsIdentical(w.data, 8, 2) && rowsIdentical(v.data, 8, 1), "identical units at epoch " + s.epoch);
    }
    check(sameRun.metrics.accuracy.at(-1) < 0.7 && randomRun.metrics.accuracy.at(-1) >= 0.95, "one line (" + sameRun.metrics.accuracy.at(-1) + ") against a random start (" + randomRun.metrics.accuracy.at(-1) + ")");

    // The variance formulas: the lesson's measurements, and the functions on another shape.
    for (const m of measured) check(near(m["measured std"], m["std by the formula"], 0.02), m.scheme + ": " + m["measured std"] + " vs " + m["std by the formula"]);
    manualSeed(5);
    const shape = () => zeros(300, 700);   // fan_in 700, fan_out 300
    check(near(nn.init.xavierNormal(shape()).std().item(), Math.sqrt(2 / 1000), 0.02), "Xavier normal: Var = 2/(fan_in + fan_out)");
    check(near(nn.init.xavierUniform(shape()).std().item(), Math.sqrt(2 / 1000), 0.02), "Xavier uniform: the same variance");
    check(near(nn.init.heNormal(shape()).std().item(), Math.sqrt(2 / 700), 0.02), "He normal: Var = 2/fan_in");
    check(near(nn.init.kaimingUniform(shape()).std().item(), Math.sqrt(2 / 700), 0.02), "He uniform: the same variance");
    check(near(nn.Linear(700, 300).weight.std().item(), Math.sqrt(1 / 2100), 0.02), "nn.Linear's default: Var = 1/(3 fan_in)");
    // PyTorch's values quoted in the text are the formulas'.
    check(near(0.0511, Math.sqrt(2 / 768), 0.002) && near(0.0626, Math.sqrt(2 / 512), 0.002), "PyTorch's 0.0511 and 0.0626");

    // Ten ReLU layers: the std of z changes by √(n Var(w) / 2) per layer.
    const perLayer = (v: number[]) => (v[9] / v[0]) ** (1 / 9);
    const predicted: Record<string, number> = { "N(0, 0.01²)": Math.sqrt(256 * 1e-4 / 2), "PyTorch default": Math.sqrt(1 / 6), "Xavier": Math.sqrt(1 / 2), "He": 1, "N(0, 1)": Math.sqrt(128) };
    for (const [name, f] of Object.entries(predicted)) check(near(perLayer(zStd[name]), f, 0.1), name + ": " + perLayer(zStd[name]) + " per layer against " + f);
    check(zStd["N(0, 0.01²)"][9] < 1e-9 && zStd["N(0, 1)"][9] > 1e10 && near(zStd["He"][9], Math.SQRT2, 0.25), "vanished, exploded, kept");
    check(near(1 / zStd["PyTorch default"][9], 5000, 0.25) && near(1 / zStd["Xavier"][9], 25, 0.2), "the default loses about 5,000, Xavier 25");

    // Deep nets: the sigmoid one does not learn, ReLU + He does.
    check(sigmoidRun.loss.at(-1) > 0.69 && sigmoidRun.metrics.accuracy.at(-1) <= 0.6, "the sigmoid net stays at log 2: " + sigmoidRun.loss.at(-1));
    check(reluRun.loss.at(-1) < 0.1 && reluRun.metrics.accuracy.at(-1) >= 0.95, "ReLU + He learns: " + reluRun.loss.at(-1));
    // Gradient sizes read from the history: first layer orders of magnitude below the last for the sigmoids.
    check(sigmoidSizes.length === 10 && reluSizes.length === 10, "ten weight matrices");
    check(sigmoidRatio < 1e-6 && sigmoidRatio > 1e-10, "sigmoid: first/last " + sigmoidRatio);
    check(sigmoidSizes.every((s: number, i: number) => i === 0 || s > sigmoidSizes[i - 1]), "sigmoid: each layer's gradient below the next one's");
    check(reluRatio > 0.1, "ReLU + He: first/last " + reluRatio);
    // The same at one recorded epoch, straight from the snapshots.
    const at = (h: History, k: number) => {
      const g = h.snapshots.filter((s) => s.gradients)[k].gradients!;
      return g.find((x) => x.name === "0.weight")!.meanAbs / g.find((x) => x.name === "18.weight")!.meanAbs;
    };
    check(at(sigmoidRun, 0) < 1e-5 && at(sigmoidRun, 50) < 1e-5 && at(reluRun, 0) > 0.05, "at single epochs too: " + [at(sigmoidRun, 0), at(sigmoidRun, 50), at(reluRun, 0)]);
    // Forwards, the deep sigmoid net has forgotten its input.
    const spread = (net: nn.Module) => noGrad(() => net(circles.x)).std().item();
    check(spread(sigmoidNet) < 1e-6 && spread(reluNet) > 0.1, "output spread: sigmoid " + spread(sigmoidNet) + ", ReLU " + spread(reluNet));
  `);
  assertLesson(run);
  assert.match(cellText(run, 1), /^loss 0\.6931 → 0\.6931, accuracy 0\.5$/m);
  assert.match(cellText(run, 2), /^largest difference between hidden unit 0 and the others: 0$/m);
  assert.match(cellText(run, 7), /^Vanishing gradients: mean \|∂L\/∂W\| of layers 0, 2/m);
  assert.match(cellText(run, 8), /^Gradients reach every layer/m);
  assert.match(cellText(run, 9), /^first layer \/ last layer: sigmoid \d\.\de-\d+, ReLU \+ He \d+\.\d\d$/m);
});
