// One layer and direction of a recurrent network (PyTorch's RNN, LSTM, GRU cells) as one autograd node: the input
// projection of every step in one matrix product, then per step the hidden product and the gates in plain loops;
// backward runs back through time with the same kernels.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc, copyOf } from "../storage";
import { mmNN, mmNT, mmTN } from "../backend/matmul";

/** The cell: "tanh" and "relu" are the plain RNN's nonlinearities. */
export type RnnMode = "tanh" | "relu" | "lstm" | "gru";

/** Gates per cell, stacked in the weights' rows as PyTorch does (LSTM i,f,g,o; GRU r,z,n). */
export const GATES: Record<RnnMode, number> = { tanh: 1, relu: 1, lstm: 4, gru: 3 };

const NAMES: Record<RnnMode, string> = { tanh: "RnnTanhBackward0", relu: "RnnReluBackward0", lstm: "LstmBackward0", gru: "GruBackward0" };

const sigmoid = (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

/** Column sums of a [rows, n] array: a bias gradient over every step and batch row (in float64 for long sequences). */
function columnSums(a: Float32Array, rows: number, n: number): Float32Array {
  const acc = new Float64Array(n);
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) acc[j] += a[r * n + j];
  return copyOf(acc);
}

/**
 * x [T, B, I], h0 [B, H] (and c0 [B, H] for the LSTM), wIh [G·H, I], wHh [G·H, H], biases [G·H] or null.
 * Returns [T (+1), B, H]: the hidden state at each time step, and for the LSTM the last cell state in row T.
 * `reverse` runs from the last step to the first (the backward direction of a bidirectional layer).
 */
