import { test } from "node:test";
import assert from "node:assert/strict";
import { F, nn, optim, data, noGrad, manualSeed, randn, tensor, Tensor } from "../../../src/engine/index";
import { assertClose, fixture, fromEnc, type Enc } from "./helpers";

interface ConvCase {
  fn: "conv2d" | "maxPool2d";
  options: Record<string, unknown>;
  inputs: (Enc | null)[];
  out: Enc;
  upstream: Enc;
  grads: (Enc | null)[];
}

test("F.conv2d and F.maxPool2d match PyTorch: stride, padding, dilation, groups, ceil mode; value and gradients", async (t) => {
  for (const c of fixture<ConvCase[]>("conv")) {
    await t.test(`${c.fn} ${JSON.stringify(c.options)}`, () => {
      const ins = c.inputs.map((e) => (e ? fromEnc(e, true) : null));
      const out =
        c.fn === "conv2d"
          ? F.conv2d(ins[0]!, ins[1]!, ins[2], c.options)
          : (() => {
              const { kernelSize, ...rest } = c.options as { kernelSize: number | [number, number] };
              return F.maxPool2d(ins[0]!, kernelSize, rest);
            })();
      assert.deepEqual(out.shape, c.out.shape);
      assertClose(out.data, fromEnc(c.out).data, 1e-5, 1e-5, "output");
      out.mul(fromEnc(c.upstream)).sum().backward();
      ins.forEach((x, i) => x && assertClose(x.grad!.data, fromEnc(c.grads[i]!).data, 1e-5, 1e-5, `gradient of input ${i}`));
    });
  }
});

test("convolution and pooling say what does not fit", () => {
  const x = randn(1, 3, 5, 5);
  assert.throws(() => F.conv2d(x, randn(2, 4, 3, 3)), /conv2d: input \[1,3,5,5\] has 3 channels, but weight \[2,4,3,3\] expects 4/);
  assert.throws(() => F.conv2d(randn(3, 5, 5), randn(2, 3, 3, 3)), /conv2d: input must be \[batch, channels, height, width\], got \[3,5,5\]/);
  assert.throws(() => F.conv2d(x, randn(2, 3, 7, 7)), /conv2d: the kernel 7×7 \(dilation 1×1\) does not fit the padded input 5×5/);
  assert.throws(() => F.conv2d(x, randn(2, 3, 3, 3), null, { padding: "same" as never }), /F\.conv2d: padding must be a whole number ≥ 0 or a pair \[h, w\] of them, not "same"/);
  assert.throws(() => F.conv2d(x, randn(2, 3, 3, 3), null, { strides: 2 } as never), /F\.conv2d: unknown option "strides"; did you mean "stride"\?/);
  assert.throws(() => F.conv2d(x, randn(4, 3, 3, 3), null, { groups: 2 }), /conv2d: groups 2 must divide the input channels 3 and the output channels 4/);
  assert.throws(() => F.maxPool2d(x, 2, { padding: 2 }), /maxPool2d: padding must be at most half the kernel size/);
  assert.throws(() => F.maxPool2d(x, 2, { return_indices: true } as never), /F\.maxPool2d: unknown option "return_indices"/);
  // A NaN in a window is its maximum, as in PyTorch.
  const pooled = F.maxPool2d(tensor([[[[1, NaN], [3, 4]]]]), 2);
  assert.ok(Number.isNaN(pooled.item()));
});

interface CnnFixture {
  state: Record<string, Enc>;
  x: Enc;
  out: Enc;
  upstream: Enc;
  grads: Record<string, Enc>;
}

test("nn.Conv2d and nn.MaxPool2d: a CNN with PyTorch's state dict gives PyTorch's output and parameter gradients", () => {
  const f = fixture<CnnFixture>("cnn");
  const net = nn.Sequential(nn.Conv2d(1, 4, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 6, [2, 3], { stride: [1, 2], bias: false }), nn.Flatten(), nn.Linear(18, 3));
  // The fixture's keys are stored sorted; PyTorch's order is each layer's weight, then its bias.
  assert.deepEqual(Object.keys(net.stateDict()).sort(), Object.keys(f.state).sort());
  assert.deepEqual(Object.keys(net.stateDict()), ["0.weight", "0.bias", "3.weight", "5.weight", "5.bias"]);
  net.loadStateDict(f.state as never);
  const out = net(fromEnc(f.x));
  assertClose(out.data, fromEnc(f.out).data, 1e-5, 1e-6, "output");
  out.mul(fromEnc(f.upstream)).sum().backward();
  for (const [name, p] of net.namedParameters()) assertClose(p.grad!.data, fromEnc(f.grads[name]).data, 1e-5, 1e-6, `${name} gradient`);
  assert.equal(String(net[0]), "Conv2d(1, 4, kernelSize=[3,3], padding=[1,1])");
  assert.equal(String((nn.load(JSON.stringify(net)) as nn.Sequential)[3]), "Conv2d(4, 6, kernelSize=[2,3], stride=[1,2], bias=false)");
});

