import { test } from "node:test";
import assert from "node:assert/strict";
import { F, nn, optim, manualSeed, randint, randn, tensor, Tensor } from "../../../src/engine/index";
import { assertTensor, fixture, fromEnc, type Enc } from "./helpers";

interface MhaCase {
  name: string;
  embedDim: number;
  numHeads: number;
  options: Record<string, unknown>;
  forward: { needWeights: boolean; averageAttnWeights: boolean };
  keys: string[];
  state: Record<string, Enc>;
  query: Enc;
  key: Enc;
  value: Enc;
  attnMask: Enc | null;
  keyPaddingMask: Enc | null;
  out: Enc;
  weights: Enc | null;
  upstream: Enc;
  weightsUpstream: Enc | null;
  grads: Record<string, Enc>;
}

interface SdpaCase {
  name: string;
  query: Enc;
  key: Enc;
  value: Enc;
  isCausal: boolean;
  attnMask: Enc | null;
  out: Enc;
  upstream: Enc;
  grads: Enc[];
}

const RTOL = 1e-5, ATOL = 1e-6;

test("nn.MultiheadAttention with PyTorch's state dict gives PyTorch's output, weights and every gradient", async (t) => {
  for (const c of fixture<MhaCase[]>("attention")) {
    await t.test(c.name, () => {
      const mha = nn.MultiheadAttention(c.embedDim, c.numHeads, c.options).eval();
      assert.deepEqual(Object.keys(mha.stateDict()), c.keys, "state dict keys in PyTorch's order");
      mha.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([key, e]) => [key, fromEnc(e)])));
      const q = fromEnc(c.query, true), k = fromEnc(c.key, true), v = fromEnc(c.value, true);
      const [out, w] = mha(q, k, v, {
        ...c.forward,
        attnMask: c.attnMask && fromEnc(c.attnMask),
        keyPaddingMask: c.keyPaddingMask && fromEnc(c.keyPaddingMask),
      });
      assertTensor(out, c.out, RTOL, ATOL, "output");
      if (c.weights) assertTensor(w, c.weights, RTOL, ATOL, "weights");
      else assert.equal(w, null);
      let loss = out.mul(fromEnc(c.upstream)).sum();
      if (w && c.weightsUpstream) loss = loss.add(w.mul(fromEnc(c.weightsUpstream)).sum());
      loss.backward();
      assertTensor(q.grad, c.grads.query, RTOL, ATOL, "query gradient");
      assertTensor(k.grad, c.grads.key, RTOL, ATOL, "key gradient");
      assertTensor(v.grad, c.grads.value, RTOL, ATOL, "value gradient");
      // The layer has no buffers, so its parameters come in the order of its state dict keys.
      mha.parameters().forEach((p, i) => assertTensor(p.grad, c.grads[c.keys[i]], RTOL, ATOL, `gradient of ${c.keys[i]}`));
    });
  }
});

test("F.scaledDotProductAttention is softmax(q kᵀ/√d + mask) v, with PyTorch's values and gradients", async (t) => {
  for (const c of fixture<SdpaCase[]>("attention_sdpa")) {
    await t.test(c.name, () => {
      const q = fromEnc(c.query, true), k = fromEnc(c.key, true), v = fromEnc(c.value, true);
      const out = F.scaledDotProductAttention(q, k, v, { isCausal: c.isCausal, attnMask: c.attnMask && fromEnc(c.attnMask) });
      assertTensor(out, c.out, RTOL, ATOL, "output");
      out.mul(fromEnc(c.upstream)).sum().backward();
      [q, k, v].forEach((x, i) => assertTensor(x.grad, c.grads[i], RTOL, ATOL, `gradient of input ${i}`));
    });
  }
});

