// The workloads every framework trains, with the data and starting weights they share:
// all of it is made from fixed seeds here, so each framework does exactly the same steps.
import { pathToFileURL } from "node:url";

/**
 * kind: "mlp" (the default), "cnn" or "matmul" (one matrix product a·b per step, a [m, k], b [k, n]); sizes: layer widths; acts: the activation after each linear layer ("none" = raw logits);
 * loss: "ce" (softmax cross-entropy on class indices) or "mse"; batch: rows per step.
 * steps and warmup are per framework and per round, chosen so a round of the slowest
 * framework takes a few seconds at most on a 2-core machine (W1's 100 steps: 4 s on tfjs-cpu), and the
 * fastest's long enough to be steady.
 */
export const WORKLOADS = [
  {
    id: "W1",
    title: "MLP 784-128-64-10, ReLU, softmax cross-entropy, SGD lr 0.01, batch 64 (random inputs)",
    sizes: [784, 128, 64, 10], acts: ["relu", "relu", "none"], loss: "ce", lr: 0.01, batch: 64,
    data: "random", batches: 8, steps: 100, warmup: 15,
  },
  {
    id: "W2",
    title: "spiral, 3 classes × 100 points, MLP 2-16-16-3, Tanh, softmax cross-entropy, SGD lr 0.1, full batch (300 rows)",
    sizes: [2, 16, 16, 3], acts: ["tanh", "tanh", "none"], loss: "ce", lr: 0.1, batch: 300,
    data: "spiral", batches: 1, steps: 400, warmup: 300,
  },
  {
    id: "W2b",
    title: "as W2 in mini-batches of 32 rows (9 batches cycled) — per-step overhead shows here",
    sizes: [2, 16, 16, 3], acts: ["tanh", "tanh", "none"], loss: "ce", lr: 0.1, batch: 32,
    data: "spiral", batches: 9, steps: 2000, warmup: 1000,
  },
  {
    id: "W3",
    title: "XOR, MLP 2-2-1, Sigmoid hidden and output, MSE, SGD lr 0.5, full batch (4 rows)",
    sizes: [2, 2, 1], acts: ["sigmoid", "sigmoid"], loss: "mse", lr: 0.5, batch: 4,
    data: "xor", batches: 1, steps: 10000, warmup: 3000,
  },
  {
    // Not training: the product that dominates a large layer, on its own, in GFLOP/s.
    id: "W4",
    title: "matrix product 1024×1024 · 1024×1024, float32 (GFLOP/s)",
    kind: "matmul", m: 1024, k: 1024, n: 1024, sizes: [], acts: [], data: "matrices", batch: 1, batches: 1, steps: 4, warmup: 2,
  },
  {
    // One round is one epoch of the digits' training split (44 full batches of 32 of its 1,437 rows).
    id: "W5",
    title: "digits CNN: Conv2d(1, 8, 3, padding 1), ReLU, MaxPool2d(2), Linear(128, 10), softmax cross-entropy, SGD lr 0.05, batch 32",
    kind: "cnn", conv: { inChannels: 1, outChannels: 8, kernel: 3, padding: 1, size: 8 },
    sizes: [128, 10], acts: ["none"], loss: "ce", lr: 0.05, batch: 32,
    data: "digits", batches: 44, steps: 44, warmup: 44,
  },
];

