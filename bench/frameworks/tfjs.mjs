// TensorFlow.js on its "cpu" (plain JavaScript kernels) or "wasm" backend, trained the
// idiomatic fast way: variables and optimizer.minimize, which runs forward, loss,
// gradients and update inside one tidy scope. matMul + add, not tf.fused.matMul: the
// fused op's gradient also computes ∂/∂input for the data batch, which makes W1 1.4–1.6×
// slower.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export async function load({ backend }) {
  const { tf, info } = await initTf(backend);
  // tfjs 4.22's wasm backend has no convolution gradients (Conv2DBackpropFilter is not registered); its cpu
  // backend multiplies at about 0.5 GFLOP/s, four seconds for one product of W4.
  const supports = (w) => (backend === "wasm" ? w.kind !== "cnn" : w.kind !== "matmul");
  return { info, supports, build: (w, batches, weights) => (w.kind === "matmul" ? product(tf, w, batches[0]) : build(tf, w, batches, weights)) };
}

/** TensorFlow.js with `backend` active, and what it reports about that backend. */
export async function initTf(backend) {
  const tf = await import("@tensorflow/tfjs");
  tf.enableProdMode(); // production setting; in 4.x it only silences warnings (DEBUG checks are off by default)
  const info = { name: `tfjs-${backend}`, tfjs: tf.version.tfjs };
  if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // In Node the binaries must be given as a file path, or the backend tries to fetch them.
    const dir = path.dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
    wasm.setWasmPaths(dir + path.sep);
    // Note which binary the backend actually reads (plain, SIMD or threaded SIMD).
    const read = fs.readFileSync;
    fs.readFileSync = function (file, ...rest) {
      if (String(file).endsWith(".wasm")) info.wasmBinary = path.basename(String(file));
      return read.call(this, file, ...rest);
    };
    try {
      await tf.setBackend("wasm");
      await tf.ready();
    } finally {
      fs.readFileSync = read;
    }
    info.simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    info.threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
    info.threadsCount = wasm.getThreadsCount();
  } else {
    await tf.setBackend(backend);
    await tf.ready();
  }
  info.backend = tf.getBackend();
  if (info.backend !== backend) throw new Error(`tfjs: asked for the ${backend} backend but ${info.backend} is active`);
  return { tf, info };
}

function build(tf, w, batches, weights) {
  const conv = w.kind === "cnn" ? convParams(tf, w, weights[0]) : null;
  const params = weights.filter((l) => !l.conv).map((l) => {
    const wt = new Float32Array(l.nIn * l.nOut); // [in, out], so the forward pass is x·W
    for (let j = 0; j < l.nOut; j++) for (let p = 0; p < l.nIn; p++) wt[p * l.nOut + j] = l.weight[j * l.nIn + p];
    return { W: tf.variable(tf.tensor2d(wt, [l.nIn, l.nOut])), b: tf.variable(tf.tensor1d(l.bias)) };
  });
  const vars = [...(conv ? [conv.filter, conv.b] : []), ...params.flatMap((p) => [p.W, p.b])];
  const nIn = w.sizes[0], nOut = w.sizes[w.sizes.length - 1];
  const s = w.conv?.size;
  const data = batches.map(({ x, y }) => ({
    // tfjs convolves NHWC: the [N, 1, H, W] images are transposed once, here.
    x: conv ? tf.tidy(() => tf.transpose(tf.tensor4d(x, [w.batch, w.conv.inChannels, s, s]), [0, 2, 3, 1])) : tf.tensor2d(x, [w.batch, nIn]),
    // softmaxCrossEntropy takes one-hot labels: made once here, not per step.
    y: w.loss === "ce" ? tf.tidy(() => tf.oneHot(tf.tensor1d(y, "int32"), nOut).toFloat()) : tf.tensor2d(y, [w.batch, nOut]),
  }));
  const optimizer = tf.train.sgd(w.lr);

  const forward = (x) => {
    let h = x;
    if (conv) {
      h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, conv.filter, 1, w.conv.padding), conv.b)), 2, 2, "valid");
      // Flattened in PyTorch's [C, H, W] order, so the linear layer's weights mean the same.
      h = tf.reshape(tf.transpose(h, [0, 3, 1, 2]), [w.batch, nIn]);
    }
    params.forEach((p, i) => {
      h = tf.add(tf.matMul(h, p.W), p.b);
      if (w.acts[i] === "relu") h = tf.relu(h);
      else if (w.acts[i] === "tanh") h = tf.tanh(h);
      else if (w.acts[i] === "sigmoid") h = tf.sigmoid(h);
    });
    return h;
  };
  const lossOf = ({ x, y }) =>
    w.loss === "ce" ? tf.losses.softmaxCrossEntropy(y, forward(x)) : tf.losses.meanSquaredError(y, forward(x));

  let next = 0;
  return {
    train(steps) {
      for (let s = 0; s < steps; s++) {
        const batch = data[next];
        next = (next + 1) % data.length;
        optimizer.minimize(() => lossOf(batch), false, vars);
      }
      vars[vars.length - 1].dataSync(); // both backends run synchronously; this makes sure
    },
    loss() {
      return tf.tidy(() => lossOf(data[0]).dataSync()[0]);
    },
    tensors() {
      return tf.memory().numTensors;
    },
    dispose() {
      tf.dispose([...vars, ...data.flatMap((b) => [b.x, b.y])]);
      optimizer.dispose();
    },
  };
}

/** nn.Conv2d's weight [out, in, k, k] as a tfjs filter [k, k, in, out], and its bias. */
function convParams(tf, w, l) {
  const { inChannels: ci, outChannels: co, kernel: k } = w.conv;
  const f = new Float32Array(l.weight.length);
  for (let o = 0; o < co; o++)
    for (let c = 0; c < ci; c++)
      for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) f[((y * k + x) * ci + c) * co + o] = l.weight[((o * ci + c) * k + y) * k + x];
  return { filter: tf.variable(tf.tensor4d(f, [k, k, ci, co])), b: tf.variable(tf.tensor1d(l.bias)) };
}

/** One tf.matMul per step, read back so the work is done; the "loss" is the sum of the last result. */
function product(tf, w, { x, y }) {
  const a = tf.tensor2d(x, [w.m, w.k]), b = tf.tensor2d(y, [w.k, w.n]);
  let last = null;
  return {
    train(steps) {
      for (let s = 0; s < steps; s++) {
        const c = tf.matMul(a, b);
        last = c.dataSync();
        c.dispose();
      }
    },
    loss: () => last.reduce((sum, v) => sum + v, 0),
    tensors: () => tf.memory().numTensors,
    dispose: () => tf.dispose([a, b]),
  };
}