test("MultiheadAttention starts as PyTorch's: xavier projections, zero biases, outProj as a Linear", () => {
  manualSeed(3);
  const mha = nn.MultiheadAttention(8, 2);
  const bound = Math.sqrt(6 / (8 + 24));
  assert.deepEqual(mha.inProjWeight!.shape, [24, 8]);
  assert.ok(mha.inProjWeight!.data.every((x) => Math.abs(x) <= bound));
  assert.ok(Math.max(...mha.inProjWeight!.data.map(Math.abs)) > bound * 0.8, "spread over the whole xavier range");
  assert.ok(mha.inProjBias!.data.every((x) => x === 0));
  assert.ok(mha.outProj.bias!.data.every((x) => x === 0));
  assert.ok(mha.outProj.weight.data.every((x) => Math.abs(x) <= 1 / Math.sqrt(8)));
  const cross = nn.MultiheadAttention(6, 3, { kdim: 4, vdim: 2, bias: false });
  assert.equal(cross.inProjWeight, null);
  assert.deepEqual([cross.qProjWeight!.shape, cross.kProjWeight!.shape, cross.vProjWeight!.shape], [[6, 6], [6, 4], [6, 2]]);
  assert.deepEqual(Object.keys(cross.stateDict()), ["q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"]);
  assert.equal(mha.numParameters(), 24 * 8 + 24 + 64 + 8);
  assert.equal(mha.describe().kind, "MultiheadAttention");
  assert.equal(mha.describe().features, undefined);
  assert.match(mha.describe().equation!, /\\mathrm{softmax}/);
  assert.equal(cross.extraRepr(), "embedDim=6, numHeads=3, bias=false, kdim=4, vdim=2");
});

