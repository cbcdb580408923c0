// The baseline: the same MLP written out by hand in plain JavaScript loops over
// Float32Arrays (float32 like the others), with every buffer allocated once. No library,
// no unrolling: what straightforward code with a sensible loop order gets from V8.

export async function load() {
  // Only the MLPs are written out by hand; a CNN by hand is not the "no framework" baseline any more.
  return { info: { name: "plain JS (hand-written)" }, build, supports: (w) => (w.kind ?? "mlp") === "mlp" };
}

function build(w, batches, weights) {
  const B = w.batch, last = weights.length - 1;
  const layers = weights.map((l, i) => ({
    nIn: l.nIn,
    nOut: l.nOut,
    act: w.acts[i],
    W: Float32Array.from(l.weight), // [out, in], as nn.Linear
    b: Float32Array.from(l.bias),
    dW: new Float32Array(l.weight.length),
    db: new Float32Array(l.nOut),
    x: null, // the input this layer saw
    y: new Float32Array(B * l.nOut), // its output, after the activation
    dy: new Float32Array(B * l.nOut), // ∂loss/∂(its pre-activation)
    dx: i > 0 ? new Float32Array(B * l.nIn) : null,
  }));

  function forward(x) {
    let a = x;
    for (const L of layers) {
      const { W, b, y, nIn: k, nOut: n } = L;
      L.x = a;
      for (let r = 0; r < B; r++) {
        const ar = r * k, yr = r * n;
        for (let j = 0; j < n; j++) {
          const wj = j * k;
          let s = b[j];
          for (let p = 0; p < k; p++) s += a[ar + p] * W[wj + p];
          y[yr + j] = s;
        }
      }
      if (L.act === "relu") for (let i = 0; i < y.length; i++) y[i] = y[i] > 0 ? y[i] : 0;
      else if (L.act === "tanh") for (let i = 0; i < y.length; i++) y[i] = Math.tanh(y[i]);
      else if (L.act === "sigmoid") for (let i = 0; i < y.length; i++) y[i] = 1 / (1 + Math.exp(-y[i]));
      a = y;
    }
    return a;
  }

  /** The loss of the last forward pass; fills the last layer's dy. */
  function lossAndGrad(t) {
    const L = layers[last], y = L.y, dy = L.dy, n = L.nOut;
    let loss = 0;
    if (w.loss === "ce") {
      for (let r = 0; r < B; r++) {
        const o = r * n;
        let m = -Infinity;
        for (let j = 0; j < n; j++) m = Math.max(m, y[o + j]);
        let s = 0;
        for (let j = 0; j < n; j++) s += Math.exp(y[o + j] - m);
        loss += m + Math.log(s) - y[o + t[r]];
        for (let j = 0; j < n; j++) dy[o + j] = Math.exp(y[o + j] - m) / s / B;
        dy[o + t[r]] -= 1 / B;
      }
      loss /= B;
    } else {
      const count = y.length;
      for (let i = 0; i < count; i++) {
        const d = y[i] - t[i];
        loss += d * d;
        dy[i] = (2 * d) / count;
      }
      loss /= count;
    }
    if (L.act !== "none") activationGrad(L.act, y, dy);
    return loss;
  }

  function backward() {
    for (let i = last; i >= 0; i--) {
      const { W, dW, db, dy, dx, x, nIn: k, nOut: n } = layers[i];
      dW.fill(0);
      db.fill(0);
      for (let r = 0; r < B; r++) {
        const xr = r * k, gr = r * n;
        for (let j = 0; j < n; j++) {
          const g = dy[gr + j], wj = j * k;
          db[j] += g;
          for (let p = 0; p < k; p++) dW[wj + p] += g * x[xr + p];
        }
      }
      if (dx === null) continue; // the first layer's input needs no gradient
      dx.fill(0);
      for (let r = 0; r < B; r++) {
        const xr = r * k, gr = r * n;
        for (let j = 0; j < n; j++) {
          const g = dy[gr + j], wj = j * k;
          for (let p = 0; p < k; p++) dx[xr + p] += g * W[wj + p];
        }
      }
      const below = layers[i - 1];
      below.dy.set(dx);
      activationGrad(below.act, below.y, below.dy);
    }
  }

  function update() {
    for (const { W, b, dW, db } of layers) {
      for (let i = 0; i < W.length; i++) W[i] -= w.lr * dW[i];
      for (let i = 0; i < b.length; i++) b[i] -= w.lr * db[i];
    }
  }

  let next = 0;
  return {
    train(steps) {
      for (let s = 0; s < steps; s++) {
        const { x, y } = batches[next];
        next = (next + 1) % batches.length;
        forward(x);
        lossAndGrad(y);
        backward();
        update();
      }
    },
    loss() {
      forward(batches[0].x);
      return lossAndGrad(batches[0].y);
    },
  };
}

/** dy ← dy ⊙ act'(pre-activation), written with the activation's output y. */
function activationGrad(act, y, dy) {
  if (act === "relu") for (let i = 0; i < dy.length; i++) dy[i] = y[i] > 0 ? dy[i] : 0;
  else if (act === "tanh") for (let i = 0; i < dy.length; i++) dy[i] *= 1 - y[i] * y[i];
  else if (act === "sigmoid") for (let i = 0; i < dy.length; i++) dy[i] *= y[i] * (1 - y[i]);
}