export function workload(id) {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload ${id}; known: ${WORKLOADS.map((x) => x.id).join(", ")}`);
  return w;
}

/** mulberry32 uniforms in [0, 1) and Box–Muller normals. */
export function rng(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/**
 * The batches of a workload: x is [batch, inputs] row-major; for "ce" y holds class
 * indices (Int32Array [batch]), for "mse" targets (Float32Array [batch, outputs]).
 * The digits come through the engine bundle, as a cell reads them.
 */
export async function makeBatches(w, { enginePath }) {
  let digits = null;
  if (w.data === "digits") {
    const { data } = await import(pathToFileURL(enginePath).href);
    digits = digitsTrain(data);
  }
  return batchesOf(w, rng(1234), digits);
}

/** The shipped digits' training split, as the tests use it: `data.digits().normalize().split(0.8, { seed: 1 })`. */
export function digitsTrain(data) {
  const [train] = data.digits().normalize().split(0.8, { seed: 1 });
  return { rows: train.x.shape[0], x: train.x.data, y: train.y.data };
}

/**
 * The batches, from the generator `r` and (for "digits") the training split as { rows, x, y }.
 * Self-contained (it uses nothing of this module), so the cell benchmark runs its very source in a cell.
 */
export function batchesOf(w, r, digits) {
  const nIn = w.sizes[0], nOut = w.sizes[w.sizes.length - 1];
  const shuffled = (n) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r.uniform() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
  if (w.data === "random") {
    return Array.from({ length: w.batches }, () => {
      const x = new Float32Array(w.batch * nIn), y = new Int32Array(w.batch);
      for (let i = 0; i < x.length; i++) x[i] = r.uniform(); // pixel-like intensities in [0, 1)
      for (let i = 0; i < y.length; i++) y[i] = Math.floor(r.uniform() * nOut);
      return { x, y };
    });
  }
  if (w.data === "spiral") {
    // The classic spiral: class k's points lie on an arm of radius 0..1, angle 4k..4(k+1) plus noise.
    const perClass = 100, classes = nOut, n = perClass * classes;
    const px = new Float32Array(n * 2), py = new Int32Array(n);
    for (let k = 0; k < classes; k++) {
      for (let i = 0; i < perClass; i++) {
        const row = k * perClass + i, radius = i / (perClass - 1);
        const angle = 4 * k + (4 * i) / (perClass - 1) + 0.2 * r.normal();
        px[2 * row] = radius * Math.sin(angle);
        px[2 * row + 1] = radius * Math.cos(angle);
        py[row] = k;
      }
    }
    const order = shuffled(n);
    return Array.from({ length: w.batches }, (_, b) => {
      const x = new Float32Array(w.batch * 2), y = new Int32Array(w.batch);
      for (let i = 0; i < w.batch; i++) {
        const row = order[(b * w.batch + i) % n];
        x[2 * i] = px[2 * row];
        x[2 * i + 1] = px[2 * row + 1];
        y[i] = py[row];
      }
      return { x, y };
    });
  }
  if (w.data === "matrices") {
    const x = new Float32Array(w.m * w.k), y = new Float32Array(w.k * w.n);
    for (let i = 0; i < x.length; i++) x[i] = r.uniform();
    for (let i = 0; i < y.length; i++) y[i] = r.uniform();
    return [{ x, y }];
  }
  if (w.data === "xor") {
    return [{ x: Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1), y: Float32Array.of(0, 1, 1, 0) }];
  }
  if (w.data === "digits") {
    // Rows shuffled once, cut into full batches of images [batch, 1, 8, 8].
    const pixels = w.conv.size * w.conv.size, order = shuffled(digits.rows);
    if (w.batches * w.batch > digits.rows) throw new Error(`${w.id}: ${w.batches} batches of ${w.batch} need more than the ${digits.rows} rows`);
    return Array.from({ length: w.batches }, (_, b) => {
      const x = new Float32Array(w.batch * pixels), y = new Int32Array(w.batch);
      for (let i = 0; i < w.batch; i++) {
        const row = order[b * w.batch + i];
        x.set(digits.x.subarray(row * pixels, (row + 1) * pixels), i * pixels);
        y[i] = digits.y[row];
      }
      return { x, y };
    });
  }
  throw new Error(`unknown data ${w.data}`);
}

/**
 * Starting weights as PyTorch draws them: U(−1/√fanIn, 1/√fanIn) for nn.Linear (weight [out, in]) and, for a
 * CNN, first its nn.Conv2d (weight [out, in, k, k], fanIn = in·k·k) as `conv` with nIn = fanIn.
 */
export function initialWeights(w) {
  const r = rng(42);
  if (w.kind === "matmul") return [];
  const layers = [];
  if (w.kind === "cnn") {
    const { inChannels, outChannels, kernel } = w.conv, fanIn = inChannels * kernel * kernel, bound = 1 / Math.sqrt(fanIn);
    const weight = new Float32Array(outChannels * fanIn), bias = new Float32Array(outChannels);
    for (let j = 0; j < weight.length; j++) weight[j] = (2 * r.uniform() - 1) * bound;
    for (let j = 0; j < bias.length; j++) bias[j] = (2 * r.uniform() - 1) * bound;
    layers.push({ conv: true, nIn: fanIn, nOut: outChannels, weight, bias });
  }
  for (let i = 0; i + 1 < w.sizes.length; i++) {
    const nIn = w.sizes[i], nOut = w.sizes[i + 1], bound = 1 / Math.sqrt(nIn);
    const weight = new Float32Array(nOut * nIn), bias = new Float32Array(nOut);
    for (let j = 0; j < weight.length; j++) weight[j] = (2 * r.uniform() - 1) * bound;
    for (let j = 0; j < bias.length; j++) bias[j] = (2 * r.uniform() - 1) * bound;
    layers.push({ nIn, nOut, weight, bias });
  }
  return layers;
}