test("isCausal is the causal mask, and a 0/−Infinity float mask is the same as the 0/1 bool mask", () => {
  manualSeed(4);
  const mha = nn.MultiheadAttention(4, 2, { batchFirst: true }).eval(), x = randn(2, 3, 4);
  const bool = tensor([[0, 1, 1], [0, 0, 1], [0, 0, 0]]);
  const float = tensor([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
  const [a, wa] = mha(x, x, x, { isCausal: true });
  const [b] = mha(x, x, x, { attnMask: bool });
  const [c] = mha(x, x, x, { attnMask: float });
  assert.deepEqual(Array.from(a.data), Array.from(b.data));
  assert.deepEqual(Array.from(a.data), Array.from(c.data));
  assert.equal(wa!.get(0, 0, 1), 0, "the first query sees only the first key");
  assert.deepEqual(F.scaledDotProductAttention(x, x, x, { isCausal: true }).toArray(), F.scaledDotProductAttention(x, x, x, { attnMask: tensor([[1, 0, 0], [1, 1, 0], [1, 1, 1]]) }).toArray());
});

test("dropout on the attention weights only while training", () => {
  manualSeed(5);
  const mha = nn.MultiheadAttention(4, 1, { dropout: 0.5 }), x = randn(5, 2, 4);
  const [, w] = mha(x, x, x, { averageAttnWeights: false });
  assert.ok(w!.data.some((p) => p === 0), "some weights dropped");
  assert.ok(w!.data.some((p) => p > 0.2 && p <= 2), "the rest scaled by 1/(1 − p)");
  mha.eval();
  const [, we] = mha(x, x, x);
  assert.ok(we!.sum(-1).data.every((s) => Math.abs(s - 1) < 1e-5), "eval: each row sums to 1");
});

test("MultiheadAttention says what does not fit and how to fix it", () => {
  const mha = nn.MultiheadAttention(8, 2);
  assert.throws(() => nn.MultiheadAttention(8, 3), /MultiheadAttention: embedDim 8 must be divisible by numHeads 3 .*try numHeads 1, 2, 4, 8/);
  assert.throws(() => nn.MultiheadAttention(0, 1), /MultiheadAttention: embedDim must be a whole number ≥ 1, not 0/);
  assert.throws(() => nn.MultiheadAttention(8, 2, { batch_first: true } as never), /MultiheadAttention: unknown option "batch_first"; did you mean "batchFirst"\?/);
  assert.throws(() => nn.MultiheadAttention(8, 2, { addBiasKv: true } as never), /unknown option "addBiasKv"/);
  assert.throws(() => nn.MultiheadAttention(8, 2, { dropout: 1.5 }), /MultiheadAttention: dropout must be a number from 0 to 1, not 1.5/);
  assert.throws(() => mha(randn(4, 5), randn(4, 5), randn(4, 5)), /MultiheadAttention: expected query \[L, N, 8\] \(or unbatched \[L, 8\]\), got \[4,5\] — its last dim must be 8 \(embedDim\)/);
  assert.throws(() => mha(randn(4, 2, 8), randn(4, 8), randn(4, 8)), /expected key \[S, N, 8\] .*got \[4,8\] — the query is batched \(3 dims\), so the key must be too/);
  assert.throws(() => mha(randn(2, 4, 2, 8), randn(4, 2, 8), randn(4, 2, 8)), /expected query \[L, N, 8\] \(or unbatched \[L, 8\]\), got \[2,4,2,8\] — give it 3 dims \(batched\) or 2 \(unbatched\); for \[N, L, E\] make the layer with \{ batchFirst: true \}/);
  assert.throws(() => mha(randn(4, 2, 8), randn(3, 2, 8), randn(4, 2, 8)), /must share the batch size N, and key and value the length S/);
  const x = randn(4, 2, 8);
  assert.throws(() => mha(x, x, x, { attnMask: randn(4, 5) }), /MultiheadAttention: attnMask must be \[L, S\] = \[4, 4\] or \[N·numHeads, L, S\] = \[4, 4, 4\], got \[4,5\]/);
  assert.throws(() => mha(x, x, x, { keyPaddingMask: tensor([0, 0, 0, 1]) }), /keyPaddingMask must be \[N, S\] = \[2, 4\], got \[4\]/);
  assert.throws(() => mha(x, x, x, { attnMask: [[0, 1]] as never }), /attnMask must be a tensor, not a list/);
  assert.throws(() => mha(x, x, x, { need_weights: false } as never), /MultiheadAttention.forward: unknown option "need_weights"; did you mean "needWeights"\?/);
  assert.throws(() => mha(x, x, x, { isCausal: true, attnMask: tensor([[0]]) }), /give attnMask or isCausal, not both/);
  const padding = tensor([[0, 0, 0, 0], [1, 1, 1, 1]]);
  assert.throws(() => mha(x, x, x, { keyPaddingMask: padding }), /MultiheadAttention: every key is masked for query 0 of batch 1 \(head 0\), which would give NaN \(as in PyTorch\); leave at least one key unmasked/);
  assert.throws(() => F.scaledDotProductAttention(randn(3, 4), randn(5, 3), randn(5, 4)), /F.scaledDotProductAttention: expected query \[..., L, E\], key \[..., S, E\] and value \[..., S, Ev\], got \[3,4\], \[5,3\] and \[5,4\]/);
  assert.throws(() => F.scaledDotProductAttention(randn(3, 4), randn(5, 4), randn(5, 4), { attnMask: tensor([[0, 0, 0, 0, 0]]) }), /every key is masked for query 0/);
  assert.throws(() => F.scaledDotProductAttention(randn(3, 4), randn(5, 4), randn(5, 4), { dropout: 0.1 } as never), /unknown option "dropout"; did you mean "dropoutP"\?/);
});

test("toJSON → nn.load rebuilds the layer with the same outputs, inside a model too", () => {
  manualSeed(6);
  const mha = nn.MultiheadAttention(6, 3, { kdim: 4, vdim: 2, batchFirst: true, dropout: 0.1 }).eval();
  const q = randn(2, 3, 6), k = randn(2, 5, 4), v = randn(2, 5, 2);
  const copy = nn.load(JSON.stringify(mha)) as nn.MultiheadAttention;
  assert.ok(copy instanceof nn.MultiheadAttention);
  copy.eval();
  assert.deepEqual(copy.describe().config, mha.describe().config);
  const [a, wa] = mha(q, k, v), [b, wb] = copy(q, k, v);
  assert.deepEqual(Array.from(b.data), Array.from(a.data));
  assert.deepEqual(Array.from(wb!.data), Array.from(wa!.data));
  const list = nn.ModuleList([nn.MultiheadAttention(4, 2)]);
  const back = nn.load(JSON.stringify(list)) as nn.ModuleList;
  assert.deepEqual(Object.keys(back.stateDict()), ["0.in_proj_weight", "0.in_proj_bias", "0.out_proj.weight", "0.out_proj.bias"]);
  assert.deepEqual(Array.from(back.stateDict()["0.in_proj_weight"].data), Array.from(list.stateDict()["0.in_proj_weight"].data));
});

test("a one-layer attention model learns to pick out the largest token of a sequence", () => {
  // Tokens 0..5 in sequences of 5; the target at every position is the sequence's largest token.
  manualSeed(7);
  const vocab = 6, len = 5, n = 64, e = 16;
  const tokens = Array.from(randint(0, vocab, [n * len]).data);
  const targets = tokens.map((_, i) => Math.max(...tokens.slice(Math.floor(i / len) * len, Math.floor(i / len) * len + len)));
  class Net extends nn.Module {
    embed = nn.Embedding(vocab, e);
    attn = nn.MultiheadAttention(e, 2, { batchFirst: true });
    head = nn.Linear(e, vocab);
    forward(idx: Tensor): Tensor {
      const x = this.embed(idx);
      const [h] = this.attn(x, x, x, { needWeights: false });
      return this.head(h.add(x));
    }
  }
  const net = new Net(), opt = optim.Adam(net.parameters(), { lr: 0.03 });
  const idx = new Tensor(Float32Array.from(tokens), [n, len]), y = new Tensor(Float32Array.from(targets), [n * len]);
  const lossAt = () => F.crossEntropy(net(idx).reshape(n * len, vocab), y);
  const start = lossAt().item();
  let last = start;
  for (let step = 0; step < 150; step++) {
    const loss = lossAt();
    opt.zeroGrad();
    loss.backward();
    opt.step();
    last = loss.item();
  }
  assert.ok(last < start * 0.2, `loss fell from ${start.toFixed(3)} to ${last.toFixed(3)}`);
});

test("unbatched inputs take unbatched masks, and the state dict of a model has PyTorch's nested keys", () => {
  manualSeed(8);
  const mha = nn.MultiheadAttention(4, 2).eval(), x = randn(3, 4);
  const [out, w] = mha(x, x, x, { keyPaddingMask: tensor([0, 0, 1]), attnMask: tensor([[0, 1, 0], [0, 0, 0], [0, 0, 0]]) });
  assert.deepEqual([out.shape, w!.shape], [[3, 4], [3, 3]]);
  assert.deepEqual([w!.get(0, 1), w!.get(0, 2), w!.get(1, 2)], [0, 0, 0]);
  const [batched, wb] = mha(x.unsqueeze(1), x.unsqueeze(1), x.unsqueeze(1), { keyPaddingMask: tensor([[0, 0, 1]]), attnMask: tensor([[0, 1, 0], [0, 0, 0], [0, 0, 0]]) });
  assert.deepEqual(Array.from(batched.squeeze(1).data), Array.from(out.data));
  assert.deepEqual(Array.from(wb!.squeeze(0).data), Array.from(w!.data));
  class Block extends nn.Module {
    selfAttn = nn.MultiheadAttention(4, 2);
    forward(h: Tensor): Tensor {
      return this.selfAttn(h, h, h)[0];
    }
  }
  assert.deepEqual(Object.keys(new Block().stateDict()), ["self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias"]);
});