test("Conv2d starts as PyTorch's and says what input it expects", () => {
  const conv = nn.Conv2d(2, 3, 3);
  assert.deepEqual(conv.weight.shape, [3, 2, 3, 3]);
  const bound = 1 / Math.sqrt(18);
  assert.ok([...conv.weight.data, ...conv.bias!.data].every((v) => Math.abs(v) <= bound));
  assert.equal(conv.numParameters(), 57);
  assert.throws(() => nn.Conv2d(1, 8, 3)(randn(64, 64)), /^ShapeError: Conv2d: expected input \[N, 1, H, W\], got \[64,64\] — reshape it, e\.g\. x\.reshape\(-1, 1, 8, 8\)$/);
  assert.throws(() => nn.Conv2d(3, 8, 3)(randn(4, 10)), /got \[4,10\] — reshape it, e\.g\. x\.reshape\(-1, 3, H, W\)$/);
  assert.throws(() => nn.Conv2d(1, 8, 3, { padding_mode: "zeros" } as never), /Conv2d: unknown option "padding_mode"; the options are stride, padding, dilation, groups, bias/);
  assert.throws(() => nn.Conv2d(0, 8, 3), /Conv2d: inChannels must be a whole number ≥ 1, not 0/);
  assert.throws(() => nn.MaxPool2d(2)(randn(4, 4)), /MaxPool2d: expected input \[N, C, H, W\] or \[C, H, W\], got \[4,4\]/);
});

test("a small CNN learns the digits: over 97% of the test digits after 5 epochs", async () => {
  manualSeed(0);
  const [trainSet, testSet] = data.digits().normalize().split(0.8, { seed: 1 });
  const toImages = (x: Tensor) => x.reshape(-1, 1, 8, 8);
  const net = nn.Sequential(nn.Conv2d(1, 8, 3, { padding: 1 }), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(128, 10));
  const lossFn = nn.CrossEntropyLoss();
  const opt = optim.Adam(net.parameters(), { lr: 0.01 });
  for (let epoch = 0; epoch < 5; epoch++) {
    for (const [xb, yb] of trainSet.batches(32, { shuffle: true, seed: epoch })) {
      const loss = lossFn(net(toImages(xb)), yb);
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
  }
  const predicted = noGrad(() => net(toImages(testSet.x))).argmax(1);
  const accuracy = predicted.eq(testSet.y.reshape(-1)).mean().item();
  assert.ok(accuracy >= 0.97, `test accuracy ${accuracy}`);
});

interface AvgPoolCase {
  kernelSize: number | [number, number];
  options: Record<string, unknown>;
  x: Enc;
  out: Enc;
  upstream: Enc;
  grad: Enc;
}

test("F.avgPool2d and nn.AvgPool2d match PyTorch: padding, ceil mode, countIncludePad, divisorOverride; value and gradient", async (t) => {
  for (const c of fixture<AvgPoolCase[]>("avgpool")) {
    await t.test(`kernel ${JSON.stringify(c.kernelSize)} ${JSON.stringify(c.options)}`, () => {
      for (const pool of [(x: Tensor) => F.avgPool2d(x, c.kernelSize, c.options), (x: Tensor) => nn.AvgPool2d(c.kernelSize, c.options)(x)]) {
        const x = fromEnc(c.x, true), out = pool(x);
        assert.deepEqual(out.shape, c.out.shape);
        assertClose(out.data, fromEnc(c.out).data, 1e-5, 1e-5, "output");
        out.mul(fromEnc(c.upstream)).sum().backward();
        assertClose(x.grad!.data, fromEnc(c.grad).data, 1e-5, 1e-5, "gradient");
      }
    });
  }
});

test("average pooling says what is wrong, and an AvgPool2d round-trips through JSON", () => {
  assert.throws(() => F.avgPool2d(randn(1, 1, 4, 4), 2, { count_include_pad: false } as never), /F\.avgPool2d: unknown option "count_include_pad"; did you mean "countIncludePad"\?/);
  assert.throws(() => nn.AvgPool2d(2, { divisorOverride: 0 }), /AvgPool2d: divisorOverride must be a whole number ≥ 1/);
  assert.throws(() => nn.AvgPool2d(2)(randn(4, 4)), /AvgPool2d: expected input \[N, C, H, W\] or \[C, H, W\], got \[4,4\]/);
  assert.throws(() => F.avgPool2d(randn(1, 1, 4, 4), 2, { padding: 2 }), /avgPool2d: padding must be at most half the kernel size/);
  const pool = nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false, divisorOverride: 4 });
  const back = nn.load(JSON.parse(JSON.stringify(pool)));
  const x = randn(2, 3, 5, 5);
  assertClose(back(x).data, pool(x).data);
  assert.equal(String(back), "AvgPool2d(kernelSize=[3,3], stride=[2,2], padding=[1,1], countIncludePad=false, divisorOverride=4)");
});