export function rnnLayer(mode: RnnMode, x: Tensor, h0: Tensor, c0: Tensor | null, wIh: Tensor, wHh: Tensor, bIh: Tensor | null, bHh: Tensor | null, reverse: boolean): Tensor {
  const [T, B, I] = x.shape, H = wHh.shape[1], G = GATES[mode], GH = G * H, lstm = mode === "lstm", gru = mode === "gru";
  const X = x.data, Wih = wIh.data, Whh = wHh.data;
  const xp = alloc(T * B * GH); // W_ih x_t + b_ih for every step at once
  if (bIh) for (let r = 0; r < T * B; r++) xp.set(bIh.data, r * GH);
  mmNT(X, 0, Wih, 0, xp, 0, T * B, I, GH);
  const out = alloc((lstm ? T + 1 : T) * B * H);
  const hPrev = alloc(T * B * H); // the state each step started from, by time
  const act = alloc(T * B * GH); // gate activations (GRU: r, z, n), by time
  const hhN = gru ? alloc(T * B * H) : null; // GRU: W_hn h + b_hn, which r multiplies
  const cs = lstm ? alloc(T * B * H) : null, cPrev = lstm ? alloc(T * B * H) : null;
  const hp = alloc(B * GH);
  let h = h0.data, c = c0 ? c0.data : null;
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s, o = t * B * H, og = t * B * GH;
    hPrev.set(h, o);
    if (bHh) for (let b = 0; b < B; b++) hp.set(bHh.data, b * GH);
    else hp.fill(0);
    mmNT(h, 0, Whh, 0, hp, 0, B, H, GH);
    for (let b = 0; b < B; b++)
      for (let j = 0; j < H; j++) {
        const gi = og + b * GH + j, hi = b * GH + j, k = o + b * H + j;
        if (mode === "tanh" || mode === "relu") {
          const a = xp[gi] + hp[hi];
          out[k] = act[gi] = mode === "tanh" ? Math.tanh(a) : a > 0 ? a : 0;
        } else if (lstm) {
          const i = sigmoid(xp[gi] + hp[hi]), f = sigmoid(xp[gi + H] + hp[hi + H]);
          const g = Math.tanh(xp[gi + 2 * H] + hp[hi + 2 * H]), oGate = sigmoid(xp[gi + 3 * H] + hp[hi + 3 * H]);
          act[gi] = i; act[gi + H] = f; act[gi + 2 * H] = g; act[gi + 3 * H] = oGate;
          const cp = c![b * H + j], cn = f * cp + i * g;
          cPrev![k] = cp;
          cs![k] = cn;
          out[k] = oGate * Math.tanh(cn);
        } else {
          const r = sigmoid(xp[gi] + hp[hi]), z = sigmoid(xp[gi + H] + hp[hi + H]);
          const n = Math.tanh(xp[gi + 2 * H] + r * hp[hi + 2 * H]);
          act[gi] = r; act[gi + H] = z; act[gi + 2 * H] = n; hhN![k] = hp[hi + 2 * H];
          out[k] = (1 - z) * n + z * h[b * H + j];
        }
      }
    h = out.subarray(o, o + B * H);
    if (lstm) c = cs!.subarray(o, o + B * H);
  }
  if (lstm) out.set(c!, T * B * H);
  const inputs = [x, h0, ...(c0 ? [c0] : []), wIh, wHh, ...(bIh ? [bIh] : []), ...(bHh ? [bHh] : [])];
  return record(NAMES[mode], out, [lstm ? T + 1 : T, B, H], inputs, (grad) => {
    // dXP: the gradient of W_ih x_t + b_ih; dHP of W_hh h + b_hh (the same but for the GRU's n gate).
    const dXP = alloc(T * B * GH), dHP = gru ? alloc(T * B * GH) : dXP;
    let dh = alloc(B * H), dc = lstm ? grad.slice(T * B * H) : null;
    for (let s = T - 1; s >= 0; s--) {
      const t = reverse ? T - 1 - s : s, o = t * B * H, og = t * B * GH;
      const next = alloc(B * H);
      for (let b = 0; b < B; b++)
        for (let j = 0; j < H; j++) {
          const gi = og + b * GH + j, k = o + b * H + j, d = grad[k] + dh[b * H + j];
          if (mode === "tanh") dXP[gi] = d * (1 - act[gi] * act[gi]);
          else if (mode === "relu") dXP[gi] = act[gi] > 0 ? d : 0;
          else if (lstm) {
            const i = act[gi], f = act[gi + H], g = act[gi + 2 * H], oGate = act[gi + 3 * H], tc = Math.tanh(cs![k]);
            const dcell = dc![b * H + j] + d * oGate * (1 - tc * tc);
            dXP[gi] = dcell * g * i * (1 - i);
            dXP[gi + H] = dcell * cPrev![k] * f * (1 - f);
            dXP[gi + 2 * H] = dcell * i * (1 - g * g);
            dXP[gi + 3 * H] = d * tc * oGate * (1 - oGate);
            dc![b * H + j] = dcell * f;
          } else {
            const r = act[gi], z = act[gi + H], n = act[gi + 2 * H];
            const dnPre = d * (1 - z) * (1 - n * n), drPre = dnPre * hhN![k] * r * (1 - r);
            const dzPre = d * (hPrev[k] - n) * z * (1 - z);
            dXP[gi] = dHP[gi] = drPre;
            dXP[gi + H] = dHP[gi + H] = dzPre;
            dXP[gi + 2 * H] = dnPre;
            dHP[gi + 2 * H] = dnPre * r;
            next[b * H + j] = d * z; // h_{t-1} also reaches h_t directly, through z
          }
        }
      mmNN(dHP, og, Whh, 0, next, 0, B, GH, H); // dh_{t-1} += dHP_t · W_hh
      dh = next;
    }
    const gx = x.requiresGrad ? alloc(X.length) : null;
    if (gx) mmNN(dXP, 0, Wih, 0, gx, 0, T * B, GH, I);
    const gwIh = wIh.requiresGrad ? alloc(Wih.length) : null;
    if (gwIh) mmTN(dXP, 0, X, 0, gwIh, 0, GH, T * B, I);
    const gwHh = wHh.requiresGrad ? alloc(Whh.length) : null;
    if (gwHh) mmTN(dHP, 0, hPrev, 0, gwHh, 0, GH, T * B, H);
    const grads: (Float32Array | null)[] = [gx, dh, ...(c0 ? [dc] : []), gwIh, gwHh];
    if (bIh) grads.push(bIh.requiresGrad ? columnSums(dXP, T * B, GH) : null);
    if (bHh) grads.push(bHh.requiresGrad ? columnSums(dHP, T * B, GH) : null);
    return grads;
  });
}
