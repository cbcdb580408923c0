import { test } from "node:test";
import assert from "node:assert/strict";
import { F, randn, tensor } from "../../../src/engine/index";
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