interface BN2dFixture {
  shape: number[];
  momentum: number;
  weight: Enc;
  bias: Enc;
  train: Record<"x" | "out" | "upstream" | "xGrad" | "weightGrad" | "biasGrad" | "runningMean" | "runningVar", Enc>[];
  evalX: Enc;
  evalOut: Enc;
  keys: string[];
}

test("nn.BatchNorm2d matches PyTorch over [N, C, H, W] in train and eval mode, with PyTorch's state dict keys", () => {
  const f = fixture<BN2dFixture>("batchnorm2d");
  const bn = nn.BatchNorm2d(f.shape[1], { momentum: f.momentum });
  bn.weight.data.set(fromEnc(f.weight).data);
  bn.bias.data.set(fromEnc(f.bias).data);
  f.train.forEach((s, i) => {
    bn.zeroGrad();
    const x = fromEnc(s.x, true), y = bn(x);
    assertClose(y.data, fromEnc(s.out).data, 1e-5, 1e-5, `step ${i} out`);
    y.mul(fromEnc(s.upstream)).sum().backward();
    assertClose(x.grad!.data, fromEnc(s.xGrad).data, 1e-5, 1e-5, `step ${i} x grad`);
    assertClose(bn.weight.grad!.data, fromEnc(s.weightGrad).data, 1e-5, 1e-5, `step ${i} weight grad`);
    assertClose(bn.bias.grad!.data, fromEnc(s.biasGrad).data, 1e-5, 1e-5, `step ${i} bias grad`);
    assertClose(bn.runningMean.data, fromEnc(s.runningMean).data, 1e-5, 1e-6, `step ${i} runningMean`);
    assertClose(bn.runningVar.data, fromEnc(s.runningVar).data, 1e-5, 1e-6, `step ${i} runningVar`);
  });
  bn.eval();
  assertClose(bn(fromEnc(f.evalX)).data, fromEnc(f.evalOut).data, 1e-5, 1e-5, "eval out");
  assert.deepEqual(Object.keys(bn.stateDict()), f.keys);
  assert.throws(() => bn(randn(2, 3, 4)), /BatchNorm2d: expected \[N, 3, H, W\], got \[2,3,4\]/);
  assert.throws(() => nn.BatchNorm2d(3, { momentun: 0.1 } as never), /BatchNorm2d: unknown option "momentun"; did you mean "momentum"\?/);
  assert.throws(() => nn.BatchNorm2d(3, { eps: -1 }), /BatchNorm2d: eps must be/);
  const back = nn.load(JSON.parse(JSON.stringify(bn))).eval() as typeof bn; // the running statistics come back
  const x = randn(2, 3, 4, 4);
  assertClose(back(x).data, bn(x).data);
});

test("2×2 max pooling takes the first largest value of each window, a NaN first of all, and sends the gradient there", () => {
  const special = [NaN, -Infinity, Infinity, 0, -0, 1, 1, -1];
  const h = 6, w = 8, planes = 5, n = planes * h * w;
  const values = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? special[(i / 7) % special.length] : Math.round(Math.sin(i * 1.7) * 3)));
  const x = tensor(values, { requiresGrad: true }).reshape(1, planes, h, w);
  x.retainGrad();
  const y = F.maxPool2d(x, 2);
  const g = Array.from({ length: planes * 12 }, (_, i) => i + 1);
  y.backward(tensor(g).reshape(1, planes, 3, 4));
  const wantGrad = new Array<number>(n).fill(0);
  for (let p = 0, o = 0; p < planes; p++)
    for (let oy = 0; oy < 3; oy++)
      for (let ox = 0; ox < 4; ox++, o++) {
        let best = -Infinity, at = -1;
        for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
          const i = (p * h + 2 * oy + dy) * w + 2 * ox + dx, v = Math.fround(values[i]);
          if (at < 0 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) [best, at] = [v, i];
        }
        assert.ok(Object.is(y.data[o], best), `window ${o}: ${y.data[o]}, want ${best}`);
        wantGrad[at] += g[o];
      }
  assert.deepEqual(Array.from(x.grad!.data), wantGrad);
});
