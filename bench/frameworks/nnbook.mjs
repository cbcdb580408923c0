// nnbook's engine, used as a notebook cell would use it: nn.Sequential, a loss module,
// optim.SGD, backward(); for the CNN workload nn.Conv2d, nn.MaxPool2d and nn.Flatten before the linear layers. `enginePath` is the esbuild bundle of src/engine/index.ts.
import { pathToFileURL } from "node:url";

export async function load({ enginePath }) {
  const engine = await import(pathToFileURL(enginePath).href);
  return { info: { name: "nnbook" }, build: (w, batches, weights) => build(engine, w, batches, weights) };
}

function build({ Tensor, nn, optim, noGrad, manualSeed }, w, batches, weights) {
  if (w.kind === "matmul") return product(Tensor, w, batches[0]);
  manualSeed(0);
  const layers = [];
  const linears = weights.filter((l) => !l.conv);
  if (w.kind === "cnn") {
    const { inChannels, outChannels, kernel, padding } = w.conv;
    const conv = nn.Conv2d(inChannels, outChannels, kernel, { padding });
    conv.weight.data.set(weights[0].weight);
    conv.bias.data.set(weights[0].bias);
    layers.push(conv, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten());
  }
  linears.forEach((l, i) => {
    const linear = nn.Linear(l.nIn, l.nOut);
    linear.weight.data.set(l.weight);
    linear.bias.data.set(l.bias);
    layers.push(linear);
    if (w.acts[i] === "relu") layers.push(nn.ReLU());
    else if (w.acts[i] === "tanh") layers.push(nn.Tanh());
    else if (w.acts[i] === "sigmoid") layers.push(nn.Sigmoid());
  });
  const net = nn.Sequential(...layers);
  const lossFn = w.loss === "ce" ? nn.CrossEntropyLoss() : nn.MSELoss();
  const opt = optim.SGD(net.parameters(), { lr: w.lr });
  const nIn = w.sizes[0], nOut = w.sizes[w.sizes.length - 1];
  const xShape = w.kind === "cnn" ? [w.batch, w.conv.inChannels, w.conv.size, w.conv.size] : [w.batch, nIn];
  const data = batches.map(({ x, y }) => ({
    x: new Tensor(x, xShape),
    y: w.loss === "ce" ? new Tensor(Float32Array.from(y), [w.batch]) : new Tensor(y, [w.batch, nOut]),
  }));

  let next = 0;
  return {
    train(steps) {
      for (let s = 0; s < steps; s++) {
        const { x, y } = data[next];
        next = (next + 1) % data.length;
        opt.zeroGrad();
        const loss = lossFn.forward(net.forward(x), y);
        loss.backward();
        opt.step();
      }
    },
    loss() {
      return noGrad(() => lossFn.forward(net.forward(data[0].x), data[0].y).item());
    },
  };
}

/** One matrix product per step; the "loss" is the sum of the last result, to check all frameworks computed the same. */
function product(Tensor, w, { x, y }) {
  const a = new Tensor(x, [w.m, w.k]), b = new Tensor(y, [w.k, w.n]);
  let c = null;
  return {
    train(steps) {
      for (let s = 0; s < steps; s++) c = a.matmul(b);
    },
    loss: () => (c ?? a.matmul(b)).data.reduce((sum, v) => sum + v, 0),
  };
}
